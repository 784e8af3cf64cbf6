# METADATA
# title: Dead peer detection on every phase 1 to AWS
# description: |
#   AWS takes a tunnel endpoint down for maintenance and relies on the customer gateway to
#   notice and move traffic to the other tunnel; without dead peer detection the device keeps
#   sending into a dead security association.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpn/latest/s2svpn/cgw-best-practice.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Without dead peer detection the device keeps sending into a dead tunnel instead of failing over to the other one."
#   seed: "AWS VPN docs"
#   id: HN-IPS-04
#   severity: medium
#   remediation: Enable dead peer detection (for example a 10 s delay and 5 retries) on each phase 1 to AWS.
#   applies_when: connectivity is vpn
package hybridcheck.onprem.ipsec.dpd

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib

not_applicable := devlib.phase1_not_applicable

checked contains devlib.resource(d, devlib.phase1_text(p1)) if {
	some d in lib.devices
	some p1 in devlib.aws_phase1s(d)
}

deny contains {
	"resource": devlib.resource(d, devlib.phase1_text(p1)),
	"message": "dead peer detection is disabled",
	"evidence": {"phase1": p1.id, "remote_gateway": p1.remote_gateway, "dpd_enabled": p1.dpd_enabled, "location": object.get(p1, "location", null)},
} if {
	some d in lib.devices
	some p1 in devlib.aws_phase1s(d)
	not p1.dpd_enabled
}
