# METADATA
# title: Control plane reaches pod webhooks end to end (TCP 443)
# description: |
#   The control plane (the cluster subnets) reaches every pod CIDR on TCP 443 (admission webhooks),
#   followed by the path engine hop by hop: on AWS the control plane's security groups, each cluster
#   subnet's network ACL and route table, the VGW or TGW, the VPN connection or Direct Connect
#   gateway; on the device IPsec, the firewall, NAT and routes; then the reply through the
#   stateless hops. The evidence is the hop list; the message names the first hop that drops it.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-networking.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Admission webhooks run in pods: if the control plane cannot reach them end to end, API calls that need them fail."
#   seed: "Remote network 3"
#   id: HN-PATH-04
#   severity: high
#   remediation: Fix the hop the message names (hybridcheck trace --flow webhook shows every hop), then re-run.
#   applies_when: pod CIDRs are known
package hybridcheck.paths.webhook

import data.hybridcheck.lib.paths

trace := paths.trace("webhook")

not_applicable := trace.reason if not trace.applicable

checked contains r if some r in paths.passes(trace)

deny contains r if some r in paths.failures(trace)

unknown contains r if some r in paths.undecideds(trace)
