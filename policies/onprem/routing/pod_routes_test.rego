package hybridcheck.onprem.routing.pod_routes_test

import data.hybridcheck.onprem.routing.pod_routes
import data.hybridcheck.test.device
import data.hybridcheck.test.locate

test_pass_seed_static_route if {
	count(pod_routes.deny) == 0 with input as device.compliant_with_device
	pod_routes.checked == {{"resource": "edge-fw: 192.168.0.0/16", "message": "routed by static route(s) 192.168.0.0/16"}} with input as device.compliant_with_device
}

test_fail_route_removed if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "static_routes"], "value": []}])
	some d in pod_routes.deny with input as snap
	d.resource == "edge-fw: 192.168.0.0/16"
}

test_fail_route_disabled if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "static_routes", "Hybrid pod CIDR via a node", "disabled"], "value": true}])
	count(pod_routes.deny) == 1 with input as snap
}

test_pass_per_node_routes if {
	per_node := [object.union(locate.element(device.seed_pfsense, ["static_routes", "Hybrid pod CIDR via a node"]), {"destination": "192.168.1.0/24"})]
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "static_routes"], "value": per_node}])
	count(pod_routes.deny) == 0 with input as snap
	pod_routes.checked == {{"resource": "edge-fw: 192.168.0.0/16", "message": "routed by static route(s) 192.168.1.0/24"}} with input as snap
}

test_pass_bgp_with_nodes if {
	bgp := {"enabled": true, "local_asn": 65000, "neighbors": [{"address": "10.200.0.10", "remote_asn": 65010, "enabled": true}], "networks": []}
	snap := locate.patch(device.compliant_with_device, [
		{"op": "replace", "at": ["devices", "edge-fw", "static_routes"], "value": []},
		{"op": "add", "at": ["devices", "edge-fw", "bgp"], "value": bgp},
	])
	count(pod_routes.deny) == 0 with input as snap
	pod_routes.checked == {{"resource": "edge-fw: 192.168.0.0/16", "message": "routed by BGP from node(s) 10.200.0.10"}} with input as snap
}

test_fail_bgp_only_with_aws if {
	bgp := {"enabled": true, "local_asn": 65000, "neighbors": [{"address": "169.254.10.1", "remote_asn": 64512, "enabled": true}], "networks": []}
	snap := locate.patch(device.compliant_with_device, [
		{"op": "replace", "at": ["devices", "edge-fw", "static_routes"], "value": []},
		{"op": "add", "at": ["devices", "edge-fw", "bgp"], "value": bgp},
	])
	count(pod_routes.deny) == 1 with input as snap
}

test_not_applicable_without_device if {
	pod_routes.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}

# The internet default route is not a pod route, nor a route out of the WAN gateway.
test_fail_default_route_is_not_a_pod_route if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "static_routes"], "value": [{"destination": "0.0.0.0/0", "gateway": "WAN_GW", "disabled": false}]}])
	some d in pod_routes.deny with input as snap
	d.resource == "edge-fw: 192.168.0.0/16"
	count(pod_routes.checked) == 0 with input as snap
}

test_fail_wan_gateway_route_is_not_a_pod_route if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "static_routes"], "value": [{"destination": "192.168.0.0/16", "gateway": "WAN_GW", "disabled": false}]}])
	some d in pod_routes.deny with input as snap
	d.resource == "edge-fw: 192.168.0.0/16"
}

vti := {"name": "opt3", "description": "VTI to AWS", "device": "ipsec1", "enabled": true, "role": "vti", "addresses": ["169.254.10.2/30"], "networks": ["169.254.10.0/30"]}

# A pod route into the VPN tunnel sends pod traffic back to AWS, not to a node: the device's
# routing table places it on a VPN interface, not an inside one.
test_fail_pod_route_into_the_tunnel if {
	snap := locate.patch(device.compliant_with_device, [
		{"op": "add", "at": ["devices", "edge-fw", "interfaces", "-"], "value": vti},
		{"op": "replace", "at": ["devices", "edge-fw", "static_routes"], "value": [{"destination": "192.168.0.0/16", "interface": "opt3", "disabled": false}]},
	])
	some d in pod_routes.deny with input as snap
	d.resource == "edge-fw: 192.168.0.0/16"
	some part in d.evidence.routing
	part.role == "vpn"
	part.interface == "opt3"
}

# A route through a gateway address on the WAN network goes to the internet.
test_fail_route_to_a_wan_address if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "static_routes"], "value": [{"destination": "192.168.0.0/16", "gateway_address": "3.232.157.1", "disabled": false}]}])
	some d in pod_routes.deny with input as snap
	some part in d.evidence.routing
	part.role == "wan"
}

# A static route through a gateway the export does not show: where it leads is unknown.
test_unknown_route_through_an_unknown_gateway if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "static_routes"], "value": [{"destination": "192.168.0.0/16", "gateway": "NOWHERE_GW", "disabled": false}]}])
	count(pod_routes.deny) == 0 with input as snap
	some u in pod_routes.unknown with input as snap
	u.resource == "edge-fw: 192.168.0.0/16"
	contains(u.message, "NOWHERE_GW")
}

# A more specific route out of the WAN takes part of the pod CIDR; the rest still reaches the
# node, which is what the check asks.
test_pass_more_specific_wan_route_beside_the_pod_route if {
	snap := locate.patch(device.compliant_with_device, [{"op": "add", "at": ["devices", "edge-fw", "static_routes", "-"], "value": {"destination": "192.168.128.0/17", "gateway": "WAN_GW", "disabled": false}}])
	count(pod_routes.deny) == 0 with input as snap
	pod_routes.checked == {{"resource": "edge-fw: 192.168.0.0/16", "message": "routed by static route(s) 192.168.0.0/16"}} with input as snap
}
