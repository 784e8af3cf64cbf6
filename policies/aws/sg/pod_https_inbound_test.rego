package hybridcheck.aws.sg.pod_https_inbound_test

import data.hybridcheck.aws.sg.pod_https_inbound as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate

patched(ops) := locate.patch(fixture.compliant, ops)

test_pass_compliant if {
	count(check.deny) == 0 with input as fixture.compliant
	check.checked == {"192.168.0.0/16"} with input as fixture.compliant
}

test_pass_all_traffic_rule if {
	snap := patched([{"op": "replace", "at": ["aws", "security_groups", "sg-0a1b2c3d4e5f60718", "ingress", "Remote Pod CIDR Inbound"], "value": {"protocol": "all", "from_port": -1, "to_port": -1, "cidr_ipv4": "192.168.0.0/16"}}])
	count(check.deny) == 0 with input as snap
	check.checked == {"192.168.0.0/16"} with input as snap
	count(check.unknown) == 0 with input as snap
}

test_fail_rule_missing if {
	snap := patched([{"op": "remove", "at": ["aws", "security_groups", "sg-0a1b2c3d4e5f60718", "ingress", "Remote Pod CIDR Inbound"]}])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["Hybrid security groups sg-0a1b2c3d4e5f60718, sg-0c1a2b3c4d5e6f708 do not allow inbound TCP 443 from pod CIDR 192.168.0.0/16; expected an ingress rule (tcp 443 or all) whose source covers it"]
}

test_fail_udp_rule if {
	snap := patched([{"op": "replace", "at": ["aws", "security_groups", "sg-0a1b2c3d4e5f60718", "ingress", "Remote Pod CIDR Inbound", "protocol"], "value": "udp"}])
	[d.resource | some d in check.deny] == ["192.168.0.0/16"] with input as snap
}

test_fail_referenced_group_does_not_count if {
	snap := patched([{"op": "replace", "at": ["aws", "security_groups", "sg-0a1b2c3d4e5f60718", "ingress", "Remote Pod CIDR Inbound"], "value": {"protocol": "tcp", "from_port": 443, "to_port": 443, "referenced_group_id": "sg-0c1a2b3c4d5e6f708"}}])
	[d.resource | some d in check.deny] == ["192.168.0.0/16"] with input as snap
}

test_not_applicable_without_pod_cidrs if {
	snap := patched([
		{"op": "replace", "path": "/aws/eks_cluster/remote_pod_networks", "value": []},
		{"op": "remove", "path": "/intent/remote_pod_cidrs"},
	])
	contains(check.not_applicable, "no remote pod CIDRs") with input as snap
}
