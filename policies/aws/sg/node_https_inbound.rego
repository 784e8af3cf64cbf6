# METADATA
# title: Hybrid security groups allow HTTPS from the node CIDRs
# description: |
#   Hybrid nodes reach the Kubernetes API server's ENIs on TCP 443 from every remote node CIDR.
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
#   id: HN-SG-01
#   severity: critical
#   remediation: aws ec2 authorize-security-group-ingress --group-id SG_ID --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=NODE_CIDR,Description="Remote Node CIDR Inbound"}]'
#   applies_when: always
package hybridcheck.aws.sg.node_https_inbound

import data.hybridcheck.lib

not_applicable := lib.no_node_cidrs if count(lib.node_cidrs) == 0

checked contains cidr if some cidr in lib.node_cidrs

deny contains {
	"resource": cidr,
	"message": sprintf("Hybrid security groups %s do not allow inbound TCP 443 from node CIDR %s%s; expected an ingress rule (tcp 443 or all) whose source covers it", [lib.hybrid_sg_label, cidr, lib.sg_partly(gap)]),
	"evidence": gap,
} if {
	some cidr in lib.node_cidrs
	gap := lib.sg_tcp_gap("ingress", 443, cidr)
	not gap.prefix_lists_unresolved
}

unknown contains {
	"resource": cidr,
	"message": sprintf("Hybrid security groups %s: whether they allow inbound TCP 443 from node CIDR %s cannot be decided: %s", [lib.hybrid_sg_label, cidr, concat("; ", gap.reasons)]),
	"evidence": gap,
} if {
	some cidr in lib.node_cidrs
	gap := lib.sg_tcp_gap("ingress", 443, cidr)
	gap.prefix_lists_unresolved
}
