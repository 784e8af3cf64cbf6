package hybridcheck.aws.sg.kubelet_outbound_test

import data.hybridcheck.aws.sg.kubelet_outbound as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate

# The cluster security group's default egress (all traffic to 0.0.0.0/0) alone allows 10250;
# the failing cases remove it so that only the additional group's rules count.
without_default_egress := [{"op": "replace", "at": ["aws", "security_groups", "sg-0c1a2b3c4d5e6f708", "egress"], "value": []}]

patched(ops) := locate.patch(fixture.compliant, array.concat(without_default_egress, ops))

test_pass_compliant if {
	count(check.deny) == 0 with input as fixture.compliant
	check.checked == {"10.200.0.0/16"} with input as fixture.compliant
}

test_pass_explicit_rule if {
	snap := patched([])
	count(check.deny) == 0 with input as snap
	check.checked == {"10.200.0.0/16"} with input as snap
	count(check.unknown) == 0 with input as snap
}

test_pass_default_egress_alone if {
	snap := locate.patch(fixture.compliant, [{"op": "remove", "at": ["aws", "security_groups", "sg-0a1b2c3d4e5f60718", "egress", "Remote Node CIDR Outbound"]}])
	count(check.deny) == 0 with input as snap
	check.checked == {"10.200.0.0/16"} with input as snap
	count(check.unknown) == 0 with input as snap
}

test_fail_rule_missing if {
	denies := check.deny with input as patched([{"op": "remove", "at": ["aws", "security_groups", "sg-0a1b2c3d4e5f60718", "egress", "Remote Node CIDR Outbound"]}])
	[d.message | some d in denies] == ["Hybrid security groups sg-0a1b2c3d4e5f60718, sg-0c1a2b3c4d5e6f708 do not allow outbound TCP 10250 to node CIDR 10.200.0.0/16; expected an egress rule (tcp 10250 or all) whose destination covers it"]
}

test_fail_ingress_rule_does_not_count if {
	snap := patched([
		{"op": "remove", "at": ["aws", "security_groups", "sg-0a1b2c3d4e5f60718", "egress", "Remote Node CIDR Outbound"]},
		{"op": "add", "at": ["aws", "security_groups", "sg-0a1b2c3d4e5f60718", "ingress", "-"], "value": {"protocol": "tcp", "from_port": 10250, "to_port": 10250, "cidr_ipv4": "10.200.0.0/16"}},
	])
	[d.resource | some d in check.deny] == ["10.200.0.0/16"] with input as snap
}

test_fail_second_node_cidr_uncovered if {
	snap := patched([{"op": "add", "path": "/aws/eks_cluster/remote_node_networks/-", "value": "10.201.0.0/16"}])
	[d.resource | some d in check.deny] == ["10.201.0.0/16"] with input as snap
}
