package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// collect --aws-ip-ranges keeps the region's ranges (the region from the intent) and records
// the file as a source; a missing file is a one-line error naming it, exit 2.
func TestCollectAWSIPRanges(t *testing.T) {
	code, out, errOut := runCLI(t, "collect", "--device", "pfsense:../../testdata/reference/edge-fw.xml",
		"--intent", "../../testdata/intents/vgw-static-ssm.yaml", "--aws-ip-ranges", "../../testdata/aws-ip-ranges/ip-ranges.json", "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var snap struct {
		Ranges struct {
			Region   string `json:"region"`
			Prefixes []struct {
				IPPrefix string `json:"ip_prefix"`
				Service  string `json:"service"`
			} `json:"prefixes"`
		} `json:"aws_ip_ranges"`
		Sources []struct {
			ID, Status string
			Items      int
		} `json:"sources"`
	}
	if err := json.Unmarshal([]byte(out), &snap); err != nil {
		t.Fatal(err)
	}
	if snap.Ranges.Region != "us-east-1" || len(snap.Ranges.Prefixes) != 6 {
		t.Fatalf("ranges %+v", snap.Ranges)
	}
	found := false
	for _, s := range snap.Sources {
		found = found || (s.ID == "aws:ip-ranges" && s.Status == "ok" && s.Items == 6)
	}
	if !found {
		t.Errorf("no aws:ip-ranges source in %+v", snap.Sources)
	}
	code, _, errOut = runCLI(t, "collect", "--device", "pfsense:../../testdata/reference/edge-fw.xml", "--aws-ip-ranges", "missing-ip-ranges.json", "-q")
	if code != 2 || !strings.Contains(errOut, "missing-ip-ranges.json") || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
		t.Errorf("missing file: exit %d, %q", code, errOut)
	}
}
