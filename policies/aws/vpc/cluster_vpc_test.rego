package hybridcheck.aws.vpc.cluster_vpc_test

import data.hybridcheck.aws.vpc.cluster_vpc
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate

test_pass_compliant if {
	count(cluster_vpc.deny) == 0 with input as fixture.compliant
	cluster_vpc.checked == {"vpc-0518d3603257bf85d"} with input as fixture.compliant
}

test_pass_vpc_from_intent if {
	snap := locate.patch(fixture.compliant, [{"op": "remove", "path": "/aws/eks_cluster"}])
	count(cluster_vpc.deny) == 0 with input as snap
	cluster_vpc.checked == {"vpc-0518d3603257bf85d"} with input as snap
}

test_fail_pending if {
	snap := locate.patch(fixture.compliant, [{"op": "replace", "at": ["aws", "vpcs", "vpc-0518d3603257bf85d", "state"], "value": "pending"}])
	denies := cluster_vpc.deny with input as snap
	[d.message | some d in denies] == ["VPC vpc-0518d3603257bf85d is in state pending; expected available"]
}

test_fail_missing if {
	snap := locate.patch(fixture.compliant, [{"op": "replace", "path": "/aws/vpcs", "value": []}])
	denies := cluster_vpc.deny with input as snap
	[d.resource | some d in denies] == ["vpc-0518d3603257bf85d"]
	some d in denies
	contains(d.message, "is not in the snapshot")
}

test_fail_unnamed if {
	snap := locate.patch(fixture.compliant, [
		{"op": "remove", "path": "/aws/eks_cluster"},
		{"op": "remove", "path": "/intent/vpc_id"},
	])
	denies := cluster_vpc.deny with input as snap
	count(denies) == 1
	some d in denies
	startswith(d.message, "No cluster VPC is named")
	count(cluster_vpc.checked) == 0 with input as snap
}
