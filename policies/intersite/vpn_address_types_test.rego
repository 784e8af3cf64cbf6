package hybridcheck.intersite.vpn_address_types_test

import data.hybridcheck.intersite.vpn_address_types as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate
import data.hybridcheck.test.variants

patched(ops) := locate.patch(fixture.compliant, ops)

test_pass_compliant if {
	count(check.deny) == 0 with input as fixture.compliant
	check.checked == {"vpn-0c3568c2303ac18df"} with input as fixture.compliant
}

test_pass_defaults_when_not_reported if {
	snap := patched([
		{"op": "remove", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "tunnel_inside_ip_version"]},
		{"op": "remove", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "outside_ip_address_type"]},
	])
	count(check.deny) == 0 with input as snap
	check.checked == {"vpn-0c3568c2303ac18df"} with input as snap
}

test_pass_private_over_direct_connect if {
	snap := locate.patch(variants.tgw_bgp, [
		{"op": "replace", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "outside_ip_address_type"], "value": "PrivateIpv4"},
		{"op": "add", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "transport_transit_gateway_attachment_id"], "value": "tgw-attach-0dx"},
	])
	count(check.deny) == 0 with input as snap
	check.checked == {"vpn-0c3568c2303ac18df"} with input as snap
}

test_fail_ipv6_inside if {
	denies := check.deny with input as patched([{"op": "replace", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "tunnel_inside_ip_version"], "value": "ipv6"}])
	[d.message | some d in denies] == ["VPN connection vpn-0c3568c2303ac18df has tunnel inside IP version ipv6; expected ipv4"]
}

test_fail_private_without_direct_connect if {
	denies := check.deny with input as patched([{"op": "replace", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "outside_ip_address_type"], "value": "PrivateIpv4"}])
	[d.message | some d in denies] == ["VPN connection vpn-0c3568c2303ac18df has outside IP address type PrivateIpv4; expected PublicIpv4 (the VPN does not run over Direct Connect)"]
}

test_fail_public_over_direct_connect if {
	snap := locate.patch(variants.tgw_bgp, [{"op": "add", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "transport_transit_gateway_attachment_id"], "value": "tgw-attach-0dx"}])
	denies := check.deny with input as snap
	[d.evidence.transport_transit_gateway_attachment_id | some d in denies] == ["tgw-attach-0dx"]
}

test_not_applicable_direct_connect if {
	check.not_applicable with input as variants.direct_connect
}
