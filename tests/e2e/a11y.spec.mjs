// Accessibility: axe finds no serious or critical violation, and the Tab
// key reaches every field of the report, so it can be filled by keyboard.
import AxeBuilder from '@axe-core/playwright';
import { resolve } from 'node:path';
import {
  test, expect, field, openApp, loadSample, typeInto, waitSaved, openHistory, root,
} from './app.mjs';

async function graveViolations(page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => ['serious', 'critical'].includes(violation.impact))
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 5).join(', ')}`);
}

test('axe finds no serious or critical violation, with issues shown, in the history, the print view and the aggregation', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await loadSample(page);
  await typeInto(page, 'figures.applications.resolved', '900');
  await expect(field(page, 'figures.applications.resolved')).toHaveAttribute('aria-invalid', 'true');
  expect(await graveViolations(page)).toEqual([]);
  // The history panel, with a state in it.
  await waitSaved(page);
  await page.getByRole('button', { name: 'Tải tệp JSON' }).click();
  await (await openHistory(page)).locator('.history-states li').first().waitFor();
  expect(await graveViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Xem bản in' }).click();
  await expect(page.locator('#ban-in-tai-lieu .document')).toBeVisible();
  expect(await graveViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Quay lại soạn thảo' }).click();
  await page.getByRole('button', { name: 'Tổng hợp nhiều báo cáo' }).click();
  await page.setInputFiles('#aggregate-files', resolve(root, 'public/examples/bao-cao-cchc-quy-I-2025-phuong-truong-quang-trong.json'));
  await expect(page.locator('#aggregate-heading')).toContainText('1 đơn vị');
  // With the expected units' statuses and a total opened.
  await page.getByLabel('Mỗi dòng một đơn vị').fill('Phường Trương Quang Trọng\nPhường Nghĩa Lộ');
  await expect(page.locator('#chua-gui li')).toHaveText(['Phường Nghĩa Lộ']);
  await page.locator('#aggregate-table tr[data-code="1.1.a"] td').nth(3).getByRole('button').click();
  await expect(page.locator('#aggregate-table .breakdown li')).toHaveText(['Phường Trương Quang Trọng: 33']);
  expect(await graveViolations(page)).toEqual([]);
  // The office's details with a problem shown, then the combined report's print view.
  await page.locator('#co-quan-date').fill('31/2/2025');
  await expect(page.locator('#co-quan-date')).toHaveAttribute('aria-invalid', 'true');
  expect(await graveViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Xem bản in tổng hợp' }).click();
  await expect(page.locator('#tong-hop-tai-lieu .document')).toBeVisible();
  expect(await graveViolations(page)).toEqual([]);
});

test('the Tab key reaches every field of the report', async ({ page, appUrl }) => {
  await openApp(page, appUrl);
  await loadSample(page);
  const names = new Set(await page.locator('main [name]').evaluateAll((all) => all.map((e) => e.name)));
  expect(names.size).toBeGreaterThan(300);
  await page.locator('body').focus();
  const reached = new Set();
  for (let step = 0; step < 3000 && reached.size < names.size; step++) {
    await page.keyboard.press('Tab');
    const [name, closedSummary] = await page.evaluate(() => {
      const active = document.activeElement;
      return [active?.getAttribute('name'), active?.tagName === 'SUMMARY' && !active.parentElement.open];
    });
    // A footnote sits in a closed <details>: Enter on its summary opens it.
    if (closedSummary) await page.keyboard.press('Enter');
    if (name && names.has(name)) reached.add(name);
  }
  expect([...names].filter((name) => !reached.has(name))).toEqual([]);
});
