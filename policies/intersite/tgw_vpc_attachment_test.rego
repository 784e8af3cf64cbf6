package hybridcheck.intersite.tgw_vpc_attachment_test

import data.hybridcheck.intersite.tgw_vpc_attachment as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate
import data.hybridcheck.test.variants

attachment := "tgw-attach-0vpc0000000000001"

test_pass_tgw_bgp if {
	count(check.deny) == 0 with input as variants.tgw_bgp
	check.checked == {attachment} with input as variants.tgw_bgp
}

test_fail_dns_support_disabled if {
	snap := locate.patch(variants.tgw_bgp, [{"op": "replace", "at": ["aws", "transit_gateway_attachments", "tgw-attach-0vpc0000000000001", "dns_support"], "value": false}])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["TGW VPC attachment tgw-attach-0vpc0000000000001 of VPC vpc-0518d3603257bf85d has DNS support disabled; expected enabled"]
}

test_fail_dns_support_not_collected if {
	snap := locate.patch(variants.tgw_bgp, [{"op": "replace", "at": ["aws", "transit_gateway_attachments", "tgw-attach-0vpc0000000000001", "dns_support"], "value": null}])
	denies := check.deny with input as snap
	some d in denies
	contains(d.message, "has DNS support not collected")
}

test_fail_pending_acceptance if {
	snap := locate.patch(variants.tgw_bgp, [{"op": "replace", "at": ["aws", "transit_gateway_attachments", "tgw-attach-0vpc0000000000001", "state"], "value": "pendingAcceptance"}])
	denies := check.deny with input as snap
	[d.evidence.state | some d in denies] == ["pendingAcceptance"]
}

test_fail_no_attachment if {
	snap := locate.patch(variants.tgw_static_iamra, [{"op": "remove", "at": ["aws", "transit_gateway_attachments", "tgw-attach-0vpc0000000000001"]}])
	denies := check.deny with input as snap
	[d.resource | some d in denies] == ["vpc-0518d3603257bf85d"]
	[d.evidence.transit_gateway_attachments | some d in denies] == [[{"id": "tgw-attach-0vpn0000000000001", "resource_type": "vpn", "resource_id": "vpn-0c3568c2303ac18df"}]]
}

test_not_applicable_vgw if {
	check.not_applicable with input as fixture.compliant
}
