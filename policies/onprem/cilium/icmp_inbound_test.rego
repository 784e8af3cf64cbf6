package hybridcheck.onprem.cilium.icmp_inbound_test

import data.hybridcheck.onprem.cilium.icmp_inbound
import data.hybridcheck.test.device
import data.hybridcheck.test.locate

test_pass_seed_allows_pings if {
	count(icmp_inbound.deny) == 0 with input as device.compliant_with_device
	count(icmp_inbound.checked) == 4 with input as device.compliant_with_device
}

# Echo replies from the VPC to the nodes are state traffic of the nodes' echo requests on a
# stateful firewall (pf keeps state): with the inbound rule narrowed to echo requests, the
# replies still pass, judged by the requests from the nodes (was a false failure).
test_pass_echo_reply_is_state_traffic if {
	snap := locate.patch(device.compliant_with_device, [
		{"op": "replace", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", "Amazon EKS VPC CIDR to hybrid nodes for ICMP access", "disabled"], "value": true},
		{"op": "replace", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", "AWS to hybrid node pings for cilium-health", "icmp_types"], "value": [8]},
	])
	count(icmp_inbound.deny) == 0 with input as snap
	vs := icmp_inbound.verdicts with input as snap
	some v in vs
	v.case.description == "icmp/0 10.100.0.0/16 -> 10.200.0.0/16"
	v.result.allowed
	some n in v.result.notes
	contains(n, "state traffic of the echo requests")
	some c in icmp_inbound.checked with input as snap
	c.resource == "edge-fw: icmp/0 10.100.0.0/16 -> 10.200.0.0/16"
}

# With the nodes' echo requests to the VPC blocked, no reply comes back either.
test_fail_echo_reply_without_request if {
	snap := locate.patch(device.compliant_with_device, [
		{"op": "replace", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", "Amazon EKS VPC CIDR to hybrid nodes for ICMP access", "disabled"], "value": true},
		{"op": "replace", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", "AWS to hybrid node pings for cilium-health", "icmp_types"], "value": [8]},
		{"op": "add", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", "IKE Phase 1 for IPsec VPN"], "value": object.union(device.pass("opt1", "icmp", device.nodes_net, device.vpc_net, "Block pings to AWS"), {"action": "block", "index": 99, "interfaces": ["opt1", "opt2"]})},
	])
	some d in icmp_inbound.deny with input as snap
	d.resource == "edge-fw: icmp/0 10.100.0.0/16 -> 10.200.0.0/16"
}

test_not_applicable_without_device if {
	icmp_inbound.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}
