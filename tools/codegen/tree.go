package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// writeTree makes dir hold exactly files (paths relative to dir): files whose content changed are
// written, files and folders the generator did not return are removed (stale output from an older
// schema, caches such as __pycache__), and unchanged files are left untouched so their mtimes stay.
func writeTree(dir string, files map[string][]byte) error {
	if dir == "" || filepath.Clean(dir) == "/" || filepath.Clean(dir) == "." {
		return fmt.Errorf("refusing to replace the folder %q", dir)
	}
	wanted := make(map[string]bool, len(files))
	for name := range files {
		wanted[filepath.Clean(filepath.FromSlash(name))] = true
	}

	if err := removeUnwanted(dir, wanted); err != nil {
		return err
	}

	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		target := filepath.Join(dir, filepath.FromSlash(name))
		if old, err := os.ReadFile(target); err == nil && bytes.Equal(old, files[name]) {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(target, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// removeUnwanted deletes every file under dir that is not in wanted, then every folder left empty.
func removeUnwanted(dir string, wanted map[string]bool) error {
	var folders []string
	err := filepath.WalkDir(dir, func(path string, entry fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) && path == dir {
				return fs.SkipAll
			}
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		if entry.IsDir() {
			if rel != "." {
				folders = append(folders, path)
			}
			return nil
		}
		if !wanted[rel] {
			return os.Remove(path)
		}
		return nil
	})
	if err != nil {
		return err
	}
	// Deepest first, so a folder's emptied subfolders are gone before it is looked at.
	for i := len(folders) - 1; i >= 0; i-- {
		if entries, err := os.ReadDir(folders[i]); err == nil && len(entries) == 0 {
			if err := os.Remove(folders[i]); err != nil {
				return err
			}
		}
	}
	return nil
}
