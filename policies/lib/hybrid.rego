# METADATA
# title: Shared helpers of the hybridcheck checks
# description: |
#   What every check needs to know about the estate, derived once per evaluation: the cluster
#   VPC and its CIDRs, the remote node and pod CIDRs (cluster first, intent second), the cluster
#   subnets and their route tables, the hybrid security groups, and the connectivity variant.
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
