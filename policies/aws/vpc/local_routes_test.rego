package hybridcheck.aws.vpc.local_routes_test

import data.hybridcheck.aws.vpc.local_routes as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate

test_pass_compliant if {
	count(check.deny) == 0 with input as fixture.compliant
	check.checked == {"rtb-0a0b0c0d0e0f01112", "rtb-0b1c2d3e4f5a6b7c8", "rtb-0c2d3e4f5a6b7c8d9"} with input as fixture.compliant
}

test_fail_secondary_cidr_without_local_route if {
	snap := locate.patch(fixture.compliant, [{"op": "add", "at": ["aws", "vpcs", "vpc-0518d3603257bf85d", "cidr_blocks", "-"], "value": "10.101.0.0/16"}])
	denies := check.deny with input as snap
	{d.resource | some d in denies} == {"rtb-0a0b0c0d0e0f01112", "rtb-0b1c2d3e4f5a6b7c8", "rtb-0c2d3e4f5a6b7c8d9"}
	every d in denies {
		d.evidence.vpc_cidr == "10.101.0.0/16"
	}
}

test_fail_local_route_replaced if {
	snap := locate.patch(fixture.compliant, [
		{"op": "replace", "at": ["aws", "route_tables", "rtb-0c2d3e4f5a6b7c8d9", "routes", "10.100.0.0/16", "target_type"], "value": "eni"},
		{"op": "replace", "at": ["aws", "route_tables", "rtb-0c2d3e4f5a6b7c8d9", "routes", "10.100.0.0/16", "target_id"], "value": "eni-0a9b8c7d6e5f40312"},
	])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["Route table rtb-0c2d3e4f5a6b7c8d9 has no active local route for VPC CIDR 10.100.0.0/16; expected 10.100.0.0/16 -> local, active"]
	some d in denies
	d.evidence.routes_for_cidr[0].target_id == "eni-0a9b8c7d6e5f40312"
}

test_pass_other_vpc_tables_ignored if {
	snap := locate.patch(fixture.compliant, [{"op": "add", "path": "/aws/route_tables/-", "value": {"id": "rtb-other", "vpc_id": "vpc-other", "main": true, "associations": [], "propagating_vgws": [], "routes": []}}])
	count(check.deny) == 0 with input as snap
	not "rtb-other" in check.checked with input as snap
}
