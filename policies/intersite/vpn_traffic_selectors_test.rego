package hybridcheck.intersite.vpn_traffic_selectors_test

import data.hybridcheck.intersite.vpn_traffic_selectors as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate
import data.hybridcheck.test.variants

patched(ops) := locate.patch(fixture.compliant, ops)

test_pass_any if {
	count(check.deny) == 0 with input as fixture.compliant
	check.checked == {"vpn-0c3568c2303ac18df"} with input as fixture.compliant
}

test_pass_absent_is_any if {
	snap := patched([
		{"op": "remove", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "local_ipv4_network_cidr"]},
		{"op": "remove", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "remote_ipv4_network_cidr"]},
	])
	count(check.deny) == 0 with input as snap
	check.checked == {"vpn-0c3568c2303ac18df"} with input as snap
}

test_pass_narrow_but_covering if {
	snap := patched([
		{"op": "replace", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "local_ipv4_network_cidr"], "value": "0.0.0.0/0"},
		{"op": "replace", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "remote_ipv4_network_cidr"], "value": "10.100.0.0/16"},
	])
	count(check.deny) == 0 with input as snap
	check.checked == {"vpn-0c3568c2303ac18df"} with input as snap
}

test_fail_local_misses_pods if {
	denies := check.deny with input as patched([{"op": "replace", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "local_ipv4_network_cidr"], "value": "10.200.0.0/16"}])
	[d.message | some d in denies] == ["VPN connection vpn-0c3568c2303ac18df's local (customer side) IPv4 network CIDR 10.200.0.0/16 does not contain 192.168.0.0/16; expected it to contain the node and pod CIDRs"]
}

test_fail_remote_misses_vpc if {
	denies := check.deny with input as patched([{"op": "replace", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "remote_ipv4_network_cidr"], "value": "10.100.0.0/24"}])
	[d.evidence | some d in denies] == [{"vpn_connection_id": "vpn-0c3568c2303ac18df", "remote_ipv4_network_cidr": "10.100.0.0/24", "required_cidrs": ["10.100.0.0/16"], "not_covered": ["10.100.0.0/16"]}]
}

test_not_applicable_direct_connect if {
	check.not_applicable with input as variants.direct_connect
}
