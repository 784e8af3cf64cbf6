# METADATA
# title: Remote node and pod CIDRs are known
# description: |
#   The remote node and pod CIDRs come from the EKS cluster's RemoteNetworkConfig, else from the
#   intent file. Without node CIDRs the hybrid checks (security groups, routes, firewall) cannot
#   run and report not_applicable; without pod CIDRs the pod checks cannot.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-networking.html#hybrid-nodes-networking-on-prem
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Without the node and pod CIDRs no hybrid route, rule or selector can be checked; every such check would pass vacuously."
#   seed: "EKS docs"
#   id: HN-CIDR-03
#   severity: high
#   remediation: Set the remote networks on the cluster with aws eks update-cluster-config --name CLUSTER --remote-network-config '{"remoteNodeNetworks":[{"cidrs":["NODE_CIDR"]}],"remotePodNetworks":[{"cidrs":["POD_CIDR"]}]}', or list them as remote_node_cidrs and remote_pod_cidrs in the intent file
#   applies_when: always
package hybridcheck.cidr.remote_cidrs_known

import data.hybridcheck.lib

lists := [
	{"resource": "remote_node_networks", "role": "node", "cidrs": lib.node_cidrs, "intent_field": "remote_node_cidrs", "cannot_run": "the hybrid checks cannot run"},
	{"resource": "remote_pod_networks", "role": "pod", "cidrs": lib.pod_cidrs, "intent_field": "remote_pod_cidrs", "cannot_run": "the pod CIDR checks cannot run"},
]

checked contains {"resource": l.resource, "message": sprintf("%d remote %s CIDR(s) known from %s", [count(l.cidrs), l.role, source(l)])} if {
	some l in lists
}

source(l) := "eks:DescribeCluster" if {
	lib.cluster != null
	count(object.get(lib.cluster_fields, l.resource, [])) > 0
} else := "intent"

deny contains {
	"resource": l.resource,
	"message": sprintf("No remote %s CIDRs are known (EKS RemoteNetworkConfig and intent %s are empty), so %s; expected at least one %s CIDR", [l.role, l.intent_field, l.cannot_run, l.role]),
	"evidence": {
		"eks_cluster": object.get(lib.cluster_fields, "name", null),
		sprintf("cluster_%s", [l.resource]): object.get(lib.cluster_fields, l.resource, null),
		sprintf("intent_%s", [l.intent_field]): object.get(lib.intent, l.intent_field, null),
	},
} if {
	some l in lists
	count(l.cidrs) == 0
}
