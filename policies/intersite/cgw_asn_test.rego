package hybridcheck.intersite.cgw_asn_test

import data.hybridcheck.intersite.cgw_asn as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate
import data.hybridcheck.test.variants

test_pass_compliant if {
	count(check.deny) == 0 with input as fixture.compliant
	check.checked == {"cgw-0b4ec7c65c5189d1e"} with input as fixture.compliant
}

test_fail_same_as_vgw if {
	snap := locate.patch(fixture.compliant, [{"op": "replace", "at": ["aws", "customer_gateways", "cgw-0b4ec7c65c5189d1e", "bgp_asn"], "value": 64512}])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["Customer gateway cgw-0b4ec7c65c5189d1e has BGP ASN 64512, the same as the Amazon-side ASN of vgw-08b7d849217105d6f; expected a different ASN"]
}

test_fail_same_as_tgw if {
	snap := locate.patch(variants.tgw_bgp, [{"op": "replace", "at": ["aws", "transit_gateways", "tgw-0a1b2c3d4e5f60789", "amazon_side_asn"], "value": 65000}])
	denies := check.deny with input as snap
	[d.evidence | some d in denies] == [{
		"customer_gateway_id": "cgw-0b4ec7c65c5189d1e",
		"bgp_asn": 65000,
		"gateway_id": "tgw-0a1b2c3d4e5f60789",
		"amazon_side_asn": 65000,
		"vpn_connection_id": "vpn-0c3568c2303ac18df",
	}]
}

test_not_applicable_direct_connect if {
	check.not_applicable with input as variants.direct_connect
}
