// After `trunk build`: writes the two things Trunk cannot.
//
// 1. dist/bao-cao-cchc.html, the whole app in ONE self-contained file that
//    works when double-clicked from disk with no network: Chromium blocks
//    module scripts and wasm fetches on file://, so the wasm-bindgen JS is
//    inlined in a module script, the wasm is embedded gzip-compressed as
//    base64 (a third of the size of plain base64), unpacked by the browser's
//    DecompressionStream and compiled as it streams in, and the CSS is inlined.
// 2. dist/sw.js, the service worker that keeps the served app working when
//    the network is down. Its cache name carries a hash of the build, so a
//    new build installs a new cache and deletes the old one.
// 3. A Content-Security-Policy in both pages, dist/index.html and the single
//    file, as a meta element so that it holds from disk and on any static
//    host: only the page's own scripts run, nothing is loaded from elsewhere.
// 4. The Word and Excel writers (crates/office, built by `make` into
//    target/office-pkg/ with wasm-bindgen --target web), a second wasm
//    module as large as the editor's, which the editor's start never
//    touches: both pages define a global `cchcOffice()` that loads and
//    compiles it on its first call only (src/app/office.rs calls it) and
//    returns the same promise afterwards. Served, it imports
//    office/office-<hash>.js, which fetches office/office-<hash>_bg.wasm;
//    both are in the service worker's cache. In the single file the wasm
//    sits gzipped and base64-encoded in a data block (a script element of
//    type application/octet-stream, which never runs and which the policy
//    does not govern) and its glue in a module script that only defines
//    the loader; the first call unpacks it like the editor's wasm.
//
// Usage: node tools/postbuild.mjs [dist] [office package directory]

import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = process.argv[2] ?? 'dist';
const officePackage = process.argv[3] ?? fileURLToPath(new URL('../target/office-pkg/', import.meta.url));
const SINGLE_FILE = 'bao-cao-cchc.html';

const CSP_META = /[ \t]*<meta http-equiv="Content-Security-Policy"[^>]*>\n/;
const OFFICE_LOADER = /[ \t]*<script id="office-loader">[\s\S]*?<\/script>\n/;
// Without the policy and the office loader a run before left, so that this
// script can run again.
const indexHtml = readFileSync(join(dist, 'index.html'), 'utf8').replace(CSP_META, '').replace(OFFICE_LOADER, '');
const files = readdirSync(dist);
const one = (suffix) => {
  const found = files.filter((name) => name.endsWith(suffix) && ![SINGLE_FILE, 'sw.js'].includes(name));
  if (found.length !== 1) throw new Error(`expected one *${suffix} in ${dist}, found ${found}`);
  return found[0];
};
const jsName = one('.js');
const wasmName = one('_bg.wasm');
const cssName = one('.css');

const js = readFileSync(join(dist, jsName), 'utf8');
const officeJs = readFileSync(join(officePackage, 'office.js'), 'utf8');
const officeWasm = readFileSync(join(officePackage, 'office_bg.wasm'));
const wasm = readFileSync(join(dist, wasmName));
const css = readFileSync(join(dist, cssName), 'utf8');

// Text placed inside <script> or <style> must not close the element early.
const inert = (text, tag) => text.replaceAll(`</${tag}`, `<\\/${tag}`);

const head = indexHtml
  // Trunk's loader, preloads and stylesheet link point at files that the
  // single file does not have.
  .replace(/<script type="module">[\s\S]*?<\/script>/, '')
  .replace(/<link rel="(?:modulepreload|preload|stylesheet)"[^>]*>/g, '')
  .replace('</head>', `<style>\n${inert(css, 'style')}\n</style>\n</head>`);

// A wasm for the page, gzipped by zopfli (Debian's `zopfli`, installed by
// tools/setup.sh) and base64-encoded: a gzip stream that any gzip reader
// unpacks, about 4% smaller than `gzip -9` (measured: the editor's wasm 391 KB
// instead of 409 KB), so the single file to e-mail and open is smaller; the
// unpacking costs the same.
const packWasm = (bytes) => {
  const scratch = mkdtempSync(join(tmpdir(), 'cchc-zopfli-'));
  try {
    writeFileSync(join(scratch, 'module.wasm'), bytes);
    return execFileSync('zopfli', ['--gzip', '-c', join(scratch, 'module.wasm')], { maxBuffer: 64 << 20 }).toString('base64');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
};

// A wasm kept gzipped and base64-encoded in the page, as the Response
// wasm-bindgen's init takes, so that the browser compiles the module while it
// is still being unpacked (instantiateStreaming). Written into each script
// that unpacks one (the editor's at start, the office module's on first use).
// The browser's own base64 decoder where it has one (Chromium 140, Firefox
// 133); else a plain loop: a callback per byte (Uint8Array.from with a map)
// took about 150 ms of the start on a slow PC.
const UNPACK_WASM = `(base64) => {
  const gzip = Uint8Array.fromBase64?.(base64) ?? (() => {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  })();
  const stream = new Blob([gzip]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream, { headers: { 'Content-Type': 'application/wasm' } });
}`;

const loader = `<script type="module">
${inert(js, 'script')}
// Let the page painted by index.html show before the app's start takes the
// main thread.
await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted)));
const unpackWasm = ${UNPACK_WASM};
await __wbg_init({ module_or_path: unpackWasm("${packWasm(wasm)}") });
</script>`;

// The office module in the single file: its wasm in a data block that never
// runs, its glue in a module script that only defines `cchcOffice()`, which
// gives its exports: the writers and the reader of a list of units (Excel or CSV).
const officeBlocks = `<script type="application/octet-stream" id="office-wasm">${packWasm(officeWasm)}</script>
<script type="module" id="office-module">
${inert(officeJs, 'script')}
// The Word and Excel writers: unpacked and compiled on the first call only,
// the same promise afterwards (a failed load is tried again next time).
let officeLoading;
window.cchcOffice = () => (officeLoading ??= (async () => {
  const unpackWasm = ${UNPACK_WASM};
  await __wbg_init({ module_or_path: unpackWasm(document.getElementById('office-wasm').textContent) });
  return { docx_file, combined_docx_file, xlsx_file, workbook_file, unit_lines };
})().catch((error) => {
  officeLoading = undefined;
  throw error;
}));
</script>`;

// The office module served: two files whose names carry a hash of both (the
// service worker answers such files from its cache), written afresh.
const officeHash = createHash('sha256').update(officeJs).update(officeWasm).digest('hex').slice(0, 16);
const officeFiles = [`office/office-${officeHash}.js`, `office/office-${officeHash}_bg.wasm`];
rmSync(join(dist, 'office'), { recursive: true, force: true });
mkdirSync(join(dist, 'office'));
writeFileSync(join(dist, officeFiles[0]), officeJs);
writeFileSync(join(dist, officeFiles[1]), officeWasm);
const officeLoader = `    <script id="office-loader">
      // The Word and Excel writers (a second wasm module): fetched and
      // compiled on the first call only, the same promise afterwards (a
      // failed load is tried again next time).
      {
        let loading;
        window.cchcOffice = () => (loading ??= import('./${officeFiles[0]}')
          .then(async (office) => {
            await office.default({ module_or_path: new URL('${officeFiles[1]}', document.baseURI) });
            return office;
          })
          .catch((error) => {
            loading = undefined;
            throw error;
          }));
      }
    </script>
`;

// A policy's hash of an inline script or style sheet: over its exact text.
const hash = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const inlineHashes = (html, tag) =>
  [...html.matchAll(new RegExp(`<${tag}(\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g'))]
    // Not a script with a source, nor a data block (which never runs).
    .filter(([, attributes = '']) => !/\ssrc=|\stype="application\/octet-stream"/.test(attributes))
    .map(([, , text]) => hash(text));
// The print view's <style>, added by the app, holds style/document.css as it
// is (see src/app/print.rs).
const documentCss = hash(readFileSync(new URL('../style/document.css', import.meta.url), 'utf8'));

/// `html` with its Content-Security-Policy first in <head>: a meta policy
/// only covers what comes after it. `served` is the app in dist/ on a web
/// host; else the single file, which loads nothing at all.
function withPolicy(html, served) {
  const self = served ? "'self' " : '';
  const policy = [
    // Whatever is not named below is refused: images, fonts, media, frames,
    // objects, manifests. The app uses none.
    "default-src 'none'",
    // The page's inline scripts by hash, never any other inline script or
    // handler; served, also the wasm-bindgen module and its preload from the
    // site. 'wasm-unsafe-eval' lets the page compile WebAssembly, not eval.
    `script-src ${self}${inlineHashes(html, 'script').join(' ')} 'wasm-unsafe-eval'`,
    // The app's stylesheet (served: a file of the site; single file: inline,
    // by hash) and the print view's document stylesheet by hash. The app
    // sets no style attribute, so no 'unsafe-inline'.
    `style-src ${self}${[...inlineHashes(html, 'style'), documentCss].join(' ')}`,
    // Served: the wasm fetched (and preloaded) from the site, and the office
    // module's on the first Word or Excel file. The single file fetches
    // nothing: both wasm modules are unpacked from the page itself.
    ...(served ? ["connect-src 'self'"] : []),
    // The service worker sw.js, registered by a page served over http(s):
    // the single file too, when it is opened from the site.
    "worker-src 'self'",
    // Not covered by default-src: no <base> may redirect the relative
    // script addresses, no form may send the page anywhere.
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const charset = /^([ \t]*)<meta charset="utf-8">\n/m;
  if (!charset.test(html)) throw new Error('no <meta charset="utf-8"> line to put the policy after');
  return html.replace(charset, `$&$1<meta http-equiv="Content-Security-Policy" content="${policy}">\n`);
}

const singleFile = withPolicy(head.replace('</body>', `${loader}\n${officeBlocks}\n</body>`), false);
writeFileSync(join(dist, SINGLE_FILE), singleFile);
writeFileSync(join(dist, 'index.html'), withPolicy(indexHtml.replace('  </body>', `${officeLoader}  </body>`), true));

// The service worker: precache the served app, answer from the cache when
// the network fails, drop caches of older builds.
const assets = ['./', 'index.html', jsName, wasmName, cssName, SINGLE_FILE, ...officeFiles];
const version = createHash('sha256')
  .update(assets.map((name) => (name === './' ? '' : readFileSync(join(dist, name)))).join('\0'))
  .digest('hex')
  .slice(0, 16);
const serviceWorker = `// Generated by tools/postbuild.mjs: keeps the app working offline.
const CACHE = 'bao-cao-cchc-${version}';
const ASSETS = ${JSON.stringify(assets)};

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('bao-cao-cchc-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

// Pages: the network first, so a new build is seen at once; the cache when
// the network is down. Other files carry a content hash in their name, so
// the cached copy is always right.
self.addEventListener('fetch', (event) => {
  if (event.request.method !== 'GET') return;
  const fromCache = () =>
    caches.open(CACHE).then((cache) => cache.match(event.request, { ignoreSearch: true }));
  if (event.request.mode === 'navigate') {
    event.respondWith(
      fetch(event.request).catch(() =>
        fromCache().then((hit) => hit ?? caches.open(CACHE).then((cache) => cache.match('index.html'))),
      ),
    );
  } else {
    event.respondWith(fromCache().then((hit) => hit ?? fetch(event.request)));
  }
});
`;
writeFileSync(join(dist, 'sw.js'), serviceWorker);

const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
console.log(`single file: ${join(dist, SINGLE_FILE)} (${kb(Buffer.byteLength(singleFile))}, of which the office module ${kb(Buffer.byteLength(officeBlocks))})`);
console.log(`service worker: ${join(dist, 'sw.js')} (cache ${version})`);
