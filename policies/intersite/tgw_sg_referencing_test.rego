package hybridcheck.intersite.tgw_sg_referencing_test

import data.hybridcheck.intersite.tgw_sg_referencing as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate
import data.hybridcheck.test.variants

test_pass_enabled if {
	count(check.deny) == 0 with input as variants.tgw_bgp
	check.checked == {"tgw-attach-0vpc0000000000001"} with input as variants.tgw_bgp
}

test_fail_disabled if {
	snap := locate.patch(variants.tgw_bgp, [{"op": "replace", "at": ["aws", "transit_gateway_attachments", "tgw-attach-0vpc0000000000001", "security_group_referencing_support"], "value": false}])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["TGW VPC attachment tgw-attach-0vpc0000000000001 has security group referencing support disabled; expected enabled"]
}

test_fail_not_collected if {
	snap := locate.patch(variants.tgw_bgp, [{"op": "replace", "at": ["aws", "transit_gateway_attachments", "tgw-attach-0vpc0000000000001", "security_group_referencing_support"], "value": null}])
	denies := check.deny with input as snap
	[d.evidence.security_group_referencing_support | some d in denies] == [null]
}

test_not_applicable_vgw if {
	check.not_applicable with input as fixture.compliant
}
