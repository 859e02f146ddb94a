package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The files Pulumi's generators write for testdata/schema.json: the whole SDKs, nothing else.
var (
	wantPythonFiles = []string{
		".gitattributes", ".gitignore", "pyproject.toml",
		"pulumi_certplane/README.md", "pulumi_certplane/__init__.py", "pulumi_certplane/_utilities.py",
		"pulumi_certplane/certificate_request.py", "pulumi_certplane/provider.py",
		"pulumi_certplane/pulumi-plugin.json", "pulumi_certplane/py.typed",
		"pulumi_certplane/config/__init__.py", "pulumi_certplane/config/__init__.pyi", "pulumi_certplane/config/vars.py",
		"pulumi_certplane/pca/__init__.py", "pulumi_certplane/pca/_inputs.py", "pulumi_certplane/pca/signed_certificate.py",
	}
	wantGoFiles = []string{
		".gitattributes", "go.mod",
		"certplane/certificateRequest.go", "certplane/doc.go", "certplane/init.go", "certplane/provider.go",
		"certplane/pulumi-plugin.json", "certplane/config/config.go",
		"certplane/internal/pulumiUtilities.go", "certplane/internal/pulumiVersion.go",
		"certplane/pca/init.go", "certplane/pca/pulumiTypes.go", "certplane/pca/signedCertificate.go",
	}
)

func TestRunWritesBothSDKs(t *testing.T) {
	out := t.TempDir()
	pythonDir, goDir := filepath.Join(out, "python"), filepath.Join(out, "go")

	if err := run("testdata/schema.json", pythonDir, goDir); err != nil {
		t.Fatal(err)
	}

	if got := listFiles(t, pythonDir); !equalSets(got, wantPythonFiles) {
		t.Errorf("python files: %v", got)
	}
	if got := listFiles(t, goDir); !equalSets(got, wantGoFiles) {
		t.Errorf("go files: %v", got)
	}
	// The schema's language.python and language.go settings reach the files.
	assertContains(t, filepath.Join(pythonDir, "pyproject.toml"), `name = "pulumi_certplane"`)
	assertContains(t, filepath.Join(pythonDir, "pyproject.toml"), `version = "0.1.0"`)
	assertContains(t, filepath.Join(goDir, "go.mod"), "module github.com/certplane/pulumi-certplane/sdk/go\n")
	assertContains(t, filepath.Join(goDir, "certplane", "pca", "signedCertificate.go"),
		`"github.com/certplane/pulumi-certplane/sdk/go/certplane/internal"`)
	assertContains(t, filepath.Join(goDir, "certplane", "pulumi-plugin.json"), `"version": "0.1.0"`)
	// Secrets stay secrets in both languages.
	assertContains(t, filepath.Join(pythonDir, "pulumi_certplane", "certificate_request.py"), `"privateKeyPem"])`)
	assertContains(t, filepath.Join(goDir, "certplane", "certificateRequest.go"), `"privateKeyPem",`)
}

func TestRunTwiceGivesIdenticalFiles(t *testing.T) {
	first, second := t.TempDir(), t.TempDir()
	for _, out := range []string{first, second} {
		if err := run("testdata/schema.json", filepath.Join(out, "python"), filepath.Join(out, "go")); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range listFiles(t, first) {
		a, _ := os.ReadFile(filepath.Join(first, name))
		b, err := os.ReadFile(filepath.Join(second, name))
		if err != nil || string(a) != string(b) {
			t.Errorf("%s differs between two runs (%v)", name, err)
		}
	}
}

func TestRunRefusesAReferenceToAnotherPackage(t *testing.T) {
	schemaPath := writeSchemaVariant(t, `"$ref": "#/types/certplane:pca:Connection"`,
		`"$ref": "/random/v4.16.0/schema.json#/resources/random:index:RandomString"`)

	err := run(schemaPath, filepath.Join(t.TempDir(), "python"), filepath.Join(t.TempDir(), "go"))

	want := `resolving package /random/v4.16.0/schema.json#/resources/random:index:RandomString: ` +
		`the schema refers to package "random": certplane's SDK generation loads no other package`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("err = %v, want it to contain %q", err, want)
	}
}

func TestRunRefusesASchemaThatDoesNotBind(t *testing.T) {
	schemaPath := writeSchemaVariant(t, `"$ref": "#/types/certplane:pca:Connection"`,
		`"$ref": "#/types/certplane:pca:Missing"`)
	pythonDir := filepath.Join(t.TempDir(), "python")

	err := run(schemaPath, pythonDir, filepath.Join(t.TempDir(), "go"))

	if err == nil || !strings.Contains(err.Error(), "does not bind") {
		t.Fatalf("err = %v, want the schema to fail binding", err)
	}
	if _, statErr := os.Stat(pythonDir); !os.IsNotExist(statErr) {
		t.Errorf("a failed run wrote %s", pythonDir)
	}
}

// writeSchemaVariant writes testdata/schema.json with one text replaced, and returns its path.
func writeSchemaVariant(t *testing.T, old, replacement string) string {
	t.Helper()
	text, err := os.ReadFile("testdata/schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(text), old) {
		t.Fatalf("testdata/schema.json has no %s", old)
	}
	path := filepath.Join(t.TempDir(), "schema.json")
	if err := os.WriteFile(path, []byte(strings.Replace(string(text), old, replacement, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func assertContains(t *testing.T, path, want string) {
	t.Helper()
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(text), want) {
		t.Errorf("%s does not contain %q", path, want)
	}
}
