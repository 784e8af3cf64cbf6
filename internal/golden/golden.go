// Package golden compares a generated file with its checked-in copy, for the tests that own
// such files (schemas, fixtures, report golden files); with update (each package's -update
// flag) it rewrites the copy first, so regenerating is one command.
package golden

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// Check fails t when the file at path is not want; with update it writes want there first.
// rerun is the command that regenerates the file, named in the failure.
func Check(t testing.TB, path string, want []byte, update bool, rerun string) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v; run: %s", err, rerun)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is out of date; run: %s", path, rerun)
	}
}
