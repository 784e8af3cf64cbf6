package path

import (
	"strings"
	"testing"
)

// FuzzTrace: any flow a user can type (addresses, CIDRs, protocols, ports, ICMP types) on the
// broken reference is either refused by Validate or traced without a panic, with a verdict
// consistent with its hops.
func FuzzTrace(f *testing.F) {
	f.Add("10.200.0.0/16", "10.100.0.0/24", "tcp", 443, -1)
	f.Add("10.100.0.10", "192.168.3.0/24", "tcp", 10250, -1)
	f.Add("10.200.1.0/24", "10.200.0.0/24", "icmp", 0, 8)
	f.Add("0.0.0.0/0", "10.100.0.0/16", "udp", 53, -1)
	f.Add("192.168.0.0/16,10.200.0.0/16", "10.100.1.0/24", "tcp", 1, -1)
	n := network(f, loadSnapshot(f, repoFile("snapshots", "reference-broken.json")))
	f.Fuzz(func(t *testing.T, from, to, proto string, port, icmp int) {
		fl := Flow{Protocol: proto, Port: port, Sources: strings.Split(from, ","), Destinations: strings.Split(to, ",")}
		if icmp >= 0 {
			fl.ICMPType = &icmp
		}
		tr, err := n.Trace(fl)
		if err != nil {
			if fl.Validate() == nil {
				t.Fatalf("a valid flow failed: %v", err)
			}
			return
		}
		switch {
		case tr.Verdict == Pass && tr.Stop() != nil:
			t.Fatalf("passes but stops at %+v", tr.Stop())
		case tr.Verdict == Drop && (tr.Stop() == nil || tr.Stop().Verdict != Drop):
			t.Fatalf("dropped without a dropping hop: %+v", tr)
		}
	})
}
