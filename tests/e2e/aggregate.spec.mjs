// The receiving office: many units' files opened at once and added up,
// with refused files named, drafts in storage untouched, and the sum as CSV.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  test, expect, openApp, loadSample, typeInto, waitSaved, storedKeys, root, parseCsv,
} from './app.mjs';

async function exported(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải tệp JSON' }).click(),
  ]);
  return { name: download.suggestedFilename(), mimeType: 'application/json', buffer: readFileSync(await download.path()) };
}

const cell = (page, code, column) => page.locator(`#aggregate-table tr[data-code="${code}"] td`).nth(column);
const TOTAL = 3;

test('files of many units add up row by row; bad files are named and drafts stay as they were', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await loadSample(page);
  await waitSaved(page);
  const first = await exported(page);
  await typeInto(page, 'header.unit.name', 'Nghĩa Lộ');
  await typeInto(page, 'figures.applications.on_time', '800');
  await waitSaved(page);
  const second = await exported(page);
  const broken = {
    name: 'bi-cat-cut.json',
    mimeType: 'application/json',
    buffer: readFileSync(resolve(root, 'tests/e2e/fixtures/bi-cat-cut.json')),
  };
  const before = await storedKeys(page);

  await page.getByRole('button', { name: 'Tổng hợp nhiều báo cáo' }).click();
  await expect(page.locator('.editor-shell')).toBeHidden();
  await page.setInputFiles('#aggregate-files', [first, second, broken]);
  await expect(page.locator('#aggregate-heading')).toHaveText('Tổng hợp báo cáo CCHC Quý I năm 2025: 2 đơn vị');
  await expect(page.locator('#aggregate-table thead th')).toHaveText([
    'Stt', 'Chỉ tiêu', 'Đơn vị tính', 'Tổng hợp', 'Cách tính, còn thiếu', 'Phường Nghĩa Lộ', 'Phường Trương Quang Trọng',
  ]);
  // Counts are summed; a ratio is recomputed from the summed figures.
  await expect(cell(page, '1.1.a', TOTAL)).toHaveText('66');
  await expect(cell(page, '3.4.b', TOTAL)).toHaveText('97,44');
  await expect(cell(page, '3.4.b', TOTAL + 1)).toHaveText('Tính lại từ tổng: 1.643/1.686');
  await expect(cell(page, '3.4.b', TOTAL + 2)).toHaveText('94,89');
  await expect(cell(page, '3.4.b', TOTAL + 3)).toHaveText('100');
  await expect(page.locator('#aggregate-notes li')).toHaveCount(1);
  await expect(page.locator('#aggregate-notes')).toContainText('bi-cat-cut.json');
  await expect(page.locator('#aggregate-notes')).toContainText('Không mở được, không cộng: Tệp JSON bị cắt cụt');

  // The same unit sent again: only the later export counts, the other is named.
  await page.setInputFiles('#aggregate-files', [{ ...first, name: 'gui-lai.json' }]);
  await expect(page.locator('#aggregate-notes')).toContainText('gửi nhiều lần');
  await expect(page.locator('#aggregate-heading')).toContainText('2 đơn vị');

  // A file dropped on this page joins the sum rather than opening as a draft.
  await page.getByRole('button', { name: 'Bỏ các tệp đã chọn' }).click();
  await expect(page.locator('#aggregate-heading')).toHaveText('Tổng hợp báo cáo CCHC');
  await page.evaluate((content) => {
    const data = new DataTransfer();
    data.items.add(new File([content], 'tha-vao.json', { type: 'application/json' }));
    document.querySelector('#tong-hop').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, second.buffer.toString('utf8'));
  await expect(page.locator('#aggregate-heading')).toHaveText('Tổng hợp báo cáo CCHC Quý I năm 2025: 1 đơn vị');
  await page.setInputFiles('#aggregate-files', [first]);
  await expect(page.locator('#aggregate-heading')).toContainText('2 đơn vị');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải CSV tổng hợp' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('tong-hop-cchc-2025-quy-I.csv');
  const rows = parseCsv(readFileSync(await download.path()));
  expect(rows[0].slice(4)).toEqual(['Tổng hợp', 'Ghi chú', 'Phường Nghĩa Lộ', 'Phường Trương Quang Trọng']);
  const row = Object.fromEntries(rows.slice(1).map((r) => [r[0], r]));
  expect(row['3.4.b'].slice(4)).toEqual(['97,44', 'Tính lại từ tổng: 1.643/1.686', '94,89', '100']);

  // Reading files for the sum never touched the drafts.
  expect(await storedKeys(page)).toEqual(before);
  await page.getByRole('button', { name: 'Quay lại soạn thảo' }).click();
  await expect(page.getByRole('button', { name: 'Tổng hợp nhiều báo cáo' })).toBeFocused();
});
