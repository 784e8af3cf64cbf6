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

# An attachment whose associated route table was not collected gets one finding naming both;
# one with a collected table, or with no association, gets none.
test_fail_uncollected_tgw_route_table if {
	attachments := [
		{"id": "tgw-attach-missing", "associated_route_table_id": "tgw-rtb-gone"},
		{"id": "tgw-attach-collected", "associated_route_table_id": "tgw-rtb-0a1b2c3d4e5f60789"},
		{"id": "tgw-attach-unassociated"},
	]
	findings := lib.uncollected_tgw_route_tables(attachments) with input as variants.tgw_bgp
	findings == {{
		"resource": "tgw-attach-missing",
		"message": "TGW route table tgw-rtb-gone, associated with attachment tgw-attach-missing, is not in the snapshot; expected it to be collected (see HN-SNAP-01)",
		"evidence": {"attachment_id": "tgw-attach-missing", "associated_route_table_id": "tgw-rtb-gone"},
	}}
}

test_pass_collected_tgw_route_tables_give_no_finding if {
	count(lib.cluster_tgw_vpc_attachments) > 0 with input as variants.tgw_bgp
	count(lib.uncollected_tgw_route_tables(lib.cluster_tgw_vpc_attachments)) == 0 with input as variants.tgw_bgp
}
