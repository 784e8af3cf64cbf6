# METADATA
# title: VPN static routes for every node and pod CIDR
# description: |
#   With static routing the VPN connection only sends traffic to the destinations in its static
#   routes; each node and pod CIDR needs one, in state available.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "With static routing AWS sends only the CIDRs of the connection's static routes into the tunnels."
#   seed: "Inter-site 4"
#   id: HN-VPN-03
#   severity: high
#   remediation: aws ec2 create-vpn-connection-route --vpn-connection-id VPN_ID --destination-cidr-block CIDR (for each missing node and pod CIDR)
#   applies_when: routing is static
package hybridcheck.intersite.vpn_static_routes

import data.hybridcheck.lib

not_applicable := reason if {
	reason := lib.vpn_connection_not_applicable
} else := sprintf("routing is %s, not static, so the VPN static routes are not used", [lib.routing]) if {
	lib.routing != "static"
} else := lib.no_node_cidrs if {
	count(lib.node_cidrs) == 0
}

checked contains c.id if some c in lib.live_vpn_connections

# The static routes of c whose destination contains cidr.
# The IPv4 static routes of a connection that overlap cidr, and those in state available.
overlapping(c, cidr) := [r |
	some r in object.get(c, "routes", [])
	lib.is_ipv4_cidr(r.destination_cidr)
	net.cidr_intersects(r.destination_cidr, cidr)
]

route_cidrs(routes) := [r.destination_cidr | some r in routes]

available_cidrs(c) := [r.destination_cidr |
	some r in object.get(c, "routes", [])
	lib.is_ipv4_cidr(r.destination_cidr)
	r.state == "available"
]

all_cidrs(c) := [r.destination_cidr |
	some r in object.get(c, "routes", [])
	lib.is_ipv4_cidr(r.destination_cidr)
]

# A CIDR is carried when the union of the available static routes covers it: two /17s carry
# a /16 although neither holds it alone.
deny contains {
	"resource": c.id,
	"message": sprintf("VPN connection %s has no static route for %s%s; expected an available static route for every node and pod CIDR", [c.id, cidr, partly(c, cidr)]),
	"evidence": {"vpn_connection_id": c.id, "cidr": cidr, "routes": object.get(c, "routes", [])},
} if {
	some c in lib.live_vpn_connections
	some cidr in lib.remote_cidrs
	not lib.covered_by_union(cidr, all_cidrs(c))
}

partly(c, cidr) := sprintf(" (only %s of it)", [concat(", ", route_cidrs(overlapping(c, cidr)))]) if {
	count(overlapping(c, cidr)) > 0
} else := ""

deny contains {
	"resource": c.id,
	"message": sprintf("VPN connection %s's static route(s) for %s are %s; expected available", [c.id, cidr, concat(", ", [sprintf("%s %s", [r.destination_cidr, r.state]) | some r in routes])]),
	"evidence": {"vpn_connection_id": c.id, "cidr": cidr, "routes": routes},
} if {
	some c in lib.live_vpn_connections
	some cidr in lib.remote_cidrs
	lib.covered_by_union(cidr, all_cidrs(c))
	not lib.covered_by_union(cidr, available_cidrs(c))
	routes := [r | some r in overlapping(c, cidr); r.state != "available"]
}
