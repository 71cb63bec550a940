# classify-sdk — every target installs what is missing first (scripts/setup.sh).
.PHONY: setup build test demo bench bench-floor lint clean

setup:
	@bash scripts/setup.sh

build: setup
	@bash scripts/build.sh

lint: setup
	@bash scripts/lint.sh

test: build lint
	@bash scripts/test.sh

demo: build
	@node www/serve.mjs

bench: build
	@node bench/run.mjs

# The size floor of the card's crates (three minimal probes; BENCHMARKS.md, "Size floor").
bench-floor: setup
	@bash bench/floor/run.sh

clean:
	rm -rf target pkg pkg.new tests/browser/.build tests/workerd/.build
