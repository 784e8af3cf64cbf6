package hybridcheck.onprem.routing.vpc_routes_test

import data.hybridcheck.onprem.routing.vpc_routes
import data.hybridcheck.test.device

test_pass_seed_phase2 if {
	count(vpc_routes.deny) == 0 with input as device.compliant_with_device
	some c in vpc_routes.checked with input as device.compliant_with_device
	c.resource == "edge-fw: 10.100.0.0/16"
}

no_phase2 := [{"op": "replace", "path": "/devices/0/ipsec/phase2", "value": []}]

test_fail_no_phase2 if {
	some d in vpc_routes.deny with input as json.patch(device.compliant_with_device, no_phase2)
	d.resource == "edge-fw: 10.100.0.0/16"
}

test_fail_phase1_disabled if {
	snap := json.patch(device.compliant_with_device, [
		{"op": "replace", "path": "/devices/0/ipsec/phase1/0/disabled", "value": true},
		{"op": "replace", "path": "/devices/0/ipsec/phase1/1/disabled", "value": true},
	])
	count(vpc_routes.deny) == 1 with input as snap
}

test_fail_remote_network_too_small if {
	snap := json.patch(device.compliant_with_device, [{"op": "replace", "path": "/devices/0/ipsec/phase2", "value": [object.union(device.seed_pfsense.ipsec.phase2[0], {"remote_networks": ["10.100.0.0/24"]})]}])
	count(vpc_routes.deny) == 1 with input as snap
}

vti := {"name": "ipsec1", "device": "ipsec1", "enabled": true, "role": "vti", "addresses": ["169.254.10.2/30"], "networks": ["169.254.10.0/30"]}

test_pass_vti_route if {
	route := {"destination": "10.100.0.0/16", "gateway": "AWS_VTI1", "interface": "ipsec1", "disabled": false}
	snap := json.patch(device.compliant_with_device, array.concat(no_phase2, [
		{"op": "add", "path": "/devices/0/interfaces/-", "value": vti},
		{"op": "add", "path": "/devices/0/static_routes/-", "value": route},
	]))
	count(vpc_routes.deny) == 0 with input as snap
}

test_fail_route_to_wan if {
	route := {"destination": "10.100.0.0/16", "gateway": "WAN_GW", "disabled": false}
	snap := json.patch(device.compliant_with_device, array.concat(no_phase2, [{"op": "add", "path": "/devices/0/static_routes/-", "value": route}]))
	count(vpc_routes.deny) == 1 with input as snap
}

test_pass_bgp_with_aws if {
	bgp := {"enabled": true, "local_asn": 65000, "neighbors": [{"address": "169.254.10.1", "remote_asn": 64512, "enabled": true}], "networks": []}
	snap := json.patch(device.compliant_with_device, array.concat(no_phase2, [{"op": "add", "path": "/devices/0/bgp", "value": bgp}]))
	count(vpc_routes.deny) == 0 with input as snap
}

test_not_applicable_without_device if {
	vpc_routes.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}
