package hybridcheck.intersite.vpn_connection_test

import data.hybridcheck.intersite.vpn_connection as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate
import data.hybridcheck.test.variants

patched(ops) := locate.patch(fixture.compliant, ops)

vpn := "vpn-0c3568c2303ac18df"

test_pass_compliant if {
	count(check.deny) == 0 with input as fixture.compliant
	check.checked == {vpn} with input as fixture.compliant
}

test_pass_tgw if {
	count(check.deny) == 0 with input as variants.tgw_bgp
	check.checked == {vpn} with input as variants.tgw_bgp
}

test_fail_pending if {
	denies := check.deny with input as patched([{"op": "replace", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "state"], "value": "pending"}])
	[d.message | some d in denies] == ["VPN connection vpn-0c3568c2303ac18df to vgw-08b7d849217105d6f is in state pending; expected available"]
}

test_fail_on_another_gateway if {
	denies := check.deny with input as patched([{"op": "replace", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "vpn_gateway_id"], "value": "vgw-0other"}])
	[d.message | some d in denies] == ["No VPN connection terminates on the VGW or TGW of VPC vpc-0518d3603257bf85d (vgw-08b7d849217105d6f); expected an available connection from the customer gateway"]
	[c.vpn_gateway_id | some d in denies; some c in d.evidence.vpn_connections] == ["vgw-0other"]
}

test_fail_only_deleted if {
	denies := check.deny with input as patched([{"op": "replace", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "state"], "value": "deleted"}])
	[d.resource | some d in denies] == ["vpc-0518d3603257bf85d"]
}

test_not_applicable_direct_connect if {
	check.not_applicable == "connectivity is direct-connect, so the Site-to-Site VPN checks do not apply" with input as variants.direct_connect
}
