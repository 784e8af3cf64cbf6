package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// probe dials only loopback listeners the test starts.
func TestProbeCommand(t *testing.T) {
	open := "127.0.0.1:" + strconv.Itoa(testkit.OpenPort(t))
	out := filepath.Join(t.TempDir(), "probe.json")
	code, _, errs := runCLI(t, "probe", "--endpoint", open, "-o", out)
	if code != 0 || errs != "" {
		t.Fatalf("reachable endpoint: exit %d, stderr %q", code, errs)
	}
	var p struct {
		Results []struct {
			Endpoint  string `json:"endpoint"`
			Connected bool   `json:"connected"`
		} `json:"results"`
	}
	data := testkit.ReadFile(t, out)
	if err := json.Unmarshal(data, &p); err != nil || len(p.Results) != 1 || !p.Results[0].Connected {
		t.Fatalf("unexpected probe output %s (%v)", data, err)
	}
	dead := "127.0.0.1:" + strconv.Itoa(testkit.ClosedPort(t))
	code, _, errs = runCLI(t, "probe", "--endpoint", open, "--endpoint", dead, "--timeout", "2s")
	if code != 1 || !strings.Contains(errs, dead) || !strings.Contains(errs, "1 of 2 endpoints unreachable") {
		t.Fatalf("unreachable endpoint: exit %d, stderr %q", code, errs)
	}
}

func TestProbeUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"probe"},
		{"probe", "--endpoint", "host:99999"},
		{"probe", "--endpoint", "127.0.0.1:443", "--vpc-target", "not-an-ip"},
		{"probe", "--intent", filepath.Join(t.TempDir(), "missing.yaml")},
	} {
		code, _, errs := runCLI(t, args...)
		if code != 2 || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
}

// probe results reach HN-PRB-01 through collect --probe: all endpoints connected passes, one
// unreachable endpoint fails naming it.
func TestCollectProbeFeedsPRB01(t *testing.T) {
	dir := t.TempDir()
	names := []string{"hybrid-assets.eks.amazonaws.com", "eks.us-east-1.amazonaws.com", "api.ecr.us-east-1.amazonaws.com",
		"602401143452.dkr.ecr.us-east-1.amazonaws.com", "amazon-ssm-us-east-1.s3.us-east-1.amazonaws.com", "ssm.us-east-1.amazonaws.com"}
	write := func(unreachable string) string {
		var rs []map[string]any
		for _, n := range names {
			r := map[string]any{"endpoint": n, "port": 443, "resolved": []string{"192.0.2.10"}, "connected": n != unreachable, "latency_ms": 20.5}
			if n == unreachable {
				r["error"] = "connect: i/o timeout"
			}
			rs = append(rs, r)
		}
		data, _ := json.Marshal(map[string]any{"run_at": "2026-11-20T09:00:00Z", "host": "node-1", "results": rs})
		p := filepath.Join(dir, "probe-"+strings.Split(unreachable+"all", ".")[0]+".json")
		testkit.WriteFile(t, p, data)
		return p
	}
	prb := func(probeFile string) (int, string) {
		snap := filepath.Join(dir, "snap.json")
		code, _, errs := runCLI(t, "collect", "--aws-dir", "../../testdata/reference/aws", "--intent", "../../testdata/reference/intent.yaml",
			"--probe", probeFile, "--quiet", "-o", snap)
		if code != 0 {
			t.Fatalf("collect: exit %d, stderr %q", code, errs)
		}
		code, out, _ := runCLI(t, "check", snap, asOf, "--only", "HN-PRB-01", "--format", "json")
		return code, out
	}
	if code, out := prb(write("")); code != 0 {
		t.Fatalf("every endpoint reachable: HN-PRB-01 exit %d\n%s", code, out)
	}
	code, out := prb(write("ssm.us-east-1.amazonaws.com"))
	if code != 1 || !strings.Contains(out, "ssm.us-east-1.amazonaws.com") || !strings.Contains(out, "i/o timeout") {
		t.Fatalf("one endpoint unreachable: HN-PRB-01 exit %d\n%s", code, out)
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"run_at": "x"}`), 0o644)
	if code, _, errs := runCLI(t, "collect", "--aws-dir", "../../testdata/reference/aws", "--probe", bad, "-o", filepath.Join(dir, "x.json")); code != 2 || !strings.Contains(errs, bad) {
		t.Fatalf("bad probe file: exit %d, stderr %q", code, errs)
	}
}

// With management: palette-saas the intent's list adds Palette's domains and addresses from
// HN-EGR-02's table; without it, only the AWS endpoints (nothing is dialled here).
func TestProbeIntentTargetsFollowManagement(t *testing.T) {
	dir := t.TempDir()
	targets := func(management string) map[string]int {
		p := filepath.Join(dir, "intent-"+management+".yaml")
		text := "region: us-east-1\ncredential_provider: ssm\n"
		if management != "" {
			text += "management: " + management + "\n"
		}
		testkit.WriteFile(t, p, []byte(text))
		ts, err := intentTargets(t.Context(), p)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for _, tg := range ts {
			out[tg.Host] = tg.Port
		}
		return out
	}
	palette := targets("palette-saas")
	for _, h := range []string{"ssm.us-east-1.amazonaws.com", "api1.spectrocloud.com", "msg3.spectrocloud.com", "edgegoldenimage-console.s3.amazonaws.com", "52.6.49.233"} {
		if palette[h] != 443 {
			t.Errorf("palette-saas: %s on port %d, want 443", h, palette[h])
		}
	}
	if len(palette) != 6+27 {
		t.Errorf("palette-saas: %d targets, want the 6 AWS endpoints and 27 Palette ones", len(palette))
	}
	for _, m := range []string{"", "none", "self-hosted"} {
		if got := targets(m); len(got) != 6 || got["api1.spectrocloud.com"] != 0 {
			t.Errorf("management %q: targets %v, want the 6 AWS endpoints only", m, got)
		}
	}
}
