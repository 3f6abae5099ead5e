// make docs: prints the sample report from the single file (as a clerk would
// with `Xem bản in`) and writes PNGs of page 1 and of the first appendix page
// into docs/, for a person to look at; the README shows them.
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { root, CHROMIUM_ARGS } from './app.mjs';
import { pdfPages, printToPdf } from './pdf.mjs';

const out = resolve(root, 'docs');
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const page = await browser.newPage();
await page.goto(`file://${resolve(root, 'dist/bao-cao-cchc.html')}`);
await page.getByRole('button', { name: 'Nạp báo cáo mẫu' }).click();
await page.waitForFunction(() => document.querySelector('[name="figures.applications.received"]')?.value === '847');
await page.getByRole('button', { name: 'Xem bản in' }).click();
await page.locator('#ban-in-tai-lieu .document').waitFor();
const pdf = await printToPdf(page, 'ban-in-mau.pdf');
await browser.close();

const pages = pdfPages(pdf);
const appendix = pages.findIndex((text) => text.includes('THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN')) + 1;
if (appendix < 2) throw new Error('the appendix was not found in the printed sample');
console.log(`printed sample: ${pdf} (${pages.length} pages, appendix from page ${appendix})`);
for (const [number, name] of [[1, 'ban-in-trang-1'], [appendix, 'ban-in-phu-luc']]) {
  const png = resolve(out, name);
  execFileSync('pdftoppm', ['-png', '-gray', '-r', '60', '-f', String(number), '-l', String(number), '-singlefile', pdf, png]);
  console.log(`  page ${number}: ${png}.png (${(statSync(`${png}.png`).size / 1024).toFixed(1)} KB)`);
}
