package hybridcheck.intersite.vpn_tunnels_test

import data.hybridcheck.intersite.vpn_tunnels as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate
import data.hybridcheck.test.variants

patched(ops) := locate.patch(fixture.compliant, ops)

test_pass_both_up if {
	count(check.deny) == 0 with input as fixture.compliant
	check.checked == {"vpn-0c3568c2303ac18df"} with input as fixture.compliant
	count(check.deny) == 0 with input as variants.tgw_bgp
}

test_fail_one_down if {
	snap := patched([
		{"op": "replace", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "tunnels", "52.44.108.101", "status"], "value": "DOWN"},
		{"op": "add", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "tunnels", "52.44.108.101", "status_message"], "value": "IPSEC IS DOWN"},
	])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["VPN connection vpn-0c3568c2303ac18df tunnel 52.44.108.101 is DOWN (IPSEC IS DOWN); expected UP"]
	[d.evidence.outside_ip_address | some d in denies] == ["52.44.108.101"]
}

test_fail_no_telemetry if {
	denies := check.deny with input as patched([{"op": "remove", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "tunnels", "3.225.148.144", "status"]}])
	[d.message | some d in denies] == ["VPN connection vpn-0c3568c2303ac18df tunnel 3.225.148.144 is of unknown status (no telemetry collected); expected UP"]
}

test_fail_single_tunnel if {
	denies := check.deny with input as patched([{"op": "remove", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "tunnels", "52.44.108.101"]}])
	[d.message | some d in denies] == ["VPN connection vpn-0c3568c2303ac18df has 1 tunnel(s); expected two"]
}

test_not_applicable_direct_connect if {
	check.not_applicable with input as variants.direct_connect
}
