package hybridcheck.aws.vpc.private_subnet_egress_test

import data.hybridcheck.aws.vpc.private_subnet_egress as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate

patched(ops) := locate.patch(fixture.compliant, ops)

messages(snap) := [d.message | some d in denies] if {
	denies := check.deny with input as snap
}

expected(problem) := sprintf("Private subnet subnet-01fb42f5764dcf18e: %s; expected an active default route to an available public NAT gateway (in a public subnet, with an Elastic IP) or transit gateway", [problem])

test_pass_compliant if {
	count(check.deny) == 0 with input as fixture.compliant
	check.checked == {"subnet-01fb42f5764dcf18e"} with input as fixture.compliant
}

test_fail_no_default_route if {
	snap := patched([{"op": "remove", "at": ["aws", "route_tables", "rtb-0c2d3e4f5a6b7c8d9", "routes", "0.0.0.0/0"]}])
	messages(snap) == ["Private subnet subnet-01fb42f5764dcf18e has no default route (0.0.0.0/0) in route table rtb-0c2d3e4f5a6b7c8d9; expected one to an available NAT gateway or transit gateway"]
}

test_fail_blackhole_default_route if {
	snap := patched([{"op": "replace", "at": ["aws", "route_tables", "rtb-0c2d3e4f5a6b7c8d9", "routes", "0.0.0.0/0", "state"], "value": "blackhole"}])
	messages(snap) == [expected("its default route in rtb-0c2d3e4f5a6b7c8d9 is blackhole")]
}

test_fail_default_route_to_instance if {
	snap := patched([
		{"op": "replace", "at": ["aws", "route_tables", "rtb-0c2d3e4f5a6b7c8d9", "routes", "0.0.0.0/0", "target_type"], "value": "instance"},
		{"op": "replace", "at": ["aws", "route_tables", "rtb-0c2d3e4f5a6b7c8d9", "routes", "0.0.0.0/0", "target_id"], "value": "i-0123456789abcdef0"},
	])
	messages(snap) == [expected("its default route in rtb-0c2d3e4f5a6b7c8d9 targets instance i-0123456789abcdef0, not a NAT gateway or transit gateway")]
}

test_fail_private_nat_without_eip if {
	snap := patched([
		{"op": "replace", "at": ["aws", "nat_gateways", "nat-0327bf58440ab78b9", "connectivity_type"], "value": "private"},
		{"op": "replace", "at": ["aws", "nat_gateways", "nat-0327bf58440ab78b9", "addresses"], "value": [{"private_ip": "10.100.0.57"}]},
	])
	sort(messages(snap)) == sort([
		expected("its NAT gateway nat-0327bf58440ab78b9 is private, not public"),
		expected("its NAT gateway nat-0327bf58440ab78b9 holds no Elastic IP"),
	])
}

test_fail_nat_in_private_subnet if {
	snap := patched([{"op": "replace", "at": ["aws", "nat_gateways", "nat-0327bf58440ab78b9", "subnet_id"], "value": "subnet-01fb42f5764dcf18e"}])
	messages(snap) == [expected("its NAT gateway nat-0327bf58440ab78b9 sits in subnet-01fb42f5764dcf18e, which is not a public subnet")]
}

test_fail_nat_deleted if {
	snap := patched([{"op": "replace", "path": "/aws/nat_gateways", "value": []}])
	messages(snap) == [expected("its default route in rtb-0c2d3e4f5a6b7c8d9 targets nat nat-0327bf58440ab78b9, which is not in the snapshot")]
}

test_pass_available_transit_gateway if {
	snap := patched([
		{"op": "replace", "at": ["aws", "route_tables", "rtb-0c2d3e4f5a6b7c8d9", "routes", "0.0.0.0/0", "target_type"], "value": "tgw"},
		{"op": "replace", "at": ["aws", "route_tables", "rtb-0c2d3e4f5a6b7c8d9", "routes", "0.0.0.0/0", "target_id"], "value": "tgw-06e39deb85a158d2e"},
		{"op": "add", "path": "/aws/transit_gateways/-", "value": {"id": "tgw-06e39deb85a158d2e", "state": "available"}},
	])
	count(check.deny) == 0 with input as snap
	check.checked == {"subnet-01fb42f5764dcf18e"} with input as snap
}

test_fail_static_default_route_beats_propagated if {
	# AWS prefers the static route; a propagated default route to the VGW does not rescue it
	snap := patched([
		{"op": "replace", "at": ["aws", "route_tables", "rtb-0c2d3e4f5a6b7c8d9", "routes", "0.0.0.0/0", "state"], "value": "blackhole"},
		{"op": "add", "at": ["aws", "route_tables", "rtb-0c2d3e4f5a6b7c8d9", "routes", "-"], "value": {"destination_cidr": "0.0.0.0/0", "target_type": "vgw", "target_id": "vgw-08b7d849217105d6f", "state": "active", "origin": "EnableVgwRoutePropagation"}},
	])
	messages(snap) == [expected("its default route in rtb-0c2d3e4f5a6b7c8d9 is blackhole")]
}

test_not_applicable_all_public if {
	snap := patched([{"op": "replace", "at": ["aws", "route_tables", "rtb-0c2d3e4f5a6b7c8d9", "routes", "0.0.0.0/0"], "value": {"destination_cidr": "0.0.0.0/0", "target_type": "igw", "target_id": "igw-0ddc77da7524bf133", "state": "active", "origin": "CreateRoute"}}])
	check.not_applicable with input as snap
}
