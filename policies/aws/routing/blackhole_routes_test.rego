package hybridcheck.aws.routing.blackhole_routes_test

import data.hybridcheck.aws.routing.blackhole_routes as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate

add_route(table, route) := locate.patch(fixture.compliant, [{"op": "add", "at": ["aws", "route_tables", table, "routes", "-"], "value": route}])

stale(dest) := {"destination_cidr": dest, "target_type": "tgw", "target_id": "tgw-0deleted", "state": "blackhole", "origin": "CreateRoute"}

test_pass_compliant if {
	count(check.deny) == 0 with input as fixture.compliant
	check.checked == {"rtb-0b1c2d3e4f5a6b7c8", "rtb-0c2d3e4f5a6b7c8d9"} with input as fixture.compliant
}

# Issue 11: a blackhole route that a more specific route to the gateway overrides drops
# nothing of the node CIDR (it failed before the path model).
test_pass_blackhole_under_more_specific_route if {
	input_doc := add_route("rtb-0c2d3e4f5a6b7c8d9", stale("10.0.0.0/8"))
	count(check.deny) == 0 with input as input_doc
	check.checked == {"rtb-0b1c2d3e4f5a6b7c8", "rtb-0c2d3e4f5a6b7c8d9"} with input as input_doc
}

test_pass_blackhole_default_route_unused if {
	snap := add_route("rtb-0c2d3e4f5a6b7c8d9", stale("0.0.0.0/0"))
	count(check.deny) == 0 with input as snap
	check.checked == {"rtb-0b1c2d3e4f5a6b7c8", "rtb-0c2d3e4f5a6b7c8d9"} with input as snap
	count(check.unknown) == 0 with input as snap
}

test_fail_blackhole_inside_pod_cidr if {
	denies := check.deny with input as add_route("rtb-0b1c2d3e4f5a6b7c8", stale("192.168.10.0/24"))
	[[d.resource, d.evidence.cidr, d.evidence.piece] | some d in denies] == [["rtb-0b1c2d3e4f5a6b7c8", "192.168.0.0/16", "192.168.10.0/24"]]
	[d.message | some d in denies] == ["Route table rtb-0b1c2d3e4f5a6b7c8 (subnets subnet-0cdebdb570d3ca783) drops 192.168.10.0/24 of 192.168.0.0/16 in blackhole route 192.168.10.0/24 -> tgw tgw-0deleted (blackhole); expected no blackhole route over a node or pod CIDR"]
}

test_fail_blackhole_replacing_node_route if {
	denies := check.deny with input as add_route("rtb-0c2d3e4f5a6b7c8d9", stale("10.200.0.0/16"))
	[[d.resource, d.evidence.piece] | some d in denies] == [["rtb-0c2d3e4f5a6b7c8d9", "10.200.0.0/16"]]
}

test_unknown_prefix_list_without_entries if {
	doc := json.patch(add_route("rtb-0b1c2d3e4f5a6b7c8", {"destination_prefix_list_id": "pl-0aaa", "target_type": "tgw", "target_id": "tgw-0deleted", "state": "blackhole", "origin": "CreateRoute"}), [{"op": "add", "path": "/aws/prefix_lists", "value": [{"id": "pl-0aaa", "entries": null}]}])
	count(check.deny) == 0 with input as doc
	{u.resource | some u in check.unknown} == {"rtb-0b1c2d3e4f5a6b7c8"} with input as doc
}

test_fail_prefix_list_route_resolved if {
	doc := json.patch(add_route("rtb-0b1c2d3e4f5a6b7c8", {"destination_prefix_list_id": "pl-0aaa", "target_type": "tgw", "target_id": "tgw-0deleted", "state": "blackhole", "origin": "CreateRoute"}), [{"op": "add", "path": "/aws/prefix_lists", "value": [{"id": "pl-0aaa", "entries": [{"cidr": "192.168.7.0/24"}]}]}])
	[d.evidence.piece | some d in check.deny] == ["192.168.7.0/24"] with input as doc
	count(check.unknown) == 0 with input as doc
}

test_pass_blackhole_elsewhere if {
	snap := add_route("rtb-0c2d3e4f5a6b7c8d9", stale("172.31.0.0/16"))
	count(check.deny) == 0 with input as snap
	check.checked == {"rtb-0b1c2d3e4f5a6b7c8", "rtb-0c2d3e4f5a6b7c8d9"} with input as snap
	count(check.unknown) == 0 with input as snap
}

test_pass_blackhole_in_unused_table if {
	snap := add_route("rtb-0a0b0c0d0e0f01112", stale("10.200.0.0/16"))
	count(check.deny) == 0 with input as snap
	check.checked == {"rtb-0b1c2d3e4f5a6b7c8", "rtb-0c2d3e4f5a6b7c8d9"} with input as snap
	count(check.unknown) == 0 with input as snap
}
