package hybridcheck.onprem.ipsec.phase2_selectors_test

import data.hybridcheck.onprem.ipsec.phase2_selectors
import data.hybridcheck.test.device
import data.hybridcheck.test.locate

test_pass_seed_phase2 if {
	count(phase2_selectors.deny) == 0 with input as device.compliant_with_device
	phase2_selectors.checked == {"edge-fw: phase 1 1 (52.44.108.101)", "edge-fw: phase 1 2 (3.225.148.144)"} with input as device.compliant_with_device
}

# The seeded defect: the second tunnel's phase 2 for the pod CIDR is missing.
test_fail_phase2_missing_pod_cidr if {
	snap := locate.patch(device.compliant_with_device, [{"op": "remove", "at": ["devices", "edge-fw", "ipsec", "phase2", "p2-3"]}])
	some d in phase2_selectors.deny with input as snap
	d.resource == "edge-fw: phase 1 2 (3.225.148.144)"
	d.evidence.missing == ["192.168.0.0/16 <-> 10.100.0.0/16"]
	count(phase2_selectors.deny) == 1 with input as snap
}

test_fail_phase2_disabled if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "ipsec", "phase2", "p2-0", "disabled"], "value": true}])
	some d in phase2_selectors.deny with input as snap
	d.evidence.missing == ["10.200.0.0/16 <-> 10.100.0.0/16"]
}

test_pass_split_per_node_subnet if {
	split := [
		object.union(locate.element(device.seed_pfsense, ["ipsec", "phase2", "p2-0"]), {"local_networks": ["10.200.0.0/24"]}),
		object.union(locate.element(device.seed_pfsense, ["ipsec", "phase2", "p2-0"]), {"local_networks": ["10.200.1.0/24"]}),
		locate.element(device.seed_pfsense, ["ipsec", "phase2", "p2-1"]),
		object.union(locate.element(device.seed_pfsense, ["ipsec", "phase2", "p2-2"]), {"local_networks": ["10.200.0.0/24", "10.200.1.0/24"]}),
		locate.element(device.seed_pfsense, ["ipsec", "phase2", "p2-3"]),
	]
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "ipsec", "phase2"], "value": split}])
	count(phase2_selectors.deny) == 0 with input as snap
	phase2_selectors.checked == {"edge-fw: phase 1 1 (52.44.108.101)", "edge-fw: phase 1 2 (3.225.148.144)"} with input as snap
	count(phase2_selectors.unknown) == 0 with input as snap
}

test_fail_split_misses_a_node_subnet if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "ipsec", "phase2", "p2-0", "local_networks"], "value": ["10.200.0.0/24"]}])
	count(phase2_selectors.deny) == 1 with input as snap
}

test_fail_remote_not_vpc if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "ipsec", "phase2", "p2-1", "remote_networks"], "value": ["10.101.0.0/16"]}])
	count(phase2_selectors.deny) == 1 with input as snap
}

vti_phase2(phase1_id) := {"phase1_id": phase1_id, "disabled": false, "mode": "vti", "local_networks": [], "remote_networks": [], "local_address": "169.254.10.2/30", "remote_address": "169.254.10.1", "protocol": "esp", "proposals": [], "pfs_group": 14, "lifetime_seconds": 3600}

test_fail_vti_without_route if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "ipsec", "phase2"], "value": [vti_phase2("1"), vti_phase2("2")]}])
	count(phase2_selectors.deny) == 2 with input as snap
}

test_pass_vti_with_route if {
	vti := {"name": "ipsec1", "device": "ipsec1", "enabled": true, "role": "vti", "addresses": ["169.254.10.2/30"], "networks": ["169.254.10.0/30"]}
	route := {"destination": "10.100.0.0/16", "interface": "ipsec1", "disabled": false}
	snap := locate.patch(device.compliant_with_device, [
		{"op": "replace", "at": ["devices", "edge-fw", "ipsec", "phase2"], "value": [vti_phase2("1"), vti_phase2("2")]},
		{"op": "add", "at": ["devices", "edge-fw", "interfaces", "-"], "value": vti},
		{"op": "add", "at": ["devices", "edge-fw", "static_routes", "-"], "value": route},
	])
	count(phase2_selectors.deny) == 0 with input as snap
	phase2_selectors.checked == {"edge-fw: phase 1 1 (52.44.108.101)", "edge-fw: phase 1 2 (3.225.148.144)"} with input as snap
	count(phase2_selectors.unknown) == 0 with input as snap
}

test_not_applicable_without_device if {
	phase2_selectors.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}

# A BGP neighbour that is not an AWS tunnel inside address (an ISP peer) teaches the device
# nothing about the VPC: the route-based tunnels still lack their routes.
test_fail_vti_with_isp_bgp_peer_only if {
	isp := {"enabled": true, "local_asn": 65000, "neighbors": [{"address": "3.232.157.1", "remote_asn": 7018, "enabled": true}], "networks": []}
	snap := locate.patch(device.compliant_with_device, [
		{"op": "replace", "at": ["devices", "edge-fw", "ipsec", "phase2"], "value": [vti_phase2("1"), vti_phase2("2")]},
		{"op": "add", "at": ["devices", "edge-fw", "bgp"], "value": isp},
	])
	some d in phase2_selectors.deny with input as snap
	d.message == "lacks route to 10.100.0.0/16 through the VTI"
}

# The route-based VPN with BGP to a TGW: both tunnels learn the VPC from AWS.
test_pass_vti_bgp_variant if {
	snap := data.hybridcheck.test.variants.tgw_vti_bgp
	count(phase2_selectors.deny) == 0 with input as snap
	count(phase2_selectors.unknown) == 0 with input as snap
	phase2_selectors.checked == {
		"eks-hybrid-remote-gateway-1: phase 1 1 (52.44.108.101)",
		"eks-hybrid-remote-gateway-1: phase 1 2 (3.225.148.144)",
	} with input as snap
}
