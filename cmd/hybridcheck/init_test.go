package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/collector"
	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// TestInitIntentChecksLikeTheHandWrittenOne: `init --aws-dir` on each reference's AWS inputs
// drafts an intent that, used for collection, gives the same check results as the reference's
// hand-written intent.
func TestInitIntentChecksLikeTheHandWrittenOne(t *testing.T) {
	refs, _ := filepath.Glob("../../testdata/reference*/intent.yaml")
	if len(refs) == 0 {
		t.Fatal("no reference intent found under testdata/")
	}
	for _, handWritten := range refs {
		ref := filepath.Dir(handWritten)
		t.Run(filepath.Base(ref), func(t *testing.T) {
			dir := t.TempDir()
			drafted := filepath.Join(dir, "intent.yaml")
			code, _, stderr := runCLI(t, "init", "--aws-dir", filepath.Join(ref, "aws"), "-o", drafted)
			if code != 0 || !strings.HasPrefix(stderr, "init: wrote "+drafted) {
				t.Fatalf("init: exit %d, stderr %q", code, stderr)
			}
			want := checkWithIntent(t, ref, handWritten)
			got := checkWithIntent(t, ref, drafted)
			if !slices.Equal(got, want) {
				t.Errorf("results differ with the drafted intent\n got %v\nwant %v", got, want)
			}
		})
	}
}

// checkWithIntent collects a reference's AWS inputs (and its pfSense export, if any) with an
// intent and returns the check results as "ID resource status" lines.
func checkWithIntent(t *testing.T, ref, intent string) []string {
	t.Helper()
	snap := filepath.Join(t.TempDir(), "snap.json")
	args := []string{"collect", "--aws-dir", filepath.Join(ref, "aws"), "--intent", intent, "-o", snap, "--quiet"}
	if _, err := os.Stat(filepath.Join(ref, "edge-fw.xml")); err == nil {
		args = append(args, "--device", "pfsense:"+filepath.Join(ref, "edge-fw.xml"))
	}
	if code, _, stderr := runCLI(t, args...); code != 0 {
		t.Fatalf("collect with %s: exit %d: %s", intent, code, stderr)
	}
	_, out, stderr := runCLI(t, "check", snap, "--format", "json")
	var rep result.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("check: %v (%s)", err, stderr)
	}
	var lines []string
	for _, x := range rep.Results {
		// The intent's own source names its file, which differs by construction.
		lines = append(lines, x.ID+" "+strings.ReplaceAll(x.Resource, intent, "INTENT")+" "+string(x.Status))
	}
	return lines
}

// init SNAPSHOT marks each value observed or GUESS, leaves unknown fields commented out, and
// writes an intent the loader accepts.
func TestInitFromSnapshot(t *testing.T) {
	code, out, stderr := runCLI(t, "init", compliant)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := collector.ParseIntent("drafted", []byte(out)); err != nil {
		t.Fatalf("drafted intent does not load: %v\n%s", err, out)
	}
	testkit.ContainsAll(t, "drafted intent", out,
		`cluster: "eks-hybrid"  # observed: eks:DescribeCluster`,
		`remote_pod_cidrs: ["192.168.0.0/16"]  # observed: eks:DescribeCluster remoteNetworkConfig`,
		`routing: "static"  # observed: ec2:DescribeVpnConnections StaticRoutesOnly`,
		`target_gateway: "vgw"  # observed: ec2:DescribeVpnGateways (vgw-08b7d849217105d6f attached to the VPC)`,
		`credential_provider: "ssm"  # GUESS: `,
		`cni_overlay: "none"  # GUESS: `,
		`# public_ip:  # `,
	)
	// Every value line says where it came from.
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if !strings.HasPrefix(line, "#") && !strings.Contains(line, "  # observed: ") && !strings.Contains(line, "  # GUESS: ") {
			t.Errorf("value line without observed/GUESS: %q", line)
		}
	}
	if !strings.Contains(stderr, "2 guessed (credential_provider, cni_overlay)") {
		t.Errorf("summary line does not name the guesses: %q", stderr)
	}
}

func TestInitUsage(t *testing.T) {
	existing := filepath.Join(t.TempDir(), "intent.yaml")
	testkit.WriteFile(t, existing, []byte("region: us-east-1\n"))
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"nothing to read", []string{"init"}, "nothing to read"},
		{"snapshot and aws-dir", []string{"init", compliant, "--aws-dir", "../../testdata/reference/aws"}, "not both"},
		{"live without a cluster", []string{"init", "--aws"}, "--aws needs --cluster"},
		{"existing file", []string{"init", compliant, "-o", existing}, "--force"},
		{"unreadable snapshot", []string{"init", "no-such-snapshot.json"}, "no-such-snapshot.json"},
	} {
		code, _, stderr := runCLI(t, tc.args...)
		if code != 2 || !strings.Contains(stderr, tc.want) || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("%s: exit %d, stderr %q; want 2 and one line with %q", tc.name, code, stderr, tc.want)
		}
	}
	if b, _ := os.ReadFile(existing); string(b) != "region: us-east-1\n" {
		t.Error("init overwrote an existing file without --force")
	}
	if code, _, stderr := runCLI(t, "init", compliant, "-o", existing, "--force", "-q"); code != 0 || stderr != "" {
		t.Errorf("--force: exit %d, stderr %q", code, stderr)
	}
}
