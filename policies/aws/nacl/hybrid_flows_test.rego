package hybridcheck.aws.nacl.hybrid_flows_test

import data.hybridcheck.aws.nacl.hybrid_flows as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate

subnets := {"subnet-01fb42f5764dcf18e", "subnet-0cdebdb570d3ca783"}

with_entry(entry) := locate.patch(fixture.compliant, [{"op": "add", "at": ["aws", "network_acls", "acl-0a1b2c3d4e5f60718", "entries", "-"], "value": entry}])

rule(n, egress, action, cidr, from, to) := {"rule_number": n, "egress": egress, "protocol": "tcp", "rule_action": action, "cidr_block": cidr, "from_port": from, "to_port": to}

test_pass_default_allow_all if {
	count(check.deny) == 0 with input as fixture.compliant
	count(check.unknown) == 0 with input as fixture.compliant
	check.checked == subnets with input as fixture.compliant
}

test_fail_return_traffic_to_nodes_denied if {
	snap := with_entry(rule(90, true, "deny", "10.200.0.0/16", 1024, 65535))
	denies := check.deny with input as snap

	# 10250 lies in 1024-65535 too: the kubelet requests are denied by the same rule
	{[d.resource, d.evidence.flow, d.evidence.leg] | some d in denies} == {[s, f, l] |
		some s in subnets
		some [f, l] in [["hybrid nodes to the EKS control plane", "return traffic"], ["the EKS control plane to kubelet", "request"]]
	}
	every d in denies {
		d.evidence.denying_rule_numbers == [90]
	}
}

test_fail_message_names_rule if {
	snap := with_entry(rule(90, false, "deny", "10.200.128.0/17", 443, 443))
	msgs := {d.message | some d in check.deny} with input as snap
	"Network ACL acl-0a1b2c3d4e5f60718 of subnet subnet-01fb42f5764dcf18e denies the request of hybrid nodes to the EKS control plane (ingress): 10.200.128.0/17 on TCP 443 by rule 90; expected allow rules before any deny" in msgs
}

# A deny numbered after the allow-all rule never matches: the first match decides.
test_pass_deny_after_allow if {
	snap := with_entry(rule(200, true, "deny", "10.200.0.0/16", 0, 65535))
	count(check.deny) == 0 with input as snap
	check.checked == subnets with input as snap
}

# Only the ephemeral ports of the kubelet replies are missing: the ACL allows 10250 out but
# admits replies on 1024-32767 only, then the final rule denies.
test_fail_stateless_return_traffic if {
	acl := {
		"id": "acl-0tight", "vpc_id": "vpc-0518d3603257bf85d", "is_default": false,
		"associations": [{"subnet_id": "subnet-01fb42f5764dcf18e"}],
		"entries": [
			{"rule_number": 100, "egress": true, "protocol": "all", "rule_action": "allow", "cidr_block": "0.0.0.0/0", "from_port": -1, "to_port": -1},
			rule(100, false, "allow", "0.0.0.0/0", 443, 443),
			rule(110, false, "allow", "0.0.0.0/0", 1024, 32767),
			{"rule_number": 32767, "egress": false, "protocol": "all", "rule_action": "deny", "cidr_block": "0.0.0.0/0", "from_port": -1, "to_port": -1},
		],
	}
	snap := locate.patch(fixture.compliant, [
		{"op": "replace", "at": ["aws", "network_acls", "acl-0a1b2c3d4e5f60718", "associations"], "value": [{"subnet_id": "subnet-0cdebdb570d3ca783"}]},
		{"op": "add", "path": "/aws/network_acls/-", "value": acl},
	])
	denies := check.deny with input as snap
	{[d.resource, d.evidence.flow, d.evidence.leg] | some d in denies} == {
		["subnet-01fb42f5764dcf18e", "the EKS control plane to kubelet", "return traffic"],
		["subnet-01fb42f5764dcf18e", "the EKS control plane to pod webhooks", "return traffic"],
	}
	every d in denies {
		d.evidence.denied == [{"action": "deny", "cidrs": d.evidence.peers, "from_port": 32768, "to_port": 65535, "rule_number": 32767}]
	}
}

test_fail_no_matching_rule_is_denied if {
	snap := locate.patch(fixture.compliant, [{"op": "replace", "at": ["aws", "network_acls", "acl-0a1b2c3d4e5f60718", "entries"], "value": [{"rule_number": 100, "egress": true, "protocol": "all", "rule_action": "allow", "cidr_block": "0.0.0.0/0", "from_port": -1, "to_port": -1}]}])
	msgs := {d.message | some d in check.deny} with input as snap
	"Network ACL acl-0a1b2c3d4e5f60718 of subnet subnet-0cdebdb570d3ca783 denies the request of hybrid pods to the EKS control plane (ingress): 192.168.0.0/16 on TCP 443 by no rule (the final * rule denies); expected allow rules before any deny" in msgs
}

# A schema 1.0 snapshot has no network ACLs: the check cannot tell, and says so once.
test_unknown_without_network_acls if {
	snap := locate.patch(fixture.compliant, [{"op": "remove", "path": "/aws/network_acls"}])
	count(check.deny) == 0 with input as snap
	count(check.checked) == 0 with input as snap
	[u.resource | some u in check.unknown] == ["vpc-0518d3603257bf85d"] with input as snap
}

test_unknown_subnet_without_acl if {
	snap := locate.patch(fixture.compliant, [{"op": "replace", "path": "/aws/network_acls", "value": []}])
	{u.resource | some u in check.unknown} == subnets with input as snap
}

test_not_applicable_without_node_cidrs if {
	snap := locate.patch(fixture.compliant, [
		{"op": "replace", "path": "/aws/eks_cluster/remote_node_networks", "value": []},
		{"op": "remove", "path": "/intent/remote_node_cidrs"},
	])
	check.not_applicable == "no remote node CIDRs are known (EKS RemoteNetworkConfig or intent remote_node_cidrs), so this check cannot run; see HN-CIDR-03" with input as snap
}
