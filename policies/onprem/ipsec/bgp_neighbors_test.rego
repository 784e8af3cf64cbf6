package hybridcheck.onprem.ipsec.bgp_neighbors_test

import data.hybridcheck.onprem.ipsec.bgp_neighbors
import data.hybridcheck.test.device
import data.hybridcheck.test.locate

seed_bgp := {
	"enabled": true, "local_asn": 65000, "router_id": "10.200.0.1",
	"neighbors": [
		{"address": "169.254.10.1", "remote_asn": 64512, "enabled": true, "description": "AWS tunnel 1"},
		{"address": "169.254.11.1", "remote_asn": 64512, "enabled": true, "description": "AWS tunnel 2"},
	],
	"networks": ["10.200.0.0/16", "192.168.0.0/16"],
}

with_bgp(patch) := locate.patch(device.compliant_with_device, array.concat(
	[
		{"op": "replace", "path": "/intent/routing", "value": "bgp"},
		{"op": "replace", "at": ["aws", "vpn_connections", "vpn-0c3568c2303ac18df", "static_routes_only"], "value": false},
		{"op": "add", "at": ["devices", "edge-fw", "bgp"], "value": seed_bgp},
	],
	patch,
))

test_pass_bgp_per_tunnel if {
	count(bgp_neighbors.deny) == 0 with input as with_bgp([])
	bgp_neighbors.checked == {"edge-fw: tunnel 3.225.148.144", "edge-fw: tunnel 52.44.108.101"} with input as with_bgp([])
}

test_fail_missing_neighbor if {
	snap := with_bgp([{"op": "remove", "at": ["devices", "edge-fw", "bgp", "neighbors", "AWS tunnel 2"]}])
	some d in bgp_neighbors.deny with input as snap
	d.resource == "edge-fw: tunnel 3.225.148.144"
	d.evidence.problems == ["no neighbor at the tunnel's AWS inside address 169.254.11.1"]
	count(bgp_neighbors.deny) == 1 with input as snap
}

test_fail_wrong_asns if {
	snap := with_bgp([
		{"op": "replace", "at": ["devices", "edge-fw", "bgp", "neighbors", "AWS tunnel 1", "remote_asn"], "value": 7224},
		{"op": "replace", "at": ["devices", "edge-fw", "bgp", "local_asn"], "value": 65001},
	])
	some d in bgp_neighbors.deny with input as snap
	d.resource == "edge-fw: tunnel 52.44.108.101"
	d.evidence.problems == [
		"local ASN 65001 is not the customer gateway's 65000",
		"neighbor 169.254.10.1 has remote ASN 7224, AWS's side is 64512",
	]
}

test_fail_pod_cidr_not_advertised if {
	snap := with_bgp([{"op": "replace", "at": ["devices", "edge-fw", "bgp", "networks"], "value": ["10.200.0.0/16"]}])
	some d in bgp_neighbors.deny with input as snap
	d.evidence.problems == ["192.168.0.0/16 is not advertised"]
}

test_fail_no_bgp if {
	snap := with_bgp([{"op": "remove", "at": ["devices", "edge-fw", "bgp"]}])
	count(bgp_neighbors.deny) == 2 with input as snap
}

test_not_applicable_static if {
	bgp_neighbors.not_applicable == "routing is \"static\", not bgp" with input as device.compliant_with_device
}

test_not_applicable_without_device if {
	bgp_neighbors.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}
