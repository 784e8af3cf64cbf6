# METADATA
# title: BGP neighbors for the AWS tunnels
# description: |
#   With dynamic routing, each tunnel carries a BGP session between its inside addresses: the
#   device needs an enabled neighbor at the tunnel's AWS inside address whose remote ASN is the
#   AWS-side ASN of the VGW or TGW, its own ASN must be the customer gateway's, and it must
#   advertise the node and pod CIDRs (Inter-site 10), or AWS never learns the routes back.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "With BGP routing, each tunnel needs a BGP neighbor on its inside address, or no routes are exchanged."
#   seed: "Inter-site 10"
#   id: HN-IPS-05
#   severity: high
#   remediation: Add a BGP neighbor per tunnel at its AWS inside address with the AWS-side ASN, run BGP with the customer gateway's ASN, and advertise the node and pod CIDRs.
#   applies_when: routing is bgp
package hybridcheck.onprem.ipsec.bgp_neighbors

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib

not_applicable := devlib.ipsec_not_applicable if {
	devlib.ipsec_not_applicable
} else := sprintf("routing is %q, not bgp", [lib.routing]) if {
	lib.routing != "bgp"
}

aws_asns := {g.id: g.amazon_side_asn |
	some g in array.concat(object.get(lib.aws, "vpn_gateways", []), object.get(lib.aws, "transit_gateways", []))
}

customer_asns := {g.id: g.bgp_asn | some g in object.get(lib.aws, "customer_gateways", [])}

# Each tunnel of the hybrid VPN connections with the ASNs its session must use.
sessions := [{
	"tunnel": t.outside_ip_address,
	"aws_inside_address": t.aws_inside_address,
	"aws_asn": object.get(aws_asns, lib.vpn_target(c), 0),
	"customer_asn": object.get(customer_asns, c.customer_gateway_id, 0),
} |
	some c in lib.hybrid_vpn_connections
	some t in c.tunnels
]

# The device's BGP settings, {} when it has none.
bgp(d) := b if {
	b := object.get(d, "bgp", null)
	b != null
} else := {}

neighbors(d) := {n.address: n | some n in object.get(bgp(d), "neighbors", [])}

problems(d, s) := (((({"BGP is not configured or not enabled" |
	not bgp(d).enabled
} | {sprintf("no neighbor at the tunnel's AWS inside address %s", [s.aws_inside_address]) |
	not neighbors(d)[s.aws_inside_address]
}) | {sprintf("neighbor %s is disabled", [s.aws_inside_address]) |
	neighbors(d)[s.aws_inside_address].enabled == false
}) | {sprintf("neighbor %s has remote ASN %d, AWS's side is %d", [s.aws_inside_address, n.remote_asn, s.aws_asn]) |
	n := neighbors(d)[s.aws_inside_address]
	n.remote_asn != s.aws_asn
}) | {sprintf("local ASN %d is not the customer gateway's %d", [bgp(d).local_asn, s.customer_asn]) |
	bgp(d).enabled
	bgp(d).local_asn != s.customer_asn
}) | {sprintf("%s is not advertised", [r]) |
	count(bgp(d)) > 0
	some r in lib.remote_cidrs
	not lib.covered(r, object.get(bgp(d), "networks", []))
}

checked contains devlib.resource(d, sprintf("tunnel %s", [s.tunnel])) if {
	some d in lib.devices
	some s in sessions
}

deny contains {
	"resource": devlib.resource(d, sprintf("tunnel %s", [s.tunnel])),
	"message": concat("; ", sort([p | some p in ps])),
	"evidence": {
		"session": s,
		"problems": sort([p | some p in ps]),
		"local_asn": object.get(bgp(d), "local_asn", null),
		"networks": object.get(bgp(d), "networks", []),
		"neighbors": object.get(bgp(d), "neighbors", []),
	},
} if {
	some d in lib.devices
	some s in sessions
	ps := problems(d, s)
	count(ps) > 0
}
