# METADATA
# title: Direct Connect advertises the private subnets to the node and pod networks
# description: |
#   Over Direct Connect, on-prem routers only learn the VPC prefixes that the Direct Connect
#   gateway association allows; for the node and pod CIDRs to reach the private subnets, the
#   allowed prefixes of the association with the VGW or TGW must cover them.
# related_resources:
#   - ref: https://docs.aws.amazon.com/directconnect/latest/UserGuide/allowed-to-prefixes.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "The site learns the VPC's private subnets only if the Direct Connect path advertises them; otherwise nodes route VPC traffic elsewhere."
#   seed: "Inter-site 3 (info)"
#   id: HN-DX-03
#   severity: high
#   remediation: aws directconnect update-direct-connect-gateway-association --association-id ASSOCIATION_ID --add-allowed-prefixes-to-direct-connect-gateway cidr=PRIVATE_SUBNET_OR_VPC_CIDR
#   applies_when: connectivity is direct-connect
package hybridcheck.intersite.dx_prefixes

import data.hybridcheck.lib

not_applicable := reason if {
	reason := lib.dx_not_applicable
} else := "no Direct Connect virtual interface reaches the cluster VPC's gateway, so this check cannot run; see HN-DX-02" if {
	count(lib.hybrid_dx_vifs) == 0
}

# The cluster subnets the hybrid nodes reach: the private ones, or all when none is private.
private_subnets := [s | some s in lib.cluster_subnets; not s.id in lib.public_subnet_ids]

target_subnets := private_subnets if count(private_subnets) > 0

else := lib.cluster_subnets

# A virtual interface directly on the VGW learns the VPC CIDRs from it, with no prefix filter;
# one on a Direct Connect gateway learns only what the association allows.
checked contains v.id if {
	some v in lib.hybrid_dx_vifs
	object.get(v, "virtual_gateway_id", "") in lib.target_gateway_ids
}

checked contains a_id(a) if some a in lib.hybrid_dx_associations

a_id(a) := object.get(a, "id", "") if object.get(a, "id", "") != ""

else := sprintf("%s/%s", [a.direct_connect_gateway_id, a.associated_gateway_id])

deny contains {
	"resource": a_id(a),
	"message": sprintf("Direct Connect gateway association %s (%s with %s) is in state %s; expected associated", [a_id(a), a.direct_connect_gateway_id, a.associated_gateway_id, a.state]),
	"evidence": {"association_id": a_id(a), "direct_connect_gateway_id": a.direct_connect_gateway_id, "associated_gateway_id": a.associated_gateway_id, "state": a.state},
} if {
	some a in lib.hybrid_dx_associations
	a.state != "associated"
}

deny contains {
	"resource": a_id(a),
	"message": sprintf("Direct Connect gateway association %s (%s with %s) allows %s, which does not cover subnet(s) %s; expected the allowed prefixes to cover the private subnets so the node and pod CIDRs (%s) reach them", [a_id(a), a.direct_connect_gateway_id, a.associated_gateway_id, allowed_text(a), concat(", ", [sprintf("%s %s", [s.id, s.cidr_block]) | some s in uncovered]), concat(", ", lib.remote_cidrs)]),
	"evidence": {
		"association_id": a_id(a),
		"direct_connect_gateway_id": a.direct_connect_gateway_id,
		"associated_gateway_id": a.associated_gateway_id,
		"allowed_prefixes": object.get(a, "allowed_prefixes", []),
		"uncovered_subnets": [{"subnet_id": s.id, "cidr_block": s.cidr_block} | some s in uncovered],
		"node_and_pod_cidrs": lib.remote_cidrs,
	},
} if {
	some a in lib.hybrid_dx_associations
	uncovered := [s | some s in target_subnets; not lib.covered_by_union(s.cidr_block, object.get(a, "allowed_prefixes", []))]
	count(uncovered) > 0
}

allowed_text(a) := concat(", ", a.allowed_prefixes) if count(object.get(a, "allowed_prefixes", [])) > 0

else := "no prefixes"
