# METADATA
# title: Tunnel pre-shared keys match on AWS and the device
# description: |
#   Each tunnel's pre-shared key on the device equals AWS's; a mismatch fails IKE
#   authentication. Only keyed fingerprints (HMAC-SHA256 with the snapshot's salt) are compared,
#   so no key is ever stored or shown.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Both ends must use the same pre-shared key per tunnel, or IKE authentication fails."
#   seed: "Inter-site 5-7"
#   id: HN-X-03
#   severity: medium
#   remediation: Set the tunnel's pre-shared key on the device to the one in the VPN connection's configuration (or set a new key on both sides with aws ec2 modify-vpn-tunnel-options --tunnel-options PreSharedKey=...)
#   applies_when: both sides' keys were available at collection
package hybridcheck.crosssite.psk_match

import data.hybridcheck.lib

# A tunnel and the enabled device phase 1 that points at its outside address, when both
# fingerprints were collected.
pairs contains {"connection_id": c.id, "tunnel": t.outside_ip_address, "aws": t.psk_fingerprint, "device": d.name, "phase1": p} if {
	some c in lib.live_vpn_connections
	some t in c.tunnels
	object.get(t, "psk_fingerprint", "") != ""
	some d in lib.devices
	some p in object.get(object.get(d, "ipsec", {}), "phase1", [])
	not p.disabled
	p.remote_gateway == t.outside_ip_address
	object.get(p, "psk_fingerprint", "") != ""
}

not_applicable := reason if {
	reason := lib.vpn_connection_not_applicable
} else := "no tunnel has a pre-shared key fingerprint on both AWS and a device phase 1 for its outside address, so the keys cannot be compared" if {
	count(pairs) == 0
}

checked contains sprintf("%s/%s", [p.connection_id, p.tunnel]) if some p in pairs

deny contains {
	"resource": sprintf("%s/%s", [p.connection_id, p.tunnel]),
	"message": sprintf("VPN connection %s tunnel %s: the pre-shared key of device %s phase 1 %s differs from AWS's (keyed fingerprints differ); expected the same key on both sides", [p.connection_id, p.tunnel, p.device, p.phase1.id]),
	"evidence": {
		"vpn_connection_id": p.connection_id,
		"outside_ip_address": p.tunnel,
		"device": p.device,
		"phase1_id": p.phase1.id,
		"phase1_location": object.get(p.phase1, "location", null),
		"fingerprints_match": false,
	},
} if {
	some p in pairs
	p.aws != p.phase1.psk_fingerprint
}
