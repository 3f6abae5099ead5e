// The receiving office: many units' files opened at once and added up,
// with refused files named, drafts in storage untouched, and the sum as CSV;
// the units expected and the files received kept across a browser restart.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import {
  test, expect, openApp, storedKeys, root, parseCsv, twoUnitsExported, readOffice, launchProfile,
} from './app.mjs';
import { firstLine, pdfPages, printToPdf } from './pdf.mjs';


const cell = (page, code, column) => page.locator(`#aggregate-table tr[data-code="${code}"] td`).nth(column);
const TOTAL = 3;

test('files of many units add up row by row; bad files are named and drafts stay as they were', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  const [first, second] = await twoUnitsExported(page);
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
  // Two units fit on one page of columns: no pages to turn.
  await expect(page.locator('.unit-pages')).toBeHidden();
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
  // Clearing asks first: dismissed, nothing goes; accepted, the files go.
  page.once('dialog', (dialog) => dialog.dismiss());
  await page.getByRole('button', { name: 'Xóa tệp đã nhận' }).click();
  await expect(page.locator('#aggregate-heading')).toContainText('2 đơn vị');
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Xóa tệp đã nhận' }).click();
  await expect(page.locator('#aggregate-heading')).toHaveText('Tổng hợp báo cáo CCHC');
  await expect(page.locator('#aggregate-kept')).toHaveText('Chưa giữ tệp nào trong bộ nhớ của trình duyệt.');
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

/// `count` exported files of distinct units (`Đơn vị thử 0001`, ...), written
/// once by the same generator `make bench` uses.
function unitFiles(count) {
  const dir = resolve(root, `target/e2e-files/${count}`);
  execFileSync('cargo', ['run', '-q', '-p', 'cchc-core', '--example', 'unit_files', '--', String(count), dir], { cwd: root, stdio: 'inherit' });
  return readdirSync(dir).sort().map((name) => resolve(dir, name));
}

test('many units: the totals first, ten unit columns at a time, pages and a search by name, and a progress line', async ({ page, appUrl }) => {
  test.setTimeout(120_000);
  const files = unitFiles(25);
  await openApp(page, appUrl);
  await page.getByRole('button', { name: 'Tổng hợp nhiều báo cáo' }).click();
  // Every text the progress line shows while the files are read.
  await page.evaluate(() => {
    window.progress = [];
    const line = document.getElementById('aggregate-progress');
    new MutationObserver(() => window.progress.push(line.textContent)).observe(line, { childList: true, characterData: true, subtree: true });
  });
  await page.setInputFiles('#aggregate-files', files);
  await expect(page.locator('#aggregate-heading')).toHaveText('Tổng hợp báo cáo CCHC Quý I năm 2025: 25 đơn vị');
  await expect(page.locator('#aggregate-progress')).toHaveText('Đã chọn 25 tệp.');
  const progress = await page.evaluate(() => window.progress);
  expect(progress).toContain('Đang đọc 1/25 tệp…');
  expect(progress).toContain('Đang đọc 24/25 tệp…');
  await expect(page.locator('#aggregate-notes li')).toHaveCount(0);

  const unitHeaders = page.locator('#aggregate-table thead th:nth-child(n+6)');
  const pageLine = page.locator('#aggregate-unit-page');
  const later = page.getByRole('button', { name: 'Đơn vị sau ›' });
  const earlier = page.getByRole('button', { name: '‹ Đơn vị trước' });
  // The totals cover all 25 units whatever page of columns is shown.
  const total = cell(page, '1.1.a', TOTAL);
  await expect(total).toHaveText('825');
  await expect(page.locator('.unit-pages')).toBeVisible();
  await expect(pageLine).toHaveText('Đơn vị 1–10 / 25');
  await expect(unitHeaders).toHaveCount(10);
  await expect(unitHeaders.first()).toHaveText('Phường Đơn vị thử 0001');
  await expect(earlier).toBeDisabled();
  await later.click();
  await expect(pageLine).toHaveText('Đơn vị 11–20 / 25');
  await expect(unitHeaders.first()).toHaveText('Phường Đơn vị thử 0011');
  await later.click();
  await expect(pageLine).toHaveText('Đơn vị 21–25 / 25');
  await expect(unitHeaders).toHaveCount(5);
  await expect(later).toBeDisabled();
  await expect(total).toHaveText('825');

  // Found by name without accents or case; the totals stay those of all units.
  await page.getByLabel('Tìm đơn vị').fill('DON VI THU 0007');
  await expect(pageLine).toHaveText('Đơn vị 1–1 / 1');
  await expect(unitHeaders).toHaveText(['Phường Đơn vị thử 0007']);
  await expect(total).toHaveText('825');
  await page.getByLabel('Tìm đơn vị').fill('không có');
  await expect(pageLine).toHaveText('Không có đơn vị nào có tên như vậy.');
  await expect(unitHeaders).toHaveCount(0);
  await page.getByLabel('Tìm đơn vị').fill('');
  await expect(pageLine).toHaveText('Đơn vị 1–10 / 25');

  // Opened again, the 25 files kept in the browser are read back, sixteen at a time.
  await openApp(page, appUrl);
  await page.getByRole('button', { name: 'Tổng hợp nhiều báo cáo' }).click();
  await expect(page.locator('#aggregate-heading')).toHaveText('Tổng hợp báo cáo CCHC Quý I năm 2025: 25 đơn vị');
  await expect(page.locator('#aggregate-progress')).toHaveText('Đã chọn 25 tệp.');
  await expect(total).toHaveText('825');
});

/// `path`'s exported file, renamed `name`, with `change` made to its JSON.
function unitFile(path, name, change = () => {}) {
  const json = JSON.parse(readFileSync(path, 'utf8'));
  change(json);
  return { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) };
}

const launch = (dir) => launchProfile(dir, { locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true });

async function openAggregation(context, appUrl) {
  const page = context.pages()[0] ?? await context.newPage();
  await openApp(page, appUrl);
  await page.getByRole('button', { name: 'Tổng hợp nhiều báo cáo' }).click();
  return page;
}

test('the expected units: who has not sent, each unit\'s status, what makes up a total, all kept across a browser restart', async ({ appUrl }) => {
  test.setTimeout(180_000);
  const paths = unitFiles(9);
  const unit = (n) => `Phường Đơn vị thử ${String(n).padStart(4, '0')}`;
  // Ten files: unit 1 twice (export 1, then export 2), units 2-7, unit 9
  // for another period, and a file cut short.
  const older = unitFile(paths[0], 'don-vi-1-lan-1.json');
  const files = [
    unitFile(paths[0], 'don-vi-1-lan-2.json', (json) => { json.revision = 2; }),
    ...[1, 2, 3, 4, 5, 6].map((i) => unitFile(paths[i], `don-vi-${i + 1}.json`)),
    unitFile(paths[8], 'don-vi-9-6-thang.json', (json) => {
      json.period.kind = '6_thang';
      json.report.period.kind = '6_thang';
    }),
    { name: 'bi-cat-cut.json', mimeType: 'application/json', buffer: readFileSync(resolve(root, 'tests/e2e/fixtures/bi-cat-cut.json')) },
  ];
  // Twelve lines for ten units: unit 3 and unit 5 are there twice, in capitals,
  // with odd spaces and with decomposed accents; they are one unit each.
  const lines = [
    ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(unit),
    `  PHƯỜNG  ĐƠN VỊ THỬ   0003 `,
    unit(5).normalize('NFD').replace(' ', '   '),
  ];
  const kb = Math.ceil([older, ...files].reduce((sum, file) => sum + file.buffer.length, 0) / 1024);

  const dir = mkdtempSync(resolve(tmpdir(), 'cchc-tong-hop-'));
  try {
    let context = await launch(dir);
    let page = await openAggregation(context, appUrl);
    await page.getByLabel('Mỗi dòng một đơn vị').fill(lines.join('\n'));
    await expect(page.locator('#expected-heading')).toHaveText('Danh sách đơn vị phải gửi báo cáo (10 đơn vị)');
    await page.setInputFiles('#aggregate-files', [older]);
    await expect(page.locator('#aggregate-heading')).toHaveText('Tổng hợp báo cáo CCHC Quý I năm 2025: 1 đơn vị');
    await page.setInputFiles('#aggregate-files', files);
    await expect(page.locator('#aggregate-heading')).toHaveText('Tổng hợp báo cáo CCHC Quý I năm 2025: 7 đơn vị');
    await expect(page.locator('.aggregate-main .banner')).toHaveText(/Đã thay bản lần 1 của Phường Đơn vị thử 0001 bằng bản lần 2\./);

    const check = async () => {
      await expect(page.locator('#chua-gui-so')).toHaveText('Chưa gửi: 2 / 10 đơn vị');
      await expect(page.locator('#chua-gui li')).toHaveText([unit(8), unit(10)]);
      await expect(page.locator('#tinh-trang-don-vi tbody td.status')).toHaveText([
        'đã gửi, hợp lệ', 'đã gửi, hợp lệ', 'đã gửi, hợp lệ', 'đã gửi, hợp lệ', 'đã gửi, hợp lệ',
        'đã gửi, hợp lệ', 'đã gửi, hợp lệ', 'chưa gửi', 'khác kỳ', 'chưa gửi',
      ]);
      await expect(page.locator('#tinh-trang-don-vi tbody tr').first().locator('li')).toHaveText([
        'don-vi-1-lan-1.json (lần xuất thứ 1): bản trùng hoặc bản cũ, không cộng',
        'don-vi-1-lan-2.json (lần xuất thứ 2): đã gửi, hợp lệ',
      ]);
      await expect(page.locator('#aggregate-notes')).toContainText('Không mở được, không cộng: Tệp JSON bị cắt cụt');
      await expect(page.locator('#aggregate-kept')).toHaveText(`Đang giữ 10 tệp (${kb} KB) trong bộ nhớ của trình duyệt.`);
      await expect(cell(page, '1.1.a', TOTAL)).toHaveText('231');
    };
    await check();

    // Behind a total: opened from the keyboard, each unit's value.
    const total = cell(page, '1.1.a', TOTAL).getByRole('button');
    await expect(total).toHaveAttribute('aria-expanded', 'false');
    await total.focus();
    await page.keyboard.press('Enter');
    await expect(total).toHaveAttribute('aria-expanded', 'true');
    const breakdown = cell(page, '1.1.a', TOTAL).locator('.breakdown');
    await expect(breakdown.locator('p').first()).toHaveText('Số liệu của 7 đơn vị:');
    await expect(breakdown.locator('li')).toHaveText([1, 2, 3, 4, 5, 6, 7].map((n) => `${unit(n)}: 33`));
    await page.keyboard.press('Enter');
    await expect(breakdown).toHaveCount(0);

    // The browser closed and opened again: the list, the files and the table are back.
    await context.close();
    context = await launch(dir);
    page = await openAggregation(context, appUrl);
    await expect(page.getByLabel('Mỗi dòng một đơn vị')).toHaveValue(lines.join('\n'));
    await expect(page.locator('#aggregate-heading')).toHaveText('Tổng hợp báo cáo CCHC Quý I năm 2025: 7 đơn vị');
    await expect(page.locator('#aggregate-progress')).toHaveText('Đã chọn 10 tệp.');
    await check();
    await context.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the expected units from a CSV column, an Excel column and the files received, with the deadline; a garbage CSV and a refused write are said in Vietnamese and lose nothing', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  const [first, second] = await twoUnitsExported(page);
  await page.getByRole('button', { name: 'Tổng hợp nhiều báo cáo' }).click();
  const list = page.getByLabel('Mỗi dòng một đơn vị');
  const banner = page.locator('.aggregate-main .banner');
  await page.setInputFiles('#expected-csv', {
    name: 'danh-sach.csv',
    mimeType: 'text/csv',
    // A note typed with Alt+Enter: a line break inside quotes stays in its cell.
    buffer: Buffer.from('\ufeffSTT;Tên đơn vị;Ghi chú\r\n1;Phường Nghĩa Lộ;x\r\n2;"Xã  Nghĩa Hà";"y\r\n4;Xã Giả"\r\n3;phường nghĩa lộ;z\r\n'),
  });
  await expect(list).toHaveValue('Phường Nghĩa Lộ\nXã Nghĩa Hà');
  await expect(banner).toContainText('Đã thêm 2 đơn vị từ tệp «danh-sach.csv» vào danh sách (nay có 2 đơn vị).');
  await expect(page.locator('#chua-gui-so')).toHaveText('Chưa gửi: 2 / 2 đơn vị');

  // A spreadsheet that is not CSV: refused with the reason, the list as it was.
  await page.setInputFiles('#expected-csv', { name: 'hong.csv', mimeType: 'text/csv', buffer: Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0x41]) });
  await expect(banner).toContainText('Không đọc được danh sách đơn vị từ tệp «hong.csv»: tệp không phải tệp CSV');
  await expect(list).toHaveValue('Phường Nghĩa Lộ\nXã Nghĩa Hà');

  // The browser refuses to keep the files: they are added up all the same, and the office is told.
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = () => { throw new DOMException('Bộ nhớ đầy', 'QuotaExceededError'); };
  });
  await page.setInputFiles('#aggregate-files', [first, second]);
  await expect(page.locator('#aggregate-heading')).toHaveText('Tổng hợp báo cáo CCHC Quý I năm 2025: 2 đơn vị');
  // When the period's reports were due, counted from today on this computer.
  const late = await page.evaluate(() => {
    const now = new Date();
    return Math.round((Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) - Date.UTC(2025, 2, 20)) / 86_400_000);
  });
  await expect(page.locator('#han-gui')).toHaveText(
    `Hạn gửi báo cáo Quý I năm 2025: ngày 20/3/2025 (đã quá hạn ${String(late).replace(/\B(?=(\d{3})+$)/g, '.')} ngày).`,
  );
  await expect(banner).toContainText('vào bộ nhớ của trình duyệt (có thể bộ nhớ đã đầy');
  await expect(page.locator('#aggregate-kept')).toHaveText('Chưa giữ tệp nào trong bộ nhớ của trình duyệt.');
  await expect(page.locator('#chua-gui li')).toHaveText(['Xã Nghĩa Hà']);
  await expect(page.locator('#tinh-trang-don-vi tbody td.status')).toHaveText(['đã gửi, hợp lệ', 'chưa gửi']);
  await expect(page.locator('#ngoai-danh-sach li')).toHaveText([
    `Phường Trương Quang Trọng · ${first.name} (lần xuất thứ 1): đã gửi, hợp lệ`,
  ]);

  // The units of the files received join the list.
  await page.getByRole('button', { name: 'Lấy từ các tệp đã nhận' }).click();
  await expect(list).toHaveValue('Phường Nghĩa Lộ\nXã Nghĩa Hà\nPhường Trương Quang Trọng');
  await expect(page.locator('#chua-gui-so')).toHaveText('Chưa gửi: 1 / 3 đơn vị');
  await expect(page.locator('#ngoai-danh-sach')).toHaveCount(0);

  // An Excel file: the sum's own workbook, whose sheet «Tệp đã nhận» has a column «Đơn vị».
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải Excel (.xlsx)' }).click(),
  ]);
  const workbook = { name: download.suggestedFilename(), mimeType: 'application/octet-stream', buffer: readFileSync(await download.path()) };
  // Its third sheet: where each unit on the list stands, as on the page.
  const { sheets } = readOffice(await saved(download));
  expect(sheets.map((sheet) => sheet.name)).toEqual(['Tổng hợp', 'Tệp đã nhận', 'Đơn vị phải gửi']);
  expect(sheets[2].rows.map((row) => row.slice(0, 3).map((cell) => cell.value))).toEqual([
    ['Stt', 'Đơn vị', 'Tình trạng'],
    [1, 'Phường Nghĩa Lộ', 'đã gửi, hợp lệ'],
    [2, 'Xã Nghĩa Hà', 'chưa gửi'],
    [3, 'Phường Trương Quang Trọng', 'đã gửi, hợp lệ'],
  ]);
  await list.fill('Xã Hành Thiện');
  await page.setInputFiles('#expected-csv', workbook);
  await expect(list).toHaveValue('Xã Hành Thiện\nPhường Nghĩa Lộ\nPhường Trương Quang Trọng');
  await expect(banner).toContainText(`Đã thêm 2 đơn vị từ tệp «${workbook.name}»`);
  // A CSV file named .xlsx: refused, the list as it was.
  await page.setInputFiles('#expected-csv', { name: 'danh-sach.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('Tên đơn vị\nXã A\n') });
  await expect(banner).toContainText('Không đọc được tệp Excel: tệp không phải tệp .xlsx');
  await expect(list).toHaveValue('Xã Hành Thiện\nPhường Nghĩa Lộ\nPhường Trương Quang Trọng');
});

/// Saves a download under its own name; its path.
async function saved(download) {
  const path = resolve(mkdtempSync(resolve(tmpdir(), 'cchc-tong-hop-')), download.suggestedFilename());
  await download.saveAs(path);
  return path;
}

async function downloadFrom(page, button) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  return download;
}

/// The printed text of a PDF, whitespace collapsed, in drawing order.
const printedText = (pdf) => pdfPages(pdf, { raw: true }).join('\n').replace(/\s+/g, ' ');

const OFFICE = {
  parent_agency: 'UBND tỉnh Quảng Ngãi',
  name: 'Sở Nội vụ',
  number: '7',
  symbol: 'BC-SNV',
  place: 'Quảng Ngãi',
  date: '10/4/2025',
  signer_name: 'Nguyễn Văn An',
  recipients: 'Bộ Nội vụ\nUBND tỉnh Quảng Ngãi',
};

/// What the combined report prints, in any form.
function expectCombined(text) {
  for (const expected of [
    'UBND TỈNH QUẢNG NGÃI', 'SỞ NỘI VỤ', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Số: 07/BC-SNV',
    'Quảng Ngãi, ngày 10 tháng 4 năm 2025', 'BÁO CÁO',
    'Tổng hợp kết quả thực hiện công tác cải cách hành chính Quý I năm 2025',
    'của 2 đơn vị, Sở Nội vụ tổng hợp số liệu như Phụ lục kèm theo.',
    'Nơi nhận:', '- Bộ Nội vụ;', '- UBND tỉnh Quảng Ngãi;', '- Lưu: VT.',
    'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Nguyễn Văn An',
    '(Kèm theo Báo cáo số 07/BC-SNV ngày 10/4/2025 của Sở Nội vụ)',
    '97,44', 'Tính lại từ tổng: 1.643/1.686',
  ]) expect(text, expected).toContain(expected);
  // Neither the page's controls nor the units' columns are printed.
  for (const absent of ['Xem bản in tổng hợp', 'Tải JSON tổng hợp', 'Chọn các tệp', 'Phường Nghĩa Lộ', 'Tên cơ quan']) {
    expect(text).not.toContain(absent);
  }
}

test('the combined report: the office\'s own header, signer and recipients over the totals, printed, as HTML without script, and as JSON read back to the same totals', async ({ page, appUrl, context }) => {
  await openApp(page, appUrl);
  const units = await twoUnitsExported(page);
  await page.getByRole('button', { name: 'Tổng hợp nhiều báo cáo' }).click();
  await page.setInputFiles('#aggregate-files', units);
  await expect(page.locator('#aggregate-heading')).toHaveText('Tổng hợp báo cáo CCHC Quý I năm 2025: 2 đơn vị');

  // A wrong date is said at once, what was typed stays; then corrected.
  const date = page.locator('#co-quan-date');
  await date.fill('31/2/2025');
  await expect(date).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#co-quan-date-msg')).toContainText('Ngày «31/2/2025»');
  await expect(date).toHaveValue('31/2/2025');
  // Without the office's name, no JSON: the page says why.
  await page.getByRole('button', { name: 'Tải JSON tổng hợp' }).click();
  await expect(page.locator('#combined-status')).toContainText('Chưa có tên cơ quan');
  for (const [key, value] of Object.entries(OFFICE)) await page.locator(`#co-quan-${key}`).fill(value);
  await expect(date).not.toHaveAttribute('aria-invalid', 'true');
  // A provincial department's free lines by default; the editor's choices too.
  await expect(page.locator('#co-quan-signer')).toHaveValue('2');
  await expect(page.locator('#co-quan-authority')).toHaveValue('KT. GIÁM ĐỐC');

  await page.getByRole('button', { name: 'Xem bản in tổng hợp' }).click();
  const view = page.locator('#tong-hop-tai-lieu');
  await expect(view.locator('.document')).toBeVisible();
  await expect(page.locator('#aggregate-table')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Quay lại bảng tổng hợp' })).toBeFocused();
  await page.evaluate(() => { window.print = () => { window.printed = (window.printed ?? 0) + 1; }; });
  await page.getByRole('button', { name: 'In', exact: true }).click();
  expect(await page.evaluate(() => window.printed)).toBe(1);
  const pdf = await printToPdf(page);
  expectCombined(printedText(pdf));
  expect(firstLine(pdfPages(pdf)[0])).toMatch(/^UBND TỈNH QUẢNG NGÃI/);

  const html = await saved(await downloadFrom(page, 'Tải bản in (HTML)'));
  expect(html).toMatch(/tong-hop-cchc-2025-quy-I-so-noi-vu-ban-in\.html$/);
  const source = readFileSync(html, 'utf8');
  expect(source.toLowerCase()).not.toContain('<script');
  expect(source).not.toMatch(/\son[a-z]+=/i);
  const standalone = await context.newPage();
  await standalone.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  await standalone.goto(`file://${html}`);
  expectCombined(printedText(await printToPdf(standalone)));
  await standalone.close();
  // As a Word file to edit before signing, read back with python-docx.
  const word = await downloadFrom(page, 'Tải bản Word (.docx)');
  expect(word.suggestedFilename()).toBe('tong-hop-cchc-2025-quy-I-so-noi-vu.docx');
  expectCombined(readOffice(await saved(word)).text.normalize('NFC').replace(/\s+/g, ' '));

  // The totals as a report file of the office, which this page adds up again.
  await page.getByRole('button', { name: 'Quay lại bảng tổng hợp' }).click();
  await expect(page.getByRole('button', { name: 'Xem bản in tổng hợp' })).toBeFocused();
  const json = await downloadFrom(page, 'Tải JSON tổng hợp');
  expect(json.suggestedFilename()).toBe('tong-hop-cchc-2025-quy-I-so-noi-vu.json');
  const totals = await page.locator('#aggregate-table tbody tr[data-code] td.total').allTextContents();
  expect(totals.filter(Boolean).length).toBeGreaterThan(40);
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Xóa tệp đã nhận' }).click();
  await page.setInputFiles('#aggregate-files', await saved(json));
  await expect(page.locator('#aggregate-heading')).toHaveText('Tổng hợp báo cáo CCHC Quý I năm 2025: 1 đơn vị');
  await expect(page.locator('#aggregate-table thead th').nth(5)).toHaveText('Sở Nội vụ');
  await expect(page.locator('#aggregate-notes')).not.toContainText('Không cộng');
  const again = await page.locator('#aggregate-table tbody tr[data-code] td.total').allTextContents();
  // Equal row by row, but for a choice (counted per option, its counts in the note).
  const codes = await page.locator('#aggregate-table tbody tr[data-code]').evaluateAll((rows) => rows.map((row) => row.dataset.code));
  const differ = codes.filter((code, index) => again[index] !== totals[index]);
  expect(differ).toContain('1.3.b');
  for (const code of differ) {
    const index = codes.indexOf(code);
    expect(totals[index], code).toMatch(/^[^:;]+: \d+(; [^:;]+: \d+)*$/);
    expect(again[index], code).toBe('');
  }
  expect(codes.length - differ.length).toBeGreaterThan(45);
  await expect(cell(page, '1.1.a', TOTAL)).toHaveText('66');
  await expect(cell(page, '3.4.b', TOTAL)).toHaveText('97,44');

  // The office's details are kept for next time.
  await page.reload();
  await expect(page.locator('#co-quan-name')).toHaveValue('Sở Nội vụ');
  await expect(page.locator('#co-quan-recipients')).toHaveValue(OFFICE.recipients);
});

test('the office\'s details kept unreadable are said, set aside and not lost', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await page.evaluate(() => localStorage.setItem('bao-cao-cchc/tong-hop/co-quan', '{"name": "Sở Nội'));
  await page.reload();
  await page.getByRole('button', { name: 'Tổng hợp nhiều báo cáo' }).click();
  await expect(page.locator('#combined-status')).toContainText('Thông tin cơ quan đã lưu không đọc được');
  expect(await page.evaluate(() => localStorage.getItem('bao-cao-cchc/tong-hop/co-quan/khong-doc-duoc'))).toBe('{"name": "Sở Nội');
  // Typed again, they are kept anew.
  await page.locator('#co-quan-name').fill('Sở Nội vụ');
  await expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('bao-cao-cchc/tong-hop/co-quan')).name)).toBe('Sở Nội vụ');
});
