# classify-sdk — every target installs what is missing first (scripts/setup.sh).
.PHONY: setup build test test-frameworks demo bench lint clean

setup:
	@bash scripts/setup.sh

build: setup
	@bash scripts/build.sh

lint: setup
	@bash scripts/lint.sh

test: build lint
	@bash scripts/test.sh

# Only the framework fixtures (make test runs them too): node tests/frameworks/run.mjs [names…]
test-frameworks: build
	@node tests/frameworks/run.mjs

demo: build
	@node www/serve.mjs

bench: build
	@node bench/run.mjs
	@node bench/hooks.mjs

clean:
	rm -rf target pkg pkg.new tests/browser/.build tests/workerd/.build tests/e2e/.output tests/frameworks/.build
