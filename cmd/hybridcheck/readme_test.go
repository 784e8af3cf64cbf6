package main

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// The README's "Write your own check" example runs exactly as printed: its files are written
// where it says, and each command gives the exit code its comment promises.
func TestReadmeUserCheckExample(t *testing.T) {
	readme := testkit.ReadText(t, "../../README.md")
	ref, err := filepath.Abs(compliant)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	fileBlock := regexp.MustCompile("(?s)<!-- file: (\\S+) -->\n```rego\n(.*?)```")
	files := fileBlock.FindAllStringSubmatch(readme, -1)
	if len(files) < 2 {
		t.Fatalf("README example files not found (%d)", len(files))
	}
	for _, f := range files {
		p := filepath.Join(dir, f[1])
		testkit.WriteFile(t, p, []byte(f[2]))
	}
	data := testkit.ReadFile(t, ref)
	testkit.WriteFile(t, filepath.Join(dir, "snapshots", "reference-compliant.json"), data)
	t.Chdir(dir)
	runBlock := regexp.MustCompile("(?s)<!-- run -->\n```sh\n(.*?)```")
	m := runBlock.FindStringSubmatch(readme)
	if m == nil {
		t.Fatal("README run block not found")
	}
	exitComment := regexp.MustCompile(`#\s*exits (\d)`)
	ran := 0
	for _, line := range strings.Split(strings.TrimSpace(m[1]), "\n") {
		cmdline, comment, _ := strings.Cut(line, "#")
		args := strings.Fields(cmdline)
		if len(args) == 0 || args[0] != "hybridcheck" {
			t.Fatalf("unexpected README line %q", line)
		}
		em := exitComment.FindStringSubmatch("#" + comment)
		if em == nil {
			t.Fatalf("README line %q does not say its exit code", line)
		}
		want, _ := strconv.Atoi(em[1])
		code, out, errs := runCLI(t, args[1:]...)
		if code != want {
			t.Errorf("%s: exit %d, want %d\nstdout: %s\nstderr: %s", cmdline, code, want, out, errs)
		}
		if strings.HasPrefix(args[1], "check") && !strings.Contains(out, "ACME-SSH-01") {
			t.Errorf("%s: output does not show ACME-SSH-01:\n%s", cmdline, out)
		}
		ran++
	}
	if ran != 3 {
		t.Fatalf("ran %d README commands, want 3", ran)
	}
}

// The README shows the same minimal IAM policy as docs/collect-aws.md, whose policy the
// collector's own test checks against every action it calls.
func TestReadmeIAMPolicyMatchesDocs(t *testing.T) {
	policyOf := func(path, after string) string {
		data := testkit.ReadFile(t, path)
		s := string(data)
		i := strings.Index(s, after)
		if i < 0 {
			t.Fatalf("%s: no %q", path, after)
		}
		m := regexp.MustCompile("(?s)```json\n(.*?)```").FindStringSubmatch(s[i:])
		if m == nil {
			t.Fatalf("%s: no JSON block after %q", path, after)
		}
		return m[1]
	}
	if policyOf("../../README.md", "minimal IAM policy") != policyOf("../../docs/collect-aws.md", "## Minimal IAM policy") {
		t.Fatal("README's IAM policy differs from docs/collect-aws.md")
	}
}
