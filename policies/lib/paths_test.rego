package hybridcheck.lib.paths_test

import data.hybridcheck.lib.paths

# A trace as hybridcheck.path_trace returns it: two hops, the second drops the flow.
hops := [
	{"verdict": "pass", "direction": "forward", "what": "security group sg-1", "evidence": "rule sgr-1", "kind": "security-group", "resource": "sg-1"},
	{"verdict": "drop", "direction": "forward", "what": "route table rtb-1", "evidence": "no route to 10.200.0.0/16", "kind": "route-table", "resource": "rtb-1"},
]

trace(verdict) := {
	"applicable": true, "verdict": verdict, "first_stop": 1, "hops": hops,
	"flow": {"name": "kubelet", "description": "control plane to kubelet"},
}

test_pass_passes_only_for_a_passing_trace if {
	paths.passes(trace("pass")) == {{"resource": "kubelet: control plane to kubelet", "message": "gets through 2 hops: security-group, route-table"}}
	count(paths.failures(trace("pass"))) + count(paths.undecideds(trace("pass"))) == 0
}

test_fail_failures_name_the_stopping_hop if {
	[f] := [f | some f in paths.failures(trace("drop"))]
	f.message == "dropped at hop 2, route-table (rtb-1): no route to 10.200.0.0/16"
	f.evidence.hops == ["✓ 1 security group sg-1: rule sgr-1", "✗ 2 route table rtb-1: no route to 10.200.0.0/16"]
	count(paths.passes(trace("drop"))) == 0
}

test_unknown_undecideds_name_the_undecided_hop if {
	[u] := [u | some u in paths.undecideds(trace("unknown"))]
	u.message == "cannot be decided from hop 2, route-table (rtb-1): no route to 10.200.0.0/16"
}

test_not_applicable_no_entries if {
	t := object.union(trace("drop"), {"applicable": false})
	(count(paths.passes(t)) + count(paths.failures(t))) + count(paths.undecideds(t)) == 0
}
