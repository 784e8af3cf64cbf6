package path_test

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/engine"
	"github.com/hybridcheck/hybridcheck/internal/fixture"
	"github.com/hybridcheck/hybridcheck/internal/path"
	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// perHop are, per path check, the per-hop checks that judge one hop of its flow: the
// security group, network ACL, route table, gateway, VPN or Direct Connect, IPsec, firewall,
// NAT and device route checks of that direction.
var perHop = map[string][]string{
	"HN-PATH-01": {"HN-SG-03", "HN-NACL-01", "HN-RT-01", "HN-RT-02", "HN-VGW-01", "HN-TGW-05", "HN-TGW-08", "HN-VPN-01", "HN-VPN-03", "HN-VPN-06", "HN-DX-01", "HN-DX-02", "HN-DX-03", "HN-IPS-01", "HN-IPS-02", "HN-FW-01", "HN-ONP-05"},
	"HN-PATH-02": {"HN-FW-06", "HN-ONP-03", "HN-ONP-05", "HN-IPS-01", "HN-IPS-02", "HN-VPN-01", "HN-VPN-03", "HN-VPN-06", "HN-VGW-01", "HN-TGW-05", "HN-TGW-08", "HN-TGW-10", "HN-DX-01", "HN-DX-02", "HN-DX-03", "HN-NACL-01", "HN-SG-01", "HN-RT-01", "HN-RT-02"},
	"HN-PATH-03": {"HN-FW-07", "HN-ONP-03", "HN-ONP-05", "HN-IPS-01", "HN-IPS-02", "HN-VPN-01", "HN-VPN-03", "HN-VPN-06", "HN-VGW-01", "HN-TGW-05", "HN-TGW-08", "HN-TGW-10", "HN-DX-01", "HN-DX-02", "HN-DX-03", "HN-NACL-01", "HN-SG-02", "HN-RT-01", "HN-RT-02"},
	"HN-PATH-04": {"HN-SG-04", "HN-NACL-01", "HN-RT-01", "HN-RT-02", "HN-VGW-01", "HN-TGW-05", "HN-TGW-08", "HN-VPN-01", "HN-VPN-03", "HN-VPN-06", "HN-DX-01", "HN-DX-02", "HN-DX-03", "HN-IPS-01", "HN-IPS-02", "HN-FW-02", "HN-ONP-04", "HN-ONP-05"},
	"HN-PATH-05": {"HN-FW-08", "HN-ONP-02"},
}

// remote is the on-prem side of each path check's flow: a per-hop result that names only the
// other remote network (a pod CIDR for a node flow) is about another flow.
var remote = map[string]string{"HN-PATH-01": "node", "HN-PATH-02": "node", "HN-PATH-03": "pod", "HN-PATH-04": "pod", "HN-PATH-05": "node"}

// uncovered names the hops of a failing path check that no per-hop check judges, per
// snapshot: the agreement test accepts them only when listed here.
var uncovered = map[string]string{}

func aboutFlow(r result.Result, pathID string, nodes, pods []string) bool {
	text := r.Resource + " " + r.Message
	// Where the evidence says which CIDRs fail (not_covered), those decide.
	if r.Evidence != nil {
		if nc, ok := r.Evidence["not_covered"]; ok {
			b, _ := json.Marshal(nc)
			text = string(b)
		}
	}
	mentions := func(cidrs []string) bool {
		for _, c := range cidrs {
			if strings.Contains(text, c) {
				return true
			}
		}
		return false
	}
	if remote[pathID] == "node" {
		return !(mentions(pods) && !mentions(nodes))
	}
	return !(mentions(nodes) && !mentions(pods))
}

// For every reference, variant and seeded-defect snapshot, each path check fails exactly when
// some per-hop check of its flow fails (or the hop that stops it is one no per-hop check
// covers, listed in uncovered).
func TestPathChecksAgreeWithPerHopChecks(t *testing.T) {
	eng := testkit.Must(engine.New(context.Background(), engine.Options{Now: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)}))(t)
	snaps := path.AllTestSnapshots(t)
	names := make([]string, 0, len(snaps))
	for n := range snaps {
		names = append(names, n)
	}
	sort.Strings(names)
	judged := map[string]int{}
	for _, name := range names {
		s := snaps[name]
		rep := testkit.Must(eng.Check(context.Background(), fixture.Parse(t, name, s)))(t)
		var nodes, pods []string
		if s.AWS != nil && s.AWS.EKSCluster != nil {
			nodes, pods = s.AWS.EKSCluster.RemoteNodeNetworks, s.AWS.EKSCluster.RemotePodNetworks
		}
		failing := map[string][]string{}
		for _, r := range rep.Results {
			if r.Status != result.Fail {
				continue
			}
			for pathID, ids := range perHop {
				for _, id := range ids {
					if r.ID == id && aboutFlow(r, pathID, nodes, pods) {
						failing[pathID] = append(failing[pathID], r.ID+" "+r.Resource)
					}
				}
			}
		}
		for _, r := range rep.Results {
			if !strings.HasPrefix(r.ID, "HN-PATH-") {
				continue
			}
			judged[string(r.Status)]++
			switch {
			case r.Status == result.Fail && len(failing[r.ID]) == 0:
				if why, ok := uncovered[name+" "+r.ID]; ok {
					t.Logf("%s: %s fails at a hop no per-hop check covers: %s", name, r.ID, why)
					continue
				}
				t.Errorf("%s: %s fails (%s) but no per-hop check of its flow does", name, r.ID, r.Message)
			case r.Status == result.Pass && len(failing[r.ID]) > 0:
				t.Errorf("%s: %s passes but per-hop checks of its flow fail: %v", name, r.ID, failing[r.ID])
			}
		}
	}
	if judged[string(result.Fail)] < 20 || judged[string(result.Pass)] < 50 {
		t.Errorf("too few path results judged: %v", judged)
	}
}
