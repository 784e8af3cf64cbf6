package hybridcheck.onprem.nat.vpn_exemption_test

import data.hybridcheck.onprem.nat.vpn_exemption
import data.hybridcheck.test.device

test_pass_seed_exemptions if {
	count(vpn_exemption.deny) == 0 with input as device.compliant_with_device
	vpn_exemption.checked == {"edge-fw"} with input as device.compliant_with_device
}

# The seeded defect: hybrid outbound NAT with the WAN masquerade and no exemption.
test_fail_nat_without_exemption if {
	snap := json.patch(device.compliant_with_device, [
		{"op": "remove", "path": "/devices/0/nat/rules/1"},
		{"op": "remove", "path": "/devices/0/nat/rules/0"},
	])
	some d in vpn_exemption.deny with input as snap
	d.resource == "edge-fw"
	some t in d.evidence.translations
	t.rule == "NAT rule 2 (Hybrid nodes to the internet)"
	t.source == "10.200.0.0/16"
	t.destination == "10.100.0.0/16"
}

test_fail_exemption_below_masquerade if {
	rules := device.seed_pfsense.nat.rules
	moved := [object.union(rules[2], {"index": 0}), object.union(rules[0], {"index": 1}), object.union(rules[1], {"index": 2})]
	snap := json.patch(device.compliant_with_device, [{"op": "replace", "path": "/devices/0/nat/rules", "value": moved}])
	some d in vpn_exemption.deny with input as snap
	{t.source | some t in d.evidence.translations} == {"10.200.0.0/16"}
}

test_fail_pod_exemption_missing if {
	snap := json.patch(device.compliant_with_device, [{"op": "replace", "path": "/devices/0/nat/rules/1/disabled", "value": true}])
	some d in vpn_exemption.deny with input as snap
	{[t.source, t.destination] | some t in d.evidence.translations} == {["192.168.0.0/16", "10.100.0.0/16"]}
}

test_fail_automatic_mode if {
	snap := json.patch(device.compliant_with_device, [{"op": "replace", "path": "/devices/0/nat/outbound_mode", "value": "automatic"}])
	some d in vpn_exemption.deny with input as snap
	count(d.evidence.translations) > 0
}

test_pass_advanced_mode if {
	snap := json.patch(device.compliant_with_device, [{"op": "replace", "path": "/devices/0/nat/outbound_mode", "value": "advanced"}])
	count(vpn_exemption.deny) == 0 with input as snap
}

test_pass_disabled_mode if {
	snap := json.patch(device.compliant_with_device, [
		{"op": "replace", "path": "/devices/0/nat/outbound_mode", "value": "disabled"},
		{"op": "remove", "path": "/devices/0/nat/rules/1"},
		{"op": "remove", "path": "/devices/0/nat/rules/0"},
	])
	count(vpn_exemption.deny) == 0 with input as snap
}

test_fail_masquerade_inbound_direction if {
	to_lan := {
		"index": 3, "kind": "masquerade", "interface": "", "disabled": false, "no_nat": false, "protocol": "any",
		"source": {"any": false, "not": false, "cidrs": ["10.100.0.0/16"]}, "destination": {"any": false, "not": false, "cidrs": ["10.200.0.0/24"]},
	}
	snap := json.patch(device.compliant_with_device, [{"op": "add", "path": "/devices/0/nat/rules/-", "value": to_lan}])
	some d in vpn_exemption.deny with input as snap
	{[t.source, t.destination] | some t in d.evidence.translations} == {["10.100.0.0/16", "10.200.0.0/16"]}
}

test_not_applicable_without_device if {
	vpn_exemption.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}

test_pass_wan_masquerade_leaves_inbound_alone if {
	to_any := {
		"index": 3, "kind": "masquerade", "interface": "wan", "disabled": false, "no_nat": false, "protocol": "any",
		"source": {"any": false, "not": false, "cidrs": ["10.100.0.0/16"]}, "destination": {"any": true, "not": false},
	}
	snap := json.patch(device.compliant_with_device, [{"op": "add", "path": "/devices/0/nat/rules/-", "value": to_any}])
	count(vpn_exemption.deny) == 0 with input as snap
}
