package hybridcheck.aws.vpc.dns_support_test

import data.hybridcheck.aws.vpc.dns_support

vpc(support) := {"aws": {"vpcs": [{"id": "vpc-1", "state": "available", "cidr_blocks": ["10.100.0.0/16"], "enable_dns_support": support}]}, "intent": {"vpc_id": "vpc-1"}}

test_pass_enabled if {
	count(dns_support.deny) == 0 with input as vpc(true)
	dns_support.checked == {"vpc-1"} with input as vpc(true)
}

test_fail_disabled if {
	some d in dns_support.deny with input as vpc(false)
	d.resource == "vpc-1"
}

# Issue 11: an attribute that was never collected is unknown, not a violation.
test_unknown_not_collected if {
	count(dns_support.deny) == 0 with input as vpc(null)
	[u.resource | some u in dns_support.unknown] == ["vpc-1"] with input as vpc(null)
}

test_not_applicable_without_vpc if {
	dns_support.not_applicable with input as {"aws": {"vpcs": []}, "intent": {"vpc_id": "vpc-1"}}
}
