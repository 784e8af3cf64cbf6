# METADATA
# title: Control plane reaches kubelet end to end (TCP 10250)
# description: |
#   The control plane (the cluster subnets) reaches kubelet on every node CIDR on TCP 10250,
#   followed by the path engine hop by hop: on AWS the control plane's security groups, each cluster
#   subnet's network ACL and route table, the VGW or TGW, the VPN connection or Direct Connect
#   gateway; on the device IPsec, the firewall, NAT and routes; then the reply through the
#   stateless hops. The evidence is the hop list; the message names the first hop that drops it.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-networking.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Logs, exec and metrics need the control plane to reach kubelet across every hop of both sites and back; one closed hop anywhere breaks them."
#   seed: "Remote network 3; AWS network 8"
#   id: HN-PATH-01
#   severity: critical
#   remediation: Fix the hop the message names (hybridcheck trace --flow kubelet shows every hop), then re-run.
#   applies_when: the cluster subnets and node CIDRs are known
package hybridcheck.paths.kubelet

import data.hybridcheck.lib.paths

trace := paths.trace("kubelet")

not_applicable := trace.reason if not trace.applicable

checked contains r if some r in paths.passes(trace)

deny contains r if some r in paths.failures(trace)

unknown contains r if some r in paths.undecideds(trace)
