package hybridcheck.crosssite.node_pod_consistency_test

import data.hybridcheck.crosssite.node_pod_consistency
import data.hybridcheck.test.device
import data.hybridcheck.test.locate

test_pass_seed_agrees if {
	count(node_pod_consistency.deny) == 0 with input as device.compliant_with_device
	node_pod_consistency.checked == {"edge-fw: 10.200.0.0/16", "edge-fw: 192.168.0.0/16"} with input as device.compliant_with_device
}

test_fail_device_uses_other_pod_cidr if {
	snap := locate.patch(device.compliant_with_device, [
		{"op": "replace", "at": ["devices", "edge-fw", "ipsec", "phase2", "p2-1", "local_networks"], "value": ["172.31.0.0/16"]},
		{"op": "replace", "at": ["devices", "edge-fw", "ipsec", "phase2", "p2-3", "local_networks"], "value": ["172.31.0.0/16"]},
	])
	{d.resource | some d in node_pod_consistency.deny} == {"edge-fw: 172.31.0.0/16"} with input as snap
}

test_fail_aws_cidr_unknown_to_device if {
	snap := locate.patch(device.compliant_with_device, [
		{"op": "replace", "path": "/aws/eks_cluster/remote_pod_networks", "value": ["192.168.0.0/16", "100.64.0.0/16"]},
	])
	some d in node_pod_consistency.deny with input as snap
	d.resource == "edge-fw: 100.64.0.0/16"
	count(node_pod_consistency.deny) == 1 with input as snap
}

test_fail_vpn_static_route_unknown_to_device if {
	route := {"destination_cidr": "10.250.0.0/16", "source": "Static", "state": "available"}
	snap := locate.patch(device.compliant_with_device, [{"op": "add", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "routes", "-"], "value": route}])
	{d.resource | some d in node_pod_consistency.deny} == {"edge-fw: 10.250.0.0/16"} with input as snap
}

test_pass_split_phase2 if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "ipsec", "phase2", "p2-0", "local_networks"], "value": ["10.200.0.0/24", "10.200.1.0/24"]}])
	count(node_pod_consistency.deny) == 0 with input as snap
	node_pod_consistency.checked == {"edge-fw: 10.200.0.0/16", "edge-fw: 10.200.0.0/24", "edge-fw: 10.200.1.0/24", "edge-fw: 192.168.0.0/16"} with input as snap
}

test_not_applicable_without_device if {
	node_pod_consistency.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}

# One SA pair per tunnel: a single phase 2 0.0.0.0/0 <-> VPC per tunnel carries the nodes and
# pods; its local network summarises AWS's CIDRs rather than disagreeing with them.
any_to_vpc(p2) := object.union(p2, {"local_networks": ["0.0.0.0/0"]})

test_pass_single_phase2_any_to_vpc if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "ipsec", "phase2"], "value": [any_to_vpc(locate.element(device.seed_pfsense, ["ipsec", "phase2", "p2-0"])), any_to_vpc(locate.element(device.seed_pfsense, ["ipsec", "phase2", "p2-2"]))]}])
	count(node_pod_consistency.deny) == 0 with input as snap
	node_pod_consistency.checked == {"edge-fw: 0.0.0.0/0", "edge-fw: 10.200.0.0/16", "edge-fw: 192.168.0.0/16"} with input as snap
}
