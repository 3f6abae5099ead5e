// Offline: the single file works from disk with every network request
// blocked and makes none; served over http, the service worker reopens the
// app with the network down, and a new build replaces the old cache.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, appendFileSync, readdirSync, utimesSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, field, openApp, loadSample, typeInto, root } from './app.mjs';

test('the single file loads and works with all network blocked, and makes no request', async ({ page, context, appUrl }) => {
  test.skip(!appUrl.startsWith('file:'), 'the single file is opened from disk');
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await context.route(/^(?!file:)/, (route) => route.abort());
  await context.setOffline(true);
  await openApp(page, appUrl);
  await loadSample(page);
  await typeInto(page, 'figures.applications.received', '850');
  await expect(page.locator('[data-derived="applications.resolved"]')).toHaveText('843/850 (99,17%)');
  expect(requests).toEqual([appUrl]);
});

test('served over http, the app reopens and works with the network down', async ({ page, context, appUrl }) => {
  test.skip(!appUrl.startsWith('http'), 'service workers run over http(s) only');
  await openApp(page, appUrl);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null || (location.reload(), false), null, { timeout: 10_000 }).catch(() => {});
  await context.setOffline(true);
  await page.reload();
  await expect(field(page, 'header.unit.name')).toBeEditable();
  await loadSample(page);
  await typeInto(page, 'figures.applications.received', '850');
  await expect(page.locator('[data-derived="applications.resolved"]')).toHaveText('843/850 (99,17%)');
  await context.setOffline(false);
});

test('a new build replaces the old cache of the service worker', async ({ page, appUrl }) => {
  test.skip(!appUrl.startsWith('http'), 'service workers run over http(s) only');
  const site = mkdtempSync(join(tmpdir(), 'cchc-site-'));
  cpSync(join(root, 'dist'), site, { recursive: true });
  // The copy is dated an hour back, as a site deployed earlier would be: the
  // server's Last-Modified counts whole seconds, so a new sw.js written in the
  // same second as the copy would be answered "304 Not Modified".
  const anHourAgo = new Date(Date.now() - 3_600_000);
  for (const name of readdirSync(site, { recursive: true })) utimesSync(join(site, name), anHourAgo, anHourAgo);
  const port = 8300 + Math.floor(Math.random() * 500);
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', site], { stdio: 'ignore' });
  try {
    const url = `http://127.0.0.1:${port}/`;
    for (let attempt = 0; attempt < 50; attempt++) {
      try { await fetch(url); break; } catch { await new Promise((done) => setTimeout(done, 100)); }
    }
    const cacheNames = () => page.evaluate(() => caches.keys());
    await openApp(page, url);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect.poll(cacheNames).toHaveLength(1);
    const [first] = await cacheNames();

    // A new build: another stylesheet, so another service worker and cache.
    const css = readdirSync(site).find((name) => name.endsWith('.css'));
    appendFileSync(join(site, css), '\n/* next build */\n');
    execFileSync('node', [join(root, 'tools/postbuild.mjs'), site], { stdio: 'ignore' });
    await page.reload();
    await expect.poll(cacheNames, { timeout: 15_000 }).not.toContain(first);
    await expect.poll(cacheNames).toHaveLength(1);
    await expect(field(page, 'header.unit.name')).toBeEditable();
  } finally {
    server.kill();
    rmSync(site, { recursive: true, force: true });
  }
});
