package hybridcheck.intersite.vpn_routing_type_test

import data.hybridcheck.intersite.vpn_routing_type as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate
import data.hybridcheck.test.variants

test_pass_static if {
	count(check.deny) == 0 with input as fixture.compliant
	check.checked == {"vpn-0c3568c2303ac18df"} with input as fixture.compliant
	count(check.deny) == 0 with input as variants.tgw_static_iamra
}

test_pass_bgp_routes_accepted if {
	count(check.deny) == 0 with input as variants.tgw_bgp
	check.checked == {"vpn-0c3568c2303ac18df"} with input as variants.tgw_bgp
}

test_fail_intent_bgp_connection_static if {
	snap := locate.patch(fixture.compliant, [{"op": "replace", "path": "/intent/routing", "value": "bgp"}])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["VPN connection vpn-0c3568c2303ac18df uses static routing (static_routes_only true); expected bgp routing as the intent says"]
}

test_fail_bgp_tunnel_without_routes if {
	snap := locate.patch(variants.tgw_bgp, [{"op": "replace", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "tunnels", "3.225.148.144", "accepted_route_count"], "value": 0}])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["VPN connection vpn-0c3568c2303ac18df tunnel 3.225.148.144 has accepted 0 BGP routes; expected at least one (the node and pod CIDRs advertised by the device)"]
}

test_not_applicable_direct_connect if {
	check.not_applicable with input as variants.direct_connect
}
