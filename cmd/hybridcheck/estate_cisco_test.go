package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/collector/device"
	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// ciscoEstate is the real AWS-plus-router pair (testdata/README.md): the describe output of the
// batfish hybrid-cloud-aws account and lhr-border-02, the Cisco IOS router at the other end of
// its VPN vpn-ba2e34a8, with an intent for the cluster that the dump does not hold.
const ciscoEstate = "../../testdata/estates/hybrid-cloud-aws"

// TestRealCiscoEstateCrossSiteVerdicts collects the pair through the CLI as a user would and
// pins the verdicts that only a real pair can prove: that the two sides, written by different
// systems, agree.
// checkCiscoEstate collects the estate through the CLI with the given router config and intent
// and returns the results by check and resource.
func checkCiscoEstate(t *testing.T, cfg, intent string) map[string]map[string]result.Result {
	t.Helper()
	out := filepath.Join(t.TempDir(), "estate.json")
	var stdout, stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr}
	args := []string{"collect", "--aws-dir", filepath.Join(ciscoEstate, "aws"), "--device", "cisco-ios:" + cfg, "--intent", intent, "-o", out}
	if code := run(context.Background(), e, args); code != 0 {
		t.Fatalf("collect: exit %d: %s", code, stderr.String())
	}
	stdout.Reset()
	if code := run(context.Background(), e, []string{"check", out, "--format", "json"}); code == exitError {
		t.Fatalf("check: exit 2: %s", stderr.String())
	}
	var rep result.Report
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	got := map[string]map[string]result.Result{}
	for _, r := range rep.Results {
		if r.Status == result.Error {
			t.Errorf("%s on %s: evaluation error: %s", r.ID, r.Resource, r.Message)
		}
		if got[r.ID] == nil {
			got[r.ID] = map[string]result.Result{}
		}
		got[r.ID][r.Resource] = r
	}
	return got
}

// mutated writes a copy of the estate's router config with old replaced by new.
func mutated(t *testing.T, old, new string) string {
	t.Helper()
	data := testkit.ReadFile(t, filepath.Join(ciscoEstate, "lhr-border-02.cfg"))
	if !strings.Contains(string(data), old) {
		t.Fatalf("the router config has no %q", old)
	}
	p := filepath.Join(t.TempDir(), "lhr-border-02.cfg")
	testkit.WriteFile(t, p, []byte(strings.Replace(string(data), old, new, 1)))
	return p
}

// Each pinned pass rests on what the test says: change that one thing in the router's config
// and the verdict for that tunnel, and only that tunnel, turns to fail.
func TestRealCiscoEstateVerdictsRestOnTheConfig(t *testing.T) {
	t.Parallel()
	intent := filepath.Join(ciscoEstate, "intent.yaml")
	cases := []struct {
		name, old, new, check, failing, passing string
	}{
		{"a wrong key for tunnel 1", "key QMP5tKPP5qk95Y1Eee9c_82.MofNUJQV", "key QMP5tKPP5qk95Y1Eee9c_82.MofNUJQW",
			"HN-X-03", "vpn-ba2e34a8/52.27.166.152", "vpn-ba2e34a8/52.39.121.126"},
		{"a wrong AWS ASN on Tunnel2's neighbour", "neighbor 169.254.13.237 remote-as 65401", "neighbor 169.254.13.237 remote-as 65402",
			"HN-IPS-05", "lhr-border-02: tunnel 52.39.121.126", "lhr-border-02: tunnel 52.27.166.152"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := checkCiscoEstate(t, mutated(t, tc.old, tc.new), intent)
			if r := got[tc.check][tc.failing]; r.Status != result.Fail {
				t.Errorf("%s on %s is %q (%s), want fail", tc.check, tc.failing, r.Status, r.Message)
			}
			if r := got[tc.check][tc.passing]; r.Status != result.Pass {
				t.Errorf("%s on %s is %q (%s), want pass: the change is on the other tunnel", tc.check, tc.passing, r.Status, r.Message)
			}
		})
	}
	// IOS offers every isakmp policy: one weak policy among the good ones fails both tunnels.
	weak := mutated(t, "crypto isakmp policy 201\n encr aes\n", "crypto isakmp policy 201\n encr 3des\n")
	got := checkCiscoEstate(t, weak, intent)
	for _, res := range []string{"lhr-border-02: phase 1 Tunnel1 (52.27.166.152)", "lhr-border-02: phase 1 Tunnel2 (52.39.121.126)"} {
		if r := got["HN-IPS-03"][res]; r.Status != result.Fail || !strings.Contains(r.Message, "3DES") {
			t.Errorf("HN-IPS-03 on %s is %q (%s), want fail naming 3DES", res, r.Status, r.Message)
		}
	}
}

func TestRealCiscoEstateCrossSiteVerdicts(t *testing.T) {
	t.Parallel()
	cfg, intent := filepath.Join(ciscoEstate, "lhr-border-02.cfg"), filepath.Join(ciscoEstate, "intent.yaml")
	dev, src, err := device.Import("cisco-ios", cfg, "00")
	if err != nil {
		t.Fatal(err)
	}
	if len(src.Warnings) > 0 || len(dev.IPsec.Phase1) != 2 {
		t.Errorf("the router imports with warnings %v and %d phase 1 entries; want no warning and its 2 tunnels", src.Warnings, len(dev.IPsec.Phase1))
	}
	got := checkCiscoEstate(t, cfg, intent)
	want := []struct {
		check, resource string
		status          result.Status
		why             string
	}{
		// The router's tunnels leave from 172.16.1.2 (GigabitEthernet2/0, the tunnel source),
		// a private address: it sits behind NAT, and AWS knows it as customer gateway
		// 147.75.69.27, which is on no interface. Only the intent's public_ip makes them agree.
		{"HN-X-01", "cgw-fb76ace5", result.Pass, "the customer gateway address is the intent's public_ip of a router behind NAT"},
		// keyring-vpn-ba2e34a8-0 holds the key for 52.27.166.152 (Tunnel1) and -1 the key for
		// 52.39.121.126 (Tunnel2); both are the keys in AWS's CustomerGatewayConfiguration. Both
		// sides are reduced to keyed fingerprints with the snapshot's salt, which match.
		{"HN-X-03", "vpn-ba2e34a8/52.27.166.152", result.Pass, "Tunnel1's keyring key is AWS's tunnel 1 key"},
		{"HN-X-03", "vpn-ba2e34a8/52.39.121.126", result.Pass, "Tunnel2's keyring key is AWS's tunnel 2 key"},
		// router bgp 65301 (the customer gateway's BgpAsn) has neighbours 169.254.15.193 and
		// 169.254.13.237, remote-as 65401 (the VGW's AmazonSideAsn): the AWS ends of the /30s
		// on Tunnel1 and Tunnel2, and it advertises 10.10.0.0/16, which holds the intent's
		// node and pod CIDRs.
		{"HN-IPS-05", "lhr-border-02: tunnel 52.27.166.152", result.Pass, "neighbour 169.254.15.193 AS 65401 over Tunnel1"},
		{"HN-IPS-05", "lhr-border-02: tunnel 52.39.121.126", result.Pass, "neighbour 169.254.13.237 AS 65401 over Tunnel2"},
		// crypto isakmp policy 200 and 201: encr aes (AES128), hash sha (default SHA1), group 2,
		// lifetime 28800; transform-set esp-aes esp-sha-hmac with set pfs group2 and the default
		// 3600 s: all within what AWS accepts (and what AWS's own download configured).
		{"HN-IPS-03", "lhr-border-02: phase 1 Tunnel1 (52.27.166.152)", result.Pass, "AES128/SHA1/DH2 on both phases is accepted by AWS"},
		{"HN-IPS-03", "lhr-border-02: phase 1 Tunnel2 (52.39.121.126)", result.Pass, "AES128/SHA1/DH2 on both phases is accepted by AWS"},
	}
	for _, w := range want {
		r, ok := got[w.check][w.resource]
		if !ok {
			var have []string
			for res := range got[w.check] {
				have = append(have, res)
			}
			sort.Strings(have)
			t.Errorf("%s has no result for %q (have %v): want %s because %s", w.check, w.resource, have, w.status, w.why)
			continue
		}
		if r.Status != w.status {
			t.Errorf("%s on %s is %s (%s), want %s because %s", w.check, w.resource, r.Status, r.Message, w.status, w.why)
		}
	}
	// Without the intent's public_ip the same pair fails HN-X-01: the verdict above rests on
	// the declared NAT address, not on an address of the router.
	noNAT := filepath.Join(t.TempDir(), "intent.yaml")
	raw := testkit.ReadFile(t, intent)
	testkit.WriteFile(t, noNAT, []byte(strings.ReplaceAll(string(raw), "public_ip:", "# public_ip:")))
	for _, r := range checkCiscoEstate(t, cfg, noNAT)["HN-X-01"] {
		if r.Status != result.Fail || !strings.Contains(r.Message, "172.16.1.2") {
			t.Errorf("without public_ip HN-X-01 is %s (%s), want fail naming the router's WAN address 172.16.1.2", r.Status, r.Message)
		}
	}
}
