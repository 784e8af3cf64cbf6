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

# Addresses that are not the internet (as HN-SG-05 defines them).
not_internet := ["0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16", "224.0.0.0/3"]

# Only the TCP rules are the 443 and 10250 rules; an all-traffic rule (the default egress rule
# of every group) is HN-SG-05's concern, not a widened port rule.
tcp_only(sg) := {
	"id": sg.id,
	"ingress": [r | some r in object.get(sg, "ingress", []); r.protocol in {"tcp", "6"}],
	"egress": [r | some r in object.get(sg, "egress", []); r.protocol in {"tcp", "6"}],
}

# Judged by address coverage through the path model: the union of the group's TCP rules that
# admit the port (port ranges and prefix lists resolved) must not reach the internet, so
# 0.0.0.0/1 plus 128.0.0.0/1 counts as 0.0.0.0/0.
deny contains {
	"resource": sg.id,
	"message": sprintf("Security group %s allows %s; expected the 443 and 10250 rules limited to the node and pod CIDRs", [sg.id, sprintf(pattern, [format_int(port, 10), sources])]),
	"evidence": {"security_group_id": sg.id, "direction": direction, "ports": [port], "internet_blocks": public, "rules": result.allowed_by},
} if {
	some sg in lib.hybrid_sgs
	some direction, pattern in directions
	some port in [443, 10250]
	result := lib.sg_allows([tcp_only(sg)], direction, "tcp", port, port, ["0.0.0.0/0"])
	public := [b | some b in result.allowed_cidrs; not lib.covered_by_union(b, not_internet)]
	count(public) > 0
	sources := concat(", ", sort({peer(m.rule) |
		some m in result.allowed_by
		some c in m.cidrs
		not lib.covered_by_union(c, not_internet)
	}))
}

peer(rule) := rule.cidr_ipv4 if object.get(rule, "cidr_ipv4", "") != ""

peer(rule) := rule.prefix_list_id if object.get(rule, "prefix_list_id", "") != ""

# IPv6 sources are judged by the literal ::/0 (the path model is IPv4).
deny contains {
	"resource": sg.id,
	"message": sprintf("Security group %s allows %s; expected the 443 and 10250 rules limited to the node and pod CIDRs", [sg.id, sprintf(pattern, [port_range(rule), rule.cidr_ipv6])]),
	"evidence": {"security_group_id": sg.id, "direction": direction, "rule": rule, "ports": covered},
} if {
	some sg in lib.hybrid_sgs
	some direction, pattern in directions
	some rule in object.get(sg, direction, [])
	rule.protocol in {"tcp", "6"}
	object.get(rule, "cidr_ipv6", "") == "::/0"
	covered := [p | some p in [443, 10250]; rule.from_port <= p; p <= rule.to_port]
	count(covered) > 0
}

port_range(rule) := format_int(rule.from_port, 10) if {
	rule.from_port == rule.to_port
} else := sprintf("%d-%d", [rule.from_port, rule.to_port])
