// Nothing typed is lost: reload, closing and reopening the browser with the
// same profile, and killing the browser 100 ms or 1 s after the last keystroke.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  test, expect, field, openApp, newReport, loadSample, typeInto, waitSaved, storedKeys, PREFIX, CHROMIUM_ARGS, launchProfile,
} from './app.mjs';

const TYPED = [
  ['header.unit.name', 'Nghĩa Lộ'],
  ['figures.applications.received', '1.234'],
  ['figures.applications.withdrawn', '12x'],
  ['narrative.parts.1.subsections.0.title', 'Ưu điểm nổi bật'],
];

async function typeAll(page) {
  for (const [path, text] of TYPED) await typeInto(page, path, text);
}

async function expectAll(page) {
  for (const [path, text] of TYPED) await expect(field(page, path)).toHaveValue(text);
  // What did not parse comes back with its message.
  await expect(field(page, 'figures.applications.withdrawn')).toHaveAttribute('aria-invalid', 'true');
}

test('a reload keeps every value typed and reopens the same draft', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await newReport(page);
  await typeAll(page);
  await waitSaved(page);
  await page.reload();
  await expect(field(page, 'header.unit.name')).toBeEditable();
  await expectAll(page);
  const stored = await storedKeys(page);
  const index = JSON.parse(stored[`${PREFIX}index`]);
  const draft = JSON.parse(stored[`${PREFIX}draft/${index.last_open}`]);
  // Stored data carries its format versions.
  expect(draft.storage_version).toBe(1);
  expect(draft.report.format_version).toBe(2);
  expect(draft.report.template.id).toBe('cchc-xa-phuong-quang-ngai');
  expect(draft.name).toBe(`${await page.locator('#draft-list option:checked').textContent()}`);
});

test('closing and reopening the browser with the same profile keeps every value', async ({ appUrl }) => {
  const profile = mkdtempSync(join(tmpdir(), 'cchc-profile-'));
  try {
    const launch = () => launchProfile(profile);
    let context = await launch();
    let page = context.pages()[0] ?? await context.newPage();
    await openApp(page, appUrl);
    await newReport(page);
    await typeAll(page);
    await waitSaved(page);
    await context.close();

    context = await launch();
    page = context.pages()[0] ?? await context.newPage();
    await openApp(page, appUrl);
    await expectAll(page);
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

for (const delay of [100, 1000]) test(`killing the browser ${delay} ms after the last keystroke keeps every value`, async ({ appUrl }) => {
  const profile = mkdtempSync(join(tmpdir(), 'cchc-profile-'));
  const port = 9300 + Math.floor(Math.random() * 500);
  try {
    const browserProcess = spawn('/usr/bin/chromium', [
      '--headless', `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, ...CHROMIUM_ARGS, 'about:blank',
    ], { stdio: 'ignore' });
    let browser;
    for (let attempt = 0; attempt < 50 && !browser; attempt++) {
      try {
        browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
      } catch {
        await new Promise((done) => setTimeout(done, 200));
      }
    }
    const page = await browser.contexts()[0].newPage();
    await openApp(page, appUrl);
    await newReport(page);
    await typeAll(page);
    // The scenario itself: the power goes this long after the last key.
    await page.waitForTimeout(delay);
    const exited = new Promise((done) => browserProcess.once('exit', done));
    browserProcess.kill('SIGKILL');
    await exited;

    const context = await launchProfile(profile);
    const reopened = context.pages()[0] ?? await context.newPage();
    await openApp(reopened, appUrl);
    await expectAll(reopened);
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

test('a bug that stops the app says so in Vietnamese and keeps what was just typed', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await loadSample(page);
  await waitSaved(page);
  await typeInto(page, 'header.unit.name', 'Trương Quang Trọng mới');
  // Still inside the save delay: only the crash path can keep this.
  await expect(page.locator('#save-status')).toHaveAttribute('data-pending', '1');
  await page.evaluate(() => dispatchEvent(new Event('cchc-simulate-crash')));
  const message = page.locator('#loi-ung-dung');
  await expect(message).toContainText('Ứng dụng gặp lỗi không lường trước và đã phải dừng.');
  await expect(message).toContainText('Những gì vừa gõ đã được lưu vào bản nháp trước khi dừng.');
  await expect(message).toHaveAttribute('role', 'alert');
  await message.getByRole('button', { name: 'Tải lại trang' }).click();
  await expect(field(page, 'header.unit.name')).toHaveValue('Trương Quang Trọng mới');
  await expect(page.locator('#loi-ung-dung')).toHaveCount(0);
});

test('the page asks the browser to keep the drafts and says how much storage they use', async ({ page, appUrl }) => {
  await page.addInitScript(() => {
    // Count the requests the app makes to keep the data.
    window.persistRequests = 0;
    const persist = StorageManager.prototype.persist;
    StorageManager.prototype.persist = function () { window.persistRequests += 1; return persist.call(this); };
  });
  await openApp(page, appUrl);
  const line = page.locator('#storage-state');
  await expect(line).toContainText(/^Bộ nhớ trình duyệt: [\d.]+ KB đã dùng; /);
  await loadSample(page);
  await waitSaved(page);
  await expect.poll(() => page.evaluate(() => window.persistRequests)).toBe(1);
  // What the page says is what the browser says.
  const kept = await page.evaluate(() => navigator.storage.persisted());
  await expect(line).toContainText(kept ? 'được giữ lâu dài.' : 'chưa được giữ lâu dài');
  const used = await page.evaluate(async () => Math.ceil((await navigator.storage.estimate()).usage / 1024));
  const shown = Number((await line.textContent()).match(/([\d.]+) KB/)[1].replaceAll('.', ''));
  expect(shown).toBeGreaterThan(0);
  expect(Math.abs(shown - used)).toBeLessThanOrEqual(used / 2 + 64);
  // Asked at the first save, once per page, not at every save.
  await typeInto(page, 'header.unit.name', 'Trương Quang Trọng 2');
  await waitSaved(page);
  expect(await page.evaluate(() => window.persistRequests)).toBe(1);
});
