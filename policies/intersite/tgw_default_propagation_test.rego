package hybridcheck.intersite.tgw_default_propagation_test

import data.hybridcheck.intersite.tgw_default_propagation as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate
import data.hybridcheck.test.variants

test_pass_tgw_bgp if {
	count(check.deny) == 0 with input as variants.tgw_bgp
	check.checked == {"tgw-0a1b2c3d4e5f60789"} with input as variants.tgw_bgp
}

test_pass_tgw_static_iamra if {
	count(check.deny) == 0 with input as variants.tgw_static_iamra
	check.checked == {"tgw-0a1b2c3d4e5f60789"} with input as variants.tgw_static_iamra
}

test_fail_default_route_table_propagation if {
	snap := locate.patch(variants.tgw_bgp, [{"op": "replace", "at": ["aws", "transit_gateways", "tgw-0a1b2c3d4e5f60789", "default_route_table_propagation"], "value": false}])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["TGW tgw-0a1b2c3d4e5f60789 has default route table propagation disabled; expected enabled"]
	[d.evidence.default_route_table_propagation | some d in denies] == [false]
}

test_not_applicable_vgw if {
	check.not_applicable == "the target gateway is a VGW, so the TGW checks do not apply" with input as fixture.compliant
}

test_not_applicable_tgw_missing if {
	snap := locate.patch(variants.tgw_bgp, [{"op": "replace", "path": "/aws/transit_gateways", "value": []}])
	check.not_applicable == "no TGW of the cluster VPC is in the snapshot, so this check cannot run; see HN-TGW-01" with input as snap
}
