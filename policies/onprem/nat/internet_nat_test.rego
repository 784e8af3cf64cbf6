package hybridcheck.onprem.nat.internet_nat_test

import data.hybridcheck.onprem.nat.internet_nat
import data.hybridcheck.test.device
import data.hybridcheck.test.locate

with_nat(nat) := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "nat"], "value": nat}])

test_pass_seed_hybrid if {
	count(internet_nat.deny) == 0 with input as device.compliant_with_device
	internet_nat.checked == {"edge-fw"} with input as device.compliant_with_device
}

test_pass_automatic if {
	snap := with_nat({"outbound_mode": "automatic", "rules": []})
	count(internet_nat.deny) == 0 with input as snap
	internet_nat.checked == {"edge-fw"} with input as snap
}

test_fail_disabled if {
	some d in internet_nat.deny with input as with_nat({"outbound_mode": "disabled", "rules": []})
	d.resource == "edge-fw"
	count(d.evidence.untranslated) == 2
}

test_fail_advanced_without_rule if {
	snap := with_nat(object.union(device.seed_pfsense.nat, {"outbound_mode": "advanced", "rules": [locate.element(device.seed_pfsense, ["nat", "rules", "No NAT: hybrid nodes to AWS VPC"])]}))
	some d in internet_nat.deny with input as snap
	{m.network | some m in d.evidence.untranslated} == {"10.200.0.0/24", "10.200.1.0/24"}
}

test_pass_advanced_with_masquerade if {
	snap := with_nat(object.union(device.seed_pfsense.nat, {"outbound_mode": "advanced"}))
	count(internet_nat.deny) == 0 with input as snap
	internet_nat.checked == {"edge-fw"} with input as snap
}

test_fail_hybrid_no_nat_to_any if {
	exempt_all := object.union(locate.element(device.seed_pfsense, ["nat", "rules", "No NAT: hybrid nodes to AWS VPC"]), {"destination": {"any": true, "not": false}})
	snap := locate.patch(device.compliant_with_device, [{"op": "add", "at": ["devices", "edge-fw", "nat", "rules", "No NAT: hybrid nodes to AWS VPC"], "value": exempt_all}])
	count(internet_nat.deny) == 1 with input as snap
}

test_fail_rule_on_lan_only if {
	snap := with_nat({"outbound_mode": "advanced", "rules": [object.union(locate.element(device.seed_pfsense, ["nat", "rules", "Hybrid nodes to the internet"]), {"interface": "opt1"})]})
	count(internet_nat.deny) == 1 with input as snap
}

test_not_applicable_without_device if {
	internet_nat.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}

masquerade(source, protocol) := object.union(locate.element(device.seed_pfsense, ["nat", "rules", "Hybrid nodes to the internet"]), {"source": source, "protocol": protocol})

# A rule holding only one of the node networks leaves the other untranslated.
test_fail_rule_covers_one_node_network if {
	snap := with_nat({"outbound_mode": "advanced", "rules": [masquerade({"any": false, "not": false, "cidrs": ["10.200.0.0/24"]}, "any")]})
	some d in internet_nat.deny with input as snap
	{m.network | some m in d.evidence.untranslated} == {"10.200.1.0/24"}
}

# A TCP-only masquerade leaves UDP (DNS, NTP) and ICMP from the nodes untranslated.
test_fail_tcp_only_masquerade if {
	snap := with_nat({"outbound_mode": "advanced", "rules": [masquerade(device.nodes_net, "tcp")]})
	some d in internet_nat.deny with input as snap
	every m in d.evidence.untranslated {
		m.protocol == "other"
	}
	{m.network | some m in d.evidence.untranslated} == {"10.200.0.0/24", "10.200.1.0/24"}
}

# The classic rule to everything but the VPC translates internet traffic.
test_pass_negated_vpc_destination if {
	snap := with_nat({"outbound_mode": "advanced", "rules": [object.union(masquerade(device.nodes_net, "any"), {"destination": {"any": false, "not": true, "cidrs": ["10.100.0.0/16"]}})]})
	count(internet_nat.deny) == 0 with input as snap
	count(internet_nat.unknown) == 0 with input as snap
	internet_nat.checked == {"edge-fw"} with input as snap
}

# A rule the importer could not model, above the masquerade, leaves the answer unknown.
test_unknown_unmodelled_rule if {
	other := {
		"index": -1, "kind": "other", "interface": "", "disabled": false, "no_nat": false, "protocol": "any",
		"source": {"any": true, "not": false}, "destination": {"any": true, "not": false}, "description": "drop in the NAT chain",
	}
	snap := locate.patch(device.compliant_with_device, [{"op": "add", "at": ["devices", "edge-fw", "nat", "rules", "-"], "value": other}])
	count(internet_nat.deny) == 0 with input as snap
	some u in internet_nat.unknown with input as snap
	u.resource == "edge-fw"
}
