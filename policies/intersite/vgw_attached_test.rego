package hybridcheck.intersite.vgw_attached_test

import data.hybridcheck.intersite.vgw_attached as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate
import data.hybridcheck.test.variants

patched(ops) := locate.patch(fixture.compliant, ops)

test_pass_compliant if {
	count(check.deny) == 0 with input as fixture.compliant
	check.checked == {"vgw-08b7d849217105d6f"} with input as fixture.compliant
	not check.not_applicable with input as fixture.compliant
}

test_pass_direct_connect_on_vgw if {
	count(check.deny) == 0 with input as variants.direct_connect
	check.checked == {"vgw-08b7d849217105d6f"} with input as variants.direct_connect
}

test_fail_detached if {
	snap := patched([{"op": "replace", "at": ["aws", "vpn_gateways", "vgw-08b7d849217105d6f", "vpc_attachments", "vpc-0518d3603257bf85d", "state"], "value": "detached"}])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["VGW vgw-08b7d849217105d6f's attachment to VPC vpc-0518d3603257bf85d is detached; expected attached"]
}

test_fail_not_available if {
	snap := patched([{"op": "replace", "at": ["aws", "vpn_gateways", "vgw-08b7d849217105d6f", "state"], "value": "deleting"}])
	denies := check.deny with input as snap
	[d.resource | some d in denies] == ["vgw-08b7d849217105d6f"]
	some d in denies
	d.evidence.state == "deleting"
}

test_fail_no_vgw_with_intent if {
	snap := patched([
		{"op": "replace", "path": "/aws/vpn_gateways", "value": []},
		{"op": "add", "path": "/intent/target_gateway", "value": "vgw"},
	])
	denies := check.deny with input as snap
	[d.resource | some d in denies] == ["vpc-0518d3603257bf85d"]
	check.checked == {"vpc-0518d3603257bf85d"} with input as snap
}

test_not_applicable_tgw if {
	check.not_applicable == "the target gateway is a TGW, so the VGW checks do not apply" with input as variants.tgw_bgp
}

test_not_applicable_without_cluster_vpc if {
	snap := locate.patch(fixture.compliant, [
		{"op": "remove", "path": "/aws/eks_cluster"},
		{"op": "remove", "path": "/intent/vpc_id"},
	])
	startswith(check.not_applicable, "no cluster VPC is named") with input as snap
}
