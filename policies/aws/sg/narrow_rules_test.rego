package hybridcheck.aws.sg.narrow_rules_test

import data.hybridcheck.aws.sg.narrow_rules as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate

messages(snap) := [d.message | some d in denies] if {
	denies := check.deny with input as snap
}

test_pass_compliant if {
	# the cluster security group's default all-traffic egress to 0.0.0.0/0 is not counted
	count(check.deny) == 0 with input as fixture.compliant
	check.checked == {"sg-0a1b2c3d4e5f60718", "sg-0c1a2b3c4d5e6f708"} with input as fixture.compliant
}

test_fail_https_from_anywhere if {
	snap := locate.patch(fixture.compliant, [{"op": "replace", "at": ["aws", "security_groups", "sg-0a1b2c3d4e5f60718", "ingress", "Remote Node CIDR Inbound", "cidr_ipv4"], "value": "0.0.0.0/0"}])
	messages(snap) == ["Security group sg-0a1b2c3d4e5f60718 allows inbound TCP 443 from 0.0.0.0/0; expected the 443 and 10250 rules limited to the node and pod CIDRs"]
}

test_fail_kubelet_range_to_anywhere if {
	snap := locate.patch(fixture.compliant, [{"op": "replace", "at": ["aws", "security_groups", "sg-0a1b2c3d4e5f60718", "egress", "Remote Node CIDR Outbound"], "value": {"protocol": "tcp", "from_port": 1024, "to_port": 65535, "cidr_ipv6": "::/0"}}])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["Security group sg-0a1b2c3d4e5f60718 allows outbound TCP 1024-65535 to ::/0; expected the 443 and 10250 rules limited to the node and pod CIDRs"]
	some d in denies
	d.evidence.ports == [10250]
}

test_pass_other_port_to_anywhere if {
	snap := locate.patch(fixture.compliant, [{"op": "add", "at": ["aws", "security_groups", "sg-0a1b2c3d4e5f60718", "egress", "-"], "value": {"protocol": "tcp", "from_port": 53, "to_port": 53, "cidr_ipv4": "0.0.0.0/0"}}])
	count(check.deny) == 0 with input as snap
	check.checked == {"sg-0a1b2c3d4e5f60718", "sg-0c1a2b3c4d5e6f708"} with input as snap
}

# Issue 11: two halves of the internet are the internet.
test_fail_https_from_two_halves if {
	snap := locate.patch(fixture.compliant, [
		{"op": "add", "at": ["aws", "security_groups", "sg-0a1b2c3d4e5f60718", "ingress", "-"], "value": {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "0.0.0.0/1"}},
		{"op": "add", "at": ["aws", "security_groups", "sg-0a1b2c3d4e5f60718", "ingress", "-"], "value": {"protocol": "tcp", "from_port": 400, "to_port": 500, "cidr_ipv4": "128.0.0.0/1"}},
	])
	messages(snap) == ["Security group sg-0a1b2c3d4e5f60718 allows inbound TCP 443 from 0.0.0.0/1, 128.0.0.0/1; expected the 443 and 10250 rules limited to the node and pod CIDRs"]
}

test_pass_private_range_only if {
	snap := locate.patch(fixture.compliant, [{"op": "add", "at": ["aws", "security_groups", "sg-0a1b2c3d4e5f60718", "ingress", "-"], "value": {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "172.16.0.0/12"}}])
	count(check.deny) == 0 with input as snap
	check.checked == {"sg-0a1b2c3d4e5f60718", "sg-0c1a2b3c4d5e6f708"} with input as snap
}
