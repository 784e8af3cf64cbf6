package hybridcheck.cidr.remote_ranges_test

import data.hybridcheck.cidr.remote_ranges
import data.hybridcheck.test.fixture

with_cidrs(nodes, pods) := json.patch(fixture.compliant, [
	{"op": "replace", "path": "/aws/eks_cluster/remote_node_networks", "value": nodes},
	{"op": "replace", "path": "/aws/eks_cluster/remote_pod_networks", "value": pods},
])

test_pass_compliant if {
	count(remote_ranges.deny) == 0 with input as fixture.compliant
	remote_ranges.checked == {"10.200.0.0/16", "192.168.0.0/16"} with input as fixture.compliant
}

test_pass_cgnat_and_host_prefix if {
	count(remote_ranges.deny) == 0 with input as with_cidrs(["100.64.0.0/10", "10.200.0.5/32"], ["172.16.0.0/12"])
	remote_ranges.checked == {"100.64.0.0/10", "10.200.0.5/32", "172.16.0.0/12"} with input as with_cidrs(["100.64.0.0/10", "10.200.0.5/32"], ["172.16.0.0/12"])
}

test_fail_ipv6_node_cidr if {
	denies := remote_ranges.deny with input as with_cidrs(["10.200.0.0/16", "fd00:10::/64"], ["192.168.0.0/16"])
	[d.resource | some d in denies] == ["fd00:10::/64"]
	some d in denies
	contains(d.message, "is not an IPv4 CIDR")
	d.evidence.role == "node"
}

test_fail_prefix_shorter_than_8 if {
	denies := remote_ranges.deny with input as with_cidrs(["10.200.0.0/16"], ["10.0.0.0/7"])
	[d.resource | some d in denies] == ["10.0.0.0/7"]
	some d in denies
	contains(d.message, "has prefix /7")
}

test_fail_public_range if {
	denies := remote_ranges.deny with input as with_cidrs(["10.200.0.0/16"], ["100.128.0.0/16"])
	[d.resource | some d in denies] == ["100.128.0.0/16"]
	some d in denies
	contains(d.message, "is not inside")
	d.evidence.role == "pod"
}

test_fail_intent_cidrs_when_cluster_has_none if {
	snap := json.patch(with_cidrs([], []), [{"op": "replace", "path": "/intent/remote_node_cidrs", "value": ["8.8.0.0/16"]}])
	denies := remote_ranges.deny with input as snap
	[d.resource | some d in denies] == ["8.8.0.0/16"]
	some d in denies
	d.evidence.source == "intent"
}

test_not_applicable_without_cidrs if {
	snap := json.patch(with_cidrs([], []), [
		{"op": "replace", "path": "/intent/remote_node_cidrs", "value": []},
		{"op": "replace", "path": "/intent/remote_pod_cidrs", "value": []},
	])
	contains(remote_ranges.not_applicable, "HN-CIDR-03") with input as snap
}
