# METADATA
# title: Node, pod, VPC and service CIDRs do not overlap
# description: |
#   The remote node CIDRs, the remote pod CIDRs, the cluster VPC's CIDRs and the Kubernetes
#   service CIDR are pairwise disjoint, across groups and within the node and pod lists. An
#   overlap makes traffic for one network route to the other.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-networking.html#hybrid-nodes-networking-on-prem
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Overlapping networks make traffic to a node, pod or service go to the wrong place, and EKS refuses remote networks that overlap the VPC or service CIDR."
#   seed: "Remote network 1; EKS docs"
#   id: HN-CIDR-02
#   severity: critical
#   remediation: Renumber one of the two overlapping networks; for the remote networks set the new CIDRs with aws eks update-cluster-config --name CLUSTER --remote-network-config '{"remoteNodeNetworks":[{"cidrs":["NODE_CIDR"]}],"remotePodNetworks":[{"cidrs":["POD_CIDR"]}]}' (the service CIDR can only be chosen when the cluster is created)
#   applies_when: always
package hybridcheck.cidr.overlap

import data.hybridcheck.lib

not_applicable := lib.no_node_cidrs if count(lib.node_cidrs) == 0

# Every CIDR with its group, in a fixed order so each pair is reported once, first to second.
networks := array.concat(
	array.concat(
		[{"group": "node", "cidr": c} | some c in lib.node_cidrs],
		[{"group": "pod", "cidr": c} | some c in lib.pod_cidrs],
	),
	array.concat(
		[{"group": "VPC", "cidr": c} | some c in lib.vpc_cidrs],
		[{"group": "service", "cidr": lib.service_cidr} | lib.service_cidr != ""],
	),
)

# AWS itself keeps a VPC's CIDR blocks disjoint, so pairs inside the VPC group are skipped.
# The lists are small (EKS allows a handful of remote CIDRs), so comparing every pair is cheap.
overlaps contains [a, b] if {
	some i, a in networks
	some j, b in networks
	i < j
	not both_vpc(a, b)
	net.cidr_intersects(a.cidr, b.cidr)
}

both_vpc(a, b) if {
	a.group == "VPC"
	b.group == "VPC"
}

# The second network of a pair is named in the first one's finding, so it is not a pass either.
checked contains n.cidr if {
	some n in networks
	not n.cidr in {b.cidr | some [_, b] in overlaps}
}

deny contains {
	"resource": a.cidr,
	"message": sprintf("The %s CIDR %s overlaps the %s CIDR %s; all node, pod, VPC and service CIDRs must be disjoint", [a.group, a.cidr, b.group, b.cidr]),
	"evidence": {"cidr": a.cidr, "group": a.group, "overlapping_cidr": b.cidr, "overlapping_group": b.group, "remote_cidrs_source": lib.remote_cidrs_source},
} if {
	some [a, b] in overlaps
}
