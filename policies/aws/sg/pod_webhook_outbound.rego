# METADATA
# title: Hybrid security groups allow webhook traffic to the pod CIDRs
# description: |
#   The control plane reaches webhooks served by pods on hybrid nodes on TCP 443 in every remote pod CIDR.
#   The hybrid security groups are the cluster security group plus the cluster's additional
#   groups (else those the intent names); their rules are taken together, so several rules may
#   cover one CIDR between them (the union of their IPv4 sources is merged with net.cidr_merge).
#   Rules that reference a security group or a prefix list do not count.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-networking.html#hybrid-nodes-networking-cluster-sg
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/creating-security-groups.html
# schemas:
#   - input: schema.snapshot
# custom:
#   id: HN-SG-04
#   severity: high
#   remediation: aws ec2 authorize-security-group-egress --group-id SG_ID --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=POD_CIDR,Description="Remote Pod CIDR Webhook Outbound"}]'
#   applies_when: pod CIDRs known
package hybridcheck.aws.sg.pod_webhook_outbound

import data.hybridcheck.lib

not_applicable := lib.no_pod_cidrs if count(lib.pod_cidrs) == 0

checked contains cidr if some cidr in lib.pod_cidrs

deny contains {
	"resource": cidr,
	"message": sprintf("Hybrid security groups %s do not allow outbound TCP 443 to pod CIDR %s%s; expected an egress rule (tcp 443 or all) whose destination covers it", [lib.hybrid_sg_label, cidr, lib.sg_partly(gap)]),
	"evidence": gap,
} if {
	some cidr in lib.pod_cidrs
	gap := lib.sg_tcp_gap("egress", 443, cidr)
	not gap.prefix_lists_unresolved
}

unknown contains {
	"resource": cidr,
	"message": sprintf("Hybrid security groups %s: whether they allow outbound TCP 443 to pod CIDR %s cannot be decided: %s", [lib.hybrid_sg_label, cidr, concat("; ", gap.reasons)]),
	"evidence": gap,
} if {
	some cidr in lib.pod_cidrs
	gap := lib.sg_tcp_gap("egress", 443, cidr)
	gap.prefix_lists_unresolved
}
