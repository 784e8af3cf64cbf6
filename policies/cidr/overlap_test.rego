package hybridcheck.cidr.overlap_test

import data.hybridcheck.cidr.overlap
import data.hybridcheck.test.fixture

patched(ops) := json.patch(fixture.compliant, ops)

test_pass_compliant if {
	count(overlap.deny) == 0 with input as fixture.compliant
	overlap.checked == {"10.200.0.0/16", "192.168.0.0/16", "10.100.0.0/16", "172.20.0.0/16"} with input as fixture.compliant
}

test_pass_adjacent_node_cidrs if {
	snap := patched([{"op": "replace", "path": "/aws/eks_cluster/remote_node_networks", "value": ["10.200.0.0/17", "10.200.128.0/17"]}])
	count(overlap.deny) == 0 with input as snap
	{"10.200.0.0/17", "10.200.128.0/17"} & overlap.checked == {"10.200.0.0/17", "10.200.128.0/17"} with input as snap
}

test_fail_node_inside_vpc if {
	snap := patched([{"op": "replace", "path": "/aws/eks_cluster/remote_node_networks", "value": ["10.100.128.0/20"]}])
	denies := overlap.deny with input as snap
	[[d.resource, d.evidence.overlapping_cidr] | some d in denies] == [["10.100.128.0/20", "10.100.0.0/16"]]
	some d in denies
	d.message == "The node CIDR 10.100.128.0/20 overlaps the VPC CIDR 10.100.0.0/16; all node, pod, VPC and service CIDRs must be disjoint"
	not "10.100.0.0/16" in overlap.checked with input as snap
}

test_fail_pod_overlaps_service if {
	snap := patched([{"op": "replace", "path": "/aws/eks_cluster/remote_pod_networks", "value": ["172.16.0.0/12"]}])
	denies := overlap.deny with input as snap
	[[d.evidence.group, d.evidence.overlapping_group, d.evidence.overlapping_cidr] | some d in denies] == [["pod", "service", "172.20.0.0/16"]]
}

test_fail_within_node_list if {
	snap := patched([{"op": "replace", "path": "/aws/eks_cluster/remote_node_networks", "value": ["10.200.0.0/16", "10.200.4.0/24"]}])
	denies := overlap.deny with input as snap
	[[d.resource, d.evidence.overlapping_cidr] | some d in denies] == [["10.200.0.0/16", "10.200.4.0/24"]]
}

test_fail_service_cidr_from_intent if {
	snap := patched([
		{"op": "replace", "path": "/aws/eks_cluster/service_ipv4_cidr", "value": ""},
		{"op": "replace", "path": "/intent/service_cidr", "value": "10.100.200.0/24"},
	])
	denies := overlap.deny with input as snap
	[[d.resource, d.evidence.overlapping_group] | some d in denies] == [["10.100.0.0/16", "service"]]
}

test_not_applicable_without_node_cidrs if {
	snap := patched([
		{"op": "replace", "path": "/aws/eks_cluster/remote_node_networks", "value": []},
		{"op": "replace", "path": "/intent/remote_node_cidrs", "value": []},
	])
	contains(overlap.not_applicable, "HN-CIDR-03") with input as snap
}
