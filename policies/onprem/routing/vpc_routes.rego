# METADATA
# title: Device routes the VPC into the VPN
# description: |
#   Every VPC CIDR must leave the device through the VPN (Inter-site 10), as the device's own
#   routing decides: an enabled tunnel-mode phase 2 whose remote networks hold it (policy-based
#   IPsec, which captures traffic before the routing table), a static route for it through a
#   VTI or another non-WAN interface (route-based IPsec, a software VPN, a central VPN gateway
#   on the inside), or routes learned over BGP from an AWS tunnel's inside address with the
#   AWS-side and customer gateway ASNs, on the VTI holding that address (over Direct Connect,
#   a BGP peer other than the nodes). A VPC CIDR the device would send to its default route
#   goes to the internet instead; where the routing cannot be determined the result is unknown.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html
# schemas:
#   - input: schema.snapshot
# custom:
#   id: HN-ONP-05
#   severity: high
#   remediation: Add phase 2 entries whose remote network is each VPC CIDR, or a static route for each VPC CIDR through the tunnel interface (VTI), or BGP peering with AWS.
#   applies_when: a device is in the snapshot
package hybridcheck.onprem.routing.vpc_routes

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib

not_applicable := devlib.vpc_not_applicable

# How the device routes each VPC CIDR, derived by the flow evaluator in the device's own
# precedence (phase 2 selectors, then connected, static and AWS-BGP routes by longest prefix,
# then the default route); a BGP neighbour counts only at an AWS tunnel inside address with
# the right ASNs, on the interface that holds that address.
parts(d) := {r.cidr: r.parts | some r in hybridcheck.device_routes(d, devlib.aws_context)}

# into_vpn: the part leaves by the VPN (IPsec or a VTI), or by a static route through another
# inside interface (a software VPN or a central VPN gateway on the inside).
into_vpn(_, p) if p.vpn

into_vpn(d, p) if {
	p.via in {"static", "connected"}
	not p.interface in devlib.wan_ids(d)
}

# Over Direct Connect the device peers with the DX router, not a tunnel: any BGP neighbour
# outside the node CIDRs stands for it.
dx_bgp_peers(d) := [n.address |
	lib.connectivity == "direct-connect"
	d.bgp.enabled
	some n in d.bgp.neighbors
	n.enabled
	not lib.covered(n.address, lib.node_cidrs)
]

part_text(p) := sprintf("%s not determined: %s", [concat(",", p.cidrs), p.reason]) if {
	p.via == "undetermined"
} else := sprintf("%s via %s (%s)", [concat(",", p.cidrs), p.interface, p.reason])

routed(d, v) if {
	count(dx_bgp_peers(d)) > 0
} else if {
	every p in parts(d)[v] {
		into_vpn(d, p)
	}
}

wrong_parts(d, v) := [p |
	some p in parts(d)[v]
	p.via != "undetermined"
	not into_vpn(d, p)
]

undetermined_parts(d, v) := [p | some p in parts(d)[v]; p.via == "undetermined"]

checked contains {"resource": devlib.resource(d, v), "message": sprintf("routed into the VPN: %s", [concat("; ", [part_text(p) | some p in parts(d)[v]])])} if {
	some d in lib.devices
	some v in lib.vpc_cidrs
	count(dx_bgp_peers(d)) == 0
	routed(d, v)
}

checked contains {"resource": devlib.resource(d, v), "message": sprintf("routed over Direct Connect by BGP with %s", [concat(", ", dx_bgp_peers(d))])} if {
	some d in lib.devices
	some v in lib.vpc_cidrs
	count(dx_bgp_peers(d)) > 0
}

evidence(d, v) := {
	"vpc_cidr": v,
	"routing": parts(d)[v],
	"phase2_remote_networks": [{"id": object.get(p, "id", ""), "mode": p.mode, "disabled": p.disabled, "remote_networks": p.remote_networks} | some p in d.ipsec.phase2],
	"static_routes": [r.destination | some r in object.get(d, "static_routes", []); not r.disabled],
}

deny contains {
	"resource": devlib.resource(d, v),
	"message": sprintf("not routed into the VPN: %s", [concat("; ", [part_text(p) | some p in wrong])]),
	"evidence": evidence(d, v),
} if {
	some d in lib.devices
	some v in lib.vpc_cidrs
	not routed(d, v)
	wrong := wrong_parts(d, v)
	count(wrong) > 0
}

unknown contains {
	"resource": devlib.resource(d, v),
	"message": sprintf("where the device routes it is not determined: %s", [concat("; ", [part_text(p) | some p in undetermined_parts(d, v)])]),
	"evidence": evidence(d, v),
} if {
	some d in lib.devices
	some v in lib.vpc_cidrs
	not routed(d, v)
	count(wrong_parts(d, v)) == 0
}
