# cloudplan: quick start is `make run` then `make test` (see README.md).
SHELL := /bin/bash
SWIFT ?= swift
REPORT ?= reports/okitama-plan.md
SCENARIO ?= Scenarios/okitama.yaml
# apt-get needs root; use sudo when not root and sudo exists.
SUDO := $(shell [ "$$(id -u)" = 0 ] || command -v sudo >/dev/null 2>&1 && [ "$$(id -u)" != 0 ] && echo sudo)

FUZZ_SECONDS ?= 60
# The benchmark suites are in the package only with CLOUDPLAN_BENCHMARKS=1 (Package.swift); they
# are built for this machine's processor, as the C++ references are.
BENCH_ENV := CLOUDPLAN_BENCHMARKS=1 CLOUDPLAN_NATIVE=1

.PHONY: run test test-slurm test-k8s test-html test-xlsx test-invariants golden golden-check fuzz build deps bench bench-quick bench-update clean

## deps: install what the build needs and is missing (pkg-config, libgsl-dev, zlib1g-dev, libxlsxwriter-dev).
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists gsl zlib xlsxwriter; then \
		echo "Installing pkg-config, libgsl-dev (GNU Scientific Library), zlib1g-dev and libxlsxwriter-dev (XLSX reports)..."; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y pkg-config libgsl-dev zlib1g-dev libxlsxwriter-dev; \
	fi
	@command -v $(SWIFT) >/dev/null 2>&1 || { echo "error: Swift 6.1 or later is required (https://swift.org/install)"; exit 1; }

## build: release build of the cloudplan command.
build: deps
	$(SWIFT) build -c release --product cloudplan

## run: plan the bundled Okitama scenario and write a Markdown sizing report.
run: build
	@mkdir -p $(dir $(REPORT))
	.build/release/cloudplan plan $(SCENARIO)
	.build/release/cloudplan plan $(SCENARIO) --format markdown --output $(REPORT)
	@echo "Sizing report written to $(REPORT)"

## test: the whole test suite.
test: deps
	$(SWIFT) test

## test-slurm: the bundled sweep on a single-node Slurm cluster started here (installs slurm-wlm
## and munge; needs root), merged and compared with the one-machine run.
test-slurm: deps
	bash scripts/test-slurm.sh

## test-html: the HTML reports rendered in headless Chromium (installs it when missing; needs
## root for that): charts present and non-empty, nothing overflowing, no console message; PNG and
## PDF in .build/html/ to look at.
test-html: deps
	bash scripts/test-html.sh

## test-xlsx: the XLSX reports read back with openpyxl (PyPI, in a venv) and checked against the JSON.
test-xlsx: deps
	bash scripts/test-xlsx.sh

## test-k8s: the Kubernetes manifest of --emit k8s validated against the API schema
## (kubernetes-validate from PyPI, in .build/k8s-validate-venv).
test-k8s: deps
	bash scripts/test-k8s.sh

## test-invariants: the kernel tests with the event queue's invariant checks compiled in
## (a separate build folder, so the normal build is not rebuilt).
test-invariants: deps
	CLOUDPLAN_INTERNAL_CHECKS=1 $(SWIFT) test --scratch-path .build-invariants --filter SimKernelTests

## golden-check: every golden output (Tests/Golden) against a release build.
golden-check: deps
	scripts/golden.sh check

## golden: rewrite the golden outputs after a deliberate change (then commit Tests/Golden).
golden: deps
	scripts/golden.sh update

## fuzz: seeded mutation fuzzing of the input readers for FUZZ_SECONDS (default 60); see Tests/Fuzz.
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash scripts/fuzz.sh

## bench: every benchmark suite, full length.
bench: deps
	$(BENCH_ENV) $(SWIFT) package --disable-sandbox benchmark --no-progress

## bench-quick: every suite in quick mode, checked against the thresholds in Benchmarks/Thresholds
## (a pass when equal or better). The tool exits 4 for "improvements only", but through
## `swift package` that can arrive as 1, so its verdict line decides: only WORSE fails. A failure
## ends by repeating the regressions' tables, so that the tail of a CI log names them.
bench-quick: deps
	@mkdir -p .build
	$(BENCH_ENV) CLOUDPLAN_BENCH_QUICK=1 $(SWIFT) package --disable-sandbox benchmark thresholds check --no-progress \
		--path $(CURDIR)/Benchmarks/Thresholds 2>&1 | tee .build/bench-quick.log; status=$${PIPESTATUS[0]}; \
		if [ $$status -eq 0 ] || [ $$status -eq 4 ]; then exit 0; fi; \
		if grep -q "is BETTER than the defined thresholds" .build/bench-quick.log \
			&& ! grep -q "is WORSE than the defined thresholds" .build/bench-quick.log; then \
			echo "bench-quick: only improvements (status $$status): a pass"; exit 0; fi; \
		echo "bench-quick: failed (status $$status); the regressions, repeated last:"; \
		grep -a -A7 "Deviations worse than threshold" .build/bench-quick.log; \
		exit $$status

## bench-update: record new thresholds from a quick run (commit Benchmarks/Thresholds afterwards).
## The tool writes "Suite.Group_name.p90.json" for a benchmark "Group/name" but reads
## "Suite.Group/name.p90.json", so the files are moved to where it reads them
## (benchmark names use "/" and never "_"; the Makefile needs bash for ${f//_//}).
bench-update: deps
	$(BENCH_ENV) CLOUDPLAN_BENCH_QUICK=1 $(SWIFT) package --disable-sandbox --allow-writing-to-package-directory \
		benchmark thresholds update --no-progress --path $(CURDIR)/Benchmarks/Thresholds
	@cd Benchmarks/Thresholds && for f in *_*.p90.json; do \
		[ -e "$$f" ] || continue; \
		path=$${f//_//}; mkdir -p "$$(dirname "$$path")"; mv "$$f" "$$path"; \
	done

clean:
	rm -rf .build reports
