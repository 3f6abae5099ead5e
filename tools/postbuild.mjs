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
//
// Usage: node tools/postbuild.mjs [dist]

import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const SINGLE_FILE = 'bao-cao-cchc.html';

const CSP_META = /[ \t]*<meta http-equiv="Content-Security-Policy"[^>]*>\n/;
// Without the policy a run before left, so that this script can run again.
const indexHtml = readFileSync(join(dist, 'index.html'), 'utf8').replace(CSP_META, '');
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

const loader = `<script type="module">
${inert(js, 'script')}
// Let the page painted by index.html show before the app's start takes the
// main thread.
await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted)));
const wasmGzipBase64 = "${gzipSync(wasm, { level: 9 }).toString('base64')}";
// The browser's own base64 decoder where it has one (Chromium 140, Firefox
// 133); else a plain loop: a callback per byte (Uint8Array.from with a map)
// took about 150 ms of the start on a slow PC.
const wasmGzip = Uint8Array.fromBase64?.(wasmGzipBase64) ?? (() => {
  const binary = atob(wasmGzipBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
})();
const wasmStream = new Blob([wasmGzip]).stream().pipeThrough(new DecompressionStream('gzip'));
// Handed over as a wasm response, so that the browser compiles the module
// while it is still being unpacked (instantiateStreaming).
await __wbg_init({
  module_or_path: new Response(wasmStream, { headers: { 'Content-Type': 'application/wasm' } }),
});
</script>`;

// A policy's hash of an inline script or style sheet: over its exact text.
const hash = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const inlineHashes = (html, tag) =>
  [...html.matchAll(new RegExp(`<${tag}(\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g'))]
    .filter(([, attributes = '']) => !/\ssrc=/.test(attributes))
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
    // Served: the wasm fetched (and preloaded) from the site. The single
    // file fetches nothing: its wasm is unpacked from the page itself.
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

const singleFile = withPolicy(head.replace('</body>', `${loader}\n</body>`), false);
writeFileSync(join(dist, SINGLE_FILE), singleFile);
writeFileSync(join(dist, 'index.html'), withPolicy(indexHtml, true));

// The service worker: precache the served app, answer from the cache when
// the network fails, drop caches of older builds.
const assets = ['./', 'index.html', jsName, wasmName, cssName, SINGLE_FILE];
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
console.log(`single file: ${join(dist, SINGLE_FILE)} (${kb(Buffer.byteLength(singleFile))})`);
console.log(`service worker: ${join(dist, 'sw.js')} (cache ${version})`);
