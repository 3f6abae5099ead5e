// Nothing runs from data (issue 12): the Content-Security-Policy of the
// served app, of the single file and of the standalone print page. The main
// flows break none of it; the page reaches no other address; markup typed
// into any kind of field, or carried by a file, runs nowhere; and where
// markup did reach a page, the policy alone keeps its script from running.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  test, expect, field, openApp, loadSample, typeInto, waitSaved, root,
} from './app.mjs';
import { PORT } from './playwright.config.mjs';

const HOSTILE = '"><svg onload=window.__pwned=1><img src=x onerror="window.__pwned=1">'
  + '<script>window.__pwned=1</script><a href="javascript:window.__pwned=1">x</a> javascript:window.__pwned=1';
/// Elements through which typed markup could run a script or load something.
const MARKUP = 'svg, img, a[href^="javascript:"], iframe, object, embed';

/// Records the page's policy violations, and the browser's console errors
/// about its policy, from before its first script.
async function watchPolicy(page) {
  const errors = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) errors.push(message.text());
  });
  await page.addInitScript(() => {
    window.__violations = [];
    addEventListener('securitypolicyviolation', (event) => window.__violations.push(
      { directive: event.effectiveDirective, blocked: event.blockedURI },
    ));
  });
  return {
    violations: () => page.evaluate(() => window.__violations),
    errors,
  };
}

const pwned = (page) => page.evaluate(() => window.__pwned);

/// Saves the file `button` downloads under its own name (a page without
/// `.html` would open as plain text); its path.
async function download(page, button) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  const path = join(mkdtempSync(join(tmpdir(), 'cchc-csp-')), file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

/// Opens the app and, served, waits for its service worker: registered
/// under the policy too.
async function openWithWorker(page, appUrl) {
  await openApp(page, appUrl);
  if (appUrl.startsWith('http')) await page.evaluate(() => navigator.serviceWorker.ready);
}

/// The standalone print page downloaded from the print view, opened from disk.
async function openStandalone(page, context) {
  const path = await download(page, 'Tải bản in (HTML)');
  const standalone = await context.newPage();
  const policy = await watchPolicy(standalone);
  await standalone.goto(`file://${path}`);
  return { standalone, policy };
}

/// Puts the hostile markup into `page` as an escaping mistake would, adds a
/// script element and follows a `javascript:` link: the policy must block
/// the four scripts (two handlers, the element, the link), and none ran.
async function expectScriptsBlocked(page) {
  await page.evaluate((markup) => {
    document.body.insertAdjacentHTML('beforeend', markup);
    const script = document.createElement('script');
    script.textContent = 'window.__pwned = "script"';
    document.body.append(script);
    const link = Object.assign(document.createElement('a'), { href: 'javascript:void (window.__pwned = "link")' });
    document.body.append(link);
    link.click();
  }, HOSTILE);
  await expect.poll(() => page.evaluate(() => ({
    pwned: window.__pwned,
    blocked: window.__violations.map((v) => v.directive).filter((d) => d.startsWith('script-src')).sort(),
  }))).toEqual({ pwned: undefined, blocked: ['script-src-attr', 'script-src-attr', 'script-src-elem', 'script-src-elem'] });
}

test('the main flows run under the policy and break none of it', async ({ page, context, appUrl }) => {
  const policy = await watchPolicy(page);
  await openWithWorker(page, appUrl);
  const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content);
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("'wasm-unsafe-eval'");
  expect(csp).not.toContain("'unsafe-inline'");
  expect(csp).not.toContain("'unsafe-eval'");

  await loadSample(page);
  await typeInto(page, 'header.unit.name', 'Nghĩa Lộ');
  await typeInto(page, 'figures.applications.received', '850');
  await expect(page.locator('[data-derived="applications.resolved"]')).toHaveText('843/850 (99,17%)');
  await typeInto(page, 'narrative.parts.0.subsections.0.blocks.0.text', 'Đoạn văn mới.');
  await waitSaved(page);

  await page.getByRole('button', { name: 'Xem bản in' }).click();
  await expect(page.locator('#ban-in-tai-lieu .document')).toBeVisible();
  await page.pdf();
  const { standalone, policy: standalonePolicy } = await openStandalone(page, context);
  await expect(standalone.locator('.document')).toBeVisible();
  expect(await standalonePolicy.violations()).toEqual([]);
  await standalone.close();
  await page.getByRole('button', { name: 'Quay lại soạn thảo' }).click();
  await page.pdf();

  const exported = await download(page, 'Tải tệp JSON');
  await download(page, 'Tải CSV phụ lục');
  // The office module, loaded on this first click, runs under the policy too.
  await download(page, 'Tải bản Word (.docx)');
  await download(page, 'Tải Excel (.xlsx)');
  await page.setInputFiles('#import-file', exported);
  await page.locator('#import-choice').getByRole('button', { name: 'Giữ cả hai' }).click();
  await expect(field(page, 'header.unit.name')).toHaveValue('Nghĩa Lộ');
  await page.setInputFiles('#template-file', resolve(root, 'tests/fixtures/templates/cchc-cap-xa-quang-ngai-2025-7.json'));
  await expect(page.locator('.banner.info')).toContainText('Đã cài mẫu báo cáo');

  await page.getByRole('button', { name: 'Tổng hợp nhiều báo cáo' }).click();
  await page.setInputFiles('#aggregate-files', exported);
  await expect(page.locator('#aggregate-heading')).toContainText('1 đơn vị');
  await download(page, 'Tải CSV tổng hợp');
  await download(page, 'Tải Excel (.xlsx)');
  await page.getByRole('button', { name: 'Quay lại soạn thảo' }).click();

  expect(await policy.violations()).toEqual([]);
  expect(policy.errors).toEqual([]);
});

test('the single file opened from the site registers its service worker under its policy', async ({ page, appUrl }) => {
  test.skip(!appUrl.startsWith('http'), 'service workers run over http(s) only');
  const policy = await watchPolicy(page);
  await openApp(page, `${appUrl}bao-cao-cchc.html`);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.getRegistrations()
    .then((registrations) => registrations.length))).toBe(1);
  expect(await policy.violations()).toEqual([]);
});

test('the page reaches no other address: fetch and images are refused by the policy', async ({ page, context, appUrl }) => {
  // Were a request let through, it would be answered.
  const answered = [];
  await context.route('https://example.com/**', (route) => {
    answered.push(route.request().url());
    return route.fulfill({ body: 'answer' });
  });
  const policy = await watchPolicy(page);
  await openWithWorker(page, appUrl);
  const other = `http://localhost:${PORT}/sw.js`;
  const outcome = await page.evaluate(async (urls) => Promise.all(urls.map((url) => fetch(url, { mode: 'no-cors' })
    .then(() => 'answered', (error) => error.name))), ['https://example.com/', other]);
  expect(outcome).toEqual(['TypeError', 'TypeError']);
  const image = await page.evaluate(() => new Promise((done) => {
    const img = new Image();
    img.onload = () => done('loaded');
    img.onerror = () => done('refused');
    img.src = 'https://example.com/pixel.png';
  }));
  expect(image).toBe('refused');
  expect(await policy.violations()).toEqual([
    { directive: 'connect-src', blocked: 'https://example.com/' },
    { directive: 'connect-src', blocked: other },
    { directive: 'img-src', blocked: 'https://example.com/pixel.png' },
  ]);
  expect(answered).toEqual([]);
  if (appUrl.startsWith('http')) {
    // Served, the app's own site stays reachable (the wasm, the service worker).
    expect(await page.evaluate(() => fetch('./sw.js').then((response) => response.status))).toBe(200);
  }
});

test('markup typed into every kind of field runs nowhere: editor, print view, files, standalone pages, the office\'s list', async ({ page, context, appUrl }) => {
  const policy = await watchPolicy(page);
  await openWithWorker(page, appUrl);
  await loadSample(page);
  const paths = [
    'header.unit.name',
    'figures.applications.received',
    'narrative.parts.0.subsections.0.blocks.0.text',
    'appendix.7.4.value',
    'appendix.1.1.a.note',
    'signature.name',
  ];
  for (const path of paths) await typeInto(page, path, HOSTILE);
  await waitSaved(page);
  for (const path of paths) await expect(field(page, path)).toHaveValue(HOSTILE);
  await expect(page.locator(`body :is(${MARKUP})`)).toHaveCount(0);

  await page.getByRole('button', { name: 'Xem bản in' }).click();
  const printed = page.locator('#ban-in-tai-lieu .document');
  await expect(printed).toContainText(HOSTILE);
  await expect(printed.locator(MARKUP)).toHaveCount(0);
  const { standalone, policy: standalonePolicy } = await openStandalone(page, context);
  await expect(standalone.locator('.document')).toContainText(HOSTILE);
  await expect(standalone.locator(`script, ${MARKUP}`)).toHaveCount(0);
  expect(await pwned(standalone)).toBeUndefined();
  expect(await standalonePolicy.violations()).toEqual([]);
  await standalone.close();
  await page.getByRole('button', { name: 'Quay lại soạn thảo' }).click();
  // Ctrl+P from the editor writes the document into the page first.
  await page.pdf();

  // The same text arriving in a file: opened, and added up.
  const exported = await download(page, 'Tải tệp JSON');
  await page.setInputFiles('#import-file', exported);
  await page.locator('#import-choice').getByRole('button', { name: 'Giữ cả hai' }).click();
  await expect(field(page, 'header.unit.name')).toHaveValue(HOSTILE);
  await page.getByRole('button', { name: 'Tổng hợp nhiều báo cáo' }).click();
  await page.setInputFiles('#aggregate-files', exported);
  await expect(page.locator('#aggregate-table thead')).toContainText(HOSTILE);
  await expect(page.locator(`body :is(${MARKUP})`)).toHaveCount(0);
  // Typed as the office's details of the combined report, and printed.
  for (const key of ['name', 'signer_name', 'recipients']) await page.locator(`#co-quan-${key}`).fill(HOSTILE);
  await page.getByRole('button', { name: 'Xem bản in tổng hợp' }).click();
  const combined = page.locator('#tong-hop-tai-lieu .document');
  await expect(combined).toContainText(HOSTILE);
  await expect(combined.locator(MARKUP)).toHaveCount(0);
  const { standalone: combinedPage, policy: combinedPolicy } = await openStandalone(page, context);
  await expect(combinedPage.locator('.document')).toContainText(HOSTILE);
  await expect(combinedPage.locator(`script, ${MARKUP}`)).toHaveCount(0);
  expect(await pwned(combinedPage)).toBeUndefined();
  expect(await combinedPolicy.violations()).toEqual([]);
  await combinedPage.close();
  await page.getByRole('button', { name: 'Quay lại bảng tổng hợp' }).click();
  // Typed as a unit on the office's list, and matched with the file's unit.
  await page.getByLabel('Mỗi dòng một đơn vị').fill(`Phường ${HOSTILE}\nXã Chưa Gửi`);
  await expect(page.locator('#tinh-trang-don-vi')).toContainText(HOSTILE);
  await expect(page.locator('#chua-gui li')).toHaveText(['Xã Chưa Gửi']);
  await expect(page.locator(`body :is(${MARKUP})`)).toHaveCount(0);

  expect(await pwned(page)).toBeUndefined();
  expect(await policy.violations()).toEqual([]);
});

test('markup that reached the page anyway cannot run a script: app and standalone page', async ({ page, context, appUrl }) => {
  await watchPolicy(page);
  await openApp(page, appUrl);
  await loadSample(page);
  await expectScriptsBlocked(page);

  await page.getByRole('button', { name: 'Xem bản in' }).click();
  const { standalone } = await openStandalone(page, context);
  await expectScriptsBlocked(standalone);
});

test('markup inside a template (labels, rule messages, sentences) runs nowhere', async ({ page, appUrl }) => {
  const template = JSON.parse(readFileSync(resolve(root, 'tests/fixtures/templates/cchc-cap-xa-quang-ngai-2025-7.json'), 'utf8'));
  template.version = '2025.99';
  template.figures[0].figures[2].label = `Số nhiệm vụ ${HOSTILE}`;
  template.rules[0].message = `Sai ${HOSTILE} ({plan.tasks_completed})`;
  template.appendix[0].label = `Công tác ${HOSTILE}`;
  template.sentences[0].lines[0] = `Mở đầu ${HOSTILE} {unit.full_name}`;
  const path = join(mkdtempSync(join(tmpdir(), 'cchc-csp-')), 'mau-doc-hai.json');
  writeFileSync(path, JSON.stringify(template));

  const policy = await watchPolicy(page);
  await openWithWorker(page, appUrl);
  await page.setInputFiles('#template-file', path);
  await expect(page.locator('.banner.info')).toContainText('Đã cài mẫu báo cáo');
  await page.getByRole('button', { name: 'Báo cáo mới', exact: true }).click();
  await typeInto(page, 'figures.plan.tasks_total', '1');
  await typeInto(page, 'figures.plan.tasks_completed', '2');
  await expect(page.locator('.summary')).toContainText(`Sai ${HOSTILE} (2)`);
  await expect(page.locator('#so-lieu')).toContainText(`Số nhiệm vụ ${HOSTILE}`);
  await expect(page.locator('#phu-luc')).toContainText(`Công tác ${HOSTILE}`);
  await expect(page.locator('#noi-dung')).toContainText(`Mở đầu ${HOSTILE}`);
  await expect(page.locator(`body :is(${MARKUP})`)).toHaveCount(0);

  await page.getByRole('button', { name: 'Xem bản in' }).click();
  const printed = page.locator('#ban-in-tai-lieu .document');
  await expect(printed).toContainText(`Công tác ${HOSTILE}`);
  await expect(printed).toContainText(`Mở đầu ${HOSTILE}`);
  await expect(printed.locator(MARKUP)).toHaveCount(0);
  expect(await pwned(page)).toBeUndefined();
  expect(await policy.violations()).toEqual([]);
});
