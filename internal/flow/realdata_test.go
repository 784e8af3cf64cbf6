package flow

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/collector/device"
	_ "github.com/hybridcheck/hybridcheck/internal/collector/device/all"
)

func realdata(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "../../testdata/realdata")
	if _, err := os.Stat(dir); err != nil {
		t.Fatal("testdata/realdata is missing")
	}
	return dir
}

// TestPFSenseIPsecConfig checks flows against testdata/pfsense-ipsec.xml (pfSense 22.2 layout,
// written for this test in place of the GPL pfsensible config): LAN and opt1 rules, an IPsec
// tunnel to 10.20.30.0/24, and no rule on the IPsec tab.
func TestPFSenseIPsecConfig(t *testing.T) {
	path := filepath.Join("testdata", "pfsense-ipsec.xml")
	dev, _, err := device.Import("pfsense", path, strings.Repeat("0", 64))
	if err != nil {
		t.Fatal(err)
	}
	e, err := NewEvaluator(dev)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		flow    Flow
		ingress string
		want    summary
	}{
		{"lan to the tunnel on 443", tcp(443, "192.168.1.0/24", "10.20.30.0/24"), "lan", summary{allowed: true, by: "filter[1]"}}, // lan_to_tunnel (0-based)
		{"lan, ssh out", tcp(22, "192.168.1.0/24", "8.8.8.0/24"), "lan", summary{allowed: true, by: "filter[0]"}},                 // ssh_out
		{"opt1 on 443", tcp(443, "10.0.0.0/24", "192.168.1.0/24"), "opt1", summary{allowed: true, by: "filter[2]"}},               // opt1_https
		{"opt1 on 8443 meets the default", tcp(8443, "10.0.0.0/24", "192.168.1.0/24"), "opt1",
			summary{blocked: "10.0.0.0/24>192.168.1.0/24=default:block:filter@opt1"}},
		{"from the tunnel: the IPsec tab has no rules", tcp(443, "10.20.30.0/24", "192.168.1.0/24"), "ipsec",
			summary{blocked: "10.20.30.0/24>192.168.1.0/24=default:block:filter@ipsec"}},
		// admin_bypass passes anything from srv_admin, but it sits on opt1 while srv_admin is
		// a LAN host: its traffic enters on lan and never meets the rule.
		{"admin_bypass is on the wrong interface for srv_admin", Flow{Protocol: "udp", Port: 53, Sources: []string{"10.0.0.0/24", "192.168.1.165/32"}, Destinations: []string{"1.1.1.1/32"}}, "lan,opt1",
			summary{blocked: "192.168.1.165/32>1.1.1.1/32=default:block:filter@lan 10.0.0.0/24>1.1.1.1/32=default:block:filter@opt1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := e.Evaluate(tc.flow)
			if err != nil {
				t.Fatal(err)
			}
			if got := summarize(res); got != tc.want || res.IngressInterface != tc.ingress {
				t.Errorf("got  %+v ingress %q\nwant %+v ingress %q\nnotes %q", got, res.IngressInterface, tc.want, tc.ingress, res.Notes)
			}
			checkPartition(t, res, tc.flow)
		})
	}
}

// TestRealExportsEvaluate runs every real export through the evaluator with a spread of flows:
// none may fail, and each result must partition its flow.
func TestRealExportsEvaluate(t *testing.T) {
	root := realdata(t)
	formats := map[string]string{"pfsense": "pfsense", "opnsense": "opnsense", "nftables-json": "nftables", "iptables-save": "iptables"}
	flows := []Flow{
		tcp(443, "10.0.0.0/8", "0.0.0.0/0"),
		tcp(22, "0.0.0.0/0", "192.168.0.0/16"),
		{Protocol: "udp", Port: 500, Sources: []string{"0.0.0.0/0"}, Destinations: []string{"172.16.0.0/12"}},
		{Protocol: "icmp", Sources: []string{"192.168.1.0/24"}, Destinations: []string{"10.0.0.0/8"}},
		{Protocol: "esp", Sources: []string{"198.51.100.7/32"}, Destinations: []string{"0.0.0.0/0"}},
	}
	for dir, format := range formats {
		files, _ := filepath.Glob(filepath.Join(root, dir, "*"))
		for _, path := range files {
			if ext := filepath.Ext(path); ext == ".nft" || ext == ".txt" {
				continue
			}
			t.Run(dir+"/"+filepath.Base(path), func(t *testing.T) {
				dev, _, err := device.Import(format, path, strings.Repeat("0", 64))
				if err != nil {
					t.Fatalf("importer: %v", err)
				}
				e, err := NewEvaluator(dev)
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range flows {
					res, err := e.Evaluate(f)
					if err != nil {
						t.Fatalf("%+v: %v", f, err)
					}
					checkPartition(t, res, f)
				}
			})
		}
	}
}
