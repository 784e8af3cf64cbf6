# METADATA
# title: No SSH, RDP or all-traffic access from the internet to the hybrid security groups
# description: |
#   No hybrid security group allows SSH (TCP 22), RDP (TCP 3389) or all traffic inbound from
#   0.0.0.0/0 or ::/0. The optional SSH and ICMP rules of the guide come only from the remote
#   node CIDRs; that part needs the node CIDRs and is skipped without them (see HN-CIDR-03).
#   Rules that reference a security group or a prefix list are not judged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpn/latest/s2svpn/SetUpVPNConnections.html#vpn-configure-security-groups
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-networking.html#hybrid-nodes-networking-cluster-sg
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "SSH, RDP or all traffic open to the internet on the cluster security groups exposes the control plane ENIs."
#   seed: "AWS network 8 (optional rules)"
#   id: HN-SG-05
#   severity: high
#   remediation: Remove the rule (aws ec2 revoke-security-group-ingress --group-id SG_ID --security-group-rule-ids SGR_ID) and, if SSH or ICMP is wanted, allow it from the node CIDRs only (aws ec2 authorize-security-group-ingress --group-id SG_ID --protocol tcp --port 22 --cidr NODE_CIDR)
#   applies_when: always
package hybridcheck.aws.sg.admin_access

import data.hybridcheck.lib

checked contains sg.id if some sg in lib.hybrid_sgs

ingress_rules := [{"security_group_id": sg.id, "rule": r} | some sg in lib.hybrid_sgs; some r in sg.ingress]

peer(rule) := rule.cidr_ipv4 if object.get(rule, "cidr_ipv4", "") != ""

peer(rule) := rule.cidr_ipv6 if object.get(rule, "cidr_ipv6", "") != ""

from_internet(rule) if peer(rule) in {"0.0.0.0/0", "::/0"}

# What an internet-facing rule exposes, the widest first.
exposed(rule) := "all traffic" if {
	rule.protocol in {"all", "-1"}
} else := "SSH (TCP 22)" if {
	lib.sg_rule_allows_tcp(rule, 22)
} else := "RDP (TCP 3389)" if {
	lib.sg_rule_allows_tcp(rule, 3389)
}

# SSH or ICMP, as the guide's optional rules allow them; all-traffic rules are judged only when
# they face the internet.
admin_service(rule) := "SSH (TCP 22)" if {
	rule.protocol in {"tcp", "6"}
	lib.sg_rule_allows_tcp(rule, 22)
} else := "ICMP" if {
	rule.protocol in {"icmp", "1", "icmpv6", "58"}
}

deny contains {
	"resource": x.security_group_id,
	"message": sprintf("Security group %s allows %s inbound from %s; expected no SSH, RDP or all-traffic rule open to the internet", [x.security_group_id, what, peer(x.rule)]),
	"evidence": {"security_group_id": x.security_group_id, "direction": "ingress", "rule": x.rule},
} if {
	some x in ingress_rules
	from_internet(x.rule)
	what := exposed(x.rule)
}

deny contains {
	"resource": x.security_group_id,
	"message": sprintf("Security group %s allows %s inbound from %s, which is not inside the node CIDRs %s; expected SSH and ICMP only from node CIDRs", [x.security_group_id, what, source, concat(", ", lib.node_cidrs)]),
	"evidence": {"security_group_id": x.security_group_id, "direction": "ingress", "rule": x.rule, "node_cidrs": lib.node_cidrs},
} if {
	count(lib.node_cidrs) > 0
	some x in ingress_rules
	what := admin_service(x.rule)
	source := peer(x.rule)
	not exposed_to_internet(x.rule)
	not lib.covered(source, lib.node_cidrs)
}

exposed_to_internet(rule) if {
	from_internet(rule)
	exposed(rule)
}
