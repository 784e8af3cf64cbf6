package hybridcheck.onprem.firewall.ipsec_transport_test

import data.hybridcheck.onprem.firewall.ipsec_transport
import data.hybridcheck.test.device
import data.hybridcheck.test.locate

test_pass_seed_transport if {
	count(ipsec_transport.deny) == 0 with input as device.compliant_with_device
	count(ipsec_transport.checked) == 6 with input as device.compliant_with_device
}

# The seeded defect: no UDP 4500 rule.
test_fail_udp_4500_missing if {
	snap := locate.patch(device.compliant_with_device, [{"op": "remove", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", "NAT-Traversal (NAT-T) for IPsec VPN"]}])
	some d in ipsec_transport.deny with input as snap
	d.resource == "edge-fw: udp/4500 3.225.148.144,52.44.108.101 -> 3.232.157.211"
	some b in d.evidence.blocked
	b.by["default"] == "block"
	count(ipsec_transport.deny) == 1 with input as snap
}

test_fail_no_wan_address if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "wan_addresses"], "value": []}])
	{d.resource | some d in ipsec_transport.deny} == {"edge-fw"} with input as snap
}

test_not_applicable_direct_connect if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "path": "/intent/connectivity", "value": "direct-connect"}])
	ipsec_transport.not_applicable == "connectivity is \"direct-connect\", not site-to-site-vpn" with input as snap
}

test_not_applicable_without_device if {
	ipsec_transport.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}
