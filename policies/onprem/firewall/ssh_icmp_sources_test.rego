package hybridcheck.onprem.firewall.ssh_icmp_sources_test

import data.hybridcheck.onprem.firewall.ssh_icmp_sources
import data.hybridcheck.test.device
import data.hybridcheck.test.locate

test_pass_seed_only_vpc if {
	count(ssh_icmp_sources.deny) == 0 with input as device.compliant_with_device
	count(ssh_icmp_sources.checked) == 2 with input as device.compliant_with_device
}

test_fail_ssh_from_anywhere if {
	open_ssh := object.union(device.pass("wan", "tcp", device.any_address, device.ports(device.nodes_net, 22, 22), "SSH from anywhere"), {"index": 26})
	snap := locate.patch(device.compliant_with_device, [{"op": "add", "at": ["devices", "edge-fw", "firewall", "chains", "filter", "rules", "-"], "value": open_ssh}])
	some d in ssh_icmp_sources.deny with input as snap
	d.resource == "edge-fw: tcp/22 0.0.0.0/0 -> 10.200.0.0/16"
	some s in d.evidence.stray
	some r in s.by
	r.description == "SSH from anywhere"
	count(ssh_icmp_sources.deny) == 1 with input as snap
}

test_not_applicable_without_device if {
	ssh_icmp_sources.not_applicable == "no device export in the snapshot" with input as data.hybridcheck.test.fixture.without_device
}
