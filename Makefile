# Build, test and run the CCHC report editor. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := test

.PHONY: test test-host

## make test: every test (host tests of the pure core).
test: test-host

test-host:
	cargo test --locked
