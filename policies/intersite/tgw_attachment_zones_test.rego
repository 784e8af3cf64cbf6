package hybridcheck.intersite.tgw_attachment_zones_test

import data.hybridcheck.intersite.tgw_attachment_zones as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate
import data.hybridcheck.test.variants

test_pass_both_zones if {
	count(check.deny) == 0 with input as variants.tgw_bgp
	check.checked == {"tgw-attach-0vpc0000000000001"} with input as variants.tgw_bgp
}

test_fail_one_zone if {
	snap := locate.patch(variants.tgw_bgp, [{"op": "replace", "at": ["aws", "transit_gateway_attachments", "tgw-attach-0vpc0000000000001", "subnet_ids"], "value": ["subnet-01fb42f5764dcf18e"]}])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["TGW VPC attachment tgw-attach-0vpc0000000000001 has no subnet in Availability Zone(s) us-east-1a; expected a subnet in every zone of the cluster subnets (us-east-1a, us-east-1b)"]
	[d.evidence.missing_zones | some d in denies] == [["us-east-1a"]]
}

test_fail_unknown_subnet if {
	snap := locate.patch(variants.tgw_bgp, [{"op": "replace", "at": ["aws", "transit_gateway_attachments", "tgw-attach-0vpc0000000000001", "subnet_ids"], "value": ["subnet-01fb42f5764dcf18e", "subnet-0gone"]}])
	denies := check.deny with input as snap
	[d.evidence.attachment_subnets_not_in_snapshot | some d in denies] == [["subnet-0gone"]]
}

test_not_applicable_vgw if {
	check.not_applicable == "the target gateway is a VGW, so the TGW checks do not apply" with input as fixture.compliant
}

test_not_applicable_without_attachment if {
	snap := locate.patch(variants.tgw_static_iamra, [{"op": "remove", "at": ["aws", "transit_gateway_attachments", "tgw-attach-0vpc0000000000001"]}])
	check.not_applicable == "the cluster VPC has no TGW VPC attachment, so this check cannot run; see HN-TGW-05" with input as snap
}
