package hybridcheck.intersite.tgw_state_test

import data.hybridcheck.intersite.tgw_state as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate
import data.hybridcheck.test.variants

tgw := "tgw-0a1b2c3d4e5f60789"

test_pass_tgw_bgp if {
	count(check.deny) == 0 with input as variants.tgw_bgp
	check.checked == {tgw} with input as variants.tgw_bgp
}

test_fail_dns_support_disabled if {
	snap := locate.patch(variants.tgw_bgp, [{"op": "replace", "at": ["aws", "transit_gateways", "tgw-0a1b2c3d4e5f60789", "dns_support"], "value": false}])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["TGW tgw-0a1b2c3d4e5f60789 has DNS support disabled; expected enabled"]
}

test_fail_pending if {
	snap := locate.patch(variants.tgw_bgp, [{"op": "replace", "at": ["aws", "transit_gateways", "tgw-0a1b2c3d4e5f60789", "state"], "value": "pending"}])
	denies := check.deny with input as snap
	[d.evidence | some d in denies] == [{"transit_gateway_id": tgw, "state": "pending"}]
}

test_fail_tgw_not_collected if {
	snap := locate.patch(variants.tgw_bgp, [{"op": "replace", "path": "/aws/transit_gateways", "value": []}])
	denies := check.deny with input as snap
	[d.resource | some d in denies] == [tgw]
	some d in denies
	contains(d.message, "is not in the snapshot")
}

test_fail_intent_tgw_without_attachment if {
	snap := locate.patch(variants.tgw_static_iamra, [{"op": "replace", "path": "/aws/transit_gateway_attachments", "value": []}])
	denies := check.deny with input as snap
	[d.resource | some d in denies] == ["vpc-0518d3603257bf85d"]
}

test_not_applicable_vgw if {
	check.not_applicable == "the target gateway is a VGW, so the TGW checks do not apply" with input as fixture.compliant
}
