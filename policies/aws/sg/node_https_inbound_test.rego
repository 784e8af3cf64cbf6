package hybridcheck.aws.sg.node_https_inbound_test

import data.hybridcheck.aws.sg.node_https_inbound as check
import data.hybridcheck.test.fixture

patched(ops) := json.patch(fixture.compliant, ops)

rule(cidr) := {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": cidr}

test_pass_compliant if {
	count(check.deny) == 0 with input as fixture.compliant
	check.checked == {"10.200.0.0/16"} with input as fixture.compliant
}

test_pass_two_groups_cover_together if {
	snap := patched([
		{"op": "replace", "path": "/aws/security_groups/1/ingress/0", "value": rule("10.200.0.0/17")},
		{"op": "add", "path": "/aws/security_groups/0/ingress/-", "value": rule("10.200.128.0/17")},
	])
	count(check.deny) == 0 with input as snap
}

test_pass_port_range_and_wider_source if {
	snap := patched([{"op": "replace", "path": "/aws/security_groups/1/ingress/0", "value": {"protocol": "tcp", "from_port": 0, "to_port": 1024, "cidr_ipv4": "10.0.0.0/8"}}])
	count(check.deny) == 0 with input as snap
}

test_fail_rule_missing if {
	snap := patched([{"op": "remove", "path": "/aws/security_groups/1/ingress/0"}])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["Hybrid security groups sg-0a1b2c3d4e5f60718, sg-0c1a2b3c4d5e6f708 do not allow inbound TCP 443 from node CIDR 10.200.0.0/16; expected an ingress rule (tcp 443 or all) whose source covers it"]
}

test_fail_half_covered if {
	snap := patched([{"op": "replace", "path": "/aws/security_groups/1/ingress/0", "value": rule("10.200.0.0/17")}])
	denies := check.deny with input as snap
	[d.resource | some d in denies] == ["10.200.0.0/16"]
	some d in denies
	contains(d.message, "(only 10.200.0.0/17 of it)")
	d.evidence.overlapping_rules == [{"security_group_id": "sg-0a1b2c3d4e5f60718", "rule": rule("10.200.0.0/17")}]
}

test_fail_wrong_port if {
	snap := patched([{"op": "replace", "path": "/aws/security_groups/1/ingress/0/to_port", "value": 442}])
	[d.resource | some d in check.deny] == ["10.200.0.0/16"] with input as snap
}

test_fail_group_not_attached_to_cluster if {
	snap := patched([{"op": "replace", "path": "/aws/eks_cluster/security_group_ids", "value": []}])
	denies := check.deny with input as snap
	some d in denies
	d.evidence.security_group_ids == ["sg-0c1a2b3c4d5e6f708"]
}

test_not_applicable_without_node_cidrs if {
	snap := patched([
		{"op": "replace", "path": "/aws/eks_cluster/remote_node_networks", "value": []},
		{"op": "remove", "path": "/intent/remote_node_cidrs"},
	])
	contains(check.not_applicable, "HN-CIDR-03") with input as snap
}

# Without a cluster or intent groups no SG can allow anything, and the message says why.
test_fail_no_hybrid_sgs_known if {
	snap := json.patch(fixture.compliant, [
		{"op": "remove", "path": "/aws/eks_cluster"},
		{"op": "add", "path": "/intent/remote_node_cidrs", "value": ["10.200.0.0/16"]},
	])
	some d in check.deny with input as snap
	contains(d.message, "(none known: no EKS cluster in the snapshot and no hybrid_security_groups in the intent)")
}
