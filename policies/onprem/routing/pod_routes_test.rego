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
