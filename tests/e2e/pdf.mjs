// Reading a printed PDF back as text with pdftotext (poppler-utils), one
// string per page, as the print tests and `make docs` need it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/// Writes `pdf` (a Buffer) to a temporary file and returns its path.
export function savePdf(pdf, name = 'ban-in.pdf') {
  const path = join(mkdtempSync(join(tmpdir(), 'cchc-pdf-')), name);
  writeFileSync(path, pdf);
  return path;
}

/// The text of each page of the PDF at `path`, NFC-normalised, layout kept
/// (or, with `raw`, in the order it was drawn: a table cell's lines together).
export function pdfPages(path, { raw = false } = {}) {
  const text = execFileSync('pdftotext', [raw ? '-raw' : '-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  const pages = text.split('\f').map((page) => page.normalize('NFC'));
  if (pages.at(-1).trim() === '') pages.pop();
  return pages;
}

/// The first line of a page that is not blank, trimmed.
export const firstLine = (page) => page.split('\n').map((line) => line.trim()).find((line) => line !== '') ?? '';

/// Prints the page as the browser would to A4 paper, with the page's own
/// @page size and margins, and returns the PDF's path.
export async function printToPdf(page, name) {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false });
  await page.emulateMedia({ media: null });
  return savePdf(pdf, name);
}
