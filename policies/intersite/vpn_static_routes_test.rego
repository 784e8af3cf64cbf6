package hybridcheck.intersite.vpn_static_routes_test

import data.hybridcheck.intersite.vpn_static_routes as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate
import data.hybridcheck.test.variants

patched(ops) := locate.patch(fixture.compliant, ops)

test_pass_compliant if {
	count(check.deny) == 0 with input as fixture.compliant
	check.checked == {"vpn-0c3568c2303ac18df"} with input as fixture.compliant
	count(check.deny) == 0 with input as variants.tgw_static_iamra
}

test_pass_summary_route if {
	snap := patched([{"op": "replace", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "routes", "10.200.0.0/16", "destination_cidr"], "value": "10.200.0.0/15"}])
	count(check.deny) == 0 with input as snap
	check.checked == {"vpn-0c3568c2303ac18df"} with input as snap
}

test_fail_pod_route_missing if {
	denies := check.deny with input as patched([{"op": "remove", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "routes", "192.168.0.0/16"]}])
	[d.message | some d in denies] == ["VPN connection vpn-0c3568c2303ac18df has no static route for 192.168.0.0/16; expected an available static route for every node and pod CIDR"]
}

test_fail_route_deleted if {
	denies := check.deny with input as patched([{"op": "replace", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "routes", "10.200.0.0/16", "state"], "value": "deleted"}])
	[d.message | some d in denies] == ["VPN connection vpn-0c3568c2303ac18df's static route(s) for 10.200.0.0/16 are 10.200.0.0/16 deleted; expected available"]
}

test_not_applicable_bgp if {
	check.not_applicable == "routing is bgp, not static, so the VPN static routes are not used" with input as variants.tgw_bgp
}

test_not_applicable_direct_connect if {
	check.not_applicable == "connectivity is direct-connect, so the Site-to-Site VPN checks do not apply" with input as variants.direct_connect
}

# Issue 11: two /17 static routes cover the /16 node CIDR together (this failed before).
test_pass_union_of_static_routes if {
	snap := patched([
		{"op": "replace", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "routes", "10.200.0.0/16", "destination_cidr"], "value": "10.200.0.0/17"},
		{"op": "add", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "routes", "-"], "value": {"destination_cidr": "10.200.128.0/17", "source": "static", "state": "available"}},
	])
	count(check.deny) == 0 with input as snap
	check.checked == {"vpn-0c3568c2303ac18df"} with input as snap
}

test_fail_half_of_node_cidr if {
	snap := patched([{"op": "replace", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "routes", "10.200.0.0/16", "destination_cidr"], "value": "10.200.0.0/17"}])
	[d.message | some d in check.deny] == ["VPN connection vpn-0c3568c2303ac18df has no static route for 10.200.0.0/16 (only 10.200.0.0/17 of it); expected an available static route for every node and pod CIDR"] with input as snap
}

test_fail_one_half_not_available if {
	snap := patched([
		{"op": "replace", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "routes", "10.200.0.0/16", "destination_cidr"], "value": "10.200.0.0/17"},
		{"op": "add", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "routes", "-"], "value": {"destination_cidr": "10.200.128.0/17", "source": "static", "state": "pending"}},
	])
	[d.message | some d in check.deny] == ["VPN connection vpn-0c3568c2303ac18df's static route(s) for 10.200.0.0/16 are 10.200.128.0/17 pending; expected available"] with input as snap
}
