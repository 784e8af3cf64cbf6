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
