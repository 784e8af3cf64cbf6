package hybridcheck.onprem.routing.vpc_routes_test

import data.hybridcheck.onprem.routing.vpc_routes
import data.hybridcheck.test.device
import data.hybridcheck.test.locate

test_pass_seed_phase2 if {
	count(vpc_routes.deny) == 0 with input as device.compliant_with_device
	some c in vpc_routes.checked with input as device.compliant_with_device
	c.resource == "edge-fw: 10.100.0.0/16"
	startswith(c.message, "routed into the VPN: 10.100.0.0/16 via ipsec (a remote network of IPsec phase 2")
}

no_phase2 := [{"op": "replace", "at": ["devices", "edge-fw", "ipsec", "phase2"], "value": []}]

test_fail_no_phase2 if {
	some d in vpc_routes.deny with input as locate.patch(device.compliant_with_device, no_phase2)
	d.resource == "edge-fw: 10.100.0.0/16"
}

test_fail_phase1_disabled if {
	snap := locate.patch(device.compliant_with_device, [
		{"op": "replace", "at": ["devices", "edge-fw", "ipsec", "phase1", "1", "disabled"], "value": true},
		{"op": "replace", "at": ["devices", "edge-fw", "ipsec", "phase1", "2", "disabled"], "value": true},
	])
	count(vpc_routes.deny) == 1 with input as snap
}

test_fail_remote_network_too_small if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "ipsec", "phase2"], "value": [object.union(locate.element(device.seed_pfsense, ["ipsec", "phase2", "p2-0"]), {"remote_networks": ["10.100.0.0/24"]})]}])
	count(vpc_routes.deny) == 1 with input as snap
}

vti := {"name": "ipsec1", "device": "ipsec1", "enabled": true, "role": "vti", "addresses": ["169.254.10.2/30"], "networks": ["169.254.10.0/30"]}

test_pass_vti_route if {
	route := {"destination": "10.100.0.0/16", "gateway": "AWS_VTI1", "interface": "ipsec1", "disabled": false}
	snap := locate.patch(device.compliant_with_device, array.concat(no_phase2, [
		{"op": "add", "at": ["devices", "edge-fw", "interfaces", "-"], "value": vti},
		{"op": "add", "at": ["devices", "edge-fw", "static_routes", "-"], "value": route},
	]))
	count(vpc_routes.deny) == 0 with input as snap
	some c in vpc_routes.checked with input as snap
	c.message == "routed into the VPN: 10.100.0.0/16 via ipsec1 (behind a static route via ipsec1)"
}

test_fail_route_to_wan if {
	route := {"destination": "10.100.0.0/16", "gateway": "WAN_GW", "disabled": false}
	snap := locate.patch(device.compliant_with_device, array.concat(no_phase2, [{"op": "add", "at": ["devices", "edge-fw", "static_routes", "-"], "value": route}]))
	count(vpc_routes.deny) == 1 with input as snap
}

aws_bgp := {"enabled": true, "local_asn": 65000, "neighbors": [{"address": "169.254.10.1", "remote_asn": 64512, "enabled": true}], "networks": []}

test_pass_bgp_with_aws if {
	snap := locate.patch(device.compliant_with_device, array.concat(no_phase2, [
		{"op": "add", "at": ["devices", "edge-fw", "interfaces", "-"], "value": vti},
		{"op": "add", "at": ["devices", "edge-fw", "bgp"], "value": aws_bgp},
	]))
	count(vpc_routes.deny) == 0 with input as snap
	some c in vpc_routes.checked with input as snap
	c.resource == "edge-fw: 10.100.0.0/16"
	contains(c.message, "10.100.0.0/16 via ipsec1 (learned over BGP from AWS tunnel inside address 169.254.10.1 (AS 64512, local AS 65000) on ipsec1)")
}

# An ISP peer is not the AWS tunnel: with every phase 1 disabled and no route, the VPC follows
# the default route to the WAN however many BGP neighbours are enabled.
test_fail_bgp_isp_peer_only if {
	isp := {"enabled": true, "local_asn": 65000, "neighbors": [{"address": "3.232.157.1", "remote_asn": 7018, "enabled": true}], "networks": []}
	snap := locate.patch(device.compliant_with_device, [
		{"op": "replace", "at": ["devices", "edge-fw", "ipsec", "phase1", "1", "disabled"], "value": true},
		{"op": "replace", "at": ["devices", "edge-fw", "ipsec", "phase1", "2", "disabled"], "value": true},
		{"op": "add", "at": ["devices", "edge-fw", "bgp"], "value": isp},
	])
	some d in vpc_routes.deny with input as snap
	d.resource == "edge-fw: 10.100.0.0/16"
	contains(d.message, "10.100.0.0/16 via wan (the default route")
}

# The AWS neighbour on no interface of the device: where its routes lead is not known.
test_unknown_bgp_neighbour_on_no_interface if {
	snap := locate.patch(device.compliant_with_device, array.concat(no_phase2, [{"op": "add", "at": ["devices", "edge-fw", "bgp"], "value": aws_bgp}]))
	count(vpc_routes.deny) == 0 with input as snap
	some u in vpc_routes.unknown with input as snap
	u.resource == "edge-fw: 10.100.0.0/16"
	contains(u.message, "lies on none of the device's interfaces")
}

# A generic-format phase 2 may have no description; its remote network still routes the VPC.
test_pass_phase2_without_description if {
	snap := locate.patch(device.compliant_with_device, [
		{"op": "remove", "at": ["devices", "edge-fw", "ipsec", "phase2", "p2-0", "description"]},
		{"op": "remove", "at": ["devices", "edge-fw", "ipsec", "phase2", "p2-1", "description"]},
		{"op": "remove", "at": ["devices", "edge-fw", "ipsec", "phase2", "p2-2", "description"]},
		{"op": "remove", "at": ["devices", "edge-fw", "ipsec", "phase2", "p2-3", "description"]},
	])
	count(vpc_routes.deny) == 0 with input as snap
	some c in vpc_routes.checked with input as snap
	c.resource == "edge-fw: 10.100.0.0/16"
	contains(c.message, "via ipsec")
}

test_not_applicable_without_device if {
	vpc_routes.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}
