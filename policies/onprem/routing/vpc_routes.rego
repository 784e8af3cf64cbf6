# METADATA
# title: Device routes the VPC into the VPN
# description: |
#   Every VPC CIDR must leave the device through the VPN (Inter-site 10): an enabled tunnel-mode
#   phase 2 whose remote networks hold it (policy-based IPsec), a static route for it through
#   a VTI or another non-WAN interface (route-based IPsec, a software VPN, a central VPN gateway
#   on the inside), or BGP with a peer other than the nodes (AWS's tunnel or Direct Connect
#   peer). A VPC CIDR the device would send to its default route goes to the internet instead.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Traffic for the VPC must enter the VPN; a route elsewhere sends it to the internet or drops it."
#   seed: "Inter-site 10"
#   id: HN-ONP-05
#   severity: high
#   remediation: Add phase 2 entries whose remote network is each VPC CIDR, or a static route for each VPC CIDR through the tunnel interface (VTI), or BGP peering with AWS.
#   applies_when: a device is in the snapshot
package hybridcheck.onprem.routing.vpc_routes

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib

not_applicable := devlib.vpc_not_applicable

enabled_phase1_ids(d) := {p.id | some p in d.ipsec.phase1; not p.disabled}

policy_routes(d, v) := [sprintf("phase 2 %s (%s)", [object.get(p, "id", ""), p.description]) |
	some p in d.ipsec.phase2
	not p.disabled
	p.mode in {"tunnel", "tunnel6"}
	p.phase1_id in enabled_phase1_ids(d)
	some n in p.remote_networks
	net.cidr_contains(n, v)
]

static_routes(d, v) := [sprintf("static route %s via %s", [r.destination, i.name]) |
	some r in object.get(d, "static_routes", [])
	not r.disabled
	net.cidr_contains(r.destination, v)
	i := devlib.route_interface(d, r)
	i.role != "wan"
]

bgp_peers(d) := [n.address |
	d.bgp.enabled
	some n in d.bgp.neighbors
	n.enabled
	not lib.covered(n.address, lib.node_cidrs)
]

how(d, v) := array.concat(array.concat(policy_routes(d, v), static_routes(d, v)), [sprintf("BGP with %s", [concat(", ", bgp_peers(d))]) | count(bgp_peers(d)) > 0])

checked contains {"resource": devlib.resource(d, v), "message": sprintf("routed into the VPN by %s", [concat(", ", how(d, v))])} if {
	some d in lib.devices
	some v in lib.vpc_cidrs
	count(how(d, v)) > 0
}

deny contains {
	"resource": devlib.resource(d, v),
	"message": sprintf("%s does not route VPC CIDR %s into the VPN (no phase 2, tunnel route or BGP peer covers it)", [d.name, v]),
	"evidence": {
		"vpc_cidr": v,
		"phase2_remote_networks": [{"id": object.get(p, "id", ""), "mode": p.mode, "disabled": p.disabled, "remote_networks": p.remote_networks} | some p in d.ipsec.phase2],
		"static_routes": [r.destination | some r in object.get(d, "static_routes", []); not r.disabled],
	},
} if {
	some d in lib.devices
	some v in lib.vpc_cidrs
	count(how(d, v)) == 0
}
