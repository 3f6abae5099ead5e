// Templates as data, in the built app with no rebuild: a second province's
// template (rounding half up, two indicators added, one removed, two-tier
// wording and recipients) installed with `Mở tệp mẫu báo cáo` gives a new
// report whose editor, validation, print view, CSV and export follow it; the
// exported file opens in a fresh profile that never installed the template;
// a file exported before templates opens unchanged; a template with
// mistakes is refused whole, each mistake named.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  test, expect, field, openApp, newReport, typeInto, waitSaved, storedKeys, root, PREFIX, parseCsv,
} from './app.mjs';

const templates = resolve(root, 'tests/fixtures/templates');
const SECOND = join(templates, 'cchc-cap-xa-quang-ngai-2025-7.json');
const SECOND_NAME = 'Báo cáo kết quả thực hiện công tác CCHC của UBND cấp xã (chính quyền hai cấp) (phiên bản 2025.7)';
const SAMPLE_NAME = 'Báo cáo kết quả thực hiện công tác CCHC cấp xã (mẫu của phường Trương Quang Trọng) (phiên bản 2025.1)';

async function installTemplate(page, path) {
  await page.setInputFiles('#template-file', path);
}

async function download(page, button) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  return { name: file.suggestedFilename(), path: await file.path() };
}

async function openedReport(page) {
  const keys = await storedKeys(page);
  const id = JSON.parse(keys[`${PREFIX}index`]).last_open;
  return JSON.parse(keys[`${PREFIX}draft/${id}`]).report;
}

test('a second template installed from a file makes new reports of its form, and its files open anywhere', async ({ page, appUrl, browser }) => {
  await openApp(page, appUrl);
  const select = field(page, 'template');
  await expect(select.locator('option:checked')).toHaveText(SAMPLE_NAME);

  await installTemplate(page, SECOND);
  await expect(page.locator('.banner.info')).toContainText(`Đã cài mẫu báo cáo «${SECOND_NAME}»`);
  await expect(select.locator('option:checked')).toHaveText(SECOND_NAME);
  await expect(select.locator('option')).toHaveText([SECOND_NAME, SAMPLE_NAME]);

  // Báo cáo mới follows the chosen template.
  await newReport(page);
  const rows = page.locator('#phu-luc tr[data-row]');
  await expect(page.locator('#phu-luc tr[data-row="3.5"]')).toContainText('bưu chính công ích');
  await expect(page.locator('#phu-luc tr[data-row="7.10"]')).toBeVisible();
  await expect(page.locator('#phu-luc tr[data-row="7.6.b"]')).toHaveCount(0);
  await expect(page.locator('#phu-luc tr[data-row="1.2"]')).toContainText('Thực hiện nhiệm vụ UBND tỉnh, Chủ tịch UBND tỉnh giao');
  expect(await rows.count()).toBe(60);
  await expect(field(page, 'recipients.lines.0')).toHaveValue('Sở Nội vụ tỉnh Quảng Ngãi');
  await expect(page.locator('[data-derived="recipients"]')).toContainText('- CT và các PCT UBND xã;');

  // Its figures, rules and rounding: 1190/1204 = 98,837...% rounds half up.
  await typeInto(page, 'header.unit.name', 'Nghĩa Lộ');
  await typeInto(page, 'figures.applications.received', '1.204');
  await typeInto(page, 'figures.applications.resolved', '1.300');
  const resolved = page.locator('.field:has([name="figures.applications.resolved"]) .message.error');
  await expect(resolved).toContainText('(1.300) không được lớn hơn số hồ sơ đã tiếp nhận (1.204)');
  await typeInto(page, 'figures.applications.resolved', '1.190');
  await expect(resolved).toHaveCount(0);
  await expect(page.locator('[data-derived="applications.resolved"]')).toHaveText('1.190/1.204 (98,84%)');
  await expect(page.locator('[data-sentence="one_stop_results"]')).toContainText('1.190/1.204 hồ sơ đạt 98,84%');
  await typeInto(page, 'figures.digitised.outputs.count', '1.190');
  await typeInto(page, 'figures.digitised.outputs.total', '1.204');
  await expect(page.locator('output[data-derived="appendix.7.10.value"]')).toHaveText('98,84');
  await typeInto(page, 'appendix.3.5.value', '12');
  await waitSaved(page);
  const stored = await openedReport(page);
  expect(stored.template.id).toBe('cchc-cap-xa-quang-ngai');
  expect(stored.template.version).toBe('2025.7');
  expect(stored.appendix['3.5'].value).toBe(12);

  // The print view.
  await page.getByRole('button', { name: 'Xem bản in' }).click();
  const printed = page.locator('#ban-in-tai-lieu .document');
  await expect(printed).toContainText('1.190/1.204 hồ sơ đạt 98,84%');
  await expect(printed.locator('tr[data-code="7.10"]')).toContainText('98,84');
  await expect(printed.locator('tr[data-code="3.5"]')).toContainText('12');
  await expect(printed.locator('tr[data-code="7.6.b"]')).toHaveCount(0);
  await expect(printed).toContainText('- Sở Nội vụ tỉnh Quảng Ngãi;');
  await page.getByRole('button', { name: '← Quay lại soạn thảo' }).click();

  // The CSV.
  const csv = parseCsv(readFileSync((await download(page, 'Tải CSV phụ lục')).path));
  const csvRows = Object.fromEntries(csv.slice(1).map((row) => [row[0], row]));
  expect(csvRows['7.10'][4]).toBe('98,84');
  expect(csvRows['3.5'][4]).toBe('12');
  expect(csvRows['7.6.b']).toBeUndefined();

  // The export carries the template; a fresh profile that never installed
  // it opens the file and keeps the template.
  const exported = await download(page, 'Tải tệp JSON');
  const file = JSON.parse(readFileSync(exported.path, 'utf8'));
  expect(file.format_version).toBe(2);
  expect(file.template.id).toBe('cchc-cap-xa-quang-ngai');
  expect(file.report.template.sha256).toMatch(/^[0-9a-f]{64}$/);
  const path = join(mkdtempSync(join(tmpdir(), 'cchc-mau-')), exported.name);
  writeFileSync(path, JSON.stringify(file));
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await openApp(other, appUrl);
  await expect(field(other, 'template').locator('option')).toHaveText([SAMPLE_NAME]);
  await other.setInputFiles('#import-file', path);
  await expect(other.locator('.banner')).toContainText('Đã mở tệp thành bản nháp mới');
  await expect(field(other, 'header.unit.name')).toHaveValue('Nghĩa Lộ');
  await expect(other.locator('output[data-derived="appendix.7.10.value"]')).toHaveText('98,84');
  await expect(other.locator('#phu-luc tr[data-row="7.6.b"]')).toHaveCount(0);
  await expect(field(other, 'appendix.3.5.value')).toHaveValue('12');
  await waitSaved(other);
  expect(await openedReport(other)).toEqual(file.report);
  await expect(field(other, 'template').locator('option')).toHaveText([SECOND_NAME, SAMPLE_NAME]);
  // Kept: after a reload the draft opens again under its template.
  await other.reload();
  await expect(other.locator('output[data-derived="appendix.7.10.value"]')).toHaveText('98,84');
  await fresh.close();
});

test('a newer version of an installed template keeps the older one', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await installTemplate(page, SECOND);
  await newReport(page);
  await typeInto(page, 'header.unit.name', 'Nghĩa Lộ');
  await waitSaved(page);
  const newer = JSON.parse(readFileSync(SECOND, 'utf8'));
  newer.version = '2025.10';
  newer.appendix[0].rows[0].label = 'Kế hoạch CCHC năm';
  const path = join(mkdtempSync(join(tmpdir(), 'cchc-mau-')), 'mau-moi.json');
  writeFileSync(path, JSON.stringify(newer));
  await installTemplate(page, path);
  await expect(page.locator('.banner.info')).toContainText('Các phiên bản khác của mẫu này (2025.7) vẫn được giữ');
  const newerName = SECOND_NAME.replace('2025.7', '2025.10');
  await expect(field(page, 'template').locator('option')).toHaveText([newerName, SECOND_NAME, SAMPLE_NAME]);
  await expect(field(page, 'template').locator('option:checked')).toHaveText(newerName);
  // The report written under the older version still opens under it.
  await page.reload();
  await expect(field(page, 'header.unit.name')).toHaveValue('Nghĩa Lộ');
  await expect(page.locator('#phu-luc tr[data-row="1.1"]')).toContainText('Kế hoạch CCHC');
  await expect(page.locator('#phu-luc tr[data-row="1.1"]')).not.toContainText('Kế hoạch CCHC năm');
  await newReport(page);
  await expect(page.locator('#phu-luc tr[data-row="1.1"]')).toContainText('Kế hoạch CCHC năm');
});

test('a template with mistakes is refused whole, each mistake named, and nothing stored changes', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await waitSaved(page);
  const before = await storedKeys(page);
  await installTemplate(page, join(templates, 'mau-loi.json'));
  const banner = page.locator('.banner.error');
  await expect(banner).toContainText('Không cài được mẫu báo cáo «mau-loi.json»: tệp có 5 lỗi');
  await expect(banner.locator('li')).toHaveText([
    'figures[1].figures[0]: thiếu «label» (nhãn)',
    'appendix[2].rows[12]: mã «3.3.a» trùng với appendix[2].rows[5]',
    'appendix[3].rows[1].value: phép tính tự tham chiếu đến chính nó: 4.2 → 4.2',
    'figures[2].ratios[0].numerator: «online.partial.count +» sai ở ký tự 23: thiếu một giá trị, gặp hết biểu thức',
    'rules[1].check: «applications.resolved <= applications.recieved» sai ở ký tự 26: không có số liệu «applications.recieved»',
  ]);
  expect(await storedKeys(page)).toEqual(before);
  await expect(field(page, 'template').locator('option')).toHaveText([SAMPLE_NAME]);
  // A report file is not a template.
  await page.setInputFiles('#template-file', resolve(root, 'tests/fixtures/formats/format-1-exported.json'));
  await expect(banner).toContainText('Đây là tệp báo cáo, không phải tệp mẫu báo cáo');
});

test('a file exported before templates opens unchanged, as a report of the sample template', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  const path = resolve(root, 'tests/fixtures/formats/format-1-exported.json');
  const file = JSON.parse(readFileSync(path, 'utf8'));
  expect(file.format_version).toBe(1);
  await page.setInputFiles('#import-file', path);
  // Its checksum still holds: no warning, straight in.
  await expect(page.locator('.banner')).toContainText('Đã mở tệp thành bản nháp mới');
  await expect(field(page, 'header.unit.name')).toHaveValue('Nghĩa Lộ');
  await expect(field(page, 'figures.applications.received')).toHaveValue('1.204');
  await expect(page.locator('[data-derived="applications.resolved"]')).toHaveText('1.190/1.204 (98,83%)');
  await waitSaved(page);
  const report = await openedReport(page);
  expect(report.template.id).toBe('cchc-xa-phuong-quang-ngai');
  const { template, format_version: version, ...rest } = report;
  const { format_version: oldVersion, ...oldRest } = file.report;
  expect([version, oldVersion]).toEqual([2, 1]);
  expect(rest).toEqual(oldRest);
});

test('what storage holds that its template cannot read is named, never dropped silently', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await page.getByRole('button', { name: 'Nạp báo cáo mẫu' }).click();
  await waitSaved(page);
  // A damaged installed template, and a figure changed by hand in the draft.
  await page.evaluate((prefix) => {
    localStorage.setItem(`${prefix}template/hong`, '{"id": "mau-hong", "figures": 3}');
    const index = JSON.parse(localStorage.getItem(`${prefix}index`));
    const key = `${prefix}draft/${index.last_open}`;
    const draft = JSON.parse(localStorage.getItem(key));
    draft.report.figures.applications.received = 'nhiều';
    draft.saved_at = Date.now() + 60_000;
    localStorage.setItem(key, JSON.stringify(draft));
  }, PREFIX);
  await page.reload();
  const banner = page.locator('.banner.error');
  await expect(banner).toContainText('Một số số liệu lưu trong bản nháp không đọc được');
  await expect(banner.locator('li')).toHaveText(['figures.applications.received: phải là số nguyên']);
  await expect(field(page, 'figures.applications.received')).toHaveValue('');
  // The stored value stays as it was until the field is typed over.
  expect((await openedReport(page)).figures.applications.received).toBe('nhiều');
  await banner.getByRole('button', { name: 'Đóng' }).click();
  await page.getByRole('button', { name: 'Báo cáo mới', exact: true }).click();
  await page.reload();
  const templateBanner = page.locator('.banner.error');
  await expect(templateBanner).toContainText('Có mẫu báo cáo lưu trong trình duyệt không đọc được');
  await expect(templateBanner.locator('li')).toHaveText(['Mẫu báo cáo lưu trong trình duyệt (hong) không đọc được: thiếu «version» (phiên bản)']);
});

test('the receiving office adds up the files of one template and names a file of another', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  const exportFile = async () => {
    const file = await download(page, 'Tải tệp JSON');
    return { name: file.name, mimeType: 'application/json', buffer: readFileSync(file.path) };
  };
  await page.getByRole('button', { name: 'Nạp báo cáo mẫu' }).click();
  await waitSaved(page);
  const truongQuangTrong = await exportFile();
  await typeInto(page, 'header.unit.name', 'Nghĩa Lộ');
  await waitSaved(page);
  const nghiaLo = await exportFile();
  await installTemplate(page, SECOND);
  await newReport(page);
  await page.selectOption('[name="period.kind"]', { label: 'Quý I' });
  await typeInto(page, 'period.year', '2025');
  await typeInto(page, 'header.unit.name', 'Nghĩa Hành');
  await waitSaved(page);
  const nghiaHanh = await exportFile();

  await page.getByRole('button', { name: 'Tổng hợp nhiều báo cáo' }).click();
  await page.setInputFiles('#aggregate-files', [truongQuangTrong, nghiaLo, nghiaHanh]);
  await expect(page.locator('#aggregate-heading')).toHaveText('Tổng hợp báo cáo CCHC Quý I năm 2025: 2 đơn vị');
  await expect(page.locator('#aggregate-notes li.error')).toHaveCount(1);
  await expect(page.locator('#aggregate-notes li.error')).toContainText(
    `${nghiaHanh.name}: Báo cáo của Xã Nghĩa Hành theo mẫu «${SECOND_NAME}», khác mẫu đang tổng hợp «${SAMPLE_NAME}»: không cộng.`,
  );
  await expect(page.locator('#aggregate-table tr[data-code="7.10"]')).toHaveCount(0);
  await expect(page.locator('#aggregate-table tr[data-code="7.6.b"]')).toHaveCount(1);
});
