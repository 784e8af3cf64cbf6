# METADATA
# title: No SSH, RDP or all-traffic access from the internet to the hybrid security groups
# description: |
#   No hybrid security group allows SSH (TCP 22), RDP (TCP 3389) or all traffic inbound from
#   0.0.0.0/0 or ::/0. The optional SSH and ICMP rules of the guide come only from the remote
#   node CIDRs; that part needs the node CIDRs and is skipped without them (see HN-CIDR-03).
#   Judged by address coverage through the path model: the union of every rule of the group
#   (all-traffic rules admit SSH and RDP too, prefix lists resolved), so 0.0.0.0/1 plus
#   128.0.0.0/1 is the internet. IPv6 sources are judged by the literal ::/0.
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

# The services no hybrid SG may open to the internet.
services := [
	{"name": "all traffic", "protocol": "all", "port": -1},
	{"name": "SSH (TCP 22)", "protocol": "tcp", "port": 22},
	{"name": "RDP (TCP 3389)", "protocol": "tcp", "port": 3389},
]

# The optional services of the guide, allowed only from the node CIDRs.
node_only := [
	{"name": "SSH (TCP 22)", "protocol": "tcp", "port": 22},
	{"name": "ICMP", "protocol": "icmp", "port": -1},
]

# Addresses that are not the internet: private (RFC 1918), shared (RFC 6598), this-network,
# loopback, link-local, multicast and reserved. A block of admitted addresses not inside them
# reaches the internet.
not_internet := ["0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16", "224.0.0.0/3"]

admitted(sg, svc) := lib.sg_allows([sg], "ingress", svc.protocol, svc.port, svc.port, ["0.0.0.0/0"])

# The sources, as written, of the rules that admit internet addresses, for messages.
sources(result) := concat(", ", sort({peer(m.rule) |
	some m in result.allowed_by
	some c in m.cidrs
	not lib.covered_by_union(c, not_internet)
}))

peer(rule) := rule.cidr_ipv4 if object.get(rule, "cidr_ipv4", "") != ""

peer(rule) := rule.prefix_list_id if object.get(rule, "prefix_list_id", "") != ""

public_blocks(result) := [b | some b in result.allowed_cidrs; not lib.covered_by_union(b, not_internet)]

deny contains {
	"resource": sg.id,
	"message": sprintf("Security group %s allows %s inbound from %s; expected no SSH, RDP or all-traffic rule open to the internet", [sg.id, svc.name, sources(result)]),
	"evidence": {"security_group_id": sg.id, "direction": "ingress", "service": svc.name, "internet_blocks": public, "admitted": result.allowed_cidrs, "rules": result.allowed_by},
} if {
	some sg in lib.hybrid_sgs
	some svc in services
	result := admitted(sg, svc)
	public := public_blocks(result)
	count(public) > 0
	not covered_by_broader(sg, svc)
}

# All traffic open to the internet already says SSH and RDP are; one finding per group.
covered_by_broader(sg, svc) if {
	svc.protocol == "tcp"
	count(public_blocks(admitted(sg, services[0]))) > 0
}

deny contains {
	"resource": sg.id,
	"message": sprintf("Security group %s allows %s inbound from ::/0; expected no SSH, RDP or all-traffic rule open to the internet", [sg.id, what]),
	"evidence": {"security_group_id": sg.id, "direction": "ingress", "rule": rule},
} if {
	some sg in lib.hybrid_sgs
	some rule in sg.ingress
	object.get(rule, "cidr_ipv6", "") == "::/0"
	what := ipv6_exposed(rule)
}

ipv6_exposed(rule) := "all traffic" if {
	rule.protocol in {"all", "-1"}
} else := "SSH (TCP 22)" if {
	rule.protocol in {"tcp", "6"}
	rule.from_port <= 22
	22 <= rule.to_port
} else := "RDP (TCP 3389)" if {
	rule.protocol in {"tcp", "6"}
	rule.from_port <= 3389
	3389 <= rule.to_port
}

deny contains {
	"resource": sg.id,
	"message": sprintf("Security group %s allows %s inbound from %s, which is not inside the node CIDRs %s; expected SSH and ICMP only from node CIDRs", [sg.id, svc.name, concat(", ", beyond), concat(", ", lib.node_cidrs)]),
	"evidence": {"security_group_id": sg.id, "direction": "ingress", "service": svc.name, "beyond_node_cidrs": beyond, "rules": result.allowed_by, "node_cidrs": lib.node_cidrs},
} if {
	count(lib.node_cidrs) > 0
	some sg in lib.hybrid_sgs
	some svc in node_only
	result := admitted(sg, svc)
	beyond := [b | some b in result.allowed_cidrs; not lib.covered_by_union(b, lib.node_cidrs)]
	count(beyond) > 0
	not open_to_internet(sg, svc)
}

open_to_internet(sg, svc) if {
	some s in services
	s.name == svc.name
	count(public_blocks(admitted(sg, s))) > 0
}

open_to_internet(sg, _) if count(public_blocks(admitted(sg, services[0]))) > 0

unknown contains {
	"resource": sg.id,
	"message": sprintf("Security group %s: what it admits inbound cannot be fully decided: %s", [sg.id, concat("; ", reasons)]),
	"evidence": {"security_group_id": sg.id, "reasons": reasons},
} if {
	some sg in lib.hybrid_sgs
	reasons := sort({r | some svc in array.concat(services, node_only); some r in admitted(sg, svc).reasons})
	count(reasons) > 0
	not denied(sg.id)
}

denied(id) if {
	some d in deny
	d.resource == id
}
