package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// TestMain lets the test binary stand in for hybridcheck when a test runs it through a shell
// (HYBRIDCHECK_TEST_AS_CLI=1), so the completion scripts are tested against this very code.
func TestMain(m *testing.M) {
	if os.Getenv("HYBRIDCHECK_TEST_AS_CLI") == "1" {
		e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}
		os.Exit(run(context.Background(), e, os.Args[1:]))
	}
	os.Exit(m.Run())
}

func TestComplete(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		words []string
		want  []string // all of these, in any order
		not   []string
	}{
		{[]string{""}, []string{"check", "collect", "diff", "completion", "version"}, []string{completeCommand}},
		{[]string{"co"}, []string{"collect", "completion"}, []string{"check"}},
		{[]string{"check", "--f"}, []string{"--format", "--fail-on", "--fail-on-unknown"}, []string{"--output"}},
		{[]string{"check", "--format", ""}, []string{"text", "json", "sarif", "junit", "markdown", "html", "asff", "ocsf"}, nil},
		{[]string{"check", "--format", "=", "s"}, []string{"sarif"}, []string{"text"}},
		{[]string{"check", "--format=ma"}, []string{"--format=markdown"}, nil},
		{[]string{"diff", "--format", ""}, []string{"text", "json", "markdown"}, []string{"sarif"}},
		{[]string{"version", "--format", ""}, []string{"text", "json"}, nil},
		{[]string{"check", "--fail-on", ""}, []string{"critical", "info", "none"}, nil},
		{[]string{"check", "--only", "HN-VPC-0"}, []string{"HN-VPC-01", "HN-VPC-02"}, []string{"HN-RT-01"}},
		{[]string{"check", "--only", "HN-VPC-01,HN-RT-0"}, []string{"HN-VPC-01,HN-RT-01"}, []string{"HN-RT-01"}},
		{[]string{"collect", "--device", ""}, []string{"pfsense:", "nftables:", "iptables:", "generic:"}, nil},
		{[]string{"collect", "--device", "pfsense", ":", ""}, []string{completeFiles}, nil},
		{[]string{"check", ""}, []string{completeFiles}, nil},
		{[]string{"check", "-o", ""}, []string{completeFiles}, nil},
		{[]string{"diff", "--latest", ""}, []string{completeDirs}, nil},
		{[]string{"completion", ""}, []string{"bash", "zsh", "fish"}, nil},
		{[]string{"nosuch", ""}, nil, []string{completeFiles}},
	} {
		got := complete(ctx, tc.words)
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("complete %q: %q missing from %q", tc.words, w, got)
			}
		}
		for _, w := range tc.not {
			if slices.Contains(got, w) {
				t.Errorf("complete %q: %q should not be offered (%q)", tc.words, w, got)
			}
		}
	}
}

// The bash script, loaded in a real bash, completes through the binary as a user's shell would.
func TestBashCompletionScript(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Fatal("bash is needed for this test: ", err)
	}
	code, script, _ := runCLI(t, "completion", "bash")
	if code != 0 {
		t.Fatalf("completion bash: exit %d", code)
	}
	dir := t.TempDir()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(self, filepath.Join(dir, "hybridcheck")); err != nil {
		t.Fatal(err)
	}
	scriptPath := filepath.Join(dir, "hybridcheck.bash")
	testkit.WriteFile(t, scriptPath, []byte(script))
	os.WriteFile(filepath.Join(dir, "snap-a.json"), []byte("{}"), 0o644)
	for _, tc := range []struct {
		line string // the command line, completed at its end
		want string // COMPREPLY, space-joined and sorted
	}{
		{"hybridcheck ch", "check"},
		{"hybridcheck check --format ma", "markdown"},
		{"hybridcheck check --format a", "asff"},
		{"hybridcheck check --format=j", "json junit"},
		{"hybridcheck check --only HN-RT-0", "HN-RT-01 HN-RT-02 HN-RT-03"},
		{"hybridcheck collect --device pfs", "pfsense:"},
		{"hybridcheck check snap-", "snap-a.json"},
		{"hybridcheck completion z", "zsh"},
	} {
		// COMP_WORDS as bash splits the line (COMP_WORDBREAKS keeps "=" and ":" as words).
		words := splitCompWords(tc.line)
		var quoted []string
		for _, w := range words {
			quoted = append(quoted, "'"+w+"'")
		}
		prog := "source " + scriptPath + "\n" +
			"COMP_WORDS=(" + strings.Join(quoted, " ") + "); COMP_CWORD=" + itoa(len(words)-1) + "\n" +
			"_hybridcheck\n" +
			`printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '`
		cmd := exec.Command(bash, "--norc", "--noprofile", "-c", prog)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "PATH="+dir+":"+os.Getenv("PATH"), "HYBRIDCHECK_TEST_AS_CLI=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%q: bash: %v\n%s", tc.line, err, out)
		}
		if got := strings.TrimSpace(string(out)); got != tc.want {
			t.Errorf("%q completes to %q, want %q", tc.line, got, tc.want)
		}
	}
}

// splitCompWords splits a command line into words the way bash fills COMP_WORDS: at spaces,
// with "=" and ":" words of their own; a trailing space would start an empty word.
func splitCompWords(line string) []string {
	var words []string
	for _, f := range strings.Split(line, " ") {
		for {
			i := strings.IndexAny(f, "=:")
			if i < 0 {
				break
			}
			if i > 0 {
				words = append(words, f[:i])
			}
			words = append(words, f[i:i+1])
			f = f[i+1:]
		}
		words = append(words, f)
	}
	return words
}

func itoa(n int) string { return strconv.Itoa(n) }
