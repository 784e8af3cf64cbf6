# METADATA
# title: Nodes reach the control plane end to end (TCP 443)
# description: |
#   Every node CIDR reaches the control plane (the cluster subnets) on TCP 443 and the replies return,
#   followed by the path engine hop by hop: on AWS the control plane's security groups, each cluster
#   subnet's network ACL and route table, the VGW or TGW, the VPN connection or Direct Connect
#   gateway; on the device IPsec, the firewall, NAT and routes; then the reply through the
#   stateless hops. The evidence is the hop list; the message names the first hop that drops it.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-networking.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Nodes must reach the cluster API across both sites, and the replies must come back through the stateless hops, or nodes cannot join the cluster."
#   seed: "Remote network 3; AWS network 8"
#   id: HN-PATH-02
#   severity: critical
#   remediation: Fix the hop the message names (hybridcheck trace --flow node-to-control-plane shows every hop), then re-run.
#   applies_when: the cluster subnets and node CIDRs are known
package hybridcheck.paths.node_api

import data.hybridcheck.lib.paths

trace := paths.trace("node-to-control-plane")

not_applicable := trace.reason if not trace.applicable

checked contains r if some r in paths.passes(trace)

deny contains r if some r in paths.failures(trace)

unknown contains r if some r in paths.undecideds(trace)
