package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

const describeDumps = "../../testdata/realdata/aws-describe-json"

func needDumps(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(describeDumps); err != nil {
		t.Fatalf("%s is missing: %v", describeDumps, err)
	}
}

func TestCollectBadInputExitsTwoWithOneLine(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, body string) string { return testkit.WriteFile(t, filepath.Join(dir, rel), []byte(body)) }
	notJSON := write("notjson/Vpcs.json", "Vpcs: [vpc-1]\n")
	noKey := write("nokey/x.json", `{"Widgets": []}`)
	unreadable := filepath.Join(dir, "unreadable")
	os.Mkdir(unreadable, 0o000)
	t.Cleanup(func() { os.Chmod(unreadable, 0o755) })
	badIntent := write("intent.yaml", "routing: ospf\n")
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"missing folder", []string{"--aws-dir", filepath.Join(dir, "missing")}, filepath.Join(dir, "missing") + ": no such file or directory"},
		{"a file that is not JSON", []string{"--aws-dir", filepath.Dir(notJSON)}, notJSON + ": not valid JSON"},
		{"a JSON file with no known key", []string{"--aws-dir", filepath.Dir(noKey)}, noKey + ": no known AWS describe output"},
		{"a bad intent", []string{"--aws-dir", filepath.Dir(noKey), "--intent", badIntent}, badIntent + ": line 1: routing"},
		{"nothing to collect", nil, "nothing to collect"},
		{"live and offline at once", []string{"--aws", "--aws-dir", dir}, "exclusive"},
		{"endpoint without --aws", []string{"--aws-dir", dir, "--endpoint-url", "http://127.0.0.1:1"}, "need --aws"},
	}
	if os.Geteuid() != 0 { // root reads a folder whatever its mode says
		cases = append(cases, struct {
			name string
			args []string
			want string
		}{"an unreadable folder", []string{"--aws-dir", unreadable}, unreadable + ": permission denied"})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "snap.json")
			code, stdout, stderr := runCLI(t, append(append([]string{"collect"}, tc.args...), "-o", out)...)
			if code != 2 {
				t.Fatalf("exit %d, want 2 (stderr %q)", code, stderr)
			}
			if strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, tc.want) || stdout != "" {
				t.Errorf("want one line saying %q, got %q", tc.want, stderr)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a snapshot was written despite the error")
			}
		})
	}
}

// The acceptance run on the real dumps: every one imports with an intent, the snapshot is
// valid, no pre-shared key of the dumps appears in it, and stderr stays quiet off a terminal.
func TestCollectRealDumps(t *testing.T) {
	needDumps(t)
	intent := filepath.Join(t.TempDir(), "intent.yaml")
	os.WriteFile(intent, []byte("remote_node_cidrs: [10.200.0.0/16]\nremote_pod_cidrs: [192.168.0.0/16]\nconnectivity: site-to-site-vpn\n"), 0o644)
	psk := regexp.MustCompile(`"PreSharedKey": "([^"]+)"|<pre_shared_key>\s*([^<\s]+)\s*</pre_shared_key>`)
	dirs, _ := filepath.Glob(filepath.Join(describeDumps, "*"))
	if len(dirs) == 0 {
		t.Fatal("no dumps")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			var keys []string
			filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					b, _ := os.ReadFile(p)
					b = bytes.ReplaceAll(b, []byte(`\n`), []byte("\n"))
					for _, m := range psk.FindAllSubmatch(b, -1) {
						keys = append(keys, string(m[1])+string(m[2]))
					}
				}
				return nil
			})
			out := t.TempDir() // a folder: the snapshot gets a timestamped name in it
			code, _, stderr := runCLI(t, "collect", "--aws-dir", dir, "--intent", intent, "-o", out)
			if code != 0 || !strings.HasPrefix(stderr, "collect: wrote ") || strings.Count(stderr, "\n") != 1 {
				t.Fatalf("exit %d, stderr %q; want 0 and only the summary line", code, stderr)
			}
			files, _ := filepath.Glob(filepath.Join(out, "snapshot-*T*Z.json"))
			if len(files) != 1 {
				t.Fatalf("want one timestamped snapshot in the folder, got %v", files)
			}
			l, err := snapshot.Load(files[0])
			if err != nil {
				t.Fatal(err)
			}
			if l.Snapshot.AWS == nil || len(l.Snapshot.AWS.VPCs) == 0 || l.Snapshot.Intent == nil {
				t.Fatalf("snapshot lacks the AWS part or the intent")
			}
			data, _ := os.ReadFile(files[0])
			for _, k := range keys {
				if bytes.Contains(data, []byte(k)) {
					t.Errorf("pre-shared key %.4s... reached the snapshot", k)
				}
			}
		})
	}
}

func TestCollectToStdout(t *testing.T) {
	needDumps(t)
	code, stdout, stderr := runCLI(t, "collect", "--aws-dir", filepath.Join(describeDumps, "batfish-test-vpn-gateway"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := snapshot.Parse("stdout", []byte(stdout)); err != nil {
		t.Fatalf("stdout is not a valid snapshot: %v", err)
	}
}

// Progress lines go to a terminal only; the closing summary line (what was written, resources
// per kind, sources ok/partial/failed) goes to stderr always, unless --quiet.
func TestCollectProgressAndSummaryLine(t *testing.T) {
	// Only DescribeVpcs saved: every other EC2 call is a failed source.
	dir := t.TempDir()
	data := testkit.ReadFile(t, "../../testdata/reference/aws/us-east-1/describe-vpcs.json")
	testkit.WriteFile(t, filepath.Join(dir, "describe-vpcs.json"), data)
	for _, tc := range []struct {
		name                      string
		terminal                  bool
		args                      []string
		wantProgress, wantSummary bool
	}{
		{"terminal", true, nil, true, true},
		{"terminal, --quiet", true, []string{"--quiet"}, false, false},
		{"not a terminal", false, nil, false, true},
		{"not a terminal, --quiet", false, []string{"-q"}, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			e := &env{stdout: &out, stderr: &errb, stdin: strings.NewReader(""), stderrIsTerminal: tc.terminal}
			snap := filepath.Join(t.TempDir(), "s.json")
			args := append([]string{"collect", "--aws-dir", dir, "-o", snap}, tc.args...)
			if code := run(context.Background(), e, args); code != 0 {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			stderr := errb.String()
			if got := strings.Contains(stderr, "collect: importing"); got != tc.wantProgress {
				t.Errorf("progress shown %v, want %v: %q", got, tc.wantProgress, stderr)
			}
			summary := regexp.MustCompile(`(?m)^collect: wrote (.*): 1 VPC; sources 1 ok, 0 partial, (\d+) failed; incomplete: (.*)$`).FindStringSubmatch(stderr)
			if (summary != nil) != tc.wantSummary {
				t.Fatalf("summary line shown %v, want %v: %q", summary != nil, tc.wantSummary, stderr)
			}
			if summary == nil {
				return
			}
			if summary[1] != snap || summary[2] == "0" || !strings.Contains(summary[3], "ec2:DescribeSubnets") {
				t.Errorf("summary line does not name the file, the failed sources and which they are: %q", summary[0])
			}
			if strings.Count(stderr, "collect: wrote") != 1 {
				t.Errorf("want exactly one summary line: %q", stderr)
			}
		})
	}
}

// An --aws-dir in which nothing is recognised is an error naming the folder, not an empty
// snapshot that checks nothing.
func TestCollectAWSDirWithNothingRecognised(t *testing.T) {
	empty := t.TempDir()
	testkit.WriteFile(t, filepath.Join(empty, "notes.txt"), []byte("not describe output"))
	code, _, stderr := runCLI(t, "collect", "--aws-dir", empty, "-o", filepath.Join(t.TempDir(), "s.json"))
	if code != 2 || !strings.Contains(stderr, "--aws-dir "+empty+": no saved AWS describe output") || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
		t.Errorf("exit %d, stderr %q; want 2 and one line naming the folder", code, stderr)
	}
	// With a good folder beside it, the empty one is still named.
	code, _, stderr = runCLI(t, "collect", "--aws-dir", "../../testdata/reference/aws", "--aws-dir", empty, "-o", filepath.Join(t.TempDir(), "s.json"))
	if code != 2 || !strings.Contains(stderr, empty) {
		t.Errorf("good and empty folder: exit %d, stderr %q; want 2 naming %s", code, stderr, empty)
	}
}

// Collecting the reference inputs in testdata/reference (saved describe outputs, the edge
// device's export, the intent) the way a user would gives a snapshot that checks clean: the
// seed architecture done right passes every check.
func TestCollectReferenceInputsCheckClean(t *testing.T) {
	out := filepath.Join(t.TempDir(), "snap.json")
	code, _, stderr := runCLI(t, "collect", "--aws-dir", "../../testdata/reference/aws",
		"--device", "pfsense:../../testdata/reference/edge-fw.xml", "--intent", "../../testdata/reference/intent.yaml", "-o", out)
	if code != 0 {
		t.Fatalf("collect exit %d: %s", code, stderr)
	}
	code, report, stderr := runCLI(t, "check", out, "--format", "json")
	if code != 0 {
		t.Fatalf("check exit %d (%s):\n%s", code, stderr, report)
	}
	var rep result.Report
	if err := json.Unmarshal([]byte(report), &rep); err != nil {
		t.Fatal(err)
	}
	snap := 0
	for _, x := range rep.Results {
		if x.ID == "HN-SNAP-01" && x.Status == result.Pass {
			snap++
		}
	}
	if snap == 0 || rep.Summary.Fail != 0 {
		t.Errorf("HN-SNAP-01 passes %d times and %d results fail; report:\n%s", snap, rep.Summary.Fail, report)
	}
}

// Two collections into one folder within the same second keep both snapshots.
func TestCollectIntoFolderNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 2; i++ {
		if code, _, errs := runCLI(t, "collect", "--aws-dir", "../../testdata/reference/aws", "--quiet", "-o", dir); code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		t.Fatalf("want 2 snapshots in the folder, got %v", entries)
	}
}
