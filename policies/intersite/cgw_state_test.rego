package hybridcheck.intersite.cgw_state_test

import data.hybridcheck.intersite.cgw_state as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate
import data.hybridcheck.test.variants

patched(ops) := locate.patch(fixture.compliant, ops)

cgw := "cgw-0b4ec7c65c5189d1e"

test_pass_compliant if {
	count(check.deny) == 0 with input as fixture.compliant
	check.checked == {cgw} with input as fixture.compliant
}

test_pass_tgw_bgp if {
	count(check.deny) == 0 with input as variants.tgw_bgp
	check.checked == {"cgw-0b4ec7c65c5189d1e"} with input as variants.tgw_bgp
}

test_fail_pending if {
	denies := check.deny with input as patched([{"op": "replace", "at": ["aws", "customer_gateways", "cgw-0b4ec7c65c5189d1e", "state"], "value": "pending"}])
	[d.message | some d in denies] == ["Customer gateway cgw-0b4ec7c65c5189d1e is in state pending; expected available"]
}

test_fail_wrong_type if {
	denies := check.deny with input as patched([{"op": "replace", "at": ["aws", "customer_gateways", "cgw-0b4ec7c65c5189d1e", "type"], "value": "ipsec.2"}])
	[d.evidence.type | some d in denies] == ["ipsec.2"]
}

test_fail_not_collected if {
	denies := check.deny with input as patched([{"op": "replace", "path": "/aws/customer_gateways", "value": []}])
	[d.message | some d in denies] == ["Customer gateway cgw-0b4ec7c65c5189d1e, used by VPN connection(s) vpn-0c3568c2303ac18df, is not in the snapshot; expected it to be collected and available"]
}

test_not_applicable_direct_connect if {
	check.not_applicable == "connectivity is direct-connect, so the Site-to-Site VPN checks do not apply" with input as variants.direct_connect
}

test_not_applicable_without_connection if {
	snap := patched([{"op": "replace", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "state"], "value": "deleted"}])
	check.not_applicable == "no VPN connection terminates on the cluster VPC's VGW or TGW, so this check cannot run; see HN-VPN-01" with input as snap
}
