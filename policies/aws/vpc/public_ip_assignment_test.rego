package hybridcheck.aws.vpc.public_ip_assignment_test

import data.hybridcheck.aws.vpc.public_ip_assignment as check
import data.hybridcheck.test.fixture

test_pass_compliant if {
	count(check.deny) == 0 with input as fixture.compliant
	check.checked == {"subnet-0cdebdb570d3ca783"} with input as fixture.compliant
}

test_fail_public_subnet_without_public_ips if {
	snap := json.patch(fixture.compliant, [{"op": "replace", "path": "/aws/subnets/0/map_public_ip_on_launch", "value": false}])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["Public subnet subnet-0cdebdb570d3ca783 (default route to igw-0ddc77da7524bf133 in rtb-0b1c2d3e4f5a6b7c8) does not auto-assign public IPv4 addresses; expected map_public_ip_on_launch true"]
}

test_pass_private_subnet_needs_no_public_ips if {
	# the private subnet keeps map_public_ip_on_launch false and is not checked
	not "subnet-01fb42f5764dcf18e" in check.checked with input as fixture.compliant
}

test_not_applicable_without_igw_route if {
	snap := json.patch(fixture.compliant, [{"op": "remove", "path": "/aws/route_tables/1/routes/0"}])
	check.not_applicable with input as snap
}
