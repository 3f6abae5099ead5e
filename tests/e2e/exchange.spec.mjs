// Exchange: a report exported from one browser profile opens identical in a
// fresh one; every bad file is refused with its message and leaves storage
// exactly as it was; the same unit and period asks before replacing; the
// appendix CSV carries Vietnamese text (parsed back here).
import { readFileSync, readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  test, expect, field, openApp, loadSample, typeInto, waitSaved, storedKeys, root, PREFIX, parseCsv, openHistory, sample, vietnamese,
} from './app.mjs';

const fixtures = resolve(root, 'tests/e2e/fixtures');

async function exportJson(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải tệp JSON' }).click(),
  ]);
  return { name: download.suggestedFilename(), file: JSON.parse(readFileSync(await download.path(), 'utf8')) };
}

async function openedReport(page) {
  const keys = await storedKeys(page);
  const id = JSON.parse(keys[`${PREFIX}index`]).last_open;
  return JSON.parse(keys[`${PREFIX}draft/${id}`]).report;
}

const derived = (page) => page.locator('#so-lieu output[data-derived], #phu-luc output[data-derived]')
  .evaluateAll((outputs) => outputs.map((o) => [o.dataset.derived, o.textContent]));

async function printedText(page) {
  await page.getByRole('button', { name: 'Xem bản in' }).click();
  const printed = page.locator('#ban-in-tai-lieu .document');
  await expect(printed).toBeVisible();
  const text = await printed.innerText();
  expect(text).toContain('843/847 hồ sơ đạt 99,52%');
  return text;
}

test('a report exported from one profile opens identical in a fresh one', async ({ page, appUrl, browser }) => {
  await openApp(page, appUrl);
  await loadSample(page);
  await typeInto(page, 'header.unit.name', 'Trương Quang Trọng <b>mới</b>');
  await waitSaved(page);
  const first = await exportJson(page);
  expect(first.name).toBe('bao-cao-cchc-2025-quy-I-phuong-truong-quang-trong-b-moi-b.json');
  expect(first.file.format).toBe('bao-cao-cchc');
  expect(first.file.revision).toBe(1);
  expect(first.file.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect((await exportJson(page)).file.revision).toBe(2);
  const figures = await derived(page);

  const path = join(mkdtempSync(join(tmpdir(), 'cchc-export-')), first.name);
  writeFileSync(path, JSON.stringify(first.file, null, 2));
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await openApp(other, appUrl);
  await other.setInputFiles('#import-file', path);
  await expect(other.locator('.banner')).toContainText('Đã mở tệp thành bản nháp mới');
  await expect(field(other, 'header.unit.name')).toHaveValue('Trương Quang Trọng <b>mới</b>');
  await waitSaved(other);
  expect(await openedReport(other)).toEqual(first.file.report);
  expect(await derived(other)).toEqual(figures);
  // And so is its print, figures and all.
  expect(await printedText(other)).toEqual(await printedText(page));
  await fresh.close();
});

test('every bad file gets its message and storage stays exactly as it was', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await loadSample(page);
  await waitSaved(page);
  const before = await storedKeys(page);
  const big = join(mkdtempSync(join(tmpdir(), 'cchc-big-')), 'qua-lon.json');
  writeFileSync(big, ' '.repeat(5 * 1024 * 1024 + 10));
  const cases = {
    'rong.json': 'Tệp rỗng',
    'khong-phai-json.json': 'không phải JSON hợp lệ',
    'bi-cat-cut.json': 'bị cắt cụt',
    'chuong-trinh-khac.json': 'không phải báo cáo CCHC',
    'khong-phai-utf8.json': 'không phải văn bản UTF-8',
    'phien-ban-tuong-lai.json': 'phiên bản mới hơn',
    'sai-kieu.json': 'không đúng cấu trúc',
    'ma-chi-tieu-la.json': 'mã chỉ tiêu không có trong danh mục: 9.9',
  };
  expect(readdirSync(fixtures).sort()).toEqual(Object.keys(cases).sort());
  for (const [file, message] of [...Object.entries(cases).map(([f, m]) => [join(fixtures, f), m]), [big, 'quá lớn']]) {
    await page.setInputFiles('#import-file', file);
    await expect(page.locator('.banner.error'), file).toContainText(message);
    expect(await storedKeys(page), file).toEqual(before);
    await page.locator('.banner.error').getByRole('button', { name: 'Đóng' }).click();
  }
});

test('a number beyond what a report can hold is refused in a file and in the sum', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await loadSample(page);
  await waitSaved(page);
  const { name, file } = await exportJson(page);
  // 2^64 - 1, written as JSON text (a JavaScript number cannot hold it).
  const text = JSON.stringify(file).replace('"received":847', '"received":18446744073709551615');
  expect(text).toContain('18446744073709551615');
  const dir = mkdtempSync(join(tmpdir(), 'cchc-huge-'));
  writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, `2-${name}`), text);
  const before = await storedKeys(page);
  await page.setInputFiles('#import-file', join(dir, name));
  await expect(page.locator('.banner.error')).toContainText('số quá lớn');
  expect(await storedKeys(page)).toEqual(before);

  // Two such files added up: both refused by name, nothing wraps round.
  await page.getByRole('button', { name: 'Tổng hợp nhiều báo cáo' }).click();
  await page.setInputFiles('#aggregate-files', [join(dir, name), join(dir, `2-${name}`)]);
  await expect(page.locator('#aggregate-notes li.error')).toHaveCount(2);
  await expect(page.locator('#aggregate-notes')).toContainText('số quá lớn');
  await expect(page.locator('#aggregate-table')).toHaveCount(1);
  await expect(page.locator('#aggregate-table tr[data-code]')).toHaveCount(0);
});

test('a file edited after export warns first; the same unit and period asks before replacing', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await loadSample(page);
  await waitSaved(page);
  const { name, file } = await exportJson(page);
  file.report.figures.applications.received = 900;
  const dir = mkdtempSync(join(tmpdir(), 'cchc-edited-'));
  writeFileSync(join(dir, name), JSON.stringify(file));
  const before = await storedKeys(page);

  await page.setInputFiles('#import-file', join(dir, name));
  const choice = page.locator('#import-choice');
  await expect(choice).toContainText('mã kiểm tra SHA-256 không khớp');
  await choice.getByRole('button', { name: 'Hủy' }).click();
  expect(await storedKeys(page)).toEqual(before);

  await page.setInputFiles('#import-file', join(dir, name));
  await choice.getByRole('button', { name: 'Vẫn mở tệp' }).click();
  await expect(choice).toContainText('Đã có bản nháp cùng đơn vị và kỳ báo cáo');
  await choice.getByRole('button', { name: 'Thay thế (bản cũ giữ trong Lịch sử)' }).click();
  await expect(field(page, 'figures.applications.received')).toHaveValue('900');
  // The imported report's issues show at once.
  await expect(page.locator('.summary .issue.error', { hasText: '900' })).not.toHaveCount(0);
  // The replaced draft is one draft still, its earlier state in its history.
  expect(await page.locator('#draft-list option').count()).toBe(1);
  const panel = await openHistory(page);
  await panel.locator('.history-states li', { hasText: 'Trước khi mở tệp thay thế' })
    .getByRole('button', { name: 'Khôi phục' }).click();
  await expect(field(page, 'figures.applications.received')).toHaveValue('847');
});

test('the appendix CSV opens with its Vietnamese text', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await loadSample(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải CSV phụ lục' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('bao-cao-cchc-2025-quy-I-phuong-truong-quang-trong-phu-luc.csv');
  const rows = parseCsv(readFileSync(await download.path()));
  expect(rows[0]).toEqual(['Mã', 'STT', 'Chỉ tiêu', 'Đơn vị tính', 'Số liệu', 'Ghi chú']);
  const row = Object.fromEntries(rows.slice(1).map((r) => [r[0], r]));
  expect(row['3.4.a']).toEqual(['3.4.a', '', 'Tỷ lệ hồ sơ TTHC do cơ quan chuyên môn tiếp nhận được giải quyết đúng hẹn', '%', '100', '843/843']);
});

test('CSV cells a spreadsheet would run as formulas are written as text', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await loadSample(page);
  await typeInto(page, 'appendix.7.4.value', '=1+2');
  await typeInto(page, 'appendix.1.1.c.note', '@cmd');
  await typeInto(page, 'appendix.1.1.b.note', '-2+3');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải CSV phụ lục' }).click(),
  ]);
  const rows = Object.fromEntries(parseCsv(readFileSync(await download.path())).slice(1).map((r) => [r[0], r]));
  expect(rows['7.4'][4]).toBe("'=1+2");
  expect(rows['1.1.c'][5]).toBe("'@cmd");
  expect(rows['1.1.b'][5]).toBe("'-2+3");
  // The editor and the stored report keep exactly what was typed.
  await expect(field(page, 'appendix.7.4.value')).toHaveValue('=1+2');
});

test('Tạo kỳ sau from a year no report can be of says so and changes nothing', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await loadSample(page);
  await typeInto(page, 'period.year', '2147483647');
  await expect(page.locator('#f-period-year-msg')).toContainText('Năm báo cáo phải từ 2000 đến 2100.');
  await page.getByRole('button', { name: 'Tạo kỳ sau' }).click();
  await expect(page.getByRole('alert')).toContainText('Không tạo được kỳ sau: Năm báo cáo phải từ 2000 đến 2100.');
  await expect(field(page, 'period.year')).toHaveValue('2147483647');
  await expect(field(page, 'figures.applications.received')).toHaveValue('847');
});

test('Tạo kỳ sau starts the next period with the last figures shown beside each one', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await loadSample(page);
  await page.getByRole('button', { name: 'Tạo kỳ sau' }).click();
  await expect(field(page, 'period.kind').locator('option:checked')).toHaveText('6 tháng');
  await expect(field(page, 'header.unit.name')).toHaveValue('Trương Quang Trọng');
  await expect(field(page, 'signature.name')).not.toHaveValue('');
  await expect(field(page, 'figures.applications.received')).toHaveValue('');
  const beside = page.locator('[data-previous="figures.applications.received"]');
  await expect(beside).toHaveText('Kỳ trước: 847');
  await typeInto(page, 'figures.applications.received', '850');
  await expect(beside).toHaveText('Kỳ trước: 847 (tăng 3)');
  await typeInto(page, 'figures.applications.received', '8470');
  await expect(beside).toContainText('chênh lệch lớn');
  await waitSaved(page);
  await page.reload();
  await expect(page.locator('[data-previous="figures.applications.received"]')).toContainText('Kỳ trước: 847');
});

test('a file dropped on the page opens like a picked one', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await loadSample(page);
  const { file } = await exportJson(page);
  file.report.header.unit.name = 'Nghĩa Lộ';
  file.sha256 = undefined;
  const text = JSON.stringify(file);
  await page.evaluate((content) => {
    const data = new DataTransfer();
    data.items.add(new File([content], 'tha-vao.json', { type: 'application/json' }));
    document.querySelector('main').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, text);
  // Without its checksum the file counts as edited: the user is asked first.
  await page.locator('#import-choice').getByRole('button', { name: 'Vẫn mở tệp' }).click();
  await expect(field(page, 'header.unit.name')).toHaveValue('Nghĩa Lộ');
});

test('text typed with decomposed accents is stored composed (NFC) and named without them', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await loadSample(page);
  const decomposed = 'Trương Quang Trọng'.normalize('NFD');
  expect(decomposed).not.toBe('Trương Quang Trọng');
  await field(page, 'header.unit.name').fill(decomposed);
  await waitSaved(page);
  expect((await openedReport(page)).header.unit.name).toBe('Trương Quang Trọng');
  expect((await exportJson(page)).name).toBe('bao-cao-cchc-2025-quy-I-phuong-truong-quang-trong.json');
});

test('a file of 20,000 paragraphs opens without holding the page more than 200 ms at a time', async ({ page, appUrl }) => {
  const report = structuredClone(sample);
  const blocks = report.narrative.parts[0].subsections[0].blocks;
  const before = blocks.length;
  for (let i = 1; i <= 20_000; i++) {
    blocks.push({ type: 'text', text: `Đoạn văn thứ ${i} của một tệp rất dài.`, bullet: false });
  }
  const dir = mkdtempSync(join(tmpdir(), 'cchc-long-'));
  const path = join(dir, 'bao-cao-rat-dai.json');
  writeFileSync(path, JSON.stringify(report));

  await page.addInitScript(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.longTasks.push(Math.round(entry.duration));
    }).observe({ type: 'longtask' });
  });
  await openApp(page, appUrl);
  await page.evaluate(() => { window.longTasks = []; });
  await page.setInputFiles('#import-file', path);
  const list = 'narrative.parts.0.subsections.0.blocks';
  await expect(page.locator('.banner.info')).toContainText('Đã mở tệp thành bản nháp mới.');
  await expect(field(page, `${list}.${before}.text`)).toHaveValue('Đoạn văn thứ 1 của một tệp rất dài.');
  const more = page.getByRole('button', { name: `Hiện thêm đoạn (đang hiện 100/${vietnamese(before + 20_000)} đoạn)` });
  await expect(more).toBeVisible();
  await expect(field(page, `${list}.100.text`)).toHaveCount(0);
  await waitSaved(page);
  expect((await openedReport(page)).narrative.parts[0].subsections[0].blocks).toHaveLength(before + 20_000);
  // The longest task of the whole import (reading, saving, drawing).
  const longest = Math.max(0, ...await page.evaluate(() => window.longTasks));
  expect(longest).toBeLessThanOrEqual(200);

  // The rest is drawn on request, a hundred at a time.
  await more.click();
  await expect(field(page, `${list}.199.text`)).toHaveValue(`Đoạn văn thứ ${200 - before} của một tệp rất dài.`);
  await expect(page.getByRole('button', { name: `Hiện thêm đoạn (đang hiện 200/${vietnamese(before + 20_000)} đoạn)` })).toBeVisible();
});
