// The printed document (Nghị định 30/2020/NĐ-CP layout): the sample printed
// with page.pdf() from the print view, from the editor, and from the
// downloaded standalone HTML, read back with pdftotext.
import { copyFileSync, readFileSync } from 'node:fs';
import {
  test, expect, field, openApp, newReport, loadSample, typeInto, waitSaved,
} from './app.mjs';
import { pdfPages, firstLine, printToPdf, savePdf } from './pdf.mjs';
import { PRINTED_SAMPLE } from './printed-sample.mjs';

const printView = (page) => page.locator('#ban-in-tai-lieu');

async function openPrintView(page) {
  await page.getByRole('button', { name: 'Xem bản in' }).click();
  await expect(printView(page).locator('.document')).toBeVisible();
  await expect(page.locator('.editor-shell')).toBeHidden();
}

/// What the issue asks of the printed sample, page by page.
function expectOfficialSample(pages) {
  const all = pages.join('\n');
  for (const expected of PRINTED_SAMPLE) {
    expect(all, expected).toContain(expected);
  }
  // Page numbers: none on page 1, then 2, 3, ... centred at the top.
  expect(firstLine(pages[0])).toMatch(/^ỦY BAN NHÂN DÂN/);
  expect(pages.length).toBeGreaterThan(3);
  pages.slice(1).forEach((text, index) => expect(firstLine(text)).toBe(String(index + 2)));
  // No app control is printed.
  for (const control of ['Quay lại soạn thảo', 'Tải bản in', 'Báo cáo mới', 'Nạp báo cáo mẫu']) {
    expect(all).not.toContain(control);
  }
  // The appendix starts a page, and every page of its table repeats the header row.
  const first = pages.findIndex((text) => text.includes('THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN'));
  expect(first).toBeGreaterThan(0);
  expect(pages[first].split('\n').map((l) => l.trim()).filter(Boolean)[1]).toBe('Phụ lục');
  const signed = pages.findIndex((text) => text.includes('Trương Thanh Thảo'));
  expect(signed).toBeGreaterThan(0);
  expect(signed).toBeLessThan(first);
  for (const text of pages.slice(first)) expect(text).toContain('Chỉ tiêu thống kê');
  expect(pages.at(-1)).toContain('7.9.');
}

test('the sample prints in the official layout from the print view', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await loadSample(page);
  await openPrintView(page);
  const pdf = await printToPdf(page);
  const pages = pdfPages(pdf);
  expectOfficialSample(pages);
  // No appendix row is split across two pages: each label is whole on one page.
  const labels = await printView(page).locator('.doc-appendix td.label').allTextContents();
  expect(labels.length).toBeGreaterThan(50);
  const drawn = pdfPages(pdf, { raw: true }).map((text) => text.replace(/\s+/g, ' '));
  expect(labels.filter((label) => !drawn.some((text) => text.includes(label.replace(/\s+/g, ' '))))).toEqual([]);

  // Ctrl+P from the editor prints the same document, not the editor.
  await page.getByRole('button', { name: 'Quay lại soạn thảo' }).click();
  await expect(field(page, 'header.unit.name')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Xem bản in' })).toBeFocused();
  const fromEditor = pdfPages(await printToPdf(page));
  expect(fromEditor).toEqual(pages);
});

test('In opens the print dialog; the standalone HTML has no script and prints the same', async ({ page, appUrl, context }) => {
  await openApp(page, appUrl);
  await loadSample(page);
  await openPrintView(page);
  await page.evaluate(() => { window.print = () => { window.printed = (window.printed ?? 0) + 1; }; });
  await page.getByRole('button', { name: 'In', exact: true }).click();
  expect(await page.evaluate(() => window.printed)).toBe(1);
  const inApp = pdfPages(await printToPdf(page));

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải bản in (HTML)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('bao-cao-cchc-2025-quy-I-phuong-truong-quang-trong-ban-in.html');
  // Saved under its own name: a file without `.html` would open as plain text.
  const path = savePdf(Buffer.alloc(0), download.suggestedFilename());
  copyFileSync(await download.path(), path);
  const html = readFileSync(path, 'utf8');
  expect(html.toLowerCase()).not.toContain('<script');
  expect(html).not.toMatch(/\son[a-z]+=/i);
  expect(html).toContain('@page');

  const standalone = await context.newPage();
  await standalone.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  await standalone.goto(`file://${path}`);
  const pages = pdfPages(await printToPdf(standalone));
  expectOfficialSample(pages);
  expect(pages).toEqual(inApp);
});

test('a missing value prints as an empty cell and typed markup prints as text', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await newReport(page);
  await typeInto(page, 'signature.name', '<b>Nguyễn</b> & <script>alert(1)</script>');
  await typeInto(page, 'figures.applications.received', '0');
  await waitSaved(page);
  await openPrintView(page);
  const view = printView(page);
  await expect(view.locator('.signer-name')).toHaveText('<b>Nguyễn</b> & <script>alert(1)</script>');
  expect(await view.locator('b, script').count()).toBe(0);
  const text = await view.innerText();
  for (const bad of ['NaN', 'undefined', 'null']) expect(text).not.toContain(bad);
  const values = await view.locator('td.value').allTextContents();
  expect(values.length).toBeGreaterThan(50);
  expect(values.every((value) => value === '')).toBe(true);
  // A typed 0 is a value and prints; what is not typed stays a blank to fill in.
  await expect(view).toContainText('là 0 hồ sơ, đã giải quyết và trả cho công dân là …/0 hồ sơ');
});

test('a deputy signing for the chair prints KT. CHỦ TỊCH and PHÓ CHỦ TỊCH under TM. ỦY BAN NHÂN DÂN', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await loadSample(page);
  // The sample was saved before the choice: its lines are free, as typed.
  const signer = page.getByRole('region', { name: 'Chữ ký và nơi nhận' }).getByLabel('Ai ký');
  await expect(signer).toHaveValue('2');
  await expect(field(page, 'signature.authority')).toHaveValue('TM. ỦY BAN NHÂN DÂN');
  await signer.selectOption({ label: 'Phó Chủ tịch ký thay Chủ tịch (KT. Chủ tịch)' });
  await expect(field(page, 'signature.authority')).toHaveCount(0);
  await expect(page.locator('[data-derived="signer"]')).toHaveText('TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH');
  await waitSaved(page);
  await openPrintView(page);
  await expect(printView(page).locator('.signer-title')).toHaveText(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']);
  const text = pdfPages(await printToPdf(page)).join('\n');
  const at = ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Trương Thanh Thảo'].map((line) => text.indexOf(line));
  expect(at.every((position) => position >= 0)).toBe(true);
  expect([...at].sort((a, b) => a - b)).toEqual(at);
});
