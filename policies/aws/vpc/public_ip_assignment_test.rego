package hybridcheck.aws.vpc.public_ip_assignment_test

import data.hybridcheck.aws.vpc.public_ip_assignment as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate

test_pass_compliant if {
	count(check.deny) == 0 with input as fixture.compliant
	check.checked == {"subnet-0cdebdb570d3ca783"} with input as fixture.compliant
}

test_fail_public_subnet_without_public_ips if {
	snap := locate.patch(fixture.compliant, [{"op": "replace", "at": ["aws", "subnets", "subnet-0cdebdb570d3ca783", "map_public_ip_on_launch"], "value": false}])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["Public subnet subnet-0cdebdb570d3ca783 (default route to igw-0ddc77da7524bf133 in rtb-0b1c2d3e4f5a6b7c8) does not auto-assign public IPv4 addresses; expected map_public_ip_on_launch true"]
}

test_pass_private_subnet_needs_no_public_ips if {
	# the private subnet keeps map_public_ip_on_launch false and is not checked
	not "subnet-01fb42f5764dcf18e" in check.checked with input as fixture.compliant
}

test_not_applicable_without_igw_route if {
	snap := locate.patch(fixture.compliant, [{"op": "remove", "at": ["aws", "route_tables", "rtb-0b1c2d3e4f5a6b7c8", "routes", "0.0.0.0/0"]}])
	check.not_applicable with input as snap
}
