package awspath

import (
	"reflect"
	"testing"
)

func entry(n int, egress bool, proto, action, cidr string, from, to int) NACLEntry {
	return NACLEntry{RuleNumber: n, Egress: egress, Protocol: proto, RuleAction: action, CIDRBlock: cidr, FromPort: from, ToPort: to}
}

var defaultACL = []NACLEntry{
	entry(100, false, "all", "allow", "0.0.0.0/0", -1, -1), entry(32767, false, "all", "deny", "0.0.0.0/0", -1, -1),
	entry(100, true, "all", "allow", "0.0.0.0/0", -1, -1), entry(32767, true, "all", "deny", "0.0.0.0/0", -1, -1),
}

func evaluate(t *testing.T, entries []NACLEntry, tr Traffic) NACLResult {
	t.Helper()
	res, err := EvaluateNACL(entries, tr)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestNACLDefaultAllowsAll(t *testing.T) {
	for _, egress := range []bool{false, true} {
		res := evaluate(t, defaultACL, Traffic{Egress: egress, Protocol: "tcp", Peers: []string{"10.200.0.0/16"}, FromPort: 1024, ToPort: 65535})
		if !res.Allowed || len(res.Passed) != 1 || res.Passed[0].RuleNumber != 100 {
			t.Errorf("egress %v: %+v", egress, res)
		}
	}
}

func TestNACLRuleNumberOrderNotListOrder(t *testing.T) {
	// The deny is listed last but numbered first: it decides.
	acl := append([]NACLEntry{}, defaultACL...)
	acl = append(acl, entry(90, true, "6", "deny", "10.200.0.0/17", 1024, 65535))
	res := evaluate(t, acl, Traffic{Egress: true, Protocol: "tcp", Peers: []string{"10.200.0.0/16"}, FromPort: 1024, ToPort: 65535})
	want := []Verdict{{CIDRs: []string{"10.200.0.0/17"}, FromPort: 1024, ToPort: 65535, Action: "deny", RuleNumber: 90}}
	if res.Allowed || !reflect.DeepEqual(res.Denied, want) {
		t.Errorf("got %+v", res)
	}
	if len(res.Passed) != 1 || !reflect.DeepEqual(res.Passed[0].CIDRs, []string{"10.200.128.0/17"}) {
		t.Errorf("the rest should pass by rule 100: %+v", res.Passed)
	}
}

func TestNACLDenyAfterAllowNeverMatches(t *testing.T) {
	acl := append([]NACLEntry{entry(200, false, "tcp", "deny", "0.0.0.0/0", 443, 443)}, defaultACL...)
	if res := evaluate(t, acl, Traffic{Protocol: "tcp", Peers: []string{"10.200.0.0/16"}, FromPort: 443, ToPort: 443}); !res.Allowed {
		t.Errorf("got %+v", res)
	}
}

func TestNACLIsStatelessAndSplitsPorts(t *testing.T) {
	// Inbound 443 is allowed, but the replies on the ephemeral ports only up to 32767.
	acl := []NACLEntry{
		entry(100, false, "tcp", "allow", "0.0.0.0/0", 443, 443),
		entry(100, true, "tcp", "allow", "0.0.0.0/0", 1024, 32767),
		entry(32767, true, "all", "deny", "0.0.0.0/0", -1, -1),
	}
	in := evaluate(t, acl, Traffic{Protocol: "tcp", Peers: []string{"10.200.0.0/16"}, FromPort: 443, ToPort: 443})
	out := evaluate(t, acl, Traffic{Egress: true, Protocol: "tcp", Peers: []string{"10.200.0.0/16"}, FromPort: 1024, ToPort: 65535})
	if !in.Allowed {
		t.Errorf("request: %+v", in)
	}
	want := []Verdict{{CIDRs: []string{"10.200.0.0/16"}, FromPort: 32768, ToPort: 65535, Action: "deny", RuleNumber: 32767}}
	if out.Allowed || !reflect.DeepEqual(out.Denied, want) {
		t.Errorf("return traffic: %+v", out)
	}
}

func TestNACLNoMatchingRuleDenies(t *testing.T) {
	res := evaluate(t, []NACLEntry{entry(100, false, "udp", "allow", "0.0.0.0/0", 0, 65535)}, Traffic{Protocol: "tcp", Peers: []string{"10.200.0.0/16"}, FromPort: 443, ToPort: 443})
	if res.Allowed || len(res.Denied) != 1 || res.Denied[0].RuleNumber != 0 {
		t.Errorf("got %+v", res)
	}
}
