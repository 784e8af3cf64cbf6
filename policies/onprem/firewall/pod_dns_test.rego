package hybridcheck.onprem.firewall.pod_dns_test

import data.hybridcheck.onprem.firewall.pod_dns
import data.hybridcheck.test.device
import data.hybridcheck.test.locate

test_pass_seed_allows_dns if {
	count(pod_dns.deny) == 0 with input as device.compliant_with_device
	count(pod_dns.checked) == 2 with input as device.compliant_with_device
}

test_fail_udp_missing if {
	snap := locate.patch(device.compliant_with_device, [{"op": "replace", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", "Hybrid pods to CoreDNS", "protocol"], "value": "tcp"}])
	{d.resource | some d in pod_dns.deny} == {"edge-fw: udp/53 192.168.0.0/16 -> 192.168.0.0/16"} with input as snap
}

test_not_applicable_without_device if {
	pod_dns.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}
