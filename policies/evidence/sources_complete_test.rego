package hybridcheck.evidence.sources_complete_test

import data.hybridcheck.evidence.sources_complete as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate
import data.hybridcheck.test.variants

patched(ops) := locate.patch(fixture.compliant, ops)

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

# with_source returns the fixture with the sources of one ID replaced by fields merged in:
# tests address sources by ID, never by position.
with_source(snap, id, fields) := object.union(snap, {"sources": [x |
	some s in snap.sources
	x := patch_source(s, id, fields)
]})

patch_source(s, id, fields) := object.union(s, fields) if s.id == id

else := s

test_fail_access_denied if {
	snap := with_source(fixture.compliant, "ec2:DescribeVpnConnections", {"status": "error", "error": "UnauthorizedOperation: You are not authorized to perform this operation."})
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["ec2:DescribeVpnConnections is error (UnauthorizedOperation: You are not authorized to perform this operation.); HN-CGW-01, HN-CGW-02, HN-FW-10, HN-IPS-01, HN-VPN-01, HN-VPN-02, HN-VPN-03, HN-VPN-04, HN-VPN-05, HN-VPN-06, HN-X-01, HN-X-03 cannot be decided without it"]
	[d.evidence.locations | some d in denies] == [["us-east-1"]]
}

test_fail_partial_with_warnings if {
	snap := with_source(fixture.compliant, "ec2:DescribeSubnets", {"status": "partial", "warnings": ["page 3: RequestLimitExceeded after 5 retries"]})
	denies := check.deny with input as snap
	[d.resource | some d in denies] == ["ec2:DescribeSubnets"]
	[d.evidence.errors | some d in denies] == [["page 3: RequestLimitExceeded after 5 retries"]]
	"HN-VPC-04" in [c | some d in denies; some c in d.evidence.needed_by]
}

# A gap spanning several files or calls of one source ID is listed once.
test_fail_gap_listed_once if {
	second := {"id": "ec2:DescribeAddresses", "kind": "aws-file", "location": "aws/eu-west-1/addresses.json", "status": "error", "error": "not valid JSON", "items": 0}
	snap := locate.patch(with_source(fixture.compliant, "ec2:DescribeAddresses", {"status": "error", "error": "no saved output of this call in the --aws-dir folders"}), [{"op": "add", "path": "/sources/-", "value": second}])
	denies := check.deny with input as snap
	[d.resource | some d in denies] == ["ec2:DescribeAddresses"]
	[d.evidence.errors | some d in denies] == [["no saved output of this call in the --aws-dir folders", "not valid JSON"]]
	[d.evidence.needed_by | some d in denies] == [["HN-VPC-10"]]
}

# The missing DNS attributes are named once, on the DescribeVpcAttribute gap, not again as
# null attributes.
test_fail_dns_attributes_named_once if {
	snap := locate.patch(
		with_source(fixture.compliant, "ec2:DescribeVpcAttribute", {"status": "error", "error": "no saved output of this call in the --aws-dir folders"}),
		[
			{"op": "replace", "at": ["aws", "vpcs", "vpc-0518d3603257bf85d", "enable_dns_support"], "value": null},
			{"op": "replace", "at": ["aws", "vpcs", "vpc-0518d3603257bf85d", "enable_dns_hostnames"], "value": null},
		],
	)
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["ec2:DescribeVpcAttribute is error (no saved output of this call in the --aws-dir folders): enable_dns_support and enable_dns_hostnames of vpc-0518d3603257bf85d not collected; HN-VPC-02, HN-VPC-03 cannot be decided without it"]
}

# TGW listings that failed on an estate routing through a VGW are not needed: a pass that says so.
test_pass_tgw_gap_on_vgw_estate if {
	snap := with_source(fixture.compliant, "ec2:DescribeTransitGatewayRouteTables", {"status": "error", "error": "no saved output of this call in the --aws-dir folders"})
	count(check.deny) == 0 with input as snap
	some c in check.checked with input as snap
	c.resource == "ec2:DescribeTransitGatewayRouteTables"
	c.message == "ec2:DescribeTransitGatewayRouteTables is error (no saved output of this call in the --aws-dir folders); not needed: the cluster VPC routes through a VGW, so no check reads the ec2:DescribeTransitGatewayRouteTables listing"
}

# The same gap on a TGW estate is needed.
test_fail_tgw_gap_on_tgw_estate if {
	snap := locate.patch(with_source(fixture.compliant, "ec2:DescribeTransitGatewayRouteTables", {"status": "error", "error": "AccessDenied"}), [{"op": "add", "path": "/intent/target_gateway", "value": "tgw"}])
	[d.resource | some d in check.deny with input as snap] == ["ec2:DescribeTransitGatewayRouteTables"]
}

# A device export read in part (a schedule, a URL alias) is a note, once per source.
test_pass_partial_device_is_a_note if {
	snap := with_source(fixture.compliant, "device:pfsense", {"status": "partial", "warnings": ["filter/rule[2] (tracker 1545574419): schedule \"workdays\" not modelled", "alias \"pfB_Asia_v4\": content is downloaded from a URL at run time"]})
	count(check.deny) == 0 with input as snap
	notes := [c | some c in check.checked with input as snap; c.resource == "device:pfsense"]
	count(notes) == 1
	some n in notes
	contains(n.message, `schedule "workdays" not modelled`)
	contains(n.message, "not needed: the device export was read in part")
}

# An unreadable device export is needed by the on-prem checks.
test_fail_device_error if {
	snap := with_source(fixture.compliant, "device:pfsense", {"status": "error", "error": "not a pfSense config.xml"})
	denies := check.deny with input as snap
	[d.resource | some d in denies] == ["device:pfsense"]
	"HN-FW-01" in [c | some d in denies; some c in d.evidence.needed_by]
}

test_fail_no_aws if {
	denies := check.deny with input as object.remove(fixture.compliant, ["aws"])
	[d.resource | some d in denies] == ["aws"]
}

test_fail_vpc_attributes_missing if {
	denies := check.deny with input as patched([{"op": "replace", "at": ["aws", "vpcs", "vpc-0518d3603257bf85d", "enable_dns_support"], "value": null}])
	[d.message | some d in denies] == ["VPC vpc-0518d3603257bf85d's enable_dns_support not collected (null); HN-VPC-02, HN-VPC-03 cannot be decided without DescribeVpcAttribute"]
}

test_fail_cluster_missing if {
	denies := check.deny with input as patched([{"op": "remove", "path": "/aws/eks_cluster"}])
	[d.resource | some d in denies] == ["eks-hybrid"]
}

test_fail_direct_connect_missing if {
	denies := check.deny with input as locate.patch(variants.direct_connect, [{"op": "remove", "path": "/aws/direct_connect"}])
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
