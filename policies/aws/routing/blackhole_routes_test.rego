package hybridcheck.aws.routing.blackhole_routes_test

import data.hybridcheck.aws.routing.blackhole_routes as check
import data.hybridcheck.test.fixture

add_route(table, route) := json.patch(fixture.compliant, [{"op": "add", "path": sprintf("/aws/route_tables/%d/routes/-", [table]), "value": route}])

stale(dest) := {"destination_cidr": dest, "target_type": "tgw", "target_id": "tgw-0deleted", "state": "blackhole", "origin": "CreateRoute"}

test_pass_compliant if {
	count(check.deny) == 0 with input as fixture.compliant
	check.checked == {"rtb-0b1c2d3e4f5a6b7c8", "rtb-0c2d3e4f5a6b7c8d9"} with input as fixture.compliant
}

test_fail_summary_blackhole_over_node_cidr if {
	denies := check.deny with input as add_route(2, stale("10.0.0.0/8"))
	[d.message | some d in denies] == ["Route table rtb-0c2d3e4f5a6b7c8d9 (subnets subnet-01fb42f5764dcf18e) has blackhole route 10.0.0.0/8 -> tgw tgw-0deleted covering 10.200.0.0/16; expected no blackhole route over a node or pod CIDR"]
}

test_fail_blackhole_inside_pod_cidr if {
	denies := check.deny with input as add_route(1, stale("192.168.10.0/24"))
	[[d.resource, d.evidence.remote_cidrs] | some d in denies] == [["rtb-0b1c2d3e4f5a6b7c8", ["192.168.0.0/16"]]]
}

test_pass_blackhole_elsewhere if {
	count(check.deny) == 0 with input as add_route(2, stale("172.31.0.0/16"))
}

test_pass_blackhole_in_unused_table if {
	count(check.deny) == 0 with input as add_route(0, stale("10.200.0.0/16"))
}
