// Shared helpers of the end-to-end tests: opening the app in either project
// (served over http or the single file from file://), the sample report,
// and reading what the app stored.
import { chromium, test as base, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/// What tests/e2e/read_office.py finds in a .docx or .xlsx file (python-docx
/// and openpyxl, in the venv of tools/setup.sh).
export const readOffice = (path) => JSON.parse(execFileSync(resolve(root, '.venv-readers/bin/python'),
  [resolve(root, 'tests/e2e/read_office.py'), path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
export const sample = JSON.parse(
  readFileSync(resolve(root, 'public/examples/bao-cao-cchc-quy-I-2025-phuong-truong-quang-trong.json'), 'utf8'),
);
export const PREFIX = 'bao-cao-cchc/v1/';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/// Debian's Chromium on the profile kept in `dir`: closing it and launching
/// it again on the same `dir` is a browser restart.
export const launchProfile = (dir, options = {}) => chromium.launchPersistentContext(dir, {
  executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, ...options,
});

export const test = base.extend({
  // Set per project in playwright.config.mjs.
  appUrl: ['', { option: true }],
});
export { expect };

/// The input (or select, or textarea) whose name is the JSON path `path`.
export const field = (page, path) => page.locator(`[name="${path}"]`);

/// Opens the app and waits until it can be typed into.
export async function openApp(page, appUrl) {
  await page.goto(appUrl);
  await expect(field(page, 'header.unit.name')).toBeEditable();
}

/// Starts an empty report or the sample, as a clerk would.
export async function newReport(page) {
  await page.getByRole('button', { name: 'Báo cáo mới', exact: true }).click();
  await expect(field(page, 'figures.applications.received')).toHaveValue('');
}
export async function loadSample(page) {
  await page.getByRole('button', { name: 'Nạp báo cáo mẫu' }).click();
  await expect(field(page, 'figures.applications.received')).toHaveValue('847');
}

/// Types `text` into the field at `path` with the keyboard, replacing what it held.
export async function typeInto(page, path, text) {
  await field(page, path).focus();
  await page.keyboard.press('ControlOrMeta+A');
  if (text === '') await page.keyboard.press('Delete');
  else await page.keyboard.type(text);
}

/// Waits until the draft is saved after the last change.
export async function waitSaved(page) {
  await page.waitForTimeout(50);
  await page.waitForFunction(() => !document.querySelector('#save-status')?.dataset.pending);
  await expect(page.locator('#save-status')).toContainText('Đã lưu lúc');
}

/// Every key of this app in localStorage, with its value.
export async function storedKeys(page) {
  return page.evaluate((prefix) => {
    const all = {};
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key.startsWith(prefix)) all[key] = localStorage.getItem(key);
    }
    return all;
  }, PREFIX);
}

/// `16091000` as a Vietnamese clerk types it: `16.091.000`.
export const vietnamese = (number) => String(number).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/// `2025-01-03` as typed: `03/01/2025`.
export const typedDate = (iso) => iso.split('-').reverse().join('/');

/// The rows of a CSV file the app wrote for Excel: UTF-8 with a byte-order
/// mark (checked here), every field quoted, CRLF line ends.
export function parseCsv(bytes) {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return bytes.toString('utf8').slice(1).trim().split('\r\n')
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replaceAll('""', '"')));
}

/// Every state kept in the drafts' history (IndexedDB): `{ state, draft }`,
/// both parsed, oldest first.
export async function historyStates(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('bao-cao-cchc-lich-su', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('states');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const all = open.result.transaction('states').objectStore('states').getAll();
      all.onsuccess = () => {
        open.result.close();
        resolve(all.result.map((r) => ({ state: JSON.parse(r.state), draft: JSON.parse(r.draft) })));
      };
      all.onerror = () => reject(all.error);
    };
  }));
}

/// Opens the `Lịch sử` panel if it is closed.
export async function openHistory(page) {
  const panel = page.locator('#lich-su');
  if (await panel.isHidden()) await page.locator('#mo-lich-su').click();
  await expect(panel).toBeVisible();
  return panel;
}

/// The open draft exported with `Tải tệp JSON`, as a file to pick again.
export async function exportedFile(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải tệp JSON' }).click(),
  ]);
  return { name: download.suggestedFilename(), mimeType: 'application/json', buffer: readFileSync(await download.path()) };
}

/// The sample's file and a second unit's (`Nghĩa Lộ`, 800 on time), for
/// the aggregation page.
export async function twoUnitsExported(page) {
  await loadSample(page);
  await waitSaved(page);
  const first = await exportedFile(page);
  await typeInto(page, 'header.unit.name', 'Nghĩa Lộ');
  await typeInto(page, 'figures.applications.on_time', '800');
  await waitSaved(page);
  return [first, await exportedFile(page)];
}
