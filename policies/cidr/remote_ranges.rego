# METADATA
# title: Remote node and pod CIDRs use allowed IPv4 ranges
# description: |
#   Every remote node and pod CIDR is an IPv4 CIDR with a prefix from /8 to /32 inside
#   10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10. EKS refuses other remote
#   networks, and hybrid nodes support IPv4 only.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-networking.html#hybrid-nodes-networking-on-prem
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "EKS accepts only RFC 1918 and CGNAT IPv4 ranges for remote networks; other ranges are refused when the cluster is created or updated."
#   seed: "Remote network 1; EKS docs"
#   id: HN-CIDR-01
#   severity: high
#   remediation: Renumber the remote network into 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10 and set it with aws eks update-cluster-config --name CLUSTER --remote-network-config '{"remoteNodeNetworks":[{"cidrs":["NODE_CIDR"]}],"remotePodNetworks":[{"cidrs":["POD_CIDR"]}]}'
#   applies_when: always
package hybridcheck.cidr.remote_ranges

import data.hybridcheck.lib

allowed_ranges := ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"]

not_applicable := "no remote node or pod CIDRs are known, so there is nothing to check; see HN-CIDR-03" if {
	count(lib.remote_cidrs) == 0
}

remote := array.concat(
	[{"role": "node", "cidr": c} | some c in lib.node_cidrs],
	[{"role": "pod", "cidr": c} | some c in lib.pod_cidrs],
)

checked contains r.cidr if some r in remote

# problem(cidr) names the first rule the CIDR breaks; undefined when it breaks none.
problem(cidr) := "is not an IPv4 CIDR" if {
	not lib.is_ipv4_cidr(cidr)
} else := sprintf("has prefix /%d, outside /8 to /32", [lib.prefix_length(cidr)]) if {
	lib.prefix_length(cidr) < 8
} else := "is not inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10" if {
	not lib.covered(cidr, allowed_ranges)
}

deny contains {
	"resource": r.cidr,
	"message": sprintf("Remote %s CIDR %s %s; expected an IPv4 CIDR from /8 to /32 inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10", [r.role, r.cidr, why]),
	"evidence": {"cidr": r.cidr, "role": r.role, "source": lib.remote_cidrs_source, "allowed_ranges": allowed_ranges},
} if {
	some r in remote
	why := problem(r.cidr)
}
