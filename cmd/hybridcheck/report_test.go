package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// report --latest DIR: the newest snapshot of each folder (by the time in its name) is checked
// and summarised; older ones and other files are ignored.
func TestReportLatestDir(t *testing.T) {
	root := t.TempDir()
	copyTo := func(src, rel string) {
		t.Helper()
		testkit.WriteFile(t, filepath.Join(root, rel), testkit.ReadFile(t, src))
	}
	copyTo(broken, "acct-a/us-east-1/snapshot-20261119T000000Z.json")
	copyTo(compliant, "acct-a/us-east-1/snapshot-20261120T093000Z.json") // newer: the compliant one counts
	copyTo(broken, "acct-b/us-east-1/snapshot-20261120T093000Z.json")
	copyTo(compliant, "acct-b/us-east-1/notes.json")
	code, out, errs := runCLI(t, "report", "--latest", root, asOf)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (acct-b fails): %s\n%s", code, errs, out)
	}
	if !strings.Contains(out, "Newest snapshot of each of 2 account/region folders") || !strings.Contains(out, "; 1 with failing results") {
		t.Errorf("summary:\n%s", out)
	}
	var rows []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "| 111122223333 |") {
			rows = append(rows, l)
		}
	}
	if len(rows) != 2 || !strings.Contains(rows[0], "acct-a") || !strings.Contains(rows[0], "| 0 | 0 | 0 | 0 |") ||
		!strings.Contains(rows[1], "acct-b") || !strings.Contains(rows[1], "HN-RT-01 (critical)") {
		t.Errorf("rows:\n%s", strings.Join(rows, "\n"))
	}
	if code, _, _ := runCLI(t, "report", "--latest", filepath.Join(root, "acct-a"), asOf, "--fail-on", "none"); code != 0 {
		t.Errorf("compliant folder with --fail-on none: exit %d", code)
	}
	for _, args := range [][]string{
		{"report"},
		{"report", "--latest", t.TempDir()},
		{"report", "--latest", root, "--format", "pdf"},
	} {
		if code, _, errs := runCLI(t, args...); code != 2 || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
			t.Errorf("%v: exit %d, stderr %q; want 2 and one line", args, code, errs)
		}
	}
}
