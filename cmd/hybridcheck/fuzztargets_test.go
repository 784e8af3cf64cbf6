package main

import (
	"bufio"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var (
	fuzzFunc   = regexp.MustCompile(`^func (Fuzz\w+)\(\w+ \*testing\.F\)`)
	fuzzTarget = regexp.MustCompile(`^\s*(\./[\w./-]*):(Fuzz\w+)\s*\\?$`)
)

// TestMakeFuzzListsEveryFuzzTarget keeps `make fuzz` complete: every Fuzz function in the
// module is listed in the Makefile's FUZZ_TARGETS (or it would never be fuzzed, only its seeds
// replayed), and every listed target exists (or make fuzz would stop at it).
func TestMakeFuzzListsEveryFuzzTarget(t *testing.T) {
	const root = "../.."
	listed := map[string]bool{}
	mk, err := os.Open(filepath.Join(root, "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	defer mk.Close()
	sc := bufio.NewScanner(mk)
	for sc.Scan() {
		if m := fuzzTarget.FindStringSubmatch(sc.Text()); m != nil {
			listed[strings.TrimSuffix(m[1], "/")+":"+m[2]] = true
		}
	}
	if len(listed) == 0 {
		t.Fatal("the Makefile lists no FUZZ_TARGETS")
	}

	found := map[string]bool{}
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			// Dot folders hold the venv and tool state; testdata holds inputs, not packages.
			if path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "bin") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, filepath.Dir(path))
		if err != nil {
			return err
		}
		for _, line := range strings.Split(string(data), "\n") {
			if m := fuzzFunc.FindStringSubmatch(line); m != nil {
				found["./"+filepath.ToSlash(rel)+":"+m[1]] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(found) == 0 {
		t.Fatal("no Fuzz function found under the module root")
	}
	for _, k := range slices.Sorted(maps.Keys(found)) {
		if !listed[k] {
			t.Errorf("%s is not in the Makefile's FUZZ_TARGETS: make fuzz would skip it", k)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(listed)) {
		if !found[k] {
			t.Errorf("the Makefile's FUZZ_TARGETS lists %s, which does not exist", k)
		}
	}
}
