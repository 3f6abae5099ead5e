// Starting the app: a page is painted before the app runs, and a start that
// fails says so in Vietnamese instead of leaving a blank page.
import { test, expect, openApp, field } from './app.mjs';

test('a page is shown while the app starts, and the app replaces it', async ({ page, appUrl }) => {
  test.skip(!appUrl.startsWith('http'), 'holding the wasm back needs a served app');
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  // Block the service worker so that every request goes through page.route.
  await page.context().route('**/*_bg.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(appUrl);
  await expect(page.locator('#khoi-dong-tin')).toHaveText('Đang mở trình soạn báo cáo…');
  await expect(page.locator('#khoi-dong')).toBeVisible();
  release();
  await expect(field(page, 'header.unit.name')).toBeEditable();
  await expect(page.locator('#khoi-dong')).toHaveCount(0);
});

test('the single file shows its waiting page at the first frame, then the editor', async ({ page, appUrl }) => {
  test.skip(!appUrl.startsWith('file:'), 'the single file waits a frame before starting the app');
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => requestAnimationFrame(() => {
      window.seenAtFirstFrame = document.getElementById('khoi-dong-tin')?.textContent ?? 'nothing';
    }));
  });
  await openApp(page, appUrl);
  expect(await page.evaluate(() => window.seenAtFirstFrame)).toBe('Đang mở trình soạn báo cáo…');
  await expect(page.locator('#khoi-dong')).toHaveCount(0);
});

test('an app that cannot start says so in Vietnamese', async ({ page, appUrl }) => {
  test.skip(!appUrl.startsWith('http'), 'failing the wasm needs a served app');
  await page.context().route('**/*_bg.wasm', (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: 'not wasm' }));
  await page.goto(appUrl);
  await expect(page.locator('#khoi-dong-tin')).toContainText('Không khởi động được trình soạn báo cáo');
  await expect(page.locator('#khoi-dong-tin')).toContainText('Dữ liệu đã lưu trong trình duyệt không bị mất');
});
