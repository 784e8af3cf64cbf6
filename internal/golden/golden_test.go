package golden

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a testing.TB that keeps the failure instead of failing the test.
type recorder struct {
	testing.TB
	failed string
}

func (r *recorder) Helper()                   {}
func (r *recorder) Errorf(f string, a ...any) { r.failed = f }
func (r *recorder) Fatalf(f string, a ...any) { r.failed = f; panic(r) }

func check(path string, want []byte, update bool) (failed string) {
	r := &recorder{}
	defer func() {
		if p := recover(); p != nil && p != r {
			panic(p)
		}
		failed = r.failed
	}()
	Check(r, path, want, update, "go test -update")
	return r.failed
}

func TestCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "file.json")
	if failed := check(path, []byte("a\n"), false); failed == "" {
		t.Error("a missing file passed")
	}
	if failed := check(path, []byte("a\n"), true); failed != "" {
		t.Errorf("update then compare failed: %s", failed)
	}
	if b, _ := os.ReadFile(path); string(b) != "a\n" {
		t.Errorf("update wrote %q", b)
	}
	if failed := check(path, []byte("b\n"), false); !strings.Contains(failed, "out of date") {
		t.Errorf("a changed file passed (%q)", failed)
	}
	if failed := check(path, []byte("a\n"), false); failed != "" {
		t.Errorf("an equal file failed: %s", failed)
	}
}
