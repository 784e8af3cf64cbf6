package hybridcheck.aws.vpc.dns_hostnames_test

import data.hybridcheck.aws.vpc.dns_hostnames
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate

hostnames(value) := locate.patch(fixture.compliant, [{"op": "replace", "at": ["aws", "vpcs", "vpc-0518d3603257bf85d", "enable_dns_hostnames"], "value": value}])

test_pass_compliant if {
	count(dns_hostnames.deny) == 0 with input as fixture.compliant
	dns_hostnames.checked == {"vpc-0518d3603257bf85d"} with input as fixture.compliant
}

test_fail_disabled if {
	denies := dns_hostnames.deny with input as hostnames(false)
	[d.message | some d in denies] == ["VPC vpc-0518d3603257bf85d has enableDnsHostnames false; it must be true"]
}

# Issue 11: an attribute that was never collected is unknown, not a violation.
test_unknown_not_collected if {
	count(dns_hostnames.deny) == 0 with input as hostnames(null)
	[u.message | some u in dns_hostnames.unknown] == ["VPC vpc-0518d3603257bf85d: enableDnsHostnames was not collected (ec2:DescribeVpcAttribute; see HN-SNAP-01), so whether it is true cannot be decided"] with input as hostnames(null)
}

test_not_applicable_without_vpc if {
	snap := locate.patch(fixture.compliant, [{"op": "replace", "path": "/aws/vpcs", "value": []}])
	contains(dns_hostnames.not_applicable, "HN-VPC-01") with input as snap
}
