# METADATA
# title: Nodes reach the credential endpoint through the internet NAT (TCP 443)
# description: |
#   Every node CIDR reaches the AWS endpoint of the credential model (SSM or IAM Roles Anywhere) on
#   TCP 443 through the device: the firewall rule that passes it, the outbound NAT that translates
#   it and the default route to the internet. The evidence is the hop list; the message names the
#   first hop that drops it.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-networking.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Nodes register and fetch credentials through the internet: if any hop (firewall, NAT, route) stops them, nodes never join, whatever each single check says."
#   seed: "Remote network 2, 3"
#   id: HN-PATH-05
#   severity: high
#   remediation: Fix the hop the message names (hybridcheck trace --flow credentials shows every hop), then re-run.
#   applies_when: a device is in the snapshot and the region is known
package hybridcheck.paths.credentials

import data.hybridcheck.lib.paths

trace := paths.trace("credentials")

not_applicable := trace.reason if not trace.applicable

checked contains r if some r in paths.passes(trace)

deny contains r if some r in paths.failures(trace)

unknown contains r if some r in paths.undecideds(trace)
