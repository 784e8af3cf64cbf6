package hybridcheck.lib.hybrid_test

import data.hybridcheck.lib
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate
import data.hybridcheck.test.variants

# The TGW checks' reasons nest: the estate's own (no cluster VPC, a VGW) come first, then the
# missing TGW or attachment that HN-TGW-01 and HN-TGW-05 report.
test_pass_tgw_reasons_undefined_on_a_tgw_estate if {
	not lib.cluster_tgw_not_applicable with input as variants.tgw_bgp
	not lib.tgw_attachment_not_applicable with input as variants.tgw_bgp
}

test_not_applicable_vgw_estate_gives_the_tgw_reason if {
	lib.cluster_tgw_not_applicable == lib.tgw_not_applicable with input as fixture.compliant
	lib.tgw_attachment_not_applicable == "the target gateway is a VGW, so the TGW checks do not apply" with input as fixture.compliant
}

test_not_applicable_tgw_missing if {
	snap := locate.patch(variants.tgw_bgp, [{"op": "replace", "path": "/aws/transit_gateways", "value": []}])
	lib.cluster_tgw_not_applicable == "no TGW of the cluster VPC is in the snapshot, so this check cannot run; see HN-TGW-01" with input as snap
}

test_not_applicable_attachment_missing if {
	snap := locate.patch(variants.tgw_static_iamra, [{"op": "remove", "at": ["aws", "transit_gateway_attachments", "tgw-attach-0vpc0000000000001"]}])
	lib.tgw_attachment_not_applicable == "the cluster VPC has no TGW VPC attachment, so this check cannot run; see HN-TGW-05" with input as snap
}
