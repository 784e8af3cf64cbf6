package hybridcheck.onprem.firewall.kubelet_inbound_test

import data.hybridcheck.onprem.firewall.kubelet_inbound
import data.hybridcheck.test.device
import data.hybridcheck.test.locate

test_pass_seed_allows_kubelet if {
	count(kubelet_inbound.deny) == 0 with input as device.compliant_with_device
	some c in kubelet_inbound.checked with input as device.compliant_with_device
	c.resource == "edge-fw: tcp/10250 10.100.0.0/16 -> 10.200.0.0/16"
	c.message == "allowed by filter rule 3 (Amazon EKS cluster to hybrid nodes) at edge-fw-config.xml filter/rule[3]"
}

# The seeded defect: a block rule above the pass rule, cited as the blocker.
test_fail_block_above_pass if {
	block := object.union(device.pass("enc0", "tcp", device.any_address, device.ports(device.nodes_net, 10250, 10250), "Block kubelet"), {
		"action": "block", "index": 100, "tracker": "1700000999",
		"location": {"file": "edge-fw-config.xml", "line": 212},
	})
	snap := locate.patch(device.compliant_with_device, [{"op": "add", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", "Amazon EKS cluster to hybrid nodes"], "value": block}])
	some d in kubelet_inbound.deny with input as snap
	d.resource == "edge-fw: tcp/10250 10.100.0.0/16 -> 10.200.0.0/16"
	some b in d.evidence.blocked
	b.by.index == 100
	b.by.description == "Block kubelet"
	b.by.location.line == 212
	contains(d.message, "filter rule 100 (Block kubelet) at edge-fw-config.xml:212")
}

test_fail_pass_rule_disabled if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", "Amazon EKS cluster to hybrid nodes", "disabled"], "value": true}])
	some d in kubelet_inbound.deny with input as snap
	some b in d.evidence.blocked
	b.by["default"] == "block"
}

test_fail_pass_rule_for_one_subnet if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", "Amazon EKS cluster to hybrid nodes", "destination", "cidrs"], "value": ["10.200.0.0/24"]}])
	some d in kubelet_inbound.deny with input as snap
	d.evidence.partially_allowed
	[b.destinations | some b in d.evidence.blocked] == [["10.200.1.0/24"]]
}

test_not_applicable_without_device if {
	kubelet_inbound.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}

# Route-based VPN (VTI) with BGP to a TGW: the VPC is learned from the AWS tunnels' inside
# addresses, so it enters on either VTI (equal-cost tunnels) and the IPsec-tab rule passes it
# (was: WAN, a false fail).
test_pass_vti_bgp_enters_on_the_vti if {
	snap := data.hybridcheck.test.variants.tgw_vti_bgp
	count(kubelet_inbound.deny) == 0 with input as snap
	some c in kubelet_inbound.checked with input as snap
	c.resource == "eks-hybrid-remote-gateway-1: tcp/10250 10.100.0.0/16 -> 10.200.0.0/16"
	startswith(c.message, "allowed by filter rule 17 (Amazon EKS cluster to hybrid nodes (kubelet))")
	some v in kubelet_inbound.verdicts with input as snap
	v.result.ingress_interface == "opt2,opt3"
	some line in v.result.routing
	contains(line, "learned over BGP from AWS tunnel inside address 169.254.10.1 (AS 64512, local AS 65000) on opt2")
}

# The same device with the AWS ASN wrong on both neighbours learns nothing: the VPC then
# follows the default route to the WAN, whose rules do not pass the kubelet.
test_fail_vti_bgp_wrong_asn if {
	snap := locate.patch(data.hybridcheck.test.variants.tgw_vti_bgp, [
		{"op": "replace", "at": ["devices", "eks-hybrid-remote-gateway-1", "bgp", "neighbors", "AWS tunnel 1", "remote_asn"], "value": 65111},
		{"op": "replace", "at": ["devices", "eks-hybrid-remote-gateway-1", "bgp", "neighbors", "AWS tunnel 2", "remote_asn"], "value": 65111},
	])
	some d in kubelet_inbound.deny with input as snap
	d.resource == "eks-hybrid-remote-gateway-1: tcp/10250 10.100.0.0/16 -> 10.200.0.0/16"
	d.evidence.ingress_interface == "wan"
}

# A BGP neighbour at the AWS inside address that no interface holds: where the VPC enters is
# not known, so the check is unknown rather than failed on a guessed WAN.
test_unknown_vti_bgp_neighbour_on_no_interface if {
	snap := locate.patch(data.hybridcheck.test.variants.tgw_vti_bgp, [
		{"op": "remove", "at": ["devices", "eks-hybrid-remote-gateway-1", "interfaces", "opt3"]},
		{"op": "remove", "at": ["devices", "eks-hybrid-remote-gateway-1", "interfaces", "opt2"]},
	])
	count(kubelet_inbound.deny) == 0 with input as snap
	some u in kubelet_inbound.unknown with input as snap
	u.resource == "eks-hybrid-remote-gateway-1: tcp/10250 10.100.0.0/16 -> 10.200.0.0/16"
	contains(u.message, "lies on none of the device's interfaces")
}

# A block rule whose match the importer could not model decides nothing: the flow is unknown,
# naming the rule; a pass rule with such a match never counts as allowing.
test_unknown_block_with_unmodelled_match if {
	block := object.union(device.pass("enc0", "tcp", device.any_address, device.ports(device.nodes_net, 10250, 10250), "Block kubelet on schedule"), {
		"action": "block", "index": 100, "unsupported": ["schedule"],
	})
	snap := locate.patch(device.compliant_with_device, [{"op": "add", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", "Amazon EKS cluster to hybrid nodes"], "value": block}])
	count(kubelet_inbound.deny) == 0 with input as snap
	some u in kubelet_inbound.unknown with input as snap
	u.resource == "edge-fw: tcp/10250 10.100.0.0/16 -> 10.200.0.0/16"
	contains(u.message, "filter rule 100 (Block kubelet on schedule) may match (it has a match the evaluator cannot model (schedule))")
}

test_fail_pass_with_unmodelled_match_does_not_allow if {
	snap := locate.patch(device.compliant_with_device, [{"op": "add", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", "Amazon EKS cluster to hybrid nodes", "unsupported"], "value": ["os fingerprint"]}])
	some d in kubelet_inbound.deny with input as snap
	d.resource == "edge-fw: tcp/10250 10.100.0.0/16 -> 10.200.0.0/16"
	some n in d.evidence.notes
	contains(n, "not counted as passing")
}
