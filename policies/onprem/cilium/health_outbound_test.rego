package hybridcheck.onprem.cilium.health_outbound_test

import data.hybridcheck.onprem.cilium.health_outbound
import data.hybridcheck.test.device
import data.hybridcheck.test.locate

test_pass_seed_allows_health_to_vpc if {
	count(health_outbound.deny) == 0 with input as device.compliant_with_device
	count(health_outbound.checked) == 3 with input as device.compliant_with_device
}

test_fail_ping_rule_missing if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", {"description": "Hybrid node to AWS pings", "interfaces": ["opt2"]}, "disabled"], "value": true}])
	{d.resource | some d in health_outbound.deny} == {"edge-fw: icmp/8 10.200.0.0/16 -> 10.100.0.0/16"} with input as snap
}

# Echo replies from the nodes to the VPC answer the VPC's echo requests: on pf they are state
# traffic of those requests, so the missing outbound echo rule does not block them (was a
# false failure of icmp/0).
test_pass_echo_reply_is_state_traffic if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", {"description": "Hybrid node to AWS pings", "interfaces": ["opt2"]}, "disabled"], "value": true}])
	vs := health_outbound.verdicts with input as snap
	some v in vs
	v.case.description == "icmp/0 10.200.0.0/16 -> 10.100.0.0/16"
	v.result.allowed
	some c in health_outbound.checked with input as snap
	c.resource == "edge-fw: icmp/0 10.200.0.0/16 -> 10.100.0.0/16"
}

test_not_applicable_without_device if {
	health_outbound.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}
