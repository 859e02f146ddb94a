// Command codegen writes certplane's Python and Go SDKs from schema/schema.json with Pulumi's own
// code generators (pkg/v3/codegen/python and codegen/go), at the version the CLI is built from.
//
// `pulumi package gen-sdk` cannot do this here: it hands generation to the language plugins
// (pulumi-language-python, pulumi-language-go) over gRPC ("no language plugin 'pulumi-language-python'
// found"), plugins are never downloaded here, and the Go module proxy does not serve their modules
// (github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3 answers 403). This program does what those plugins do: bind the schema, call GeneratePackage, and
// write the files it returns. Each output folder ends up holding exactly those files, so a file the
// generator no longer emits is removed and two runs on one schema leave identical trees.
//
// Usage: codegen -schema schema/schema.json -python sdk/python -go sdk/go
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/hashicorp/hcl/v2"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	pygen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// tool is the name the generators write into each file's "do not edit" header.
const tool = "certplane tools/codegen"

func main() {
	schemaPath := flag.String("schema", "schema/schema.json", "the Pulumi package schema to generate from")
	pythonOut := flag.String("python", "sdk/python", "folder for the Python SDK (replaced)")
	goOut := flag.String("go", "sdk/go", "folder for the Go SDK (replaced)")
	flag.Parse()

	if err := run(*schemaPath, *pythonOut, *goOut); err != nil {
		fmt.Fprintln(os.Stderr, "codegen:", err)
		os.Exit(1)
	}
}

func run(schemaPath, pythonOut, goOut string) error {
	spec, err := readSpec(schemaPath)
	if err != nil {
		return err
	}
	// Each generator decodes its own language section into the package it is given
	// (ImportLanguages), so each gets a freshly bound package.
	pythonFiles, err := generate(spec, schemaPath, func(pkg *schema.Package) (map[string][]byte, error) {
		return pygen.GeneratePackage(tool, pkg, nil, noExternalPackages{})
	})
	if err != nil {
		return fmt.Errorf("python: %w", err)
	}
	goFiles, err := generate(spec, schemaPath, func(pkg *schema.Package) (map[string][]byte, error) {
		return gogen.GeneratePackage(tool, pkg, nil)
	})
	if err != nil {
		return fmt.Errorf("go: %w", err)
	}
	if err := writeTree(pythonOut, pythonFiles); err != nil {
		return err
	}
	return writeTree(goOut, goFiles)
}

func readSpec(path string) (schema.PackageSpec, error) {
	var spec schema.PackageSpec
	text, err := os.ReadFile(path)
	if err != nil {
		return spec, err
	}
	if err := json.Unmarshal(text, &spec); err != nil {
		return spec, fmt.Errorf("%s: %w", path, err)
	}
	return spec, nil
}

// generate binds the schema, validating it against Pulumi's metaschema (as gen-sdk does), and runs
// one generator on the result. Warnings are printed; any error diagnostic stops generation.
func generate(
	spec schema.PackageSpec, schemaPath string, generator func(*schema.Package) (map[string][]byte, error),
) (map[string][]byte, error) {
	pkg, diags, err := schema.BindSpec(spec, noExternalPackages{}, schema.ValidationOptions{})
	for _, diag := range diags {
		fmt.Fprintf(os.Stderr, "codegen: %s: %s: %s\n", schemaPath, severity(diag), strings.TrimSpace(diag.Summary+" "+diag.Detail))
	}
	if err != nil {
		return nil, fmt.Errorf("binding %s: %w", schemaPath, err)
	}
	if diags.HasErrors() {
		return nil, fmt.Errorf("%s does not bind (%d errors above)", schemaPath, len(diags.Errs()))
	}
	return generator(pkg)
}

func severity(diag *hcl.Diagnostic) string {
	if diag.Severity == hcl.DiagError {
		return "error"
	}
	return "warning"
}
