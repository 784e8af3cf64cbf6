package hybridcheck.intersite.tgw_return_path_test

import data.hybridcheck.intersite.tgw_return_path as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate
import data.hybridcheck.test.variants

vpn_attachment := "tgw-attach-0vpn0000000000001"

vpc_route_steps := ["aws", "transit_gateway_route_tables", variants.tgw_route_table_id, "routes", "10.100.0.0/16"]

# The VPN attachment gets a route table of its own, holding only what the mutation adds.
own_table(routes) := locate.patch(variants.tgw_bgp, [
	{"op": "replace", "at": ["aws", "transit_gateway_attachments", "tgw-attach-0vpn0000000000001", "associated_route_table_id"], "value": "tgw-rtb-0vpn"},
	{"op": "add", "path": "/aws/transit_gateway_route_tables/-", "value": {
		"id": "tgw-rtb-0vpn", "transit_gateway_id": variants.tgw_id, "state": "available",
		"default_association_route_table": false, "default_propagation_route_table": false, "routes": routes,
	}},
])

vpc_route(cidr) := {"destination_cidr": cidr, "type": "propagated", "state": "active", "attachments": [{"attachment_id": variants.tgw_vpc_attachment_id, "resource_type": "vpc", "resource_id": variants.vpc_id}]}

test_pass_shared_route_table if {
	count(check.deny) == 0 with input as variants.tgw_bgp
	count(check.unknown) == 0 with input as variants.tgw_bgp
	check.checked == {vpn_attachment} with input as variants.tgw_bgp
}

test_pass_static_variant if {
	count(check.deny) == 0 with input as variants.tgw_static_iamra
	check.checked == {vpn_attachment} with input as variants.tgw_static_iamra
}

test_pass_own_table_with_vpc_route if {
	snap := own_table([vpc_route("10.100.0.0/16")])
	count(check.deny) == 0 with input as snap
	check.checked == {vpn_attachment} with input as snap
}

# Issue 11: the VPN attachment's own table has no route back, and every TGW check passed.
test_fail_own_table_without_vpc_route if {
	snap := own_table([])
	[d.message | some d in check.deny] == ["TGW route table tgw-rtb-0vpn (associated with vpn attachment tgw-attach-0vpn0000000000001) has no route for VPC CIDR 10.100.0.0/16; expected an active route to the cluster VPC attachment tgw-attach-0vpc0000000000001"] with input as snap
}

test_fail_vpc_route_removed_from_shared_table if {
	snap := locate.patch(variants.tgw_bgp, [{"op": "remove", "at": vpc_route_steps}])
	[d.evidence.piece | some d in check.deny] == ["10.100.0.0/16"] with input as snap
}

test_fail_part_of_vpc_blackholed if {
	snap := own_table([vpc_route("10.100.0.0/16"), {"destination_cidr": "10.100.32.0/19", "type": "static", "state": "blackhole", "attachments": []}])
	[d.evidence.piece | some d in check.deny] == ["10.100.32.0/19"] with input as snap
}

test_fail_not_associated if {
	snap := locate.patch(variants.tgw_bgp, [{"op": "remove", "at": ["aws", "transit_gateway_attachments", "tgw-attach-0vpn0000000000001", "associated_route_table_id"]}])
	[d.resource | some d in check.deny] == [vpn_attachment] with input as snap
}

test_unknown_prefix_list_route if {
	snap := own_table([vpc_route("10.100.0.0/16"), {"prefix_list_id": "pl-0x", "destination_cidr": "", "type": "static", "state": "active", "attachments": []}])
	count(check.deny) == 0 with input as snap
	[u.resource | some u in check.unknown] == [vpn_attachment] with input as snap
}

test_not_applicable_vgw if {
	check.not_applicable == "the target gateway is a VGW, so the TGW checks do not apply" with input as fixture.compliant
}

# With Direct Connect the remote networks come in on the Direct Connect gateway attachment.
dx_estate(routes) := locate.patch(own_table(routes), [
	{"op": "replace", "path": "/intent/connectivity", "value": "direct-connect"},
	{"op": "replace", "at": ["aws", "transit_gateway_attachments", "tgw-attach-0vpn0000000000001", "resource_type"], "value": "direct-connect-gateway"},
	{"op": "replace", "at": ["aws", "transit_gateway_attachments", "tgw-attach-0vpn0000000000001", "resource_id"], "value": "dxgw-0a1b2c3d4e5f6a7b8"},
])

test_pass_direct_connect_attachment if {
	snap := dx_estate([vpc_route("10.100.0.0/16")])
	count(check.deny) == 0 with input as snap
	check.checked == {vpn_attachment} with input as snap
}

test_fail_direct_connect_attachment_without_route_back if {
	snap := dx_estate([])
	[d.message | some d in check.deny] == ["TGW route table tgw-rtb-0vpn (associated with direct-connect-gateway attachment tgw-attach-0vpn0000000000001) has no route for VPC CIDR 10.100.0.0/16; expected an active route to the cluster VPC attachment tgw-attach-0vpc0000000000001"] with input as snap
}
