# Every target is a thin alias over an npm script, so the README's commands and these agree.
.DEFAULT_GOAL := help
.PHONY: help install build test slow all unit lint format coverage demo simulator bench clean ci engine pulumi-cli generate plugin-archive

help: ## List every target with what it does
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

install: ## Install dependencies exactly as locked (npm ci)
	npm ci

build: ## Compile TypeScript into dist/
	npm run build

test: ## Build, then run the fast tier (the README's test command)
	npm test

slow: ## Build, then run the slow tier: fault matrix, secret scan, packed package
	npm run test:slow

all: ## Every tier, generated + fast + slow + engine (what CI runs; builds the Pulumi CLI and tools the first time)
	npm run test:all

unit: ## Run only the unit specs (no build, no simulator)
	npm run test:unit

engine: ## Run every example through the real Pulumi CLI (tests/engine; builds or reuses the CLI)
	npm run test:engine

pulumi-cli: ## Build the Pulumi CLI from Go modules once per version (cached); prints its folder
	npm run --silent pulumi-cli

generate: ## Write everything derived from schema/schema.json (TypeScript classes, docs tables, Python and Go SDKs)
	npm run generate

plugin-archive: ## Build the native plugin's archive for `pulumi plugin install --file` (into .tmp/plugin)
	npm run plugin:archive

lint: ## eslint + prettier --check
	npm run lint

format: ## Rewrite files with prettier
	npm run format

coverage: ## Test with c8 coverage (text summary + coverage/index.html)
	npm run coverage

demo: ## Run the main job: simulator + examples/quickstart, real CLI when found, else the runner
	npm run demo

simulator: ## Start the vendor simulator and print its CERTPLANE_* environment
	npm run simulator

bench: ## Run the benchmarks in bench/ (prints a table, writes bench/results/*.json)
	npm run bench

clean: ## Remove build output and scratch folders
	npm run clean

ci: ## Run what CI runs (.ci/run)
	bash .ci/run
