package hybridcheck.crosssite.cgw_address_test

import data.hybridcheck.crosssite.cgw_address as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.variants

device(wan) := {
	"name": "edge-fw",
	"format": "pfsense",
	"source": "config.xml",
	"wan_addresses": wan,
	"interfaces": [],
	"aliases": [],
	"firewall": {"model": "pf", "default_action": "block", "rules": []},
	"nat": {},
	"ipsec": {"phase1": [], "phase2": []},
	"static_routes": [],
	"gateways": [],
}

with_device(wan) := object.union(fixture.compliant, {"devices": [device(wan)]})

test_pass_wan_address if {
	count(check.deny) == 0 with input as with_device(["3.232.157.211"])
	check.checked == {"cgw-0b4ec7c65c5189d1e"} with input as with_device(["3.232.157.211"])
}

test_pass_wan_address_with_prefix if {
	snap := with_device(["3.232.157.211/24"])
	count(check.deny) == 0 with input as snap
	check.checked == {"cgw-0b4ec7c65c5189d1e"} with input as snap
}

test_pass_behind_nat_declared if {
	snap := json.patch(with_device(["192.0.2.10"]), [{"op": "add", "path": "/intent/public_ip", "value": "3.232.157.211"}])
	count(check.deny) == 0 with input as snap
	check.checked == {"cgw-0b4ec7c65c5189d1e"} with input as snap
}

test_fail_other_address if {
	denies := check.deny with input as with_device(["198.51.100.7"])
	[d.message | some d in denies] == ["Customer gateway cgw-0b4ec7c65c5189d1e has IP address 3.232.157.211, which is not a WAN address of the device(s) (198.51.100.7); expected the device's public address"]
	[d.evidence.devices | some d in denies] == [[{"name": "edge-fw", "wan_addresses": ["198.51.100.7"]}]]
}

test_fail_behind_nat_other_public_ip if {
	snap := json.patch(with_device(["192.0.2.10"]), [{"op": "add", "path": "/intent/public_ip", "value": "203.0.113.5"}])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["Customer gateway cgw-0b4ec7c65c5189d1e has IP address 3.232.157.211, which is not a WAN address of the device(s) (192.0.2.10) nor the intent's public_ip 203.0.113.5; expected the device's public address"]
}

test_not_applicable_without_device if {
	check.not_applicable == "no device is in the snapshot, so the customer gateway address cannot be compared with the device's" with input as fixture.without_device
}

test_not_applicable_direct_connect if {
	snap := object.union(variants.direct_connect, {"devices": [device(["3.232.157.211"])]})
	check.not_applicable == "connectivity is direct-connect, so the Site-to-Site VPN checks do not apply" with input as snap
}
