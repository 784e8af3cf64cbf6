package awspath

import (
	"reflect"
	"testing"
)

func sgEval(t *testing.T, groups []SecurityGroup, tr Traffic, pl *PrefixLists) SGResult {
	t.Helper()
	res, err := EvaluateSGs(groups, tr, pl)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func in443(peers ...string) Traffic {
	return Traffic{Protocol: "tcp", Peers: peers, FromPort: 443, ToPort: 443}
}

func TestSGUnionAcrossRulesAndGroups(t *testing.T) {
	groups := []SecurityGroup{
		{ID: "sg-a", Ingress: []SGRule{{Protocol: "tcp", FromPort: 443, ToPort: 443, CIDRIPv4: "10.200.0.0/17"}}},
		{ID: "sg-b", Ingress: []SGRule{{Protocol: "tcp", FromPort: 400, ToPort: 500, CIDRIPv4: "10.200.128.0/17"}}},
	}
	res := sgEval(t, groups, in443("10.200.0.0/16"), nil)
	if !res.Allowed || len(res.AllowedBy) != 2 {
		t.Errorf("got %+v", res)
	}
	res = sgEval(t, groups[:1], in443("10.200.0.0/16"), nil)
	if res.Allowed || !reflect.DeepEqual(res.Gaps, []string{"10.200.128.0/17"}) || !reflect.DeepEqual(res.AllowedCIDRs, []string{"10.200.0.0/17"}) {
		t.Errorf("got %+v", res)
	}
}

func TestSGProtocolAllAndPorts(t *testing.T) {
	all := []SecurityGroup{{ID: "sg-a", Ingress: []SGRule{{Protocol: "all", FromPort: -1, ToPort: -1, CIDRIPv4: "0.0.0.0/0"}}}}
	if res := sgEval(t, all, in443("10.200.0.0/16"), nil); !res.Allowed {
		t.Errorf("protocol all admits TCP 443: %+v", res)
	}
	tcp := []SecurityGroup{{ID: "sg-a", Ingress: []SGRule{{Protocol: "tcp", FromPort: 0, ToPort: 65535, CIDRIPv4: "0.0.0.0/0"}}}}
	if res := sgEval(t, tcp, Traffic{Protocol: "all", Peers: []string{"0.0.0.0/0"}, FromPort: -1, ToPort: -1}, nil); res.Allowed {
		t.Errorf("a TCP rule does not admit all traffic: %+v", res)
	}
	if res := sgEval(t, tcp, Traffic{Protocol: "udp", Peers: []string{"10.0.0.0/8"}, FromPort: 53, ToPort: 53}, nil); res.Allowed {
		t.Errorf("a TCP rule does not admit UDP: %+v", res)
	}
	narrow := []SecurityGroup{{ID: "sg-a", Ingress: []SGRule{{Protocol: "6", FromPort: 1024, ToPort: 2048, CIDRIPv4: "0.0.0.0/0"}}}}
	if res := sgEval(t, narrow, Traffic{Protocol: "tcp", Peers: []string{"10.0.0.0/8"}, FromPort: 1024, ToPort: 65535}, nil); res.Allowed {
		t.Errorf("a rule must cover the whole asked port range: %+v", res)
	}
}

func TestSGDirectionAndReferencedGroups(t *testing.T) {
	g := []SecurityGroup{{ID: "sg-a",
		Ingress: []SGRule{{Protocol: "all", FromPort: -1, ToPort: -1, ReferencedGroupID: "sg-a"}},
		Egress:  []SGRule{{Protocol: "tcp", FromPort: 10250, ToPort: 10250, CIDRIPv4: "10.200.0.0/16"}}}}
	if res := sgEval(t, g, in443("10.200.0.0/16"), nil); res.Allowed {
		t.Errorf("a group reference admits no remote CIDR: %+v", res)
	}
	if res := sgEval(t, g, Traffic{Egress: true, Protocol: "tcp", Peers: []string{"10.200.0.0/16"}, FromPort: 10250, ToPort: 10250}, nil); !res.Allowed {
		t.Errorf("egress: %+v", res)
	}
}

func TestSGPrefixLists(t *testing.T) {
	g := []SecurityGroup{{ID: "sg-a", Ingress: []SGRule{{Protocol: "tcp", FromPort: 443, ToPort: 443, PrefixListID: "pl-1"}}}}
	type entry = struct {
		CIDR string `json:"cidr"`
	}
	resolved := NewPrefixLists(&[]PrefixList{{ID: "pl-1", Entries: &[]entry{{"10.200.0.0/16"}, {"192.168.0.0/16"}}}})
	if res := sgEval(t, g, in443("10.200.0.0/16", "192.168.0.0/16"), resolved); !res.Allowed {
		t.Errorf("resolved: %+v", res)
	}
	unresolved := NewPrefixLists(&[]PrefixList{{ID: "pl-1"}})
	res := sgEval(t, g, in443("10.200.0.0/16"), unresolved)
	if res.Allowed || !res.Unknown || len(res.Reasons) != 1 {
		t.Errorf("unresolved: %+v", res)
	}
	// A gap that no unresolved rule could fill is still unknown: the list might hold it.
	res = sgEval(t, g, in443("10.200.0.0/16"), NewPrefixLists(nil))
	if !res.Unknown {
		t.Errorf("not collected: %+v", res)
	}
}

func TestIPSetCIDRs(t *testing.T) {
	s, err := parseSet([]string{"10.0.0.0/9", "10.128.0.0/9", "192.168.1.1/32", "2001:db8::/32"})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.cidrs(); !reflect.DeepEqual(got, []string{"10.0.0.0/8", "192.168.1.1/32"}) {
		t.Errorf("got %q", got)
	}
	all, _ := parseSet([]string{"0.0.0.0/1", "128.0.0.0/1"})
	if got := all.cidrs(); !reflect.DeepEqual(got, []string{"0.0.0.0/0"}) {
		t.Errorf("got %q", got)
	}
	if got := all.minus(s).intersect(setOf()).cidrs(); len(got) != 0 {
		t.Errorf("got %q", got)
	}
}
