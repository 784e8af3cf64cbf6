package main

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// Issue 13 item 3: -o writes straight through to standard output ("-"), character devices and
// descriptors, and never replaces them with a regular file.
func TestOutputToDevicesAndStdout(t *testing.T) {
	code, out, errs := runCLI(t, "check", broken, asOf, "--only", "HN-VPC-02", "--format", "json", "-o", "-")
	if code == exitError || !strings.Contains(out, `"HN-VPC-02"`) {
		t.Fatalf("-o -: exit %d, stdout %.80q, stderr %s", code, out, errs)
	}
	if _, err := os.Stat("-"); err == nil {
		t.Fatal("-o - created a file named -")
	}
	for _, args := range [][]string{
		{"check", broken, asOf, "--only", "HN-VPC-02", "-o", "/dev/null"},
		{"diff", compliant, broken, asOf, "-o", "/dev/null"},
		{"collect", "--device", "generic:../../internal/collector/device/generic/testdata/seed-example.json", "-o", "/dev/null"},
	} {
		if code, _, errs := runCLI(t, args...); code == exitError {
			t.Fatalf("%s -o /dev/null: %s", args[0], errs)
		}
		if st, err := os.Lstat("/dev/null"); err != nil || st.Mode()&os.ModeCharDevice == 0 {
			t.Fatalf("%s replaced /dev/null: %v %v", args[0], st.Mode(), err)
		}
	}
}

// -o naming the snapshot a report is made from (directly or through a symlink) is refused
// before anything is written: the report would destroy its own evidence.
func TestOutputOverTheInputIsRefused(t *testing.T) {
	dir := t.TempDir()
	snap := filepath.Join(dir, "snap.json")
	data := testkit.ReadFile(t, broken)
	os.WriteFile(snap, data, 0o600)
	link := filepath.Join(dir, "link.json")
	os.Symlink(snap, link)
	for _, args := range [][]string{
		{"check", snap, asOf, "-o", snap},
		{"check", snap, asOf, "-o", link},
		{"diff", compliant, snap, asOf, "-o", snap},
		{"collect", "--device", "generic:" + snap, "-o", snap},
	} {
		code, _, errs := runCLI(t, args...)
		if code != exitError || !strings.Contains(errs, "is the input") || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
		if got, _ := os.ReadFile(snap); string(got) != string(data) {
			t.Fatalf("%v: the input snapshot was changed", args)
		}
	}
}

// Issue 13 item 9: parallel `collect -o DIR` in the same second each leave their own snapshot.
func TestParallelCollectToAFolderNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	const runs = 8
	var wg sync.WaitGroup
	errs := make([]string, runs)
	for i := range runs {
		wg.Go(func() {
			if code, _, stderr := runCLI(t, "collect", "--device", "generic:../../internal/collector/device/generic/testdata/seed-example.json", "-o", dir); code != exitOK {
				errs[i] = stderr
			}
		})
	}
	wg.Wait()
	for _, e := range errs {
		if e != "" {
			t.Fatal(e)
		}
	}
	entries, _ := os.ReadDir(dir)
	salts := map[string]bool{}
	for _, e := range entries {
		l, err := snapshot.Load(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		salts[l.Snapshot.FingerprintSalt] = true
	}
	if len(entries) != runs || len(salts) != runs {
		t.Fatalf("%d runs left %d files (%d distinct snapshots): %v", runs, len(entries), len(salts), entries)
	}
}
