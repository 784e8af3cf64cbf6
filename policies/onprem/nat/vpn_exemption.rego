# METADATA
# title: No NAT between the remote networks and the VPC
# description: |
#   Traffic between the node or pod CIDRs and the VPC CIDRs must keep its addresses (Inter-site
#   9): the cluster reaches kubelets and webhooks by node and pod address. "Translates" means,
#   per outbound NAT mode: disabled, nothing; advanced or a plain rule set (nftables, iptables),
#   an enabled source-translating rule (outbound, snat, masquerade, one-to-one) whose source
#   and destination match any part of a remote network and a VPC CIDR, in either direction,
#   with no earlier no-NAT exemption covering the whole pair; hybrid, the same for the manual
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
#   rationale: "EKS requires node and pod addresses to reach the VPC untranslated; NAT in between breaks kubelet, webhooks and return traffic."
#   seed: "Inter-site 9"
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

touches(ep, c) if {
	ep["not"]
	not holds(ep, c)
}

# holds(ep, c): the endpoint matches every address of c.
holds(ep, _) if {
	ep.any
	not ep["not"]
}

holds(ep, c) if {
	not ep.any
	not ep["not"]
	some x in object.get(ep, "cidrs", [])
	net.cidr_contains(x, c)
}

exempts(e, pair) if {
	not e.disabled
	e.no_nat
	holds(e.source, pair[0])
	holds(e.destination, pair[1])
}

rule_text(r) := sprintf("NAT rule %d%s", [r.index, devlib.described(r)])

pair_key(pair) := concat(">", pair)

# The index of the first exemption covering each pair, built once per device so that each
# translating rule is compared with it rather than with every rule above it.
first_exemption(d) := {pair_key(pair): min(indexes) |
	some pair in array.concat(outbound_pairs, inbound_pairs)
	indexes := {e.index | some e in nat_rules(d); exempts(e, pair)}
	count(indexes) > 0
}

manual_translations(d) := [{"rule": rule_text(t), "location": object.get(t, "location", null), "source": pair[0], "destination": pair[1]} |
	mode(d) != "automatic"
	mode(d) != "disabled"
	exemptions := first_exemption(d)
	some t in nat_rules(d)
	not t.disabled
	not t.no_nat
	t.kind in source_translating
	some pair in rule_pairs(d, t)
	touches(t.source, pair[0])
	touches(t.destination, pair[1])
	not object.get(exemptions, pair_key(pair), t.index) < t.index
]

automatic_translations(d) := [{"rule": sprintf("automatic outbound NAT (mode %s) of %s", [mode(d), s]), "source": r, "destination": v} |
	mode(d) in {"automatic", "hybrid"}
	some r in lib.remote_cidrs
	some v in lib.vpc_cidrs
	some s in automatic_sources(d)
	net.cidr_intersects(s, r)
	not manual_exemption(d, [r, v])
]

# pfSense ignores the manual rules, exemptions included, in automatic mode.
manual_exemption(d, pair) if {
	mode(d) == "hybrid"
	some e in nat_rules(d)
	exempts(e, pair)
}

checked contains d.name if some d in lib.devices

deny contains {
	"resource": d.name,
	"message": sprintf("%s translates traffic between the remote networks and the VPC: %s", [d.name, concat("; ", sort({sprintf("%s -> %s by %s", [t.source, t.destination, t.rule]) | some t in translations}))]),
	"evidence": {"outbound_mode": mode(d), "translations": translations},
} if {
	some d in lib.devices
	translations := array.concat(manual_translations(d), automatic_translations(d))
	count(translations) > 0
}
