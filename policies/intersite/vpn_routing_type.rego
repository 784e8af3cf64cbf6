# METADATA
# title: VPN routing type matches the intent; BGP tunnels accept routes
# description: |
#   The connection's routing (static routes only, or BGP) is the one the design uses; with BGP,
#   each tunnel has accepted at least one route from the device, or AWS has no path back to the
#   hybrid nodes over it.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "The routing type on AWS must match the device's; BGP tunnels must accept routes, or nothing is learned."
#   seed: "Inter-site 4, 10"
#   id: HN-VPN-04
#   severity: high
#   remediation: Recreate the VPN connection with --options StaticRoutesOnly=true|false as the intent says (the routing type cannot be modified), and with BGP advertise the node and pod CIDRs from the device over each tunnel
#   applies_when: connectivity is vpn
package hybridcheck.intersite.vpn_routing_type

import data.hybridcheck.lib

not_applicable := lib.vpn_connection_not_applicable

checked contains c.id if some c in lib.live_vpn_connections

connection_routing(c) := "static" if c.static_routes_only

else := "bgp"

deny contains {
	"resource": c.id,
	"message": sprintf("VPN connection %s uses %s routing (static_routes_only %v); expected %s routing as the intent says", [c.id, connection_routing(c), c.static_routes_only, lib.routing]),
	"evidence": {"vpn_connection_id": c.id, "static_routes_only": c.static_routes_only, "intended_routing": lib.routing},
} if {
	some c in lib.live_vpn_connections
	lib.routing in {"static", "bgp"}
	connection_routing(c) != lib.routing
}

deny contains {
	"resource": c.id,
	"message": sprintf("VPN connection %s tunnel %s has accepted %d BGP routes; expected at least one (the node and pod CIDRs advertised by the device)", [c.id, t.outside_ip_address, object.get(t, "accepted_route_count", 0)]),
	"evidence": {
		"vpn_connection_id": c.id,
		"outside_ip_address": t.outside_ip_address,
		"accepted_route_count": object.get(t, "accepted_route_count", 0),
		"status": object.get(t, "status", ""),
	},
} if {
	some c in lib.live_vpn_connections
	connection_routing(c) == "bgp"
	some t in c.tunnels
	object.get(t, "accepted_route_count", 0) < 1
}
