package hybridcheck.aws.routing.vgw_propagation_test

import data.hybridcheck.aws.routing.vgw_propagation as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate

no_propagation := locate.patch(fixture.compliant, [{"op": "replace", "at": ["aws", "route_tables", "rtb-0c2d3e4f5a6b7c8d9", "propagating_vgws"], "value": []}])

test_pass_compliant if {
	count(check.deny) == 0 with input as fixture.compliant
	check.checked == {"rtb-0b1c2d3e4f5a6b7c8", "rtb-0c2d3e4f5a6b7c8d9"} with input as fixture.compliant
}

test_fail_propagation_disabled if {
	# the propagated routes are still listed, but they do not count as static routes
	denies := check.deny with input as no_propagation
	[d.message | some d in denies] == ["Route table rtb-0c2d3e4f5a6b7c8d9 (subnets subnet-01fb42f5764dcf18e) does not propagate routes from vgw-08b7d849217105d6f and has no static route to it for 10.200.0.0/16, 192.168.0.0/16; expected route propagation from the VGW"]
}

test_pass_static_routes_instead if {
	snap := locate.patch(no_propagation, [
		{"op": "replace", "at": ["aws", "route_tables", "rtb-0c2d3e4f5a6b7c8d9", "routes", "10.200.0.0/16", "origin"], "value": "CreateRoute"},
		{"op": "replace", "at": ["aws", "route_tables", "rtb-0c2d3e4f5a6b7c8d9", "routes", "192.168.0.0/16", "origin"], "value": "CreateRoute"},
	])
	count(check.deny) == 0 with input as snap
	check.checked == {"rtb-0b1c2d3e4f5a6b7c8", "rtb-0c2d3e4f5a6b7c8d9"} with input as snap
	count(check.unknown) == 0 with input as snap
}

test_fail_static_route_for_node_cidr_only if {
	snap := locate.patch(no_propagation, [{"op": "replace", "at": ["aws", "route_tables", "rtb-0c2d3e4f5a6b7c8d9", "routes", "10.200.0.0/16", "origin"], "value": "CreateRoute"}])
	denies := check.deny with input as snap
	[d.evidence.cidrs_without_static_route | some d in denies] == [["192.168.0.0/16"]]
}

test_fail_propagating_another_vgw if {
	snap := locate.patch(no_propagation, [{"op": "replace", "at": ["aws", "route_tables", "rtb-0c2d3e4f5a6b7c8d9", "propagating_vgws"], "value": ["vgw-0other"]}])
	[d.resource | some d in check.deny] == ["rtb-0c2d3e4f5a6b7c8d9"] with input as snap
}

test_not_applicable_with_tgw if {
	snap := locate.patch(fixture.compliant, [{"op": "add", "path": "/intent/target_gateway", "value": "tgw"}])
	check.not_applicable == "the target gateway is a TGW, not a VGW" with input as snap
}

# Issue 11: a static route to the VGW for a prefix list was treated as absent.
pl_route := {"destination_prefix_list_id": "pl-0e1d2c3b4a5968778", "target_type": "vgw", "target_id": "vgw-08b7d849217105d6f", "state": "active", "origin": "CreateRoute"}

without_propagated_routes := locate.patch(no_propagation, [
	{"op": "remove", "at": ["aws", "route_tables", "rtb-0c2d3e4f5a6b7c8d9", "routes", "192.168.0.0/16"]},
	{"op": "remove", "at": ["aws", "route_tables", "rtb-0c2d3e4f5a6b7c8d9", "routes", "10.200.0.0/16"]},
	{"op": "add", "at": ["aws", "route_tables", "rtb-0c2d3e4f5a6b7c8d9", "routes", "-"], "value": pl_route},
])

test_pass_static_prefix_list_route if {
	count(check.deny) == 0 with input as without_propagated_routes
	count(check.unknown) == 0 with input as without_propagated_routes
	check.checked == {"rtb-0b1c2d3e4f5a6b7c8", "rtb-0c2d3e4f5a6b7c8d9"} with input as without_propagated_routes
}

test_unknown_prefix_list_route_without_entries if {
	snap := locate.patch(without_propagated_routes, [{"op": "replace", "at": ["aws", "prefix_lists", "pl-0e1d2c3b4a5968778", "entries"], "value": null}])
	count(check.deny) == 0 with input as snap
	{[u.resource, u.evidence.cidr] | some u in check.unknown} == {["rtb-0c2d3e4f5a6b7c8d9", "10.200.0.0/16"], ["rtb-0c2d3e4f5a6b7c8d9", "192.168.0.0/16"]} with input as snap
}
