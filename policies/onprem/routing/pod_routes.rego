# METADATA
# title: Device routes every pod CIDR
# description: |
#   Traffic from the VPC to a hybrid pod reaches the device through the tunnel; the device then
#   needs a route that hands it to the node hosting the pod (Inter-site 10): a static route for
#   the pod CIDR (or per-node routes inside it), a network of its own that holds it, or BGP
#   sessions with the nodes (Cilium BGP) that teach it the per-node pod routes. The internet
#   default route and routes out of the WAN do not count: they send pod traffic away.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-concepts-kubernetes.html
# schemas:
#   - input: schema.snapshot
# custom:
#   id: HN-ONP-04
#   severity: medium
#   remediation: Add a static route for each pod CIDR via a hybrid node (or per-node pod routes), or peer the device with the nodes over BGP (Cilium BGP control plane).
#   applies_when: a device is in the snapshot
package hybridcheck.onprem.routing.pod_routes

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib

not_applicable := devlib.firewall_not_applicable if {
	devlib.firewall_not_applicable
} else := "pod CIDRs are unknown (see HN-CIDR-03)" if {
	count(lib.pod_cidrs) == 0
}

routes_for(d, p) := [{"destination": r.destination, "gateway": object.get(r, "gateway", ""), "gateway_address": object.get(r, "gateway_address", ""), "location": object.get(r, "location", null)} |
	some r in object.get(d, "static_routes", [])
	not r.disabled
	net.cidr_intersects(r.destination, p)
	not internet_route(d, r)
]

# The internet default route (or any route of prefix 0) and a route out of the WAN do not
# hand pod traffic to a node: they send it to the internet.
internet_route(_, r) if lib.prefix_length(r.destination) == 0

internet_route(d, r) if devlib.route_interface(d, r).role == "wan"

internet_route(d, r) if {
	object.get(r, "gateway_address", "") != ""
	some i in d.interfaces
	i.role == "wan"
	some n in i.networks
	net.cidr_contains(n, r.gateway_address)
}

# A BGP neighbor inside the node CIDRs is a node announcing its pod routes.
node_peers(d) := [n.address |
	d.bgp.enabled
	some n in d.bgp.neighbors
	n.enabled
	lib.covered(n.address, lib.node_cidrs)
]

how(d, p) := sprintf("static route(s) %s", [concat(", ", [r.destination | some r in routes])]) if {
	routes := routes_for(d, p)
	count(routes) > 0
} else := sprintf("connected network %s", [n]) if {
	some n in devlib.inside_networks(d)
	net.cidr_contains(n, p)
} else := sprintf("BGP from node(s) %s", [concat(", ", peers)]) if {
	peers := node_peers(d)
	count(peers) > 0
}

checked contains {"resource": devlib.resource(d, p), "message": sprintf("routed by %s", [how(d, p)])} if {
	some d in lib.devices
	some p in lib.pod_cidrs
	how(d, p)
}

deny contains {
	"resource": devlib.resource(d, p),
	"message": "no route to the nodes (no static route via an inside gateway, connected network or BGP peering with the nodes); a default or WAN route does not count",
	"evidence": {
		"pod_cidr": p,
		"static_routes": [r.destination | some r in object.get(d, "static_routes", []); not r.disabled],
		"bgp_neighbors": [n.address | some n in object.get(object.get(d, "bgp", {}), "neighbors", [])],
	},
} if {
	some d in lib.devices
	some p in lib.pod_cidrs
	not how(d, p)
}
