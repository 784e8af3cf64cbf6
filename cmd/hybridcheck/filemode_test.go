package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWrittenFilesAreOwnerOnlyAndAtomic holds every file hybridcheck writes (collect -o to a
// file and to a folder, check -o in every format, diff -o) to mode 0600, since each carries
// evidence about a network, and to an atomic replace: the target is a new file renamed over
// the old one (a reader never sees half of it), no temporary file stays beside it, and a run
// that fails leaves the previous file as it was.
func TestWrittenFilesAreOwnerOnlyAndAtomic(t *testing.T) {
	generic := "../../internal/collector/device/generic/testdata/seed-example.json"
	dir := t.TempDir()
	snapFolder := filepath.Join(dir, "snapshots")
	if err := os.Mkdir(snapFolder, 0o755); err != nil {
		t.Fatal(err)
	}
	snap := filepath.Join(dir, "snapshot.json")
	// --only keeps each evaluation short: what is under test is how the report is written.
	cases := []struct {
		name   string
		target string
		args   []string
	}{
		{"collect -o FILE", snap, []string{"collect", "--device", "generic:" + generic, "-o", snap}},
		{"check -o text", filepath.Join(dir, "report.txt"), []string{"check", broken, asOf, "--only", "HN-VPC-02", "--format", "text", "-o", filepath.Join(dir, "report.txt")}},
		{"check -o json", filepath.Join(dir, "report.json"), []string{"check", broken, asOf, "--only", "HN-VPC-02", "--format", "json", "-o", filepath.Join(dir, "report.json")}},
		{"check -o sarif", filepath.Join(dir, "report.sarif"), []string{"check", broken, asOf, "--only", "HN-VPC-02", "--format", "sarif", "-o", filepath.Join(dir, "report.sarif")}},
		{"check -o junit", filepath.Join(dir, "report.xml"), []string{"check", broken, asOf, "--only", "HN-VPC-02", "--format", "junit", "-o", filepath.Join(dir, "report.xml")}},
		{"check -o markdown", filepath.Join(dir, "report.md"), []string{"check", broken, asOf, "--only", "HN-VPC-02", "--format", "markdown", "-o", filepath.Join(dir, "report.md")}},
		{"check -o html", filepath.Join(dir, "report.html"), []string{"check", broken, asOf, "--only", "HN-VPC-02", "--format", "html", "-o", filepath.Join(dir, "report.html")}},
		{"diff -o", filepath.Join(dir, "diff.json"), []string{"diff", compliant, broken, asOf, "--format", "json", "-o", filepath.Join(dir, "diff.json")}},
	}
	const stale = "stale content from an earlier run\n"
	// The group ends when its parallel subtests do, so the folder is checked after all wrote.
	t.Run("group", func(t *testing.T) {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				t.Parallel()
				// A world-readable file from an earlier run must not keep its mode or its inode.
				if err := os.WriteFile(c.target, []byte(stale), 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod(c.target, 0o644); err != nil {
					t.Fatal(err)
				}
				before, err := os.Stat(c.target)
				if err != nil {
					t.Fatal(err)
				}
				if code, _, errs := runCLI(t, c.args...); code == exitError {
					t.Fatalf("exit 2: %s", errs)
				}
				after, err := os.Stat(c.target)
				if err != nil {
					t.Fatal(err)
				}
				if after.Mode().Perm() != 0o600 {
					t.Errorf("mode %v, want 0600", after.Mode().Perm())
				}
				if os.SameFile(before, after) {
					t.Errorf("the old file was rewritten in place, not replaced by rename")
				}
				if data, _ := os.ReadFile(c.target); len(data) == 0 || strings.Contains(string(data), stale) {
					t.Errorf("target not replaced whole: %.80q", data)
				}

				// The same command on an input it cannot read leaves the file it wrote untouched.
				good, _ := os.ReadFile(c.target)
				missing := filepath.Join(dir, "missing-input")
				failing := append([]string{}, c.args...)
				for i, a := range failing {
					if a == broken {
						failing[i] = missing
					}
					failing[i] = strings.Replace(failing[i], generic, missing, 1)
				}
				if code, _, _ := runCLI(t, failing...); code != exitError {
					t.Fatalf("a run on a missing input: exit %d, want 2", code)
				}
				if data, _ := os.ReadFile(c.target); string(data) != string(good) {
					t.Errorf("a failed run changed the file it did not finish")
				}
			})
		}

		t.Run("collect -o FOLDER", func(t *testing.T) {
			t.Parallel()
			if code, _, errs := runCLI(t, "collect", "--device", "generic:"+generic, "-o", snapFolder); code != exitOK {
				t.Fatalf("exit %d: %s", code, errs)
			}
			entries, err := os.ReadDir(snapFolder)
			if err != nil || len(entries) != 1 || !strings.HasPrefix(entries[0].Name(), "snapshot-") {
				t.Fatalf("want one timestamped snapshot in the folder, got %v (%v)", entries, err)
			}
			st, err := os.Stat(filepath.Join(snapFolder, entries[0].Name()))
			if err != nil {
				t.Fatal(err)
			}
			if st.Mode().Perm() != 0o600 {
				t.Errorf("mode %v, want 0600", st.Mode().Perm())
			}
		})
	})

	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
	if len(entries) != len(cases)+1 {
		t.Errorf("%d entries in the output folder, want %d: %v", len(entries), len(cases)+1, entries)
	}
}
