package hybridcheck.intersite.dx_prefixes_test

import data.hybridcheck.intersite.dx_prefixes as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate
import data.hybridcheck.test.variants

patched(ops) := locate.patch(variants.direct_connect, ops)

test_pass_vpc_cidr_allowed if {
	count(check.deny) == 0 with input as variants.direct_connect
	check.checked == {"dxgw-assoc-0a1b2c3d"} with input as variants.direct_connect
}

test_pass_private_subnet_allowed if {
	snap := patched([{"op": "replace", "at": ["aws", "direct_connect", "gateway_associations", "dxgw-assoc-0a1b2c3d", "allowed_prefixes"], "value": ["10.100.1.0/24"]}])
	count(check.deny) == 0 with input as snap
	check.checked == {"dxgw-assoc-0a1b2c3d"} with input as snap
}

test_fail_private_subnet_not_allowed if {
	snap := patched([{"op": "replace", "at": ["aws", "direct_connect", "gateway_associations", "dxgw-assoc-0a1b2c3d", "allowed_prefixes"], "value": ["10.100.0.0/24"]}])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["Direct Connect gateway association dxgw-assoc-0a1b2c3d (dxgw-0a1b2c3d4e5f6a7b8 with vgw-08b7d849217105d6f) allows 10.100.0.0/24, which does not cover subnet(s) subnet-01fb42f5764dcf18e 10.100.1.0/24; expected the allowed prefixes to cover the private subnets so the node and pod CIDRs (10.200.0.0/16, 192.168.0.0/16) reach them"]
}

test_fail_association_pending if {
	denies := check.deny with input as patched([{"op": "replace", "at": ["aws", "direct_connect", "gateway_associations", "dxgw-assoc-0a1b2c3d", "state"], "value": "associating"}])
	[d.evidence.state | some d in denies] == ["associating"]
}

test_not_applicable_vpn if {
	check.not_applicable with input as fixture.compliant
}

test_not_applicable_without_vif if {
	snap := patched([{"op": "replace", "path": "/aws/direct_connect/virtual_interfaces", "value": []}])
	check.not_applicable == "no Direct Connect virtual interface reaches the cluster VPC's gateway, so this check cannot run; see HN-DX-02" with input as snap
}
