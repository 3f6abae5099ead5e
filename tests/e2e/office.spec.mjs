// Word and Excel files (issue 13): `Tải bản Word (.docx)` from the editor
// and the print view, `Tải Excel (.xlsx)` of the appendix and of the
// aggregation. The writers are a second wasm module that the editor's start
// never loads: it is compiled on the first click only. The files are read
// back with python-docx and openpyxl (the venv tools/setup.sh makes), and
// the Word file is turned into a PDF by LibreOffice to count its pages.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import {
  test, expect, openApp, loadSample, twoUnitsExported, waitSaved, storedKeys, readOffice,
} from './app.mjs';
import { pdfPages, firstLine, printToPdf } from './pdf.mjs';
import { PRINTED_SAMPLE } from './printed-sample.mjs';

const SAMPLE_DOCX = 'bao-cao-cchc-2025-quy-I-phuong-truong-quang-trong.docx';
const SAMPLE_XLSX = 'bao-cao-cchc-2025-quy-I-phuong-truong-quang-trong-phu-luc.xlsx';

/// The Word file as LibreOffice prints it: the text of each page. A profile
/// of its own, so that other LibreOffice runs on the machine do not collide.
function docxPages(path) {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-soffice-'));
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, path],
    { stdio: 'ignore', timeout: 180_000 });
  return pdfPages(join(dir, basename(path).replace(/\.docx$/, '.pdf')));
}

/// Clicks `button` and saves the file it downloads under its own name.
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), button.click()]);
  const path = join(mkdtempSync(join(tmpdir(), 'cchc-office-')), file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), path };
}

const wordButton = (page) => page.getByRole('button', { name: 'Tải bản Word (.docx)' });
const excelButton = (page) => page.getByRole('button', { name: 'Tải Excel (.xlsx)' });

/// Before the app's scripts: counts WebAssembly compilations, and records
/// every text the line about the Office files shows.
function watchWasm() {
  window.__wasmCompiles = 0;
  for (const name of ['compile', 'compileStreaming', 'instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    WebAssembly[name] = (...args) => {
      window.__wasmCompiles++;
      return original.apply(WebAssembly, args);
    };
  }
  window.__officeStatus = [];
  new MutationObserver(() => {
    const line = document.querySelector('#office-status p');
    if (line && line.textContent !== window.__officeStatus.at(-1)) window.__officeStatus.push(line.textContent);
  }).observe(document, { childList: true, subtree: true, characterData: true });
}
const compiles = (page) => page.evaluate(() => window.__wasmCompiles);

/// `1.686` → 1686, `99,52` → 99.52: a number as the page prints it; else undefined.
function printedNumber(text) {
  const plain = text.trim().replace(/%$/, '');
  if (!/^-?\d{1,3}(\.\d{3})*(,\d+)?$/.test(plain)) return undefined;
  return Number(plain.replaceAll('.', '').replace(',', '.'));
}

/// Checks that an Excel cell holds what the page shows as `text`: a number
/// as a numeric cell (a percentage as its fraction with a % format), any
/// other text as that text, nothing as an empty cell.
function expectCell(cell, text, where) {
  const number = printedNumber(text);
  if (text.trim() === '') {
    expect(cell?.value ?? null, where).toBeNull();
  } else if (number !== undefined) {
    expect(cell.type, where).toBe('n');
    const value = cell.format.includes('%') ? cell.value * 100 : cell.value;
    expect(Math.abs(value - number), `${where}: ${cell.value} (${cell.format}) for ${text}`).toBeLessThan(0.005);
  } else {
    expect(cell.value, where).toBe(text);
  }
}

test('the editor starts without the office module; the first Word file compiles it, once', async ({ page, appUrl }) => {
  const officeRequests = [];
  page.on('request', (request) => {
    if (request.url().includes('/office/')) officeRequests.push(request.url());
  });
  await page.addInitScript(watchWasm);
  await openApp(page, appUrl);
  await loadSample(page);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => typeof window.cchcOffice)).toBe('function');
  expect(await compiles(page)).toBe(1);
  expect(officeRequests).toEqual([]);

  const word = await download(page, wordButton(page));
  expect(word.name).toBe(SAMPLE_DOCX);
  expect(readFileSync(word.path).subarray(0, 2).toString()).toBe('PK');
  await expect(page.locator('#office-status')).toContainText(`Đã tạo tệp «${SAMPLE_DOCX}»`);
  expect(await page.evaluate(() => window.__officeStatus)).toContain('Đang chuẩn bị tệp Word…');
  expect(await compiles(page)).toBe(2);
  if (appUrl.startsWith('http')) {
    expect(officeRequests.filter((url) => /\/office\/office-[0-9a-f]+\.js$/.test(url))).toHaveLength(1);
    expect(officeRequests.filter((url) => /\/office\/office-[0-9a-f]+_bg\.wasm$/.test(url))).toHaveLength(1);
  } else {
    expect(officeRequests).toEqual([]);
  }

  // The next file uses the module already compiled.
  const excel = await download(page, excelButton(page));
  expect(excel.name).toBe(SAMPLE_XLSX);
  expect(await compiles(page)).toBe(2);
});

test('the sample as a Word file: the official texts, no number on page 1, 2 atop page 2, the pages of the print', async ({ page, appUrl }) => {
  test.setTimeout(240_000);
  await openApp(page, appUrl);
  await loadSample(page);
  const word = await download(page, wordButton(page));
  expect(word.name).toBe(SAMPLE_DOCX);
  const { text } = readOffice(word.path);
  const all = text.normalize('NFC');
  for (const expected of PRINTED_SAMPLE) {
    expect(all, expected).toContain(expected);
  }

  const pages = docxPages(word.path);
  expect(pages.join('\n')).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  expect(firstLine(pages[0])).not.toMatch(/^\d+$/);
  expect(firstLine(pages[1])).toBe('2');
  expect(pages.join('\n')).toContain('THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN');

  // From the print view: the same document, and about as many pages as
  // the browser prints.
  await page.getByRole('button', { name: 'Xem bản in' }).click();
  await expect(page.locator('#ban-in-tai-lieu .document')).toBeVisible();
  const printed = pdfPages(await printToPdf(page));
  const fromPrintView = await download(page, page.locator('#ban-in').getByRole('button', { name: 'Tải bản Word (.docx)' }));
  expect(fromPrintView.name).toBe(SAMPLE_DOCX);
  expect(readOffice(fromPrintView.path).text).toBe(text);
  await expect(page.locator('#office-status')).toContainText('Đã tạo tệp');
  expect(Math.abs(pages.length - printed.length), `Word ${pages.length} pages, print ${printed.length}`).toBeLessThanOrEqual(1);
});

test('the appendix as an Excel file: every value is the print\'s, numbers as numeric cells', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await loadSample(page);
  const excel = await download(page, excelButton(page));
  expect(excel.name).toBe(SAMPLE_XLSX);
  const { sheets } = readOffice(excel.path);
  expect(sheets.map((sheet) => sheet.name)).toEqual(['Phụ lục']);
  const [header, ...rows] = sheets[0].rows;
  expect(header.map((cell) => cell.value)).toEqual(['Mã', 'STT', 'Chỉ tiêu', 'Đơn vị tính', 'Số liệu', 'Ghi chú']);
  const byCode = new Map(rows.map((row) => [row[0].value, row]));

  await page.getByRole('button', { name: 'Xem bản in' }).click();
  const printedRows = page.locator('#ban-in-tai-lieu .appendix-table tr[data-code]');
  await expect(printedRows.first()).toBeVisible();
  const printed = await printedRows.evaluateAll((trs) => trs.map((tr) => ({
    code: tr.dataset.code, value: tr.querySelector('td.value').textContent,
  })));
  expect(printed.length).toBeGreaterThan(50);
  expect(rows).toHaveLength(printed.length);
  let numbers = 0;
  for (const { code, value } of printed) {
    const row = byCode.get(code);
    expect(row, `row ${code}`).toBeDefined();
    expect(row[0].type, `code ${code} stays text`).toBe('s');
    expectCell(row[4], value, `row ${code}`);
    if (row[4]?.type === 'n') numbers++;
  }
  expect(numbers).toBeGreaterThan(30);
});


test('the aggregation as an Excel file: the totals and units of the page, and the files received', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  const [first, second] = await twoUnitsExported(page);

  await page.getByRole('button', { name: 'Tổng hợp nhiều báo cáo' }).click();
  await expect(page.locator('#tong-hop').getByRole('button', { name: 'Tải Excel (.xlsx)' })).toBeDisabled();
  await page.setInputFiles('#aggregate-files', [first, second]);
  await expect(page.locator('#aggregate-heading')).toContainText('2 đơn vị');
  const excel = await download(page, page.locator('#tong-hop').getByRole('button', { name: 'Tải Excel (.xlsx)' }));
  expect(excel.name).toBe('tong-hop-cchc-2025-quy-I.xlsx');
  await expect(page.locator('#office-status')).toContainText('Đã tạo tệp');

  const { sheets } = readOffice(excel.path);
  expect(sheets.map((sheet) => sheet.name)).toEqual(['Tổng hợp', 'Tệp đã nhận']);
  const [header, ...rows] = sheets[0].rows;
  expect(header.map((cell) => cell.value)).toEqual([
    'Mã', 'STT', 'Chỉ tiêu', 'Đơn vị tính', 'Tổng hợp', 'Ghi chú', 'Phường Nghĩa Lộ', 'Phường Trương Quang Trọng',
  ]);
  const byCode = new Map(rows.map((row) => [row[0].value, row]));
  const shown = await page.locator('#aggregate-table tr[data-code]').evaluateAll((trs) => trs.map((tr) => ({
    code: tr.dataset.code,
    cells: [...tr.querySelectorAll('td')].map((td) => td.textContent),
  })));
  expect(shown.length).toBeGreaterThan(50);
  expect(rows).toHaveLength(shown.length);
  for (const { code, cells } of shown) {
    const row = byCode.get(code);
    expect(row, `row ${code}`).toBeDefined();
    // The page: Stt, label, unit, total, note, then the units.
    expectCell(row[4], cells[3], `total of ${code}`);
    expectCell(row[5], cells[4], `note of ${code}`);
    expectCell(row[6], cells[5], `Nghĩa Lộ, ${code}`);
    expectCell(row[7], cells[6], `Trương Quang Trọng, ${code}`);
  }
  expectCell(byCode.get('3.4.b')[4], '97,44', 'the recomputed ratio');

  const [filesHeader, ...received] = sheets[1].rows;
  expect(filesHeader.map((cell) => cell.value)).toEqual(['Tệp', 'Đơn vị', 'Lần xuất', 'Tình trạng']);
  expect(received.map((row) => row[1].value).sort()).toEqual(['Phường Nghĩa Lộ', 'Phường Trương Quang Trọng']);
});

test('a module that cannot load is said in Vietnamese, and the next click tries again', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await loadSample(page);
  await page.evaluate(() => {
    const real = window.cchcOffice;
    window.cchcOffice = () => {
      window.cchcOffice = real;
      return Promise.reject(new Error('thử lỗi'));
    };
  });
  await wordButton(page).click();
  const alert = page.locator('#office-status[role="alert"]');
  await expect(alert).toContainText('Không tạo được tệp Word');
  await expect(alert).toContainText('thử lỗi');
  const word = await download(page, wordButton(page));
  expect(word.name).toBe(SAMPLE_DOCX);
});

test('a bug stopping the module is said in Vietnamese, with the draft kept', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await loadSample(page);
  await waitSaved(page);
  const stored = await storedKeys(page);
  // A panic in the module's wasm ends as a trap: a WebAssembly.RuntimeError.
  await page.evaluate(() => {
    const real = window.cchcOffice;
    window.cchcOffice = async () => ({
      ...(await real()),
      docx_file() { throw new WebAssembly.RuntimeError('unreachable'); },
    });
  });
  await wordButton(page).click();
  const alert = page.locator('#office-status[role="alert"]');
  await expect(alert).toContainText('Không tạo được tệp Word: phần tạo tệp Word/Excel gặp lỗi không lường trước và đã dừng; hãy tải lại trang (bản nháp vẫn được giữ nguyên).');
  await expect(alert).not.toContainText('unreachable');
  expect(await storedKeys(page)).toEqual(stored);
  await page.reload();
  const word = await download(page, wordButton(page));
  expect(word.name).toBe(SAMPLE_DOCX);
});

test('served, the Word file is made with the network down once the app was opened', async ({ page, context, appUrl }) => {
  test.skip(!appUrl.startsWith('http'), 'the service worker runs over http(s) only');
  await openApp(page, appUrl);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await context.setOffline(true);
  try {
    await page.reload();
    await loadSample(page);
    const word = await download(page, wordButton(page));
    expect(word.name).toBe(SAMPLE_DOCX);
    expect(readFileSync(word.path).subarray(0, 2).toString()).toBe('PK');
  } finally {
    await context.setOffline(false);
  }
});
