package hybridcheck.intersite.tgw_routes_test

import data.hybridcheck.intersite.tgw_routes as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate
import data.hybridcheck.test.variants

attachment := "tgw-attach-0vpc0000000000001"

test_pass_bgp_propagated if {
	count(check.deny) == 0 with input as variants.tgw_bgp
	check.checked == {attachment} with input as variants.tgw_bgp
}

test_pass_static if {
	count(check.deny) == 0 with input as variants.tgw_static_iamra
	check.checked == {"tgw-attach-0vpc0000000000001"} with input as variants.tgw_static_iamra
	count(check.unknown) == 0 with input as variants.tgw_static_iamra
}

test_pass_covering_route if {
	snap := locate.patch(variants.tgw_bgp, [{"op": "replace", "at": ["aws", "transit_gateway_route_tables", "tgw-rtb-0a1b2c3d4e5f60789", "routes", "10.200.0.0/16", "destination_cidr"], "value": "10.200.0.0/15"}])
	count(check.deny) == 0 with input as snap
	check.checked == {"tgw-attach-0vpc0000000000001"} with input as snap
	count(check.unknown) == 0 with input as snap
}

test_fail_pod_route_missing if {
	snap := locate.patch(variants.tgw_bgp, [{"op": "remove", "at": ["aws", "transit_gateway_route_tables", "tgw-rtb-0a1b2c3d4e5f60789", "routes", "192.168.0.0/16"]}])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["TGW route table tgw-rtb-0a1b2c3d4e5f60789 (associated with attachment tgw-attach-0vpc0000000000001) has no route for 192.168.0.0/16; expected an active route to the vpn attachment"]
	[d.evidence.cidr | some d in denies] == ["192.168.0.0/16"]
}

test_fail_longest_prefix_blackhole if {
	blackhole := {"destination_cidr": "10.200.0.0/16", "type": "static", "state": "blackhole", "attachments": []}
	snap := locate.patch(variants.tgw_bgp, [
		{"op": "replace", "at": ["aws", "transit_gateway_route_tables", "tgw-rtb-0a1b2c3d4e5f60789", "routes", "10.200.0.0/16", "destination_cidr"], "value": "10.0.0.0/8"},
		{"op": "add", "at": ["aws", "transit_gateway_route_tables", "tgw-rtb-0a1b2c3d4e5f60789", "routes", "-"], "value": blackhole},
	])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["TGW route table tgw-rtb-0a1b2c3d4e5f60789 routes 10.200.0.0/16 by 10.200.0.0/16 static route with no attachment, which is blackhole; expected an active route"]
}

test_fail_route_to_vpc if {
	snap := locate.patch(variants.tgw_bgp, [{"op": "replace", "at": ["aws", "transit_gateway_route_tables", "tgw-rtb-0a1b2c3d4e5f60789", "routes", "10.200.0.0/16", "attachments"], "value": [{"attachment_id": attachment, "resource_type": "vpc", "resource_id": "vpc-0518d3603257bf85d"}]}])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["TGW route table tgw-rtb-0a1b2c3d4e5f60789 routes 10.200.0.0/16 by 10.200.0.0/16 propagated route to tgw-attach-0vpc0000000000001 (vpc vpc-0518d3603257bf85d); expected the vpn attachment of the hybrid connection"]
}

test_fail_other_sites_vpn if {
	snap := locate.patch(variants.tgw_bgp, [{"op": "replace", "at": ["aws", "transit_gateway_route_tables", "tgw-rtb-0a1b2c3d4e5f60789", "routes", "192.168.0.0/16", "attachments", {"attachment_id": "tgw-attach-0vpn0000000000001"}, "resource_id"], "value": "vpn-0other"}])
	denies := check.deny with input as snap
	[d.evidence.cidr | some d in denies] == ["192.168.0.0/16"]
}

test_fail_static_routing_propagated_route if {
	snap := locate.patch(variants.tgw_static_iamra, [{"op": "replace", "at": ["aws", "transit_gateway_route_tables", "tgw-rtb-0a1b2c3d4e5f60789", "routes", "10.200.0.0/16", "type"], "value": "propagated"}])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["TGW route table tgw-rtb-0a1b2c3d4e5f60789 routes 10.200.0.0/16 by a propagated route; routing is static, so expected a static route"]
}

test_fail_not_associated if {
	snap := locate.patch(variants.tgw_bgp, [{"op": "remove", "at": ["aws", "transit_gateway_attachments", "tgw-attach-0vpc0000000000001", "associated_route_table_id"]}])
	denies := check.deny with input as snap
	[d.resource | some d in denies] == [attachment]
	some d in denies
	contains(d.message, "is not associated with a TGW route table")
}

test_fail_route_table_not_collected if {
	snap := locate.patch(variants.tgw_bgp, [{"op": "replace", "path": "/aws/transit_gateway_route_tables", "value": []}])
	denies := check.deny with input as snap
	some d in denies
	d.message == "TGW route table tgw-rtb-0a1b2c3d4e5f60789, associated with attachment tgw-attach-0vpc0000000000001, is not in the snapshot; expected it to be collected (see HN-SNAP-01)"
}

test_not_applicable_vgw if {
	check.not_applicable == "the target gateway is a VGW, so the TGW checks do not apply" with input as fixture.compliant
}

# Issue 11 mutations of the TGW variant; each passed before the path model.
routes_path := ["aws", "transit_gateway_route_tables", variants.tgw_route_table_id, "routes", "-"]

vpc_attachment := {"attachment_id": attachment, "resource_type": "vpc", "resource_id": "vpc-0518d3603257bf85d"}

test_fail_more_specific_route_to_another_attachment if {
	snap := locate.patch(variants.tgw_bgp, [{"op": "add", "at": routes_path, "value": {"destination_cidr": "10.200.5.0/24", "type": "static", "state": "active", "attachments": [vpc_attachment]}}])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["TGW route table tgw-rtb-0a1b2c3d4e5f60789 routes 10.200.5.0/24 of 10.200.0.0/16 by 10.200.5.0/24 static route to tgw-attach-0vpc0000000000001 (vpc vpc-0518d3603257bf85d); expected the vpn attachment of the hybrid connection"]
}

test_fail_blackhole_inside_pod_cidr if {
	snap := locate.patch(variants.tgw_bgp, [{"op": "add", "at": routes_path, "value": {"destination_cidr": "192.168.64.0/18", "type": "static", "state": "blackhole", "attachments": []}}])
	[[d.evidence.cidr, d.evidence.piece] | some d in check.deny] == [["192.168.0.0/16", "192.168.64.0/18"]] with input as snap
}

# AWS prefers a static route over a propagated one of the same prefix, whatever the order.
test_fail_static_blackhole_beats_propagated_listed_after if {
	snap := locate.patch(variants.tgw_bgp, [{"op": "add", "at": routes_path, "value": {"destination_cidr": "10.200.0.0/16", "type": "static", "state": "blackhole", "attachments": []}}])
	[d.evidence.piece | some d in check.deny] == ["10.200.0.0/16"] with input as snap
}

test_fail_static_blackhole_beats_propagated_listed_before if {
	snap := locate.patch(variants.tgw_bgp, [{"op": "add", "at": ["aws", "transit_gateway_route_tables", "tgw-rtb-0a1b2c3d4e5f60789", "routes", "10.100.0.0/16"], "value": {"destination_cidr": "10.200.0.0/16", "type": "static", "state": "blackhole", "attachments": []}}])
	[d.evidence.piece | some d in check.deny] == ["10.200.0.0/16"] with input as snap
}

test_pass_deleted_route_is_not_in_force if {
	snap := locate.patch(variants.tgw_bgp, [{"op": "add", "at": routes_path, "value": {"destination_cidr": "10.200.5.0/24", "type": "static", "state": "deleted", "attachments": [vpc_attachment]}}])
	count(check.deny) == 0 with input as snap
	check.checked == {attachment} with input as snap
}

test_unknown_prefix_list_route_without_entries if {
	snap := locate.patch(variants.tgw_bgp, [
		{"op": "add", "at": routes_path, "value": {"destination_cidr": "", "prefix_list_id": "pl-0onprem", "type": "static", "state": "active", "attachments": [vpc_attachment]}},
		{"op": "add", "path": "/aws/prefix_lists", "value": [{"id": "pl-0onprem", "entries": null}]},
	])
	count(check.deny) == 0 with input as snap
	{u.evidence.cidr | some u in check.unknown} == {"10.200.0.0/16", "192.168.0.0/16"} with input as snap
}

test_fail_prefix_list_route_resolved if {
	snap := locate.patch(variants.tgw_bgp, [
		{"op": "add", "at": routes_path, "value": {"destination_cidr": "", "prefix_list_id": "pl-0onprem", "type": "static", "state": "active", "attachments": [vpc_attachment]}},
		{"op": "add", "path": "/aws/prefix_lists", "value": [{"id": "pl-0onprem", "entries": [{"cidr": "192.168.1.0/24"}]}]},
	])
	[d.evidence.piece | some d in check.deny] == ["192.168.1.0/24"] with input as snap
	count(check.unknown) == 0 with input as snap
}
