package hybridcheck.crosssite.psk_match_test

import data.hybridcheck.crosssite.psk_match as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate

tunnel0_fp := locate.element(fixture.compliant, ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "tunnels", "3.225.148.144", "psk_fingerprint"])

tunnel1_fp := locate.element(fixture.compliant, ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "tunnels", "52.44.108.101", "psk_fingerprint"])

other_fp := "0000000000000000000000000000000000000000000000000000000000000001"

phase1(id, remote, fp) := {
	"id": id,
	"disabled": false,
	"remote_gateway": remote,
	"ike_version": "ikev2",
	"auth_method": "pre_shared_key",
	"proposals": [],
	"lifetime_seconds": 28800,
	"dpd_enabled": true,
	"psk_fingerprint": fp,
	"location": {"file": "config.xml", "path": sprintf("ipsec/phase1[%s]", [id])},
}

with_phase1(list) := object.union(fixture.compliant, {"devices": [{
	"name": "edge-fw",
	"format": "pfsense",
	"source": "config.xml",
	"wan_addresses": ["3.232.157.211"],
	"interfaces": [],
	"aliases": [],
	"firewall": {"model": "pf", "default_action": "block", "rules": []},
	"nat": {},
	"ipsec": {"phase1": list, "phase2": []},
	"static_routes": [],
	"gateways": [],
}]})

test_pass_both_match if {
	snap := with_phase1([phase1("1", "3.225.148.144", tunnel0_fp), phase1("2", "52.44.108.101", tunnel1_fp)])
	count(check.deny) == 0 with input as snap
	check.checked == {"vpn-0c3568c2303ac18df/3.225.148.144", "vpn-0c3568c2303ac18df/52.44.108.101"} with input as snap
}

test_pass_disabled_phase1_ignored if {
	snap := with_phase1([phase1("1", "3.225.148.144", tunnel0_fp), object.union(phase1("9", "3.225.148.144", other_fp), {"disabled": true})])
	count(check.deny) == 0 with input as snap
	check.checked == {"vpn-0c3568c2303ac18df/3.225.148.144"} with input as snap
}

test_fail_key_differs if {
	snap := with_phase1([phase1("1", "3.225.148.144", tunnel0_fp), phase1("2", "52.44.108.101", other_fp)])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["VPN connection vpn-0c3568c2303ac18df tunnel 52.44.108.101: the pre-shared key of device edge-fw phase 1 2 differs from AWS's (keyed fingerprints differ); expected the same key on both sides"]
	[d.evidence.phase1_location.path | some d in denies] == ["ipsec/phase1[2]"]
}

test_fail_keys_swapped if {
	snap := with_phase1([phase1("1", "3.225.148.144", tunnel1_fp), phase1("2", "52.44.108.101", tunnel0_fp)])
	denies := check.deny with input as snap
	{d.resource | some d in denies} == {"vpn-0c3568c2303ac18df/3.225.148.144", "vpn-0c3568c2303ac18df/52.44.108.101"}
}

test_not_applicable_without_device if {
	check.not_applicable == "no tunnel has a pre-shared key fingerprint on both AWS and a device phase 1 for its outside address, so the keys cannot be compared" with input as fixture.without_device
}

test_not_applicable_device_key_unavailable if {
	snap := with_phase1([phase1("1", "3.225.148.144", "")])
	check.not_applicable with input as snap
}

test_not_applicable_aws_key_unavailable if {
	snap := locate.patch(with_phase1([phase1("1", "3.225.148.144", other_fp)]), [{"op": "remove", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "tunnels", "3.225.148.144", "psk_fingerprint"]}])
	check.not_applicable with input as snap
}
