# METADATA
# title: Phase 2 covers the node and pod CIDRs to the VPC
# description: |
#   For each phase 1 to an AWS tunnel, the phase 2 security associations (tunnel mode) must
#   carry node CIDRs <-> VPC CIDRs and pod CIDRs <-> VPC CIDRs (Inter-site 6); a remote network
#   may be split, per node subnet, as long as every part the device has behind it is covered.
#   A tunnel with a VTI phase 2 is route-based instead: it then needs the device to route every
#   VPC CIDR through a VTI, by a static route or by BGP learned from an AWS tunnel's inside
#   address (an ISP or other BGP peer does not count); unknown when that cannot be determined. Checked per tunnel, because the second tunnel takes
#   over when the first goes down.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html
# schemas:
#   - input: schema.snapshot
# custom:
#   id: HN-IPS-02
#   severity: critical
#   remediation: Add phase 2 entries (tunnel mode) for node CIDR -> VPC CIDR and pod CIDR -> VPC CIDR under every phase 1 to AWS, or use VTI with routes for the VPC CIDRs.
#   applies_when: connectivity is vpn
package hybridcheck.onprem.ipsec.phase2_selectors

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib

not_applicable := devlib.phase1_not_applicable if {
	devlib.phase1_not_applicable
} else := devlib.vpc_not_applicable

route_based(p2s) if {
	some p2 in p2s
	p2.mode == "vti"
}

# covered(d, p2s, r, v): every part of remote CIDR r that the device has is a local network
# of a tunnel-mode phase 2 among p2s (those of one phase 1) whose remote networks hold v.
covered(d, p2s, r, v) if {
	locals := {l |
		some p2 in p2s
		p2.mode in {"tunnel", "tunnel6"}
		some rn in p2.remote_networks
		net.cidr_contains(rn, v)
		some l in p2.local_networks
	}
	every part in devlib.served(d, [r]) {
		lib.covered(part, locals)
	}
}

# How the device routes each VPC CIDR, from the flow evaluator: static routes, and BGP only
# from an AWS tunnel's inside address with the right ASNs on the VTI holding it.
vpc_parts(d) := {r.cidr: r.parts | some r in hybridcheck.device_routes(d, devlib.aws_context)}

routed_through_vti(d, v) if {
	every p in vpc_parts(d)[v] {
		p.vpn
	}
}

undetermined(d, v) if {
	some p in vpc_parts(d)[v]
	p.via == "undetermined"
}

missing(d, p2s) := [sprintf("route to %s through the VTI", [v]) |
	some v in lib.vpc_cidrs
	not routed_through_vti(d, v)
	not undetermined(d, v)
] if {
	route_based(p2s)
} else := [sprintf("%s <-> %s", [r, v]) |
	some r in lib.remote_cidrs
	some v in lib.vpc_cidrs
	not covered(d, p2s, r, v)
]

checked contains devlib.resource(d, devlib.phase1_text(p1)) if {
	some d in lib.devices
	some p1 in devlib.aws_phase1s(d)
}

deny contains {
	"resource": devlib.resource(d, devlib.phase1_text(p1)),
	"message": sprintf("lacks %s", [concat(", ", gaps)]),
	"evidence": {
		"phase1": p1.id,
		"remote_gateway": p1.remote_gateway,
		"missing": gaps,
		"phase2": [{"id": object.get(p2, "id", ""), "mode": p2.mode, "local_networks": p2.local_networks, "remote_networks": p2.remote_networks, "location": object.get(p2, "location", null)} |
			some p2 in p2s
		],
	},
} if {
	some d in lib.devices
	phase2s := devlib.phase2s_by_phase1(d)
	some p1 in devlib.aws_phase1s(d)
	p2s := object.get(phase2s, p1.id, [])
	gaps := missing(d, p2s)
	count(gaps) > 0
}

unknown contains {
	"resource": devlib.resource(d, devlib.phase1_text(p1)),
	"message": sprintf("route-based tunnel: where the device routes %s is not determined", [concat(", ", vs)]),
	"evidence": {"phase1": p1.id, "routing": [vpc_parts(d)[v] | some v in vs]},
} if {
	some d in lib.devices
	phase2s := devlib.phase2s_by_phase1(d)
	some p1 in devlib.aws_phase1s(d)
	route_based(object.get(phase2s, p1.id, []))
	vs := [v | some v in lib.vpc_cidrs; undetermined(d, v)]
	count(vs) > 0
}
