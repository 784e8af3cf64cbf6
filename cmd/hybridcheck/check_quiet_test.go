package main

import (
	"fmt"
	"strings"
	"testing"
)

// check --quiet prints the failing results and the summary line only; on another format it is
// a usage error, since those formats always carry every result.
func TestCheckQuiet(t *testing.T) {
	code, out, errs := runCLI(t, "check", broken, asOf, "--quiet")
	if code != 1 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	var failed int
	if _, err := fmt.Sscanf(lines[len(lines)-1], "%d failed, ", &failed); err != nil || failed == 0 {
		t.Fatalf("last line %q is not the summary of a failing run", lines[len(lines)-1])
	}
	if n := strings.Count(out, "\nFAIL "); n != failed {
		t.Errorf("%d failure blocks, want %d:\n%s", n, failed, out)
	}
	for _, unwanted := range []string{"Checked at", "Passed and not applicable", "pass "} {
		if strings.Contains(out, unwanted) {
			t.Errorf("quiet output contains %q", unwanted)
		}
	}
	code, out, _ = runCLI(t, "check", compliant, asOf, "-q")
	if code != 0 || strings.Count(strings.TrimSpace(out), "\n") != 0 {
		t.Errorf("compliant, quiet: exit %d, want 0 and only the summary line; got %q", code, out)
	}
	if code, _, errs := runCLI(t, "check", broken, asOf, "--quiet", "--format", "json"); code != 2 || !strings.Contains(errs, "--quiet") {
		t.Errorf("--quiet --format json: exit %d, stderr %q; want 2 naming --quiet", code, errs)
	}
}
