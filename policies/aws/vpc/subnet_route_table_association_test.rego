package hybridcheck.aws.vpc.subnet_route_table_association_test

import data.hybridcheck.aws.vpc.subnet_route_table_association as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate

test_pass_compliant if {
	count(check.deny) == 0 with input as fixture.compliant
	check.checked == {"subnet-0cdebdb570d3ca783", "subnet-01fb42f5764dcf18e"} with input as fixture.compliant
}

test_fail_main_table_only if {
	snap := locate.patch(fixture.compliant, [{"op": "replace", "at": ["aws", "route_tables", "rtb-0c2d3e4f5a6b7c8d9", "associations"], "value": []}])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["Cluster subnet subnet-01fb42f5764dcf18e has no explicit route table association and uses the main route table rtb-0a0b0c0d0e0f01112; expected an explicit association"]
}
