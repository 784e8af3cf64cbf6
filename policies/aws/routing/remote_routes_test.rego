package hybridcheck.aws.routing.remote_routes_test

import data.hybridcheck.aws.routing.remote_routes as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate

# the private subnet's route table
private_rt := ["aws", "route_tables", "rtb-0c2d3e4f5a6b7c8d9", "routes"]

patched(ops) := locate.patch(fixture.compliant, ops)

route(dest, type, id, state, origin) := {"destination_cidr": dest, "target_type": type, "target_id": id, "state": state, "origin": origin}

messages(snap) := [d.message | some d in denies] if {
	denies := check.deny with input as snap
}

test_pass_compliant if {
	count(check.deny) == 0 with input as fixture.compliant
	check.checked == {"rtb-0b1c2d3e4f5a6b7c8", "rtb-0c2d3e4f5a6b7c8d9"} with input as fixture.compliant
}

test_fail_pod_route_missing if {
	# the pod CIDR falls through to the NAT gateway's default route
	snap := patched([{"op": "remove", "at": array.concat(private_rt, ["192.168.0.0/16"])}])
	messages(snap) == ["Route table rtb-0c2d3e4f5a6b7c8d9 (subnets subnet-01fb42f5764dcf18e) sends pod CIDR 192.168.0.0/16 over 0.0.0.0/0 -> nat nat-0327bf58440ab78b9 (active); expected an active route to vgw-08b7d849217105d6f"]
}

test_fail_no_route_at_all if {
	snap := patched([
		{"op": "remove", "at": array.concat(private_rt, ["192.168.0.0/16"])},
		{"op": "remove", "at": array.concat(private_rt, ["0.0.0.0/0"])},
	])
	messages(snap) == ["Route table rtb-0c2d3e4f5a6b7c8d9 (subnets subnet-01fb42f5764dcf18e) has no route for pod CIDR 192.168.0.0/16; expected an active route to vgw-08b7d849217105d6f"]
}

test_pass_longest_prefix_wins_over_wider_bad_route if {
	# a stale summary route elsewhere does not matter: the /16 to the VGW is more specific
	snap := patched([{"op": "add", "at": array.concat(private_rt, ["-"]), "value": route("10.0.0.0/8", "pcx", "pcx-0a1b2c3d", "active", "CreateRoute")}])
	count(check.deny) == 0 with input as snap
	check.checked == {"rtb-0b1c2d3e4f5a6b7c8", "rtb-0c2d3e4f5a6b7c8d9"} with input as snap
	count(check.unknown) == 0 with input as snap
}

test_pass_wider_route_to_vgw if {
	snap := patched([{"op": "replace", "at": array.concat(private_rt, ["10.200.0.0/16"]), "value": route("10.0.0.0/8", "vgw", "vgw-08b7d849217105d6f", "active", "CreateRoute")}])
	count(check.deny) == 0 with input as snap
	check.checked == {"rtb-0b1c2d3e4f5a6b7c8", "rtb-0c2d3e4f5a6b7c8d9"} with input as snap
	count(check.unknown) == 0 with input as snap
}

# A blackholed node route is HN-RT-02's finding (blackhole_routes_test.rego); HN-RT-01 does not
# report the same piece twice, but still checks the table.
test_pass_blackhole_node_route_left_to_rt02 if {
	snap := patched([{"op": "replace", "at": array.concat(private_rt, ["10.200.0.0/16", "state"]), "value": "blackhole"}])
	count(check.deny) == 0 with input as snap
	check.checked == {"rtb-0b1c2d3e4f5a6b7c8", "rtb-0c2d3e4f5a6b7c8d9"} with input as snap
}

test_unknown_prefix_list_without_entries if {
	snap := patched([
		{"op": "add", "at": array.concat(private_rt, ["-"]), "value": {"destination_prefix_list_id": "pl-0gone", "target_type": "pcx", "target_id": "pcx-0a1b2c3d", "state": "active", "origin": "CreateRoute"}},
		{"op": "add", "path": "/aws/prefix_lists/-", "value": {"id": "pl-0gone", "entries": null}},
	])
	count(check.deny) == 0 with input as snap
	{[u.resource, u.evidence.cidr] | some u in check.unknown} == {["rtb-0c2d3e4f5a6b7c8d9", "10.200.0.0/16"], ["rtb-0c2d3e4f5a6b7c8d9", "192.168.0.0/16"]} with input as snap
	some u in check.unknown with input as snap
	contains(u.message, "prefix list pl-0gone: its entries are not in the snapshot")
}

# The prefix list's entries are known: the peering route wins the node CIDR's /24 it lists
# (a static route beats the propagated VGW route only on equal prefixes; here it is longer).
test_fail_prefix_list_route_steals_part if {
	snap := patched([
		{"op": "add", "at": array.concat(private_rt, ["-"]), "value": {"destination_prefix_list_id": "pl-0peer", "target_type": "pcx", "target_id": "pcx-0a1b2c3d", "state": "active", "origin": "CreateRoute"}},
		{"op": "add", "path": "/aws/prefix_lists/-", "value": {"id": "pl-0peer", "entries": [{"cidr": "10.200.9.0/24"}]}},
	])
	[d.evidence.piece | some d in check.deny] == ["10.200.9.0/24"] with input as snap
}

test_fail_static_route_beats_propagated if {
	# equal prefixes: AWS prefers the static route, here to a peering connection
	snap := patched([{"op": "add", "at": array.concat(private_rt, ["-"]), "value": route("10.200.0.0/16", "pcx", "pcx-0a1b2c3d", "active", "CreateRoute")}])
	denies := check.deny with input as snap
	[d.evidence.route.target_id | some d in denies] == ["pcx-0a1b2c3d"]
}

test_fail_more_specific_route_steals_part if {
	snap := patched([{"op": "add", "at": array.concat(private_rt, ["-"]), "value": route("10.200.7.0/24", "instance", "i-0123456789abcdef0", "active", "CreateRoute")}])
	messages(snap) == ["Route table rtb-0c2d3e4f5a6b7c8d9 (subnets subnet-01fb42f5764dcf18e) sends node CIDR 10.200.7.0/24 of 10.200.0.0/16 over 10.200.7.0/24 -> instance i-0123456789abcdef0 (active); expected an active route to vgw-08b7d849217105d6f"]
}

test_pass_more_specific_routes_to_vgw if {
	# two /17 halves to the VGW carry the whole node /16, although only the NAT default contains it
	snap := patched([
		{"op": "replace", "at": array.concat(private_rt, ["10.200.0.0/16"]), "value": route("10.200.0.0/17", "vgw", "vgw-08b7d849217105d6f", "active", "CreateRoute")},
		{"op": "add", "at": array.concat(private_rt, ["-"]), "value": route("10.200.128.0/17", "vgw", "vgw-08b7d849217105d6f", "active", "CreateRoute")},
	])
	count(check.deny) == 0 with input as snap
	check.checked == {"rtb-0b1c2d3e4f5a6b7c8", "rtb-0c2d3e4f5a6b7c8d9"} with input as snap
	count(check.unknown) == 0 with input as snap
}

test_fail_one_half_routed if {
	snap := patched([{"op": "replace", "at": array.concat(private_rt, ["10.200.0.0/16"]), "value": route("10.200.0.0/17", "vgw", "vgw-08b7d849217105d6f", "active", "CreateRoute")}])
	messages(snap) == ["Route table rtb-0c2d3e4f5a6b7c8d9 (subnets subnet-01fb42f5764dcf18e) sends node CIDR 10.200.128.0/17 of 10.200.0.0/16 over 0.0.0.0/0 -> nat nat-0327bf58440ab78b9 (active); expected an active route to vgw-08b7d849217105d6f"]
}

test_pass_shadowed_inner_route if {
	# the blackhole /24 is itself split into two /25s to the VGW, so it carries no traffic
	snap := patched([
		{"op": "add", "at": array.concat(private_rt, ["-"]), "value": route("10.200.7.0/24", "vgw", "vgw-0old", "blackhole", "CreateRoute")},
		{"op": "add", "at": array.concat(private_rt, ["-"]), "value": route("10.200.7.0/25", "vgw", "vgw-08b7d849217105d6f", "active", "CreateRoute")},
		{"op": "add", "at": array.concat(private_rt, ["-"]), "value": route("10.200.7.128/25", "vgw", "vgw-08b7d849217105d6f", "active", "CreateRoute")},
	])
	count(check.deny) == 0 with input as snap
	check.checked == {"rtb-0b1c2d3e4f5a6b7c8", "rtb-0c2d3e4f5a6b7c8d9"} with input as snap
	count(check.unknown) == 0 with input as snap
}

test_fail_route_to_unattached_vgw if {
	snap := patched([{"op": "replace", "at": ["aws", "vpn_gateways", "vgw-08b7d849217105d6f", "vpc_attachments", "vpc-0518d3603257bf85d", "state"], "value": "detached"}])
	denies := check.deny with input as snap
	count(denies) == 4
	every d in denies {
		endswith(d.message, "expected an active route to a VGW or TGW, but none is attached to the cluster VPC")
	}
}

test_pass_tgw if {
	tgw := "tgw-06e39deb85a158d2e"
	snap := patched([
		{"op": "replace", "at": ["aws", "route_tables", "rtb-0b1c2d3e4f5a6b7c8", "routes", "10.200.0.0/16"], "value": route("10.200.0.0/16", "tgw", tgw, "active", "CreateRoute")},
		{"op": "replace", "at": ["aws", "route_tables", "rtb-0b1c2d3e4f5a6b7c8", "routes", "192.168.0.0/16"], "value": route("192.168.0.0/16", "tgw", tgw, "active", "CreateRoute")},
		{"op": "replace", "at": array.concat(private_rt, ["10.200.0.0/16"]), "value": route("10.200.0.0/16", "tgw", tgw, "active", "CreateRoute")},
		{"op": "replace", "at": array.concat(private_rt, ["192.168.0.0/16"]), "value": route("192.168.0.0/16", "tgw", tgw, "active", "CreateRoute")},
		{"op": "add", "path": "/aws/transit_gateway_attachments/-", "value": {"id": "tgw-attach-1", "transit_gateway_id": tgw, "resource_type": "vpc", "resource_id": "vpc-0518d3603257bf85d", "state": "available"}},
	])
	count(check.deny) == 0 with input as snap
	check.checked == {"rtb-0b1c2d3e4f5a6b7c8", "rtb-0c2d3e4f5a6b7c8d9"} with input as snap
	count(check.unknown) == 0 with input as snap
}

test_not_applicable_without_node_cidrs if {
	snap := patched([
		{"op": "replace", "path": "/aws/eks_cluster/remote_node_networks", "value": []},
		{"op": "remove", "path": "/intent/remote_node_cidrs"},
	])
	contains(check.not_applicable, "HN-CIDR-03") with input as snap
}
