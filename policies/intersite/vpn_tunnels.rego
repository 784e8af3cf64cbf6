# METADATA
# title: Both VPN tunnels UP
# description: |
#   Each Site-to-Site VPN connection has two tunnels to different AWS endpoints; both must be UP,
#   or a single endpoint's maintenance cuts the hybrid nodes off.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpn/latest/s2svpn/monitoring-vpn-health.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Both tunnels UP give redundancy through AWS maintenance; one DOWN tunnel halves the link's availability."
#   seed: "Inter-site validate 2"
#   id: HN-VPN-02
#   severity: critical
#   remediation: Configure both tunnels on the device (outside IPs, pre-shared keys, IKE and IPsec settings from the connection's configuration) and check the device's IPsec logs for the tunnel that is DOWN
#   applies_when: connectivity is vpn
package hybridcheck.intersite.vpn_tunnels

import data.hybridcheck.lib

not_applicable := lib.vpn_connection_not_applicable

checked contains c.id if some c in lib.live_vpn_connections

deny contains {
	"resource": c.id,
	"message": sprintf("VPN connection %s has %d tunnel(s); expected two", [c.id, count(object.get(c, "tunnels", []))]),
	"evidence": {"vpn_connection_id": c.id, "tunnels": [t.outside_ip_address | some t in object.get(c, "tunnels", [])]},
} if {
	some c in lib.live_vpn_connections
	count(object.get(c, "tunnels", [])) < 2
}

deny contains {
	"resource": c.id,
	"message": sprintf("VPN connection %s tunnel %s is %s%s; expected UP", [c.id, t.outside_ip_address, status_text(t), message_text(t)]),
	"evidence": {
		"vpn_connection_id": c.id,
		"outside_ip_address": t.outside_ip_address,
		"status": object.get(t, "status", ""),
		"status_message": object.get(t, "status_message", ""),
		"last_status_change": object.get(t, "last_status_change", ""),
	},
} if {
	some c in lib.live_vpn_connections
	some t in c.tunnels
	object.get(t, "status", "") != "UP"
}

status_text(t) := t.status if object.get(t, "status", "") != ""

else := "of unknown status (no telemetry collected)"

message_text(t) := sprintf(" (%s)", [t.status_message]) if object.get(t, "status_message", "") != ""

else := ""
