package hybridcheck.aws.sg.admin_access_test

import data.hybridcheck.aws.sg.admin_access as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate

add_rule(sg, rule) := locate.patch(fixture.compliant, [{"op": "add", "at": ["aws", "security_groups", sg, "ingress", "-"], "value": rule}])

remote_sg := "sg-0a1b2c3d4e5f60718"

cluster_sg := "sg-0c1a2b3c4d5e6f708"

messages(snap) := [d.message | some d in denies] if {
	denies := check.deny with input as snap
}

test_pass_compliant if {
	count(check.deny) == 0 with input as fixture.compliant
	check.checked == {"sg-0a1b2c3d4e5f60718", "sg-0c1a2b3c4d5e6f708"} with input as fixture.compliant
}

test_fail_ssh_from_internet if {
	snap := add_rule(remote_sg, {"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": "0.0.0.0/0"})
	messages(snap) == ["Security group sg-0a1b2c3d4e5f60718 allows SSH (TCP 22) inbound from 0.0.0.0/0; expected no SSH, RDP or all-traffic rule open to the internet"]
}

test_fail_rdp_from_ipv6_internet if {
	snap := add_rule(remote_sg, {"protocol": "tcp", "from_port": 3389, "to_port": 3389, "cidr_ipv6": "::/0"})
	messages(snap) == ["Security group sg-0a1b2c3d4e5f60718 allows RDP (TCP 3389) inbound from ::/0; expected no SSH, RDP or all-traffic rule open to the internet"]
}

test_fail_all_traffic_from_internet if {
	snap := add_rule(cluster_sg, {"protocol": "all", "from_port": -1, "to_port": -1, "cidr_ipv4": "0.0.0.0/0"})
	denies := check.deny with input as snap
	[d.resource | some d in denies] == ["sg-0c1a2b3c4d5e6f708"]
	some d in denies
	contains(d.message, "allows all traffic inbound from 0.0.0.0/0")
}

test_pass_https_from_internet_is_not_admin_access if {
	snap := add_rule(remote_sg, {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "0.0.0.0/0"})
	count(check.deny) == 0 with input as snap
	check.checked == {"sg-0a1b2c3d4e5f60718", "sg-0c1a2b3c4d5e6f708"} with input as snap
	count(check.unknown) == 0 with input as snap
}

test_fail_ssh_from_vpn_peer_outside_node_cidrs if {
	snap := add_rule(remote_sg, {"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": "192.168.0.0/16"})
	messages(snap) == ["Security group sg-0a1b2c3d4e5f60718 allows SSH (TCP 22) inbound from 192.168.0.0/16, which is not inside the node CIDRs 10.200.0.0/16; expected SSH and ICMP only from node CIDRs"]
}

test_fail_icmp_from_internet if {
	snap := add_rule(remote_sg, {"protocol": "icmp", "from_port": -1, "to_port": -1, "cidr_ipv4": "0.0.0.0/0"})
	denies := check.deny with input as snap
	some d in denies
	contains(d.message, "allows ICMP inbound from 0.0.0.0/0, which is not inside the node CIDRs")
	count(denies) == 1
}

test_pass_ssh_from_node_subnet if {
	snap := add_rule(remote_sg, {"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": "10.200.1.0/24"})
	count(check.deny) == 0 with input as snap
	check.checked == {"sg-0a1b2c3d4e5f60718", "sg-0c1a2b3c4d5e6f708"} with input as snap
	count(check.unknown) == 0 with input as snap
}

test_pass_non_hybrid_group_ignored if {
	snap := locate.patch(fixture.compliant, [{"op": "add", "path": "/aws/security_groups/-", "value": {"id": "sg-0bastion", "name": "bastion", "vpc_id": "vpc-0518d3603257bf85d", "ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": "0.0.0.0/0"}], "egress": []}}])
	count(check.deny) == 0 with input as snap
	check.checked == {"sg-0a1b2c3d4e5f60718", "sg-0c1a2b3c4d5e6f708"} with input as snap
	count(check.unknown) == 0 with input as snap
}

# Issue 11 mutations; each passed before the coverage model (except SSH from 0.0.0.0/1,
# which failed and still fails, now for the right reason).
test_fail_all_traffic_from_two_halves if {
	snap := locate.patch(fixture.compliant, [
		{"op": "add", "at": ["aws", "security_groups", "sg-0a1b2c3d4e5f60718", "ingress", "-"], "value": {"protocol": "all", "from_port": -1, "to_port": -1, "cidr_ipv4": "0.0.0.0/1"}},
		{"op": "add", "at": ["aws", "security_groups", "sg-0a1b2c3d4e5f60718", "ingress", "-"], "value": {"protocol": "all", "from_port": -1, "to_port": -1, "cidr_ipv4": "128.0.0.0/1"}},
	])
	messages(snap) == ["Security group sg-0a1b2c3d4e5f60718 allows all traffic inbound from 0.0.0.0/1, 128.0.0.0/1; expected no SSH, RDP or all-traffic rule open to the internet"]
}

test_fail_rdp_from_half_the_internet if {
	snap := add_rule(remote_sg, {"protocol": "tcp", "from_port": 3389, "to_port": 3389, "cidr_ipv4": "0.0.0.0/1"})
	messages(snap) == ["Security group sg-0a1b2c3d4e5f60718 allows RDP (TCP 3389) inbound from 0.0.0.0/1; expected no SSH, RDP or all-traffic rule open to the internet"]
}

test_fail_all_traffic_from_private_range_is_ssh_beyond_node_cidrs if {
	snap := add_rule(remote_sg, {"protocol": "all", "from_port": -1, "to_port": -1, "cidr_ipv4": "10.0.0.0/8"})
	denies := check.deny with input as snap

	# all traffic admits SSH and ICMP, both beyond the node CIDRs
	{[d.evidence.service, d.evidence.beyond_node_cidrs] | some d in denies} == {["ICMP", ["10.0.0.0/8"]], ["SSH (TCP 22)", ["10.0.0.0/8"]]}
}

test_fail_ssh_from_half_the_internet if {
	snap := add_rule(remote_sg, {"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": "0.0.0.0/1"})
	messages(snap) == ["Security group sg-0a1b2c3d4e5f60718 allows SSH (TCP 22) inbound from 0.0.0.0/1; expected no SSH, RDP or all-traffic rule open to the internet"]
}

test_fail_ssh_port_range_from_prefix_list if {
	snap := locate.patch(add_rule(remote_sg, {"protocol": "tcp", "from_port": 20, "to_port": 25, "prefix_list_id": "pl-0office"}), [{"op": "add", "path": "/aws/prefix_lists/-", "value": {"id": "pl-0office", "entries": [{"cidr": "203.0.113.0/24"}]}}])
	messages(snap) == ["Security group sg-0a1b2c3d4e5f60718 allows SSH (TCP 22) inbound from pl-0office; expected no SSH, RDP or all-traffic rule open to the internet"]
}

test_unknown_prefix_list_without_entries if {
	snap := locate.patch(add_rule(remote_sg, {"protocol": "tcp", "from_port": 22, "to_port": 22, "prefix_list_id": "pl-0office"}), [{"op": "add", "path": "/aws/prefix_lists/-", "value": {"id": "pl-0office", "entries": null}}])
	count(check.deny) == 0 with input as snap
	[u.resource | some u in check.unknown] == ["sg-0a1b2c3d4e5f60718"] with input as snap
}
