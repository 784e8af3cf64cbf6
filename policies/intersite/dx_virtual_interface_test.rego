package hybridcheck.intersite.dx_virtual_interface_test

import data.hybridcheck.intersite.dx_virtual_interface as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate
import data.hybridcheck.test.variants

patched(ops) := locate.patch(variants.direct_connect, ops)

test_pass_direct_connect if {
	count(check.deny) == 0 with input as variants.direct_connect
	check.checked == {"dxvif-fgcd5678"} with input as variants.direct_connect
}

test_pass_vif_on_vgw if {
	snap := patched([
		{"op": "remove", "at": ["aws", "direct_connect", "virtual_interfaces", "dxvif-fgcd5678", "direct_connect_gateway_id"]},
		{"op": "add", "at": ["aws", "direct_connect", "virtual_interfaces", "dxvif-fgcd5678", "virtual_gateway_id"], "value": "vgw-08b7d849217105d6f"},
	])
	count(check.deny) == 0 with input as snap
	check.checked == {"dxvif-fgcd5678"} with input as snap
}

test_fail_bgp_peer_down if {
	denies := check.deny with input as patched([{"op": "replace", "at": ["aws", "direct_connect", "virtual_interfaces", "dxvif-fgcd5678", "bgp_peers", "dxpeer-ipv4-2", "status"], "value": "down"}])
	[d.message | some d in denies] == ["Direct Connect virtual interface dxvif-fgcd5678 has BGP peer dxpeer-ipv4-2 (ASN 65000, ipv4) with status down; expected up"]
}

test_fail_vif_down if {
	denies := check.deny with input as patched([{"op": "replace", "at": ["aws", "direct_connect", "virtual_interfaces", "dxvif-fgcd5678", "state"], "value": "down"}])
	[d.evidence.state | some d in denies] == ["down"]
}

test_fail_no_peers if {
	denies := check.deny with input as patched([{"op": "replace", "at": ["aws", "direct_connect", "virtual_interfaces", "dxvif-fgcd5678", "bgp_peers"], "value": []}])
	[d.message | some d in denies] == ["Direct Connect virtual interface dxvif-fgcd5678 has no BGP peer; expected at least one peer with status up"]
}

test_fail_gateway_not_associated if {
	denies := check.deny with input as patched([{"op": "replace", "path": "/aws/direct_connect/gateway_associations", "value": []}])
	[d.resource | some d in denies] == ["vpc-0518d3603257bf85d"]
	[v.direct_connect_gateway_id | some d in denies; some v in d.evidence.virtual_interfaces] == ["dxgw-0a1b2c3d4e5f6a7b8"]
}

test_not_applicable_vpn if {
	check.not_applicable with input as fixture.compliant
}
