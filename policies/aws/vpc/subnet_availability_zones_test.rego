package hybridcheck.aws.vpc.subnet_availability_zones_test

import data.hybridcheck.aws.vpc.subnet_availability_zones as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate

patched(ops) := locate.patch(fixture.compliant, ops)

test_pass_compliant if {
	count(check.deny) == 0 with input as fixture.compliant
	check.checked == {"eks-hybrid", "subnet-0cdebdb570d3ca783", "subnet-01fb42f5764dcf18e"} with input as fixture.compliant
}

test_pass_vpc_subnets_without_cluster if {
	snap := patched([{"op": "remove", "path": "/aws/eks_cluster"}])
	count(check.deny) == 0 with input as snap
	"vpc-0518d3603257bf85d" in check.checked with input as snap
}

test_fail_single_zone if {
	snap := patched([{"op": "replace", "at": ["aws", "subnets", "subnet-01fb42f5764dcf18e", "availability_zone"], "value": "us-east-1a"}])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["eks-hybrid has 2 available cluster subnet(s) in 1 Availability Zone(s); expected at least two subnets in two or more zones"]
}

test_fail_subnet_pending if {
	snap := patched([{"op": "replace", "at": ["aws", "subnets", "subnet-0cdebdb570d3ca783", "state"], "value": "pending"}])
	denies := check.deny with input as snap
	{d.resource | some d in denies} == {"subnet-0cdebdb570d3ca783", "eks-hybrid"}
}

test_fail_subnet_missing if {
	snap := patched([{"op": "remove", "at": ["aws", "subnets", "subnet-01fb42f5764dcf18e"]}])
	denies := check.deny with input as snap
	{d.resource | some d in denies} == {"subnet-01fb42f5764dcf18e", "eks-hybrid"}
	some d in denies
	d.resource == "subnet-01fb42f5764dcf18e"
	contains(d.message, "is not in the snapshot")
}
