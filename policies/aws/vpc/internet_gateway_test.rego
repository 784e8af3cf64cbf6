package hybridcheck.aws.vpc.internet_gateway_test

import data.hybridcheck.aws.vpc.internet_gateway as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate

test_pass_compliant if {
	count(check.deny) == 0 with input as fixture.compliant
	check.checked == {"rtb-0b1c2d3e4f5a6b7c8"} with input as fixture.compliant
}

test_fail_detached if {
	snap := locate.patch(fixture.compliant, [{"op": "replace", "at": ["aws", "internet_gateways", "igw-0ddc77da7524bf133", "attachments"], "value": []}])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["Route table rtb-0b1c2d3e4f5a6b7c8 routes 0.0.0.0/0 to internet gateway igw-0ddc77da7524bf133, which is detached; expected an internet gateway attached (available) to vpc-0518d3603257bf85d"]
}

test_fail_attached_to_other_vpc if {
	snap := locate.patch(fixture.compliant, [{"op": "replace", "at": ["aws", "internet_gateways", "igw-0ddc77da7524bf133", "attachments", "vpc-0518d3603257bf85d", "vpc_id"], "value": "vpc-0ther"}])
	denies := check.deny with input as snap
	[d.resource | some d in denies] == ["rtb-0b1c2d3e4f5a6b7c8"]
	some d in denies
	contains(d.message, "which is attached to vpc-0ther (available)")
}

test_fail_gateway_deleted if {
	snap := locate.patch(fixture.compliant, [{"op": "replace", "path": "/aws/internet_gateways", "value": []}])
	denies := check.deny with input as snap
	some d in denies
	contains(d.message, "which is not in the snapshot")
	d.evidence.internet_gateway == null
}

test_not_applicable_without_igw_route if {
	snap := locate.patch(fixture.compliant, [{"op": "remove", "at": ["aws", "route_tables", "rtb-0b1c2d3e4f5a6b7c8", "routes", "0.0.0.0/0"]}])
	check.not_applicable with input as snap
}
