# METADATA
# title: No NAT between the remote networks and the VPC
# description: |
#   Traffic between the node or pod CIDRs and the VPC CIDRs must keep its addresses (Inter-site
#   9): the cluster reaches kubelets and webhooks by node and pod address. "Translates" means,
#   per outbound NAT mode: disabled, nothing; advanced or a plain rule set (nftables, iptables),
#   an enabled source-translating rule (outbound, snat, masquerade, one-to-one) whose source
#   and destination match any part of a remote network and a VPC CIDR, in either direction
#   (a negated destination such as "! 10.100.0.0/16" does not match the VPC), unless the
#   no-NAT exemptions above it on the same interface and covering its protocol together (one
#   rule or a union, such as two /17s for a /16) hold the whole pair; hybrid, the same for the manual
#   rules, and then pfSense's automatic rules, which translate every inside network of the
#   device to any destination, the VPC included, unless a manual exemption covers the pair;
#   automatic, the automatic rules with no exemption possible, since pfSense ignores manual
#   rules in that mode. The check does not trust the tunnel to take the traffic before NAT
#   does: Linux masquerades in postrouting before the IPsec policy lookup, and a pfSense
#   tunnel that is down or a phase 2 that does not match leaves the traffic to the WAN rules.
# related_resources:
#   - ref: https://docs.netgate.com/pfsense/en/latest/nat/outbound.html
#   - ref: https://docs.aws.amazon.com/vpn/latest/s2svpn/your-cgw.html
# schemas:
#   - input: schema.snapshot
# custom:
#   id: HN-ONP-03
#   severity: critical
#   remediation: Use hybrid outbound NAT and add, above the translating rules, no-NAT rules from the node and pod CIDRs to the VPC CIDRs (nftables/iptables - an accept or RETURN in the NAT chain before the masquerade).
#   applies_when: a device is in the snapshot
package hybridcheck.onprem.nat.vpn_exemption

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib

not_applicable := devlib.vpc_not_applicable

source_translating := {"outbound", "snat", "masquerade", "one-to-one"}

mode(d) := object.get(object.get(d, "nat", {}), "outbound_mode", "automatic")

nat_rules(d) := object.get(object.get(d, "nat", {}), "rules", [])

automatic_sources(d) := devlib.inside_networks(d) | devlib.route_destinations(d)

# The (source, destination) pairs that must not be translated: outbound to the VPC, and
# inbound from it (a translation on the way to the nodes hides the cluster's addresses).
outbound_pairs := [[r, v] | some r in lib.remote_cidrs; some v in lib.vpc_cidrs]

inbound_pairs := [[v, r] | some r in lib.remote_cidrs; some v in lib.vpc_cidrs]

# Inbound traffic leaves by an inside interface, so a rule bound to the WAN cannot touch it.
applies_inbound(d, t) if not object.get(t, "interface", "") in devlib.wan_ids(d)

rule_pairs(d, t) := array.concat(outbound_pairs, [p | applies_inbound(d, t); some p in inbound_pairs])

# touches(ep, c): the rule endpoint matches some address of c.
touches(ep, _) if {
	ep.any
	not ep["not"]
}

touches(ep, c) if {
	not ep.any
	not ep["not"]
	some x in object.get(ep, "cidrs", [])
	net.cidr_intersects(x, c)
}

# A negated endpoint ("! 10.100.0.0/16", the classic exemption written as a translation to
# everything but the VPC) matches c only where c reaches outside its CIDRs.
touches(ep, c) if {
	ep["not"]
	not ep.any
	not lib.covered_by_union(c, object.get(ep, "cidrs", []))
}

# cover(ep, c): the CIDRs of c that the endpoint matches, as far as the check can tell (for a
# negated endpoint, all of c when none of its CIDRs meet c).
cover(ep, c) := [c] if {
	ep.any
	not ep["not"]
} else := [x | some x in object.get(ep, "cidrs", [])] if {
	not ep["not"]
} else := [c] if {
	not ep.any
	every x in object.get(ep, "cidrs", []) {
		not net.cidr_intersects(x, c)
	}
} else := []

holds(ep, c) if lib.covered_by_union(c, cover(ep, c))

# An exemption works only on the interface where the translation happens (NAT rules apply to
# traffic leaving by their interface; an empty interface means every one) and only for the
# packets of its protocol: a TCP-only exemption leaves ICMP and UDP to the translation.
same_interface(e, _) if object.get(e, "interface", "") == ""

same_interface(e, t) if object.get(e, "interface", "") == object.get(t, "interface", "")

any_protocol(r) if lower(object.get(r, "protocol", "any")) in {"any", "", "all", "ip"}

protocol_covers(e, _) if any_protocol(e)

protocol_covers(e, t) if {
	not any_protocol(t)
	lower(e.protocol) == lower(t.protocol)
}

# The exemptions that stand before the translating rule t: enabled no-NAT rules above it, on
# its interface, covering its protocol.
exemptions_before(d, t) := [e |
	some e in nat_rules(d)
	not e.disabled
	e.no_nat
	e.index < t.index
	same_interface(e, t)
	protocol_covers(e, t)
]

# exempted(es, pair): together, the exemptions hold the pair, as one rule or as a union (two
# /17s for the node /16) over the sources or over the destinations.
exempted(es, pair) if {
	srcs := [x | some e in es; holds(e.destination, pair[1]); some x in cover(e.source, pair[0])]
	lib.covered_by_union(pair[0], srcs)
}

exempted(es, pair) if {
	dsts := [x | some e in es; holds(e.source, pair[0]); some x in cover(e.destination, pair[1])]
	lib.covered_by_union(pair[1], dsts)
}

rule_text(r) := sprintf("NAT rule %d%s", [r.index, devlib.described(r)])

manual_translations(d) := [{"rule": rule_text(t), "location": object.get(t, "location", null), "source": pair[0], "destination": pair[1]} |
	mode(d) != "automatic"
	mode(d) != "disabled"
	some t in nat_rules(d)
	not t.disabled
	not t.no_nat
	t.kind in source_translating
	some pair in rule_pairs(d, t)
	touches(t.source, pair[0])
	touches(t.destination, pair[1])
	not exempted(exemptions_before(d, t), pair)
]

# pfSense's automatic rules translate on each WAN, after every manual rule, for any protocol.
automatic_rule(w) := {"index": 1000000000, "interface": w, "protocol": "any"}

automatic_translations(d) := [{"rule": sprintf("automatic outbound NAT (mode %s) of %s", [mode(d), s]), "source": r, "destination": v} |
	mode(d) in {"automatic", "hybrid"}
	some r in lib.remote_cidrs
	some v in lib.vpc_cidrs
	some s in automatic_sources(d)
	net.cidr_intersects(s, r)
	some w in wan_names(d)
	not manual_exemption(d, automatic_rule(w), [r, v])
]

wan_names(d) := {i.name | some i in d.interfaces; i.role == "wan"} | {"wan" | not has_wan(d)}

has_wan(d) if {
	some i in d.interfaces
	i.role == "wan"
}

# pfSense ignores the manual rules, exemptions included, in automatic mode.
manual_exemption(d, t, pair) if {
	mode(d) == "hybrid"
	exempted(exemptions_before(d, t), pair)
}

checked contains d.name if some d in lib.devices

deny contains {
	"resource": d.name,
	"message": sprintf("translates traffic between the remote networks and the VPC: %s", [concat("; ", sort({sprintf("%s -> %s by %s", [t.source, t.destination, t.rule]) | some t in translations}))]),
	"evidence": {"outbound_mode": mode(d), "translations": translations},
} if {
	some d in lib.devices
	translations := array.concat(manual_translations(d), automatic_translations(d))
	count(translations) > 0
}
