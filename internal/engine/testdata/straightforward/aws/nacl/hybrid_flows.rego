# METADATA
# title: Cluster subnet network ACLs allow the hybrid flows both ways
# description: |
#   A network ACL is stateless: each direction of a connection, the replies included, needs its
#   own allow rule, and rules apply in rule-number order with the first match deciding. Each
#   cluster subnet's ACL must allow every AWS-side hybrid flow of the seed: nodes and pods to the
#   control plane (TCP 443 in), the control plane to kubelet (TCP 10250 out) and to pod webhooks
#   (TCP 443 out), and the replies of each on the ephemeral ports 1024-65535.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-networking.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "A network ACL is stateless: a subnet ACL that drops kubelet, webhook or API traffic, or its replies on the ephemeral ports, breaks the hybrid nodes even when every security group and route is right."
#   seed: "AWS VPC docs (network ACLs)"
#   id: HN-NACL-01
#   severity: high
#   remediation: aws ec2 create-network-acl-entry --network-acl-id ACL_ID --rule-number N (below the denying rule) --protocol tcp --port-range From=PORT,To=PORT --cidr-block REMOTE_CIDR --rule-action allow [--egress], for the flow and its return traffic on 1024-65535
#   applies_when: always
package hybridcheck.aws.nacl.hybrid_flows

import data.hybridcheck.lib

not_applicable := lib.no_node_cidrs if {
	count(lib.node_cidrs) == 0
} else := "no cluster subnet is in the snapshot (see HN-VPC-04)" if {
	count(lib.cluster_subnets) == 0
}

# The AWS-side hybrid flows as the cluster subnets see them, each with its return traffic.
# peer: the remote CIDRs; inbound: the connection is opened from the remote side.
flows := [
	{"name": "hybrid nodes to the EKS control plane", "inbound": true, "port": 443, "peers": lib.node_cidrs},
	{"name": "hybrid pods to the EKS control plane", "inbound": true, "port": 443, "peers": lib.pod_cidrs},
	{"name": "the EKS control plane to kubelet", "inbound": false, "port": 10250, "peers": lib.node_cidrs},
	{"name": "the EKS control plane to pod webhooks", "inbound": false, "port": 443, "peers": lib.pod_cidrs},
]

ephemeral := {"from_port": 1024, "to_port": 65535}

# Each flow splits into the request and its reply, each one direction through the ACL.
legs contains {"flow": f.name, "leg": "request", "direction": direction(f.inbound), "ports": {"from_port": f.port, "to_port": f.port}, "peers": f.peers} if {
	some f in flows
	count(f.peers) > 0
}

legs contains {"flow": f.name, "leg": "return traffic", "direction": direction(not_bool(f.inbound)), "ports": ephemeral, "peers": f.peers} if {
	some f in flows
	count(f.peers) > 0
}

direction(true) := "ingress"

direction(false) := "egress"

not_bool(b) := b == false

checked contains s.id if {
	lib.network_acls != null
	some s in lib.cluster_subnets
}

unknown contains {
	"resource": lib.cluster_vpc_id,
	"message": "the snapshot has no network ACLs (ec2:DescribeNetworkAcls was not collected, as in every schema 1.0 snapshot), so whether they pass the hybrid flows cannot be decided",
	"evidence": {"cluster_subnet_ids": [s.id | some s in lib.cluster_subnets]},
} if {
	lib.network_acls == null
}

unknown contains {
	"resource": s.id,
	"message": sprintf("subnet %s has no network ACL in the snapshot (neither an association nor a default ACL of VPC %s)", [s.id, s.vpc_id]),
	"evidence": {"subnet_id": s.id, "vpc_id": s.vpc_id},
} if {
	lib.network_acls != null
	some s in lib.cluster_subnets
	not subnet_nacl(s)
}

results contains {"subnet": s, "acl": acl, "leg": leg, "result": result} if {
	some s in lib.cluster_subnets
	acl := subnet_nacl(s)
	some leg in legs
	result := hybridcheck.aws_nacl_allows(acl.entries, object.union({"direction": leg.direction, "protocol": "tcp", "peers": leg.peers}, leg.ports))
}

rule_name(0) := "no rule (the final * rule denies)"

rule_name(n) := sprintf("rule %d", [n]) if n != 0

describe_denial(d) := sprintf("%s on TCP %s by %s", [concat(", ", d.cidrs), ports(d), rule_name(d.rule_number)])

ports(d) := sprintf("%d", [d.from_port]) if d.from_port == d.to_port

else := sprintf("%d-%d", [d.from_port, d.to_port])

deny contains {
	"resource": r.subnet.id,
	"message": sprintf("Network ACL %s of subnet %s denies the %s of %s (%s): %s; expected allow rules before any deny", [r.acl.id, r.subnet.id, r.leg.leg, r.leg.flow, r.leg.direction, concat("; ", [describe_denial(d) | some d in r.result.denied])]),
	"evidence": {
		"network_acl_id": r.acl.id,
		"subnet_id": r.subnet.id,
		"flow": r.leg.flow,
		"leg": r.leg.leg,
		"direction": r.leg.direction,
		"peers": r.leg.peers,
		"ports": r.leg.ports,
		"denied": r.result.denied,
		"denying_rule_numbers": sort({d.rule_number | some d in r.result.denied}),
	},
} if {
	some r in results
	not r.result.allowed
}

# lib.subnet_nacl as it was before the ACLs were indexed: a scan of every ACL per subnet.
subnet_nacl(subnet) := acl if {
	some acl in lib.network_acls
	some a in acl.associations
	a.subnet_id == subnet.id
} else := acl if {
	some acl in lib.network_acls
	acl.vpc_id == subnet.vpc_id
	acl.is_default
}
