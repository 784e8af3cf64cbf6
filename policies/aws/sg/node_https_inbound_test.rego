package hybridcheck.aws.sg.node_https_inbound_test

import data.hybridcheck.aws.sg.node_https_inbound as check
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate

patched(ops) := locate.patch(fixture.compliant, ops)

rule(cidr) := {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": cidr}

test_pass_compliant if {
	count(check.deny) == 0 with input as fixture.compliant
	check.checked == {"10.200.0.0/16"} with input as fixture.compliant
}

test_pass_two_groups_cover_together if {
	snap := patched([
		{"op": "replace", "at": ["aws", "security_groups", "sg-0a1b2c3d4e5f60718", "ingress", "Remote Node CIDR Inbound"], "value": rule("10.200.0.0/17")},
		{"op": "add", "at": ["aws", "security_groups", "sg-0c1a2b3c4d5e6f708", "ingress", "-"], "value": rule("10.200.128.0/17")},
	])
	count(check.deny) == 0 with input as snap
	check.checked == {"10.200.0.0/16"} with input as snap
	count(check.unknown) == 0 with input as snap
}

test_pass_port_range_and_wider_source if {
	snap := patched([{"op": "replace", "at": ["aws", "security_groups", "sg-0a1b2c3d4e5f60718", "ingress", "Remote Node CIDR Inbound"], "value": {"protocol": "tcp", "from_port": 0, "to_port": 1024, "cidr_ipv4": "10.0.0.0/8"}}])
	count(check.deny) == 0 with input as snap
	check.checked == {"10.200.0.0/16"} with input as snap
	count(check.unknown) == 0 with input as snap
}

test_fail_rule_missing if {
	snap := patched([{"op": "remove", "at": ["aws", "security_groups", "sg-0a1b2c3d4e5f60718", "ingress", "Remote Node CIDR Inbound"]}])
	denies := check.deny with input as snap
	[d.message | some d in denies] == ["Hybrid security groups sg-0a1b2c3d4e5f60718, sg-0c1a2b3c4d5e6f708 do not allow inbound TCP 443 from node CIDR 10.200.0.0/16; expected an ingress rule (tcp 443 or all) whose source covers it"]
}

test_fail_half_covered if {
	snap := patched([{"op": "replace", "at": ["aws", "security_groups", "sg-0a1b2c3d4e5f60718", "ingress", "Remote Node CIDR Inbound"], "value": rule("10.200.0.0/17")}])
	denies := check.deny with input as snap
	[d.resource | some d in denies] == ["10.200.0.0/16"]
	some d in denies
	contains(d.message, "(only 10.200.0.0/17 of it)")
	d.evidence.overlapping_rules == [{"security_group_id": "sg-0a1b2c3d4e5f60718", "rule": rule("10.200.0.0/17")}]
}

test_fail_wrong_port if {
	snap := patched([{"op": "replace", "at": ["aws", "security_groups", "sg-0a1b2c3d4e5f60718", "ingress", "Remote Node CIDR Inbound", "to_port"], "value": 442}])
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
	snap := locate.patch(fixture.compliant, [
		{"op": "remove", "path": "/aws/eks_cluster"},
		{"op": "add", "path": "/intent/remote_node_cidrs", "value": ["10.200.0.0/16"]},
	])
	some d in check.deny with input as snap
	contains(d.message, "(none known: no EKS cluster in the snapshot and no hybrid_security_groups in the intent)")
}

# Issue 11: a rule "tcp 443 from pl-…" was treated as absent, a definite (false) violation.
# The reference's prefix list pl-0e1d2c3b4a5968778 holds the node and pod CIDRs.
pl_rule := {"protocol": "tcp", "from_port": 443, "to_port": 443, "prefix_list_id": "pl-0e1d2c3b4a5968778"}

test_pass_rule_from_prefix_list if {
	snap := patched([{"op": "replace", "at": ["aws", "security_groups", "sg-0a1b2c3d4e5f60718", "ingress", "Remote Node CIDR Inbound"], "value": pl_rule}])
	count(check.deny) == 0 with input as snap
	count(check.unknown) == 0 with input as snap
	check.checked == {"10.200.0.0/16"} with input as snap
}

test_unknown_prefix_list_without_entries if {
	snap := patched([
		{"op": "replace", "at": ["aws", "security_groups", "sg-0a1b2c3d4e5f60718", "ingress", "Remote Node CIDR Inbound"], "value": pl_rule},
		{"op": "replace", "at": ["aws", "prefix_lists", "pl-0e1d2c3b4a5968778", "entries"], "value": null},
	])
	count(check.deny) == 0 with input as snap
	[u.message | some u in check.unknown] == ["Hybrid security groups sg-0a1b2c3d4e5f60718, sg-0c1a2b3c4d5e6f708: whether they allow inbound TCP 443 from node CIDR 10.200.0.0/16 cannot be decided: sg-0a1b2c3d4e5f60718 rule tcp 443 from pl-0e1d2c3b4a5968778: prefix list pl-0e1d2c3b4a5968778: its entries are not in the snapshot (ec2:GetManagedPrefixListEntries)"] with input as snap
}

test_unknown_schema_10_snapshot_without_prefix_lists if {
	snap := patched([
		{"op": "replace", "at": ["aws", "security_groups", "sg-0a1b2c3d4e5f60718", "ingress", "Remote Node CIDR Inbound"], "value": pl_rule},
		{"op": "remove", "path": "/aws/prefix_lists"},
	])
	count(check.deny) == 0 with input as snap
	[u.resource | some u in check.unknown] == ["10.200.0.0/16"] with input as snap
}

test_fail_prefix_list_not_covering if {
	snap := patched([
		{"op": "replace", "at": ["aws", "security_groups", "sg-0a1b2c3d4e5f60718", "ingress", "Remote Node CIDR Inbound"], "value": pl_rule},
		{"op": "replace", "at": ["aws", "prefix_lists", "pl-0e1d2c3b4a5968778", "entries"], "value": [{"cidr": "10.200.0.0/17"}]},
	])
	[d.message | some d in check.deny] == ["Hybrid security groups sg-0a1b2c3d4e5f60718, sg-0c1a2b3c4d5e6f708 do not allow inbound TCP 443 from node CIDR 10.200.0.0/16 (only 10.200.0.0/17 of it); expected an ingress rule (tcp 443 or all) whose source covers it"] with input as snap
}
