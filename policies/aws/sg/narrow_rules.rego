# METADATA
# title: Hybrid HTTPS and kubelet rules are not open to the internet
# description: |
#   No TCP rule of a hybrid security group that covers port 443 or 10250, inbound or outbound,
#   has 0.0.0.0/0 or ::/0 as its peer; those rules name the node and pod CIDRs. Rules for all
#   protocols are not counted here: the EKS cluster security group's default "all traffic to
#   0.0.0.0/0" egress is AWS's own default, and inbound all traffic from the internet is
#   HN-SG-05's finding.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-networking.html#hybrid-nodes-networking-cluster-sg
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "The hybrid rules need only the remote networks as sources; open to the internet, they expose the API and kubelet paths."
#   seed: "AWS network 8"
#   id: HN-SG-06
#   severity: medium
#   remediation: Replace the rule with one per node or pod CIDR, e.g. aws ec2 revoke-security-group-ingress --group-id SG_ID --security-group-rule-ids SGR_ID then aws ec2 authorize-security-group-ingress --group-id SG_ID --protocol tcp --port 443 --cidr NODE_CIDR
#   applies_when: always
package hybridcheck.aws.sg.narrow_rules

import data.hybridcheck.lib

checked contains sg.id if some sg in lib.hybrid_sgs

directions := {"ingress": "inbound TCP %s from %s", "egress": "outbound TCP %s to %s"}

peer(rule) := rule.cidr_ipv4 if object.get(rule, "cidr_ipv4", "") != ""

peer(rule) := rule.cidr_ipv6 if object.get(rule, "cidr_ipv6", "") != ""

deny contains {
	"resource": sg.id,
	"message": sprintf("Security group %s allows %s; expected the 443 and 10250 rules limited to the node and pod CIDRs", [sg.id, sprintf(pattern, [ports, peer(rule)])]),
	"evidence": {"security_group_id": sg.id, "direction": direction, "rule": rule, "ports": covered},
} if {
	some sg in lib.hybrid_sgs
	some direction, pattern in directions
	some rule in object.get(sg, direction, [])
	rule.protocol in {"tcp", "6"}
	peer(rule) in {"0.0.0.0/0", "::/0"}
	covered := [p | some p in [443, 10250]; lib.sg_rule_allows_tcp(rule, p)]
	count(covered) > 0
	ports := port_range(rule)
}

port_range(rule) := format_int(rule.from_port, 10) if {
	rule.from_port == rule.to_port
} else := sprintf("%d-%d", [rule.from_port, rule.to_port])
