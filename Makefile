# Build, test, run and measure the CCHC report editor. See README.md.
#
#   make run    installs what is missing (Chromium too), builds, writes the single file and
#               serves the app on http://127.0.0.1:8080 until stopped
#   make test   installs what is missing and runs every test (host, Chromium and Firefox)
#   make bench  prints size and speed figures, each with its target
#   make docs   prints the sample and writes PNGs of its pages into docs/
#   make fuzz   fuzzes the importer, the template loader and the number and date parsers
SHELL := /bin/bash
.DEFAULT_GOAL := run

export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
PORT ?= 8080
SINGLE_FILE := dist/bao-cao-cchc.html
SOURCES := $(shell find src crates/core/src style public -type f) crates/core/Cargo.toml index.html Cargo.toml Cargo.lock Trunk.toml tools/postbuild.mjs
# The Word and Excel writers: a second wasm module (crates/office), loaded by
# the page only on the first click of a Word or Excel button.
OFFICE_PKG := target/office-pkg
OFFICE_SOURCES := $(shell find crates/office crates/core/src -type f) crates/core/Cargo.toml Cargo.toml Cargo.lock
# The features rustc emits: read from index.html, where Trunk's wasm-opt gets them.
WASM_OPT_FEATURES := $(shell sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html)

.PHONY: setup setup-test build run test test-host test-e2e test-firefox bench docs lint fuzz

setup:
	@tools/setup.sh build

setup-test:
	@tools/setup.sh test

## The app in dist/ and the single self-contained file, rebuilt when a source changed.
$(SINGLE_FILE): $(SOURCES) $(OFFICE_PKG)/office_bg.wasm
	trunk build --release --offline
	node tools/postbuild.mjs dist $(OFFICE_PKG)

## The office module: wasm-bindgen's ES module glue and the optimised wasm,
## which tools/postbuild.mjs puts into dist/office/ and the single file.
$(OFFICE_PKG)/office_bg.wasm: $(OFFICE_SOURCES)
	cargo build -p cchc-office --target wasm32-unknown-unknown --release --locked
	rm -rf $(OFFICE_PKG).tmp
	wasm-bindgen --target web --no-typescript --out-dir $(OFFICE_PKG).tmp --out-name office target/wasm32-unknown-unknown/release/cchc_office.wasm
	wasm-opt -Oz $(WASM_OPT_FEATURES) -o $(OFFICE_PKG).tmp/office_bg.wasm $(OFFICE_PKG).tmp/office_bg.wasm
	rm -rf $(OFFICE_PKG)
	mv $(OFFICE_PKG).tmp $(OFFICE_PKG)

build: setup $(SINGLE_FILE)

run: setup-test build
	@echo
	@echo "Ứng dụng (served):  http://127.0.0.1:$(PORT)/"
	@echo "Thư mục:            $(CURDIR)/dist/"
	@echo "Một tệp duy nhất:   $(CURDIR)/$(SINGLE_FILE)  (mở trực tiếp, không cần mạng)"
	@echo "Nhấn Ctrl+C để dừng."
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory dist

test: setup-test test-host test-e2e test-firefox

## The pure core's and the Word/Excel writers' tests on the host: no browser,
## no Leptos to compile.
test-host:
	cargo test -p cchc-core -p cchc-office --locked

test-e2e: setup-test $(SINGLE_FILE)
	npx playwright test --config tests/e2e/playwright.config.mjs

## The core flows in a second engine: Debian's Firefox ESR, driven by
## puppeteer-core over WebDriver BiDi, on the single file from file://.
test-firefox: setup-test $(SINGLE_FILE)
	node --test --test-reporter=spec tests/firefox/core-flows.test.mjs

## Size and speed figures, each printed with its target (issue 11); a missed
## target is printed, not a failure. A few minutes (up to 3 more while 3,300 files
## do not add up); the files the aggregation is timed with are written once into
## target/bench-files/.
bench: setup-test $(SINGLE_FILE)
	cargo test -p cchc-core --release --locked --test bench -- --ignored --nocapture
	node tests/e2e/bench.mjs

## Prints the sample report and writes PNGs of page 1 and of the first appendix page.
docs: setup-test $(SINGLE_FILE)
	node tests/e2e/docs.mjs

lint: setup
	cargo fmt --check
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --locked -p bao-cao-cchc -p cchc-office -- -D warnings
	# The fuzz crate is a workspace of its own: checked here too, --locked so
	# that its lock file follows the core's dependencies (`make fuzz` builds
	# --locked).
	cargo fmt --check --manifest-path fuzz/Cargo.toml
	cargo clippy --manifest-path fuzz/Cargo.toml --locked --bins -- -D warnings

## Fuzzes the importer, the template loader and the Vietnamese number and date
## parsers (issue 12) with cargo-fuzz on the stable toolchain: FUZZ_RUNS inputs
## per target (FUZZ_SECONDS bounds each in time; FUZZ_TARGETS picks some), one
## line per target, nonzero exit on a crash. Not part of `make test`: about
## half an hour for a million inputs each. See tools/fuzz.sh.
FUZZ_RUNS ?= 1000000
FUZZ_SECONDS ?= 0
fuzz:
	FUZZ_RUNS=$(FUZZ_RUNS) FUZZ_SECONDS=$(FUZZ_SECONDS) tools/fuzz.sh $(FUZZ_TARGETS)
