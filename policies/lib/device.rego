# METADATA
# title: Shared helpers of the on-prem checks
# description: |
#   What the on-prem checks need to know about an edge device, derived once: the networks it
#   serves, its IPsec tunnels to AWS, when the checks apply, and how a verdict of the
#   hybridcheck.device_allows built-in becomes a finding that cites the deciding rule.
# schemas:
#   - input: schema.snapshot
package hybridcheck.lib.device

import data.hybridcheck.lib

no_device := "no device export in the snapshot"

# The reason a check on the device's firewall cannot run, undefined when it can.
firewall_not_applicable := no_device if {
	not lib.has_device
} else := "node CIDRs are unknown (see HN-CIDR-03)" if {
	count(lib.node_cidrs) == 0
}

vpc_not_applicable := firewall_not_applicable if {
	firewall_not_applicable
} else := "the cluster VPC's CIDRs are unknown (see HN-VPC-01)" if {
	count(lib.vpc_cidrs) == 0
}

# For flows among the pods alone.
pod_only_not_applicable := no_device if {
	not lib.has_device
} else := "pod CIDRs are unknown (see HN-CIDR-03)" if {
	count(lib.pod_cidrs) == 0
}

pods_not_applicable := vpc_not_applicable if {
	vpc_not_applicable
} else := "pod CIDRs are unknown (see HN-CIDR-03)" if {
	count(lib.pod_cidrs) == 0
}

software_vpn := object.get(lib.intent, "software_vpn", "")

# IPsec to AWS: a Site-to-Site VPN, or a software VPN that speaks IPsec.
ipsec_vpn if lib.connectivity == "site-to-site-vpn"

ipsec_vpn if {
	lib.connectivity == "software-vpn"
	software_vpn == "ipsec"
}

ipsec_not_applicable := no_device if {
	not lib.has_device
} else := sprintf("connectivity is %q, not an IPsec VPN", [lib.connectivity]) if {
	not ipsec_vpn
} else := "no AWS VPN tunnel in the snapshot (see HN-VPN-01)" if {
	count(lib.tunnel_ips) == 0
}

# no_static_wan(traffic): a finding for each device whose export has no static WAN address
# (one assigned at run time, by DHCP or PPPoE, is not in the file), so the VPN traffic to the
# AWS tunnels, named by traffic, cannot be checked against the rules that match the WAN address.
no_static_wan(traffic) := {{
	"resource": d.name,
	"message": sprintf("no static WAN address in its export (assigned at run time?), so %s to %s cannot be checked", [traffic, concat(", ", lib.tunnel_ips)]),
	"evidence": {"wan_addresses": d.wan_addresses},
} |
	some d in lib.devices
	count(d.wan_addresses) == 0
}

# phase1_not_applicable: the checks of an existing tunnel's settings (phase 2 selectors,
# proposals, DPD) have nothing to judge when no device has a phase 1 to an AWS tunnel;
# HN-IPS-01 reports that gap itself.
phase1_not_applicable := ipsec_not_applicable if {
	ipsec_not_applicable
} else := "no enabled phase 1 on the device points at an AWS tunnel address, so there is no tunnel to judge (see HN-IPS-01)" if {
	count([p | some d in lib.devices; some p in aws_phase1s(d)]) == 0
}

# resource names a device, or a device and what on it a result is about.
resource(device, what) := sprintf("%s: %s", [device.name, what])

# Interface ids (name and OS device) of the device's WAN interfaces.
wan_ids(device) := {id |
	some i in device.interfaces
	i.role == "wan"
	some id in [i.name, object.get(i, "device", "")]
	id != ""
}

# Networks on the device's inside: enabled interfaces other than WAN, IPsec and loopback.
inside_networks(device) := {n |
	some i in device.interfaces
	i.enabled
	not i.role in {"wan", "ipsec", "vti", "loopback"}
	some n in i.networks
}

route_destinations(device) := {r.destination |
	some r in object.get(device, "static_routes", [])
	not r.disabled
}

# served(device, cidrs) is the part of cidrs the device actually has behind it: its inside
# networks and static routes within each CIDR, or the CIDR itself when a network or route
# holds it whole or when the device shows none of it (the flow is then asked about the whole
# CIDR, and fails where the device cannot place it). Flows from node CIDRs use this, because
# addresses of a /16 that lie on none of the device's /24s would otherwise be taken to enter
# from the internet.
served(device, cidrs) := sort({n | some c in cidrs; some n in served_one(device, c)})

served_one(device, c) := {c} if {
	some n in (inside_networks(device) | route_destinations(device))
	net.cidr_contains(n, c)
} else := parts if {
	parts := {n |
		some n in (inside_networks(device) | route_destinations(device))
		net.cidr_contains(c, n)
	}
	count(parts) > 0
} else := {c}

# --- flows and verdicts -------------------------------------------------------------------

# aws_context is what the device cannot know about AWS, passed with every flow: the AWS-side
# prefixes (the cluster VPC's CIDRs, which AWS advertises over BGP) and each tunnel's inside
# addresses and ASNs, so that the evaluator places the VPC where the device's own routing
# sends it (static routes, VTIs, BGP from the AWS inside addresses, phase 2 selectors).
aws_context := {
	"cidrs": lib.vpc_cidrs,
	"tunnels": [{
		"outside_address": t.outside_ip_address,
		"aws_inside_address": object.get(t, "aws_inside_address", ""),
		"customer_inside_address": object.get(t, "customer_inside_address", ""),
		"aws_asn": object.get(aws_asns, lib.vpn_target(c), 0),
		"customer_asn": object.get(object.get(lib.customer_gateways_by_id, c.customer_gateway_id, {}), "bgp_asn", 0),
	} |
		some c in lib.hybrid_vpn_connections
		some t in c.tunnels
	],
}

aws_asns := {g.id: g.amazon_side_asn |
	some g in array.concat(object.get(lib.aws, "vpn_gateways", []), object.get(lib.aws, "transit_gateways", []))
}

# A case pairs the flow as the catalog words it (its description, for the resource name) with
# the flow asked of the device (sources and destinations as the device serves them).
case(protocol, port, source_labels, destination_labels, flow_sources, flow_destinations) := {
	"description": sprintf("%s %s -> %s", [protocol_text(protocol, port, null), concat(",", source_labels), concat(",", destination_labels)]),
	"flow": {"protocol": protocol, "sources": flow_sources, "destinations": flow_destinations, "port": port, "aws": aws_context},
}

# icmp_case asks about one ICMP type, or every type when icmp_type is null.
icmp_case(icmp_type, source_labels, destination_labels, flow_sources, flow_destinations) := {
	"description": sprintf("%s %s -> %s", [protocol_text("icmp", 0, icmp_type), concat(",", source_labels), concat(",", destination_labels)]),
	"flow": object.union(
		{"protocol": "icmp", "sources": flow_sources, "destinations": flow_destinations, "port": 0, "aws": aws_context},
		{"icmp_type": icmp_type | icmp_type != null},
	),
}

# name_case asks about host names (AWS endpoints) rather than addresses, with each name's
# published AWS address ranges when the snapshot has them (collect --aws-ip-ranges): an address
# alias holds a public endpoint only where it covers those ranges.
name_case(protocol, port, source_labels, flow_sources, names) := name_case_with_ranges(
	protocol, port, source_labels, flow_sources, names,
	{n: r | some n in names; r := published_ranges(n); count(r) > 0},
)

# name_case_with_ranges is name_case with the address ranges of each name given by the caller
# (names that are not AWS endpoints of the region, such as Palette's, have none: an address
# alias of public addresses is then unknown for them).
name_case_with_ranges(protocol, port, source_labels, flow_sources, names, ranges) := {
	"description": sprintf("%s %s -> %s", [protocol_text(protocol, port, null), concat(",", source_labels), concat(",", names)]),
	"flow": {
		"protocol": protocol, "sources": flow_sources, "destinations": [], "port": port, "destination_names": names,
		"destination_ranges": ranges,
		"aws": aws_context,
	},
}

# The ip-ranges.json service an endpoint's addresses are published under: hybrid-assets is
# served by CloudFront (GLOBAL), the SSM installer bucket by S3, every other regional endpoint
# lies in the region's AMAZON ranges.
range_service(name) := "CLOUDFRONT" if {
	name == "hybrid-assets.eks.amazonaws.com"
} else := "S3" if {
	regex.match(`(^|\.)s3[.-]`, name)
} else := "AMAZON"

range_region(name) := "GLOBAL" if range_service(name) == "CLOUDFRONT"

else := lib.region

# published_ranges is empty when the snapshot has no ranges for the name: the evaluator then
# answers unknown for address aliases with public addresses, rather than guess.
published_ranges(name) := [p.ip_prefix |
	some p in object.get(object.get(input, "aws_ip_ranges", {}), "prefixes", [])
	p.service == range_service(name)
	p.region == range_region(name)
]

protocol_text(protocol, port, icmp_type) := sprintf("%v/%d", [protocol, port]) if {
	port > 0
} else := sprintf("%v/%d", [protocol, icmp_type]) if {
	icmp_type != null
} else := sprintf("%v", [protocol])

# ref_text cites a rule reference of the built-in: the rule, its description and location, or
# the default policy that applied.
ref_text(ref) := sprintf("the default %s policy of %s on %s", [ref["default"], ref.chain, ref.interface]) if {
	object.get(ref, "default", "") != ""
	object.get(ref, "interface", "") != ""
} else := sprintf("the default %s policy of %s", [ref["default"], ref.chain]) if {
	object.get(ref, "default", "") != ""
} else := sprintf("%s rule %d%s%s", [ref.chain, ref.index, described(ref), located(ref)])

described(ref) := sprintf(" (%s)", [ref.description]) if ref.description != ""

else := ""

located(ref) := sprintf(" at %s:%d", [ref.location.file, ref.location.line]) if {
	object.get(object.get(ref, "location", {}), "line", 0) > 0
} else := sprintf(" at %s %s", [ref.location.file, ref.location.path]) if {
	object.get(object.get(ref, "location", {}), "path", "") != ""
} else := ""

# verdict asks the hybridcheck.device_allows built-in about one case on one device; a flow
# check's verdicts are one per device and case.
verdict(device, c) := {"device": device, "case": c, "result": hybridcheck.device_allows(device, c.flow)}

# passes, failures and undecided_findings turn a flow check's verdicts into its checked, deny
# and unknown entries, the same way for every flow check:
#   checked contains r if some r in devlib.passes(verdicts)
passes(verdicts) := {passed(v) | some v in verdicts; v.result.allowed}

failures(verdicts) := {finding(v) | some v in verdicts; fails(v.result)}

undecided_findings(verdicts) := {unknown_finding(v) | some v in verdicts; undecided(v.result)}

# fails: the device blocks part of the flow, or allows none of it while nothing is unknown.
# A flow whose only obstacle is what the snapshot cannot settle is unknown, not failed.
fails(result) if count(result.blocked) > 0

fails(result) if {
	not result.allowed
	count(object.get(result, "unknown", [])) == 0
}

undecided(result) if {
	count(result.blocked) == 0
	count(object.get(result, "unknown", [])) > 0
}

# finding turns a verdict {"device", "case", "result"} that does not allow its flow into a
# deny entry naming each blocked part and the rule (or default) that blocks it.
finding(v) := {
	"resource": resource(v.device, v.case.description),
	"message": sprintf("not allowed: %s", [concat("; ", blocked_texts(v.result))]),
	"evidence": evidence(v),
}

# unknown_finding: the snapshot does not settle part of the flow (a rule with a match the
# evaluator cannot model, or where the device routes an AWS prefix); the message says what.
unknown_finding(v) := {
	"resource": resource(v.device, v.case.description),
	"message": sprintf("cannot be decided: %s", [concat("; ", unknown_texts(v.result))]),
	"evidence": evidence(v),
}

unknown_texts(result) := [sprintf("%s -> %s: %s", [concat(",", u.sources), concat(",", u.destinations), u.reason]) |
	some u in result.unknown
]

blocked_texts(result) := [sprintf("%s -> %s blocked by %s", [concat(",", b.sources), concat(",", b.destinations), ref_text(b.by)]) |
	some b in result.blocked
]

passed(v) := {
	"resource": resource(v.device, v.case.description),
	"message": allowed_text(v.result),
}

allowed_text(result) := sprintf("allowed by %s", [concat(", ", sort([ref_text(r) | some r in result.allowed_by]))]) if {
	count(result.allowed_by) > 0
} else := "allowed without a rule (the device passes this direction by default)"

evidence(v) := object.union(base_evidence(v), {"destination_ranges": r | r := v.case.flow.destination_ranges})

base_evidence(v) := {
	"device": v.device.name,
	"flow": object.remove(v.case.flow, ["aws", "destination_ranges"]),
	"routing": object.get(v.result, "routing", []),
	"unknown": object.get(v.result, "unknown", []),
	"allowed": v.result.allowed,
	"partially_allowed": v.result.partially_allowed,
	"allowed_by": v.result.allowed_by,
	"blocked": v.result.blocked,
	"ingress_interface": v.result.ingress_interface,
	"notes": v.result.notes,
}

# --- IPsec to AWS ---------------------------------------------------------------------------

tunnel_ip_set := {ip | some ip in lib.tunnel_ips}

tunnels_by_ip := {t.outside_ip_address: t | some c in lib.hybrid_vpn_connections; some t in c.tunnels}

# The enabled phase 1 entries of a device whose remote gateway is an AWS tunnel.
aws_phase1s(device) := [p |
	some p in device.ipsec.phase1
	not p.disabled
	p.remote_gateway in tunnel_ip_set
]

# phase1_text names a phase 1 for resources and messages.
phase1_text(p) := sprintf("phase 1 %s (%s)", [p.id, p.remote_gateway])

# The enabled phase 2 entries of each phase 1, grouped in one pass over the phase 2 list (OPA
# indexes the inner comprehension on phase1_id).
phase2s_by_phase1(device) := {id: [p2 |
	some p2 in device.ipsec.phase2
	p2.phase1_id == id
	not p2.disabled
] |
	some id in {p2.phase1_id | some p2 in device.ipsec.phase2}
}

# --- routing ---------------------------------------------------------------------------------

interface_by_id(device) := {id: i |
	some i in device.interfaces
	some id in [i.name, object.get(i, "device", "")]
	id != ""
}

gateway_interface(device) := {g.name: object.get(g, "interface", "") | some g in object.get(device, "gateways", [])}

# route_interface is the interface a static route leaves by: its own, else its gateway's.
route_interface(device, route) := interface_by_id(device)[route.interface] if {
	object.get(route, "interface", "") != ""
} else := interface_by_id(device)[gateway_interface(device)[route.gateway]]
