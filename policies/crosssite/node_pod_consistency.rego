# METADATA
# title: AWS and the device agree on the node and pod CIDRs
# description: |
#   The node and pod CIDRs AWS uses (the cluster's remote networks, else the intent, plus the
#   VPN connection's static routes) must be the ones the device uses. Two ways they part:
#   a phase 2 toward the VPC whose local network lies outside every AWS node and pod CIDR
#   (AWS has no route back for it, and the tunnel's selectors disagree), unless it is a summary
#   holding them (0.0.0.0/0 <-> VPC, the single SA pair per tunnel AWS accepts), and an AWS node or pod
#   CIDR that appears nowhere on the device - in no phase 2, firewall rule, interface or
#   static route - so the device was built for other addresses.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-networking.html
# schemas:
#   - input: schema.snapshot
# custom:
#   id: HN-X-02
#   severity: high
#   remediation: Use the same node and pod CIDRs on both sides - update the cluster's remote networks (or the intent) and VPN static routes, or the device's phase 2, rules, interfaces and routes.
#   applies_when: a device is in the snapshot
package hybridcheck.crosssite.node_pod_consistency

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib

not_applicable := devlib.no_device if {
	not lib.has_device
} else := "node and pod CIDRs are unknown (see HN-CIDR-03)" if {
	count(lib.remote_cidrs) == 0
}

vpn_static_routes := {r.destination_cidr |
	some c in lib.hybrid_vpn_connections
	some r in object.get(c, "routes", [])
	lower(object.get(r, "source", "")) == "static"
}

aws_cidrs := {c | some c in lib.remote_cidrs} | vpn_static_routes

# Local networks of the device's phase 2 entries that lead to the VPC.
phase2_locals(d) := {l |
	some p2 in d.ipsec.phase2
	not p2.disabled
	some rn in p2.remote_networks
	lib.cidrs_overlap([rn], lib.vpc_cidrs)
	some l in p2.local_networks
}

# Every CIDR the device names: phase 2 selectors, rule and NAT endpoints, interfaces, routes.
# One comprehension per kind, walking each rule's source and destination in place: a helper
# call and a two-element set union per rule made this the costliest check on a device with
# thousands of rules (see BENCHMARKS.md).
device_cidrs(d) := ((({c |
	some p2 in d.ipsec.phase2
	some c in array.concat(p2.local_networks, p2.remote_networks)
} | {c |
	some ch in d.firewall.chains
	some r in ch.rules
	some ep in [r.source, r.destination]
	some c in object.get(ep, "cidrs", [])
}) | {c |
	some r in object.get(object.get(d, "nat", {}), "rules", [])
	some ep in [r.source, r.destination]
	some c in object.get(ep, "cidrs", [])
}) | devlib.inside_networks(d)) | devlib.route_destinations(d)

# Per device (by its index in lib.devices), computed once for every AWS CIDR.
device_cidr_sets := [device_cidrs(d) | some d in lib.devices]

# The device's CIDRs merged into the fewest blocks that hold the same addresses: a CIDR overlaps
# one of the device's CIDRs exactly when it overlaps one of these blocks, and thousands of rule
# CIDRs merge into far fewer blocks, so each AWS CIDR is tested against those, not every rule's.
device_cidr_blocks := [net.cidr_merge(cidrs) | some cidrs in device_cidr_sets]

checked contains devlib.resource(d, c) if {
	some d in lib.devices
	some c in (aws_cidrs | phase2_locals(d))
}

deny contains {
	"resource": devlib.resource(d, l),
	"message": sprintf("sent to the VPC through IPsec, but AWS's node and pod CIDRs (%s) do not hold it", [concat(", ", sort([c | some c in aws_cidrs]))]),
	"evidence": {"device_cidr": l, "aws_cidrs": sort([c | some c in aws_cidrs]), "aws_source": lib.remote_cidrs_source},
} if {
	some d in lib.devices
	some l in phase2_locals(d)
	not lib.covered(l, aws_cidrs)
	not summary_selector(l)
}

# AWS accepts one security association pair per tunnel, so a correct policy-based design may
# carry everything in a single phase 2 whose local network summarises the node and pod CIDRs
# (0.0.0.0/0 <-> VPC, or a supernet): that selector holds AWS's CIDRs rather than disagreeing.
summary_selector(l) if {
	some c in aws_cidrs
	net.cidr_contains(l, c)
}

deny contains {
	"resource": devlib.resource(d, c),
	"message": "AWS uses it as a node or pod CIDR, but the device uses it nowhere (phase 2, firewall rules, NAT, interfaces, static routes)",
	"evidence": {"aws_cidr": c, "aws_source": lib.remote_cidrs_source, "device_cidrs": sort([x | some x in device_cidr_sets[i]])},
} if {
	some i, d in lib.devices
	some c in aws_cidrs
	not lib.cidrs_overlap([c], device_cidr_blocks[i])
}
