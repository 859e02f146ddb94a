package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestWriteTreeLeavesExactlyTheGivenFiles(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, filepath.Join(dir, "pkg", "stale.py"), "old")
	mustWrite(t, filepath.Join(dir, "gone", "__pycache__", "x.pyc"), "cache")
	mustWrite(t, filepath.Join(dir, "pkg", "kept.py"), "changed before")

	files := map[string][]byte{"pkg/kept.py": []byte("kept"), "pkg/new/mod.py": []byte("new"), "top.txt": []byte("top")}
	if err := writeTree(dir, files); err != nil {
		t.Fatal(err)
	}

	if got := listFiles(t, dir); !equalSets(got, []string{"pkg/kept.py", "pkg/new/mod.py", "top.txt"}) {
		t.Fatalf("files after writeTree: %v", got)
	}
	for name, want := range files {
		if got, _ := os.ReadFile(filepath.Join(dir, name)); string(got) != string(want) {
			t.Errorf("%s holds %q, want %q", name, got, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "gone")); !os.IsNotExist(err) {
		t.Errorf("the emptied folder gone/ is still there (%v)", err)
	}
}

func TestWriteTreeDoesNotRewriteUnchangedFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "same.go")
	mustWrite(t, path, "package same\n")
	past := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := os.Chtimes(path, past, past); err != nil {
		t.Fatal(err)
	}

	if err := writeTree(dir, map[string][]byte{"same.go": []byte("package same\n")}); err != nil {
		t.Fatal(err)
	}

	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if !info.ModTime().Equal(past) {
		t.Errorf("same.go was rewritten: mtime %v, want %v", info.ModTime(), past)
	}
}

func TestWriteTreeCreatesAMissingFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "sdk", "go")
	if err := writeTree(dir, map[string][]byte{"go.mod": []byte("module x\n")}); err != nil {
		t.Fatal(err)
	}
	if got := listFiles(t, dir); !equalSets(got, []string{"go.mod"}) {
		t.Fatalf("files: %v", got)
	}
}

func TestWriteTreeRefusesTheRootAndTheWorkingFolder(t *testing.T) {
	for _, dir := range []string{"", "/", ".", "./"} {
		if err := writeTree(dir, nil); err == nil {
			t.Errorf("writeTree(%q) replaced the folder", dir)
		}
	}
}

func mustWrite(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// listFiles returns the files under dir, as slash paths relative to it.
func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(path string, entry os.DirEntry, err error) error {
		if err != nil || entry.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		names = append(names, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return names
}

func equalSets(got, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	seen := map[string]bool{}
	for _, name := range got {
		seen[name] = true
	}
	for _, name := range want {
		if !seen[name] {
			return false
		}
	}
	return true
}
