package hybridcheck.evidence.sources_complete_test

import data.hybridcheck.evidence.sources_complete as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.variants

patched(ops) := json.patch(fixture.compliant, ops)

test_pass_compliant if {
	count(check.deny) == 0 with input as fixture.compliant
	"ec2:DescribeVpnConnections (us-east-1)" in check.checked with input as fixture.compliant
	count(check.deny) == 0 with input as variants.direct_connect
	some dx in check.checked with input as variants.direct_connect
	startswith(dx, "directconnect:")
}

test_pass_skipped_export_is_no_gap if {
	skipped := {"id": "ec2:DescribeNetworkAcls", "kind": "aws-file", "location": "aws/NetworkAcls.json", "status": "skipped", "items": 0, "warnings": ["NetworkAcls: not used by any check"]}
	snap := patched([{"op": "add", "path": "/sources/-", "value": skipped}])
	count(check.deny) == 0 with input as snap
	{"resource": "ec2:DescribeNetworkAcls (aws/NetworkAcls.json)", "message": "ec2:DescribeNetworkAcls was skipped: NetworkAcls: not used by any check"} in check.checked with input as snap
}

test_fail_access_denied if {
	snap := patched([
		{"op": "replace", "path": "/sources/14/status", "value": "error"},
		{"op": "add", "path": "/sources/14/error", "value": "UnauthorizedOperation: You are not authorized to perform this operation."},
	])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["Source ec2:DescribeVpnConnections (us-east-1) is error: UnauthorizedOperation: You are not authorized to perform this operation.; expected every source to answer completely"]
	[d.evidence.location | some d in denies] == ["us-east-1"]
}

test_fail_partial_with_warnings if {
	snap := patched([
		{"op": "replace", "path": "/sources/2/status", "value": "partial"},
		{"op": "add", "path": "/sources/2/warnings", "value": ["page 3: RequestLimitExceeded after 5 retries"]},
	])
	denies := check.deny with input as snap
	[d.resource | some d in denies] == ["ec2:DescribeSubnets (us-east-1)"]
	[d.evidence.warnings | some d in denies] == [["page 3: RequestLimitExceeded after 5 retries"]]
}

test_fail_no_aws if {
	denies := check.deny with input as object.remove(fixture.compliant, ["aws"])
	[d.resource | some d in denies] == ["aws"]
}

test_fail_vpc_attributes_missing if {
	denies := check.deny with input as patched([{"op": "replace", "path": "/aws/vpcs/0/enable_dns_support", "value": null}])
	[d.message | some d in denies] == ["VPC vpc-0518d3603257bf85d's enable_dns_support not collected (null); expected DescribeVpcAttribute to answer for every VPC"]
}

test_fail_cluster_missing if {
	denies := check.deny with input as patched([{"op": "remove", "path": "/aws/eks_cluster"}])
	[d.resource | some d in denies] == ["eks-hybrid"]
}

test_fail_direct_connect_missing if {
	denies := check.deny with input as json.patch(variants.direct_connect, [{"op": "remove", "path": "/aws/direct_connect"}])
	[d.resource | some d in denies] == ["direct_connect"]
}

test_fail_no_sources if {
	denies := check.deny with input as patched([{"op": "replace", "path": "/sources", "value": []}])
	[d.resource | some d in denies] == ["sources"]
}

test_fail_intent_conflict if {
	snap := object.union(fixture.compliant, {"intent_conflicts": [{
		"field": "remote_pod_cidrs",
		"intent": ["192.168.0.0/17"],
		"observed": ["192.168.0.0/16"],
		"observed_from": "eks:DescribeCluster",
	}]})
	some d in check.deny with input as snap
	d.resource == "intent.remote_pod_cidrs"
	contains(d.message, `["192.168.0.0/17"] but eks:DescribeCluster shows ["192.168.0.0/16"]`)
}
