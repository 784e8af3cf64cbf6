package hybridcheck.onprem.firewall.openvpn_transport_test

import data.hybridcheck.onprem.firewall.openvpn_transport
import data.hybridcheck.test.device
import data.hybridcheck.test.locate

openvpn(patch) := locate.patch(device.compliant_with_device, array.concat([{"op": "add", "path": "/intent/software_vpn", "value": "openvpn"}], patch))

test_not_applicable_without_openvpn if {
	openvpn_transport.not_applicable == "the intent does not set software_vpn: openvpn, so the OpenVPN rules do not apply" with input as device.compliant_with_device
}

test_fail_no_1194_rule if {
	{d.resource | some d in openvpn_transport.deny} == {"edge-fw: udp/1194 3.225.148.144,52.44.108.101 -> 3.232.157.211"} with input as openvpn([])
}

test_pass_1194_rule if {
	rule := object.union(device.pass("wan", "udp", device.tunnels_net, device.ports(device.wan_self, 1194, 1194), "OpenVPN traffic"), {"index": 26})
	snap := openvpn([{"op": "add", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", "-"], "value": rule}])
	count(openvpn_transport.deny) == 0 with input as snap
	count(openvpn_transport.checked) == 2 with input as snap
}

test_not_applicable_without_device if {
	openvpn_transport.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}
