package hybridcheck.onprem.ipsec.phase1_per_tunnel_test

import data.hybridcheck.onprem.ipsec.phase1_per_tunnel
import data.hybridcheck.test.device
import data.hybridcheck.test.locate

test_pass_seed_two_tunnels if {
	count(phase1_per_tunnel.deny) == 0 with input as device.compliant_with_device
	{c.resource | some c in phase1_per_tunnel.checked} == {"edge-fw: 3.225.148.144", "edge-fw: 52.44.108.101"} with input as device.compliant_with_device
}

test_fail_second_tunnel_disabled if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "ipsec", "phase1", "2", "disabled"], "value": true}])
	{d.resource | some d in phase1_per_tunnel.deny} == {"edge-fw: 3.225.148.144"} with input as snap
}

test_fail_wrong_remote_gateway if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "ipsec", "phase1", "1", "remote_gateway"], "value": "52.44.108.102"}])
	{d.resource | some d in phase1_per_tunnel.deny} == {"edge-fw: 52.44.108.101"} with input as snap
}

test_not_applicable_without_device if {
	phase1_per_tunnel.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}

test_not_applicable_direct_connect if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "path": "/intent/connectivity", "value": "direct-connect"}])
	phase1_per_tunnel.not_applicable == "connectivity is \"direct-connect\", not an IPsec VPN" with input as snap
}

test_not_applicable_openvpn if {
	snap := locate.patch(device.compliant_with_device, [
		{"op": "replace", "path": "/intent/connectivity", "value": "software-vpn"},
		{"op": "add", "path": "/intent/software_vpn", "value": "openvpn"},
	])
	phase1_per_tunnel.not_applicable with input as snap
}

test_fail_software_vpn_ipsec_applies if {
	snap := locate.patch(device.compliant_with_device, [
		{"op": "replace", "path": "/intent/connectivity", "value": "software-vpn"},
		{"op": "add", "path": "/intent/software_vpn", "value": "ipsec"},
		{"op": "replace", "at": ["devices", "edge-fw", "ipsec", "phase1"], "value": []},
	])
	not phase1_per_tunnel.not_applicable with input as snap
	count(phase1_per_tunnel.deny) == 2 with input as snap
}
