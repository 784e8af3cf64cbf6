# METADATA
# title: Shared helpers of the hybridcheck checks
# description: |
#   What every check needs to know about the estate, derived once per evaluation: the cluster
#   VPC and its CIDRs, the remote node and pod CIDRs (cluster first, intent second), the cluster
#   subnets and their route tables, the hybrid security groups, and the connectivity variant.
# schemas:
#   - input: schema.snapshot
package hybridcheck.lib

intent := object.get(input, "intent", {})

aws := object.get(input, "aws", {})

cluster := object.get(aws, "eks_cluster", null)

devices := object.get(input, "devices", [])

has_device if count(devices) > 0

# Remote node and pod CIDRs: the EKS cluster's RemoteNetworkConfig wins over the intent file.
node_cidrs := cluster.remote_node_networks if {
	cluster != null
	count(cluster.remote_node_networks) > 0
} else := object.get(intent, "remote_node_cidrs", [])

pod_cidrs := cluster.remote_pod_networks if {
	cluster != null
	count(cluster.remote_pod_networks) > 0
} else := object.get(intent, "remote_pod_cidrs", [])

remote_cidrs := array.concat(node_cidrs, pod_cidrs)

# Where the node and pod CIDRs came from, for evidence.
remote_cidrs_source := "eks:DescribeCluster" if {
	cluster != null
	count(cluster.remote_node_networks) > 0
} else := "intent" if {
	count(object.get(intent, "remote_node_cidrs", [])) > 0
} else := "none"

service_cidr := cluster.service_ipv4_cidr if {
	cluster != null
	cluster.service_ipv4_cidr != ""
} else := object.get(intent, "service_cidr", "")

cluster_vpc_id := cluster.vpc_id if {
	cluster != null
	cluster.vpc_id != ""
} else := object.get(intent, "vpc_id", "")

vpcs_by_id := {v.id: v | some v in object.get(aws, "vpcs", [])}

cluster_vpc := vpcs_by_id[cluster_vpc_id]

vpc_cidrs := object.get(vpcs_by_id, [cluster_vpc_id, "cidr_blocks"], [])

subnets_by_id := {s.id: s | some s in object.get(aws, "subnets", [])}

# Cluster subnets: those of the EKS cluster, else every subnet of the cluster VPC.
cluster_subnet_ids := {id | some id in cluster.subnet_ids} if {
	cluster != null
	count(cluster.subnet_ids) > 0
} else := {s.id | some s in object.get(aws, "subnets", []); s.vpc_id == cluster_vpc_id}

cluster_subnets := [subnets_by_id[id] | some id in sort_set(cluster_subnet_ids); subnets_by_id[id]]

route_tables := object.get(aws, "route_tables", [])

route_tables_by_id := {rt.id: rt | some rt in route_tables}

# Explicit subnet associations, indexed once: subnet id -> route table id.
explicit_route_table := {a.subnet_id: rt.id |
	some rt in route_tables
	some a in rt.associations
	object.get(a, "subnet_id", "") != ""
}

main_route_table := {rt.vpc_id: rt.id | some rt in route_tables; rt.main}

# The route table a subnet uses: its explicit association, else its VPC's main table.
subnet_route_table(subnet) := route_tables_by_id[explicit_route_table[subnet.id]]

subnet_route_table(subnet) := route_tables_by_id[main_route_table[subnet.vpc_id]] if {
	not explicit_route_table[subnet.id]
}

# Hybrid security groups: the cluster security group plus the cluster's additional groups,
# else the groups the intent names.
hybrid_sg_ids := {id |
	some id in array.concat([object.get(cluster, "cluster_security_group_id", "")], object.get(cluster, "security_group_ids", []))
	id != ""
} if {
	cluster != null
} else := {id | some id in object.get(intent, "hybrid_security_groups", [])}

security_groups_by_id := {sg.id: sg | some sg in object.get(aws, "security_groups", [])}

# hybrid_sg_label names the hybrid SGs in messages, or says why there are none.
hybrid_sg_label := concat(", ", sort_set(hybrid_sg_ids)) if {
	count(hybrid_sg_ids) > 0
} else := "(none known: no EKS cluster in the snapshot and no hybrid_security_groups in the intent)"

hybrid_sgs := [security_groups_by_id[id] | some id in sort_set(hybrid_sg_ids); security_groups_by_id[id]]

# Gateways attached to the cluster VPC.
cluster_vgws := [g |
	some g in object.get(aws, "vpn_gateways", [])
	some a in g.vpc_attachments
	a.vpc_id == cluster_vpc_id
	a.state == "attached"
]

cluster_tgw_vpc_attachments := [a |
	some a in object.get(aws, "transit_gateway_attachments", [])
	a.resource_type == "vpc"
	a.resource_id == cluster_vpc_id
]

cluster_tgw_ids := {a.transit_gateway_id | some a in cluster_tgw_vpc_attachments}

# The target gateway type: the intent's, else what the snapshot shows (a VGW attached to the
# cluster VPC, or a TGW with a VPC attachment for it).
target_gateway := intent.target_gateway if {
	object.get(intent, "target_gateway", "") != ""
} else := "tgw" if {
	count(cluster_tgw_ids) > 0
	count(cluster_vgws) == 0
} else := "vgw" if {
	count(cluster_vgws) > 0
} else := "tgw" if {
	# Nothing attached to the cluster VPC yet: a VPN connection on a TGW still says which
	# design the estate follows, so the TGW checks run (and say what is missing).
	some c in object.get(aws, "vpn_connections", [])
	object.get(c, "transit_gateway_id", "") != ""
} else := "vgw" if {
	some c in object.get(aws, "vpn_connections", [])
	object.get(c, "vpn_gateway_id", "") != ""
} else := ""

# The gateway IDs that count as "the VGW or TGW attached to the VPC".
target_gateway_ids := {g.id | some g in cluster_vgws} | cluster_tgw_ids

connectivity := intent.connectivity if {
	object.get(intent, "connectivity", "") != ""
} else := "site-to-site-vpn" if {
	count(object.get(aws, "vpn_connections", [])) > 0
} else := "direct-connect" if {
	count(object.get(object.get(aws, "direct_connect", {}), "virtual_interfaces", [])) > 0
} else := ""

routing := intent.routing if {
	object.get(intent, "routing", "") != ""
} else := "static" if {
	some c in hybrid_vpn_connections
	c.static_routes_only
} else := "bgp" if {
	count(hybrid_vpn_connections) > 0
} else := ""

credential_provider := object.get(intent, "credential_provider", "ssm")

# The platform managing the cluster (intent management): palette-saas, self-hosted or none.
management := object.get(intent, "management", "none")

region := intent.region if {
	object.get(intent, "region", "") != ""
} else := object.get(aws, "region", "")

# VPN connections that terminate on the cluster VPC's VGW or TGW.
hybrid_vpn_connections := [c |
	some c in object.get(aws, "vpn_connections", [])
	vpn_target(c) in target_gateway_ids
]

vpn_target(c) := c.vpn_gateway_id if object.get(c, "vpn_gateway_id", "") != ""

vpn_target(c) := c.transit_gateway_id if object.get(c, "transit_gateway_id", "") != ""

# The AWS outside addresses of every tunnel of the hybrid VPN connections.
tunnel_ips := sort_set({t.outside_ip_address | some c in hybrid_vpn_connections; some t in c.tunnels})

sort_set(s) := sort([x | some x in s])

# cidrs_overlap is true when any CIDR of a overlaps any CIDR of b.
cidrs_overlap(a, b) if {
	some x in a
	some y in b
	net.cidr_intersects(x, y)
}

# covered(cidr, by) is true when one CIDR of by contains cidr.
covered(cidr, by) if {
	some b in by
	net.cidr_contains(b, cidr)
}

# --- AWS checks helpers ---

# Reasons a check cannot run without the remote networks; HN-CIDR-03 reports the gap itself.
no_node_cidrs := "no remote node CIDRs are known (EKS RemoteNetworkConfig or intent remote_node_cidrs), so this check cannot run; see HN-CIDR-03"

no_pod_cidrs := "no remote pod CIDRs are known (EKS RemoteNetworkConfig or intent remote_pod_cidrs), so this check cannot run; see HN-CIDR-03"

is_ipv4_cidr(cidr) if {
	net.cidr_is_valid(cidr)
	not contains(cidr, ":")
}

prefix_length(cidr) := to_number(split(cidr, "/")[1])

vpc_subnets := [s | some s in object.get(aws, "subnets", []); s.vpc_id == cluster_vpc_id]

# A public subnet is one whose route table sends the default route to an internet gateway, as
# the VPC console defines it; the route's state is left to HN-VPC-06.
public_subnet_ids := {s.id |
	some s in vpc_subnets
	some r in subnet_route_table(s).routes
	r.destination_cidr == "0.0.0.0/0"
	r.target_type == "igw"
}

# Cluster subnet id -> id of the route table it uses (explicit or main).
cluster_subnet_route_table_ids := {s.id: subnet_route_table(s).id | some s in cluster_subnets}

# The route tables the cluster subnets use, each once.
cluster_route_tables := [route_tables_by_id[id] | some id in sort_set({id | some id in cluster_subnet_route_table_ids})]

# The cluster subnets of each of those route tables, grouped once. OPA indexes the comprehension
# on rt_id (it is in a rule body and closes over rt_id only), so grouping is linear in the subnets.
cluster_route_table_subnet_ids[rt_id] := sort(sids) if {
	some rt_id in {id | some id in cluster_subnet_route_table_ids}
	sids := [sid | some sid; cluster_subnet_route_table_ids[sid] == rt_id]
}

route_table_subnet_ids(rt_id) := object.get(cluster_route_table_subnet_ids, rt_id, [])

# covered_by_union: the union of cidrs holds every address of cidr, even when no single one
# does (10.200.0.0/17 plus 10.200.128.0/17 cover 10.200.0.0/16). net.cidr_merge returns maximal
# aligned blocks, and an aligned block covered by a union lies inside one of them.
covered_by_union(cidr, cidrs) if {
	some merged in net.cidr_merge(cidrs)
	net.cidr_contains(merged, cidr)
}

# sg_tcp_gap is the evidence that the hybrid SGs' direction rules leave part of cidr without
# TCP port, from the path model (the union of every rule of every hybrid SG, protocol all and
# port ranges included, prefix lists resolved); undefined when the rules cover all of it. Its
# "prefix_lists_unresolved" is true when a rule naming a prefix list without entries might fill
# the gap: the check then answers unknown.
sg_tcp_gap(direction, port, cidr) := {
	"security_group_ids": sort_set(hybrid_sg_ids),
	"security_groups_missing_from_snapshot": sort_set(hybrid_sg_ids - {sg.id | some sg in hybrid_sgs}),
	"direction": direction,
	"protocol": "tcp",
	"port": port,
	"cidr": cidr,
	"overlapping_rules": [{"security_group_id": m.security_group_id, "rule": m.rule} | some m in result.allowed_by],
	"allowed_cidrs": result.allowed_cidrs,
	"gaps": result.gaps,
	"prefix_lists_unresolved": result.unknown,
	"reasons": result.reasons,
} if {
	result := sg_allows(hybrid_sgs, direction, "tcp", port, port, [cidr])
	not result.allowed
}

# sg_allows asks the path model which of peers the groups admit in direction.
sg_allows(groups, direction, protocol, from_port, to_port, peers) := hybridcheck.aws_sg_allows(
	groups,
	{"direction": direction, "protocol": protocol, "from_port": from_port, "to_port": to_port, "peers": peers},
	prefix_lists,
)

# sg_partly says how much of the CIDR the rules do admit, for messages.
sg_partly(gap) := sprintf(" (only %s of it)", [concat(", ", gap.allowed_cidrs)]) if {
	count(gap.allowed_cidrs) > 0
} else := ""

# The EKS cluster's fields, empty when no cluster was collected, for object.get in evidence.
cluster_fields := cluster if {
	cluster != null
} else := {}

# --- inter-site helpers ---

# Why the gateway-, VPN- and Direct-Connect-specific checks do not apply to this estate.
# Without a cluster VPC there is no gateway or connection to judge; HN-VPC-01 reports the gap.
no_cluster_vpc := "no cluster VPC is named (no EKS cluster in the snapshot and no vpc_id in the intent), so this check cannot run; see HN-VPC-01"

vgw_not_applicable := no_cluster_vpc if {
	cluster_vpc_id == ""
} else := "the target gateway is a TGW, so the VGW checks do not apply" if {
	target_gateway == "tgw"
}

tgw_not_applicable := no_cluster_vpc if {
	cluster_vpc_id == ""
} else := "the target gateway is a VGW, so the TGW checks do not apply" if {
	target_gateway == "vgw"
} else := "no TGW has a VPC attachment for the cluster VPC and the intent does not set target_gateway: tgw, so the TGW checks do not apply" if {
	target_gateway == ""
}

# Why a check of the cluster TGW's own settings does not apply: the TGW checks do not, or no
# TGW of the cluster VPC is in the snapshot (HN-TGW-01 reports that gap).
cluster_tgw_not_applicable := tgw_not_applicable if {
	tgw_not_applicable
} else := "no TGW of the cluster VPC is in the snapshot, so this check cannot run; see HN-TGW-01" if {
	count(cluster_tgws) == 0
}

# Why a check of the cluster VPC's TGW attachment does not apply: the TGW checks do not, or the
# cluster VPC has no TGW VPC attachment (HN-TGW-05 reports that gap).
tgw_attachment_not_applicable := tgw_not_applicable if {
	tgw_not_applicable
} else := "the cluster VPC has no TGW VPC attachment, so this check cannot run; see HN-TGW-05" if {
	count(cluster_tgw_vpc_attachments) == 0
}

vpn_not_applicable := "connectivity is direct-connect, so the Site-to-Site VPN checks do not apply" if {
	connectivity == "direct-connect"
} else := no_cluster_vpc if {
	cluster_vpc_id == ""
} else := "connectivity is software-vpn (no AWS Site-to-Site VPN), so the Site-to-Site VPN checks do not apply" if {
	connectivity == "software-vpn"
}

dx_not_applicable := sprintf("connectivity is %s, not direct-connect, so the Direct Connect checks do not apply", [connectivity]) if {
	connectivity != ""
	connectivity != "direct-connect"
} else := "no Direct Connect virtual interface is in the snapshot and the intent does not set connectivity: direct-connect, so the Direct Connect checks do not apply" if {
	connectivity == ""
}

# VGWs with an attachment to the cluster VPC in any state, so a detached VGW is reported, not missed.
vpc_vgws := [g |
	some g in object.get(aws, "vpn_gateways", [])
	some a in g.vpc_attachments
	a.vpc_id == cluster_vpc_id
]

# The TGWs that have a VPC attachment for the cluster VPC, as collected.
cluster_tgws := [t | some t in object.get(aws, "transit_gateways", []); t.id in cluster_tgw_ids]

tgw_route_tables_by_id := {rt.id: rt | some rt in object.get(aws, "transit_gateway_route_tables", [])}

# uncollected_tgw_route_tables(attachments): a finding for each attachment whose associated TGW
# route table is not in the snapshot. The route checks cannot read that table, so what to fix
# is the collection (HN-SNAP-01), not the route.
uncollected_tgw_route_tables(attachments) := {{
	"resource": a.id,
	"message": sprintf("TGW route table %s, associated with attachment %s, is not in the snapshot; expected it to be collected (see HN-SNAP-01)", [a.associated_route_table_id, a.id]),
	"evidence": {"attachment_id": a.id, "associated_route_table_id": a.associated_route_table_id},
} |
	some a in attachments
	object.get(a, "associated_route_table_id", "") != ""
	not tgw_route_tables_by_id[a.associated_route_table_id]
}

customer_gateways_by_id := {g.id: g | some g in object.get(aws, "customer_gateways", [])}

# The hybrid VPN connections that still exist: AWS lists deleted connections for a while.
live_vpn_connections := [c | some c in hybrid_vpn_connections; c.state != "deleted"]

# The AWS-side ASN of the VGW or TGW with this ID.
gateway_asn(id) := g.amazon_side_asn if {
	some g in object.get(aws, "vpn_gateways", [])
	g.id == id
}

gateway_asn(id) := g.amazon_side_asn if {
	some g in object.get(aws, "transit_gateways", [])
	g.id == id
}

direct_connect := object.get(aws, "direct_connect", {}) if aws.direct_connect != null

else := {}

# Direct Connect gateway associations with the cluster VPC's VGW or TGW.
hybrid_dx_associations := [a |
	some a in object.get(direct_connect, "gateway_associations", [])
	a.associated_gateway_id in target_gateway_ids
]

hybrid_dx_gateway_ids := {a.direct_connect_gateway_id | some a in hybrid_dx_associations}

# Virtual interfaces that reach the cluster VPC: on its VGW directly, or on a Direct Connect
# gateway associated with its VGW or TGW.
hybrid_dx_vifs := [v |
	some v in object.get(direct_connect, "virtual_interfaces", [])
	dx_vif_reaches_vpc(v)
]

dx_vif_reaches_vpc(v) if object.get(v, "virtual_gateway_id", "") in target_gateway_ids

dx_vif_reaches_vpc(v) if object.get(v, "direct_connect_gateway_id", "") in hybrid_dx_gateway_ids

# Why a check of the hybrid VPN connections' own settings does not run.
vpn_connection_not_applicable := reason if {
	reason := vpn_not_applicable
} else := "no VPN connection terminates on the cluster VPC's VGW or TGW, so this check cannot run; see HN-VPN-01" if {
	count(live_vpn_connections) == 0
}

# --- AWS path model (internal/awspath; the rules it follows are in docs/semantics.md) ---

# The prefix lists of the snapshot, null when they were not collected (schema 1.0).
prefix_lists := object.get(aws, "prefix_lists", null)

# network_acls is null when the snapshot never collected them (schema 1.0).
network_acls := object.get(aws, "network_acls", null)

# vpc_route_pieces(rt, cidr): where the VPC route table sends every address of cidr, as pieces
# {"cidr", "status": routed|blackhole|no_route|unknown, "routes", "reasons"}.
vpc_route_pieces(rt, cidr) := hybridcheck.aws_vpc_route(object.get(rt, "routes", []), cidr, prefix_lists)

# tgw_route_pieces(rt, cidr): the same for a TGW route table.
tgw_route_pieces(rt, cidr) := hybridcheck.aws_tgw_route(object.get(rt, "routes", []), cidr, prefix_lists)

# piece_label names a piece within the CIDR asked about: "10.200.5.0/24 of 10.200.0.0/16".
piece_label(piece, cidr) := cidr if {
	piece.cidr == cidr
} else := sprintf("%s of %s", [piece.cidr, cidr])

# piece_route is the route that decides a piece (the first of equal ones), null without one.
piece_route(piece) := piece.routes[0] if {
	count(piece.routes) > 0
} else := null

# describe_vpc_route spells a VPC route for messages.
describe_vpc_route(route) := sprintf("%s -> %s %s (%s)", [route_destination(route), route.target_type, route.target_id, route.state])

route_destination(route) := route.destination_cidr if {
	object.get(route, "destination_cidr", "") != ""
} else := object.get(route, "destination_prefix_list_id", object.get(route, "prefix_list_id", ""))

# describe_tgw_route spells a TGW route for messages: its destination, type and attachments.
describe_tgw_route(route) := sprintf("%s %s route to %s", [route_destination(route), route.type, concat(", ", targets)]) if {
	targets := [sprintf("%s (%s %s)", [a.attachment_id, a.resource_type, a.resource_id]) | some a in object.get(route, "attachments", [])]
	count(targets) > 0
} else := sprintf("%s %s route with no attachment", [route_destination(route), route.type])

# The network ACL a subnet uses: its explicit association (every subnet has one in AWS's
# answer), else the VPC's default ACL.
subnet_nacl(subnet) := acl if {
	acl := nacl_by_subnet[subnet.id]
} else := acl if {
	acl := default_nacl_by_vpc[subnet.vpc_id]
}

# Network ACLs indexed once: by the subnets associated with them, and the default one by VPC.
nacl_by_subnet := {a.subnet_id: acl |
	some acl in network_acls
	some a in acl.associations
}

default_nacl_by_vpc := {acl.vpc_id: acl |
	some acl in network_acls
	acl.is_default
}
