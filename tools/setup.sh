#!/usr/bin/env bash
# Installs what building and testing need, and only what is missing, so a
# second run takes a second. Versions are the ones known to work offline
# with this project (see README, "Build tools").
#
# Usage: tools/setup.sh [build|test]
#   build: the wasm target, trunk, wasm-bindgen-cli, npm packages (wasm-opt), zopfli
#   test:  the same, plus Debian's Chromium, Firefox ESR, poppler-utils and fonts-liberation for browser tests,
#          LibreOffice without a GUI, and a Python venv (.venv-readers/) with python-docx and openpyxl
#          that read the downloaded Word and Excel files back
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
# Debian packages, as root or through sudo.
apt_install() {
  local sudo=""
  [[ $(id -u) -eq 0 ]] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@"
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [[ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]]; then
  say "installing trunk $TRUNK_VERSION (several minutes, once)"
  # --locked: without it a dependency drift breaks the build.
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes, once)"
  # No --locked here: with it the install fails (a locked dependency is gone).
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# npm: binaryen's wasm-opt (Debian's is too old and breaks the module),
# Playwright and axe for the browser tests, puppeteer-core to drive Firefox.
# Browsers come from Debian: neither package may download one.
if [[ ! -x node_modules/.bin/wasm-opt || ! -d node_modules/@playwright/test \
      || ! -d node_modules/puppeteer-core \
      || package-lock.json -nt node_modules/.package-lock.json ]]; then
  if ! command -v npm >/dev/null; then
    say "installing Node.js and npm"
    apt_install nodejs npm
  fi
  say "installing npm packages"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund
fi

# zopfli packs the wasm modules inside the single file (tools/postbuild.mjs).
if ! command -v zopfli >/dev/null; then
  say "installing zopfli from Debian"
  apt_install zopfli
fi

if [[ "${1:-build}" == test ]]; then
  missing=()
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  # The second engine: the core flows also run in Firefox (tests/firefox/).
  [[ -x /usr/bin/firefox-esr ]] || missing+=(firefox-esr)
  command -v pdftotext >/dev/null || missing+=(poppler-utils)
  # Liberation Serif has the metrics of Times New Roman, which the print CSS names first.
  [[ -d /usr/share/fonts/truetype/liberation ]] || missing+=(fonts-liberation)
  # The downloaded .docx is turned into a PDF to count and read its pages.
  command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
  python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
  if ((${#missing[@]})); then
    say "installing ${missing[*]} from Debian"
    apt_install "${missing[@]}"
  fi
  # Readers of the downloaded Word and Excel files (tests/e2e/read_office.py),
  # in a venv of their own: versions pinned, the system's Python untouched.
  if ! .venv-readers/bin/python -c 'import docx, openpyxl' 2>/dev/null; then
    say "making the Python venv .venv-readers/ (python-docx, openpyxl)"
    python3 -m venv .venv-readers
    .venv-readers/bin/pip install --quiet --disable-pip-version-check 'python-docx==1.2.*' 'openpyxl==3.1.*'
  fi
fi
