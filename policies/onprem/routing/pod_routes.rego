# METADATA
# title: Device routes every pod CIDR
# description: |
#   Traffic from the VPC to a hybrid pod reaches the device through the tunnel; the device then
#   needs a route that hands it to the node hosting the pod (Inter-site 10): a static route for
#   the pod CIDR (or per-node routes inside it), a network of its own that holds it, or BGP
#   sessions with the nodes (Cilium BGP) that teach it the per-node pod routes. The routes are
#   read from the device's routing table as the evaluator forwards (hybridcheck.device_lookup):
#   the internet default route and routes out of a WAN interface (named, through a WAN
#   gateway or a gateway address on a WAN network) do not count, they send pod traffic away; a
#   static route whose interface the export does not show makes the answer unknown.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-concepts-kubernetes.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Pod CIDRs are only reachable if the device routes each one to the node that hosts it (BGP or static routes)."
#   seed: "Inter-site 10"
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

# The device's own routing table (hybridcheck.device_lookup, the evaluator's forwarding view)
# for each pod CIDR, part by part, once per device.
lookup[d.name] := {r.cidr: r.parts | some r in hybridcheck.device_lookup(d, lib.pod_cidrs)} if some d in lib.devices

# Parts of the pod CIDR the device hands to an inside interface: by a static route or a
# connected network. The internet default route (or any route of prefix 0) and a route out of
# the WAN do not count: they send pod traffic to the internet.
inside_parts(d, p, via) := [part |
	some part in lookup[d.name][p]
	part.via == via
	part.role == "inside"
]

# Static routes whose interface the export does not show: where they lead cannot be told.
unplaced_parts(d, p) := [part |
	some part in lookup[d.name][p]
	part.role == "unknown"
	part.via == "static"
]

# A BGP neighbor inside the node CIDRs is a node announcing its pod routes.
node_peers(d) := [n.address |
	d.bgp.enabled
	some n in d.bgp.neighbors
	n.enabled
	lib.covered(n.address, lib.node_cidrs)
]

how(d, p) := sprintf("static route(s) %s", [concat(", ", sort({part.route | some part in parts}))]) if {
	parts := inside_parts(d, p, "static")
	count(parts) > 0
} else := sprintf("connected network %s", [concat(", ", sort({part.route | some part in parts}))]) if {
	parts := inside_parts(d, p, "connected")
	count(parts) > 0
} else := sprintf("BGP from node(s) %s", [concat(", ", peers)]) if {
	peers := node_peers(d)
	count(peers) > 0
}

evidence(d, p) := {
	"pod_cidr": p,
	"routing": [{"cidrs": part.cidrs, "route": part.route, "via": part.via, "interface": part.interface, "role": part.role, "reason": part.reason} | some part in lookup[d.name][p]],
	"bgp_neighbors": [n.address | some n in object.get(object.get(d, "bgp", {}), "neighbors", [])],
}

checked contains {"resource": devlib.resource(d, p), "message": sprintf("routed by %s", [how(d, p)])} if {
	some d in lib.devices
	some p in lib.pod_cidrs
	how(d, p)
}

deny contains {
	"resource": devlib.resource(d, p),
	"message": "no route to the nodes (no static route via an inside gateway, connected network or BGP peering with the nodes); a default or WAN route does not count",
	"evidence": evidence(d, p),
} if {
	some d in lib.devices
	some p in lib.pod_cidrs
	not how(d, p)
	count(unplaced_parts(d, p)) == 0
}

unknown contains {
	"resource": devlib.resource(d, p),
	"message": sprintf("where the device routes the pod CIDR cannot be told: %s", [concat("; ", sort({part.reason | some part in unplaced_parts(d, p)}))]),
	"evidence": evidence(d, p),
} if {
	some d in lib.devices
	some p in lib.pod_cidrs
	not how(d, p)
	count(unplaced_parts(d, p)) > 0
}
