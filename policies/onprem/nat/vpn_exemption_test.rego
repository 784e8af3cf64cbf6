package hybridcheck.onprem.nat.vpn_exemption_test

import data.hybridcheck.onprem.nat.vpn_exemption
import data.hybridcheck.test.device
import data.hybridcheck.test.locate
import data.hybridcheck.test.variants

test_pass_seed_exemptions if {
	count(vpn_exemption.deny) == 0 with input as device.compliant_with_device
	vpn_exemption.checked == {"edge-fw"} with input as device.compliant_with_device
}

# The seeded defect: hybrid outbound NAT with the WAN masquerade and no exemption.
test_fail_nat_without_exemption if {
	snap := locate.patch(device.compliant_with_device, [
		{"op": "remove", "at": ["devices", "edge-fw", "nat", "rules", "No NAT: hybrid pods to AWS VPC"]},
		{"op": "remove", "at": ["devices", "edge-fw", "nat", "rules", "No NAT: hybrid nodes to AWS VPC"]},
	])
	some d in vpn_exemption.deny with input as snap
	d.resource == "edge-fw"
	some t in d.evidence.translations
	t.rule == "NAT rule 2 (Hybrid nodes to the internet)"
	"10.200.0.0/16" in t.sources
	"10.100.0.0/16" in t.destinations
}

test_fail_exemption_below_masquerade if {
	moved := [object.union(locate.element(device.seed_pfsense, ["nat", "rules", "Hybrid nodes to the internet"]), {"index": 0}), object.union(locate.element(device.seed_pfsense, ["nat", "rules", "No NAT: hybrid nodes to AWS VPC"]), {"index": 1}), object.union(locate.element(device.seed_pfsense, ["nat", "rules", "No NAT: hybrid pods to AWS VPC"]), {"index": 2})]
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "nat", "rules"], "value": moved}])
	some d in vpn_exemption.deny with input as snap
	{s | some t in d.evidence.translations; some s in t.sources} == {"10.200.0.0/16"}
}

test_fail_pod_exemption_missing if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "nat", "rules", "No NAT: hybrid pods to AWS VPC", "disabled"], "value": true}])
	some d in vpn_exemption.deny with input as snap
	{[t.sources, t.destinations] | some t in d.evidence.translations} == {[["192.168.0.0/16"], ["10.100.0.0/16"]]}
}

test_fail_automatic_mode if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "nat", "outbound_mode"], "value": "automatic"}])
	some d in vpn_exemption.deny with input as snap
	count(d.evidence.translations) > 0
}

test_pass_advanced_mode if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "nat", "outbound_mode"], "value": "advanced"}])
	count(vpn_exemption.deny) == 0 with input as snap
	vpn_exemption.checked == {"edge-fw"} with input as snap
}

test_pass_disabled_mode if {
	snap := locate.patch(device.compliant_with_device, [
		{"op": "replace", "at": ["devices", "edge-fw", "nat", "outbound_mode"], "value": "disabled"},
		{"op": "remove", "at": ["devices", "edge-fw", "nat", "rules", "No NAT: hybrid pods to AWS VPC"]},
		{"op": "remove", "at": ["devices", "edge-fw", "nat", "rules", "No NAT: hybrid nodes to AWS VPC"]},
	])
	count(vpn_exemption.deny) == 0 with input as snap
	vpn_exemption.checked == {"edge-fw"} with input as snap
}

test_fail_masquerade_inbound_direction if {
	to_lan := {
		"index": 3, "kind": "masquerade", "interface": "", "disabled": false, "no_nat": false, "protocol": "any",
		"source": {"any": false, "not": false, "cidrs": ["10.100.0.0/16"]}, "destination": {"any": false, "not": false, "cidrs": ["10.200.0.0/24"]},
	}
	snap := locate.patch(device.compliant_with_device, [{"op": "add", "at": ["devices", "edge-fw", "nat", "rules", "-"], "value": to_lan}])
	some d in vpn_exemption.deny with input as snap
	{[t.sources, t.destinations] | some t in d.evidence.translations} == {[["10.100.0.0/16"], ["10.200.0.0/24"]]}
}

test_not_applicable_without_device if {
	vpn_exemption.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}

test_pass_wan_masquerade_leaves_inbound_alone if {
	to_any := {
		"index": 3, "kind": "masquerade", "interface": "wan", "disabled": false, "no_nat": false, "protocol": "any",
		"source": {"any": false, "not": false, "cidrs": ["10.100.0.0/16"]}, "destination": {"any": true, "not": false},
	}
	snap := locate.patch(device.compliant_with_device, [{"op": "add", "at": ["devices", "edge-fw", "nat", "rules", "-"], "value": to_any}])
	count(vpn_exemption.deny) == 0 with input as snap
	vpn_exemption.checked == {"edge-fw"} with input as snap
}

# A TCP-only exemption leaves ICMP and UDP from the nodes to the translating rule.
test_fail_tcp_only_exemption if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "nat", "rules", "No NAT: hybrid nodes to AWS VPC", "protocol"], "value": "tcp"}])
	some d in vpn_exemption.deny with input as snap
	d.resource == "edge-fw"
	some t in d.evidence.translations
	t.rule == "NAT rule 2 (Hybrid nodes to the internet)"
	"10.200.0.0/16" in t.sources
}

# An exemption bound to another interface does not stop the WAN rule's translation.
test_fail_exemption_on_another_interface if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "nat", "rules", "No NAT: hybrid nodes to AWS VPC", "interface"], "value": "opt1"}])
	some d in vpn_exemption.deny with input as snap
	some t in d.evidence.translations
	t.rule == "NAT rule 2 (Hybrid nodes to the internet)"
	"10.100.0.0/16" in t.destinations
}

half(cidr, i, description) := {
	"index": i, "kind": "outbound", "interface": "wan", "disabled": false, "no_nat": true, "protocol": "any",
	"source": {"any": false, "not": false, "cidrs": [cidr]}, "destination": device.vpc_net, "description": description,
}

# Two /17 exemptions together cover the node /16.
test_pass_union_of_exemptions if {
	split := [
		half("10.200.0.0/17", 0, "No NAT: lower nodes"),
		half("10.200.128.0/17", 1, "No NAT: upper nodes"),
		object.union(locate.element(device.seed_pfsense, ["nat", "rules", "No NAT: hybrid pods to AWS VPC"]), {"index": 2}),
		object.union(locate.element(device.seed_pfsense, ["nat", "rules", "Hybrid nodes to the internet"]), {"index": 3}),
	]
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "nat", "rules"], "value": split}])
	count(vpn_exemption.deny) == 0 with input as snap
	vpn_exemption.checked == {"edge-fw"} with input as snap
}

negated_masquerade(i, src) := {
	"index": i, "kind": "outbound", "interface": "wan", "disabled": false, "no_nat": false, "protocol": "any",
	"source": src, "destination": {"any": false, "not": true, "cidrs": ["10.100.0.0/16"]}, "translation": "interface-address",
}

# The classic exemption written as a translation to everything but the VPC.
test_pass_negated_destination if {
	snap := locate.patch(device.compliant_with_device, [
		{"op": "replace", "at": ["devices", "edge-fw", "nat", "outbound_mode"], "value": "advanced"},
		{"op": "replace", "at": ["devices", "edge-fw", "nat", "rules"], "value": [negated_masquerade(0, device.nodes_net), negated_masquerade(1, device.pods_net)]},
	])
	count(vpn_exemption.deny) == 0 with input as snap
	vpn_exemption.checked == {"edge-fw"} with input as snap
}

vti_device := "eks-hybrid-remote-gateway-1"

without_exemptions(snap) := locate.patch(snap, [
	{"op": "remove", "at": ["devices", vti_device, "nat", "rules", "No NAT: hybrid pods to the EKS VPC over IPsec"]},
	{"op": "remove", "at": ["devices", vti_device, "nat", "rules", "No NAT: hybrid nodes to the EKS VPC over IPsec"]},
])

# Route-based VPN: the device learns the VPC over BGP from the AWS tunnels and sends it out of
# the VTIs, so the WAN masquerade and pfSense's automatic rules never see it; no exemption is
# needed. The same snapshot with policy-based phase 2 entries fails (the seeded defect).
test_pass_vti_route_skips_wan_masquerade if {
	snap := without_exemptions(variants.tgw_vti_bgp)
	count(vpn_exemption.deny) == 0 with input as snap
	count(vpn_exemption.unknown) == 0 with input as snap
	vpn_exemption.checked == {vti_device} with input as snap
}

test_fail_policy_based_without_exemptions if {
	some d in vpn_exemption.deny with input as without_exemptions(variants.tgw_bgp)
	d.resource == vti_device
}

# A masquerade bound to the VTI itself does translate what the VTI carries.
test_fail_masquerade_on_the_vti if {
	on_vti := {
		"index": -1, "kind": "masquerade", "interface": "opt2", "disabled": false, "no_nat": false, "protocol": "any",
		"source": {"any": true, "not": false}, "destination": {"any": true, "not": false}, "description": "masquerade into the VTI",
	}
	snap := locate.patch(variants.tgw_vti_bgp, [{"op": "add", "at": ["devices", vti_device, "nat", "rules", "-"], "value": on_vti}])
	some d in vpn_exemption.deny with input as snap
	some t in d.evidence.translations
	t.rule == "NAT rule -1 (masquerade into the VTI)"
	t.egress == "opt2"
}

# A rule in the NAT chain the importer could not model (a drop, say) decides nothing: what it
# matches is unknown, not passed.
test_unknown_unmodelled_nat_rule if {
	other := {
		"index": -1, "kind": "other", "interface": "", "disabled": false, "no_nat": false, "protocol": "any",
		"source": {"any": true, "not": false}, "destination": device.vpc_net, "description": "drop in the NAT chain",
	}
	snap := locate.patch(device.compliant_with_device, [{"op": "add", "at": ["devices", "edge-fw", "nat", "rules", "-"], "value": other}])
	count(vpn_exemption.deny) == 0 with input as snap
	some u in vpn_exemption.unknown with input as snap
	u.resource == "edge-fw"
	some x in u.evidence.undecided
	x.rule == "NAT rule -1 (drop in the NAT chain)"
}

# Linux's usual "-o WAN -j MASQUERADE" (any source) with the pod routes learned from the nodes
# over BGP (no static route): the device's own table sends the pod CIDR to the WAN, so the
# masquerade is a routing matter (HN-ONP-04), not a missing exemption toward the nodes.
test_pass_wan_masquerade_of_any_source_with_unrouted_pods if {
	masquerade_all := {
		"index": 3, "kind": "masquerade", "interface": "wan", "disabled": false, "no_nat": false, "protocol": "any",
		"source": {"any": true, "not": false}, "destination": {"any": true, "not": false}, "description": "masquerade everything",
	}
	snap := locate.patch(device.compliant_with_device, [
		{"op": "add", "at": ["devices", "edge-fw", "nat", "rules", "-"], "value": masquerade_all},
		{"op": "replace", "at": ["devices", "edge-fw", "static_routes"], "value": []},
	])
	count(vpn_exemption.deny) == 0 with input as snap
	count(vpn_exemption.unknown) == 0 with input as snap
	vpn_exemption.checked == {"edge-fw"} with input as snap
}
