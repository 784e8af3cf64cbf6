# METADATA
# title: A phase 1 for every AWS tunnel
# description: |
#   Each AWS VPN connection has two tunnels, each with its own outside address; the device
#   needs an enabled IPsec phase 1 whose remote gateway is that address for each of them
#   (Inter-site 6, 7), or the second tunnel is never up and maintenance on AWS's side cuts the
#   link.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "Each AWS VPN connection has two tunnels for redundancy; a tunnel without a phase 1 on the device is a single point of failure."
#   seed: "Inter-site 6, 7"
#   id: HN-IPS-01
#   severity: critical
#   remediation: Add an IPsec phase 1 with the tunnel's outside IP address as remote gateway for each tunnel of the VPN connection (see the configuration file AWS generates).
#   applies_when: connectivity is vpn
package hybridcheck.onprem.ipsec.phase1_per_tunnel

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib

not_applicable := devlib.ipsec_not_applicable

phase1_by_gateway(d) := {p.remote_gateway: p | some p in devlib.aws_phase1s(d)}

checked contains {"resource": devlib.resource(d, ip), "message": sprintf("phase 1 %s", [phase1_by_gateway(d)[ip].id])} if {
	some d in lib.devices
	some ip in lib.tunnel_ips
	phase1_by_gateway(d)[ip]
}

deny contains {
	"resource": devlib.resource(d, ip),
	"message": "no enabled IPsec phase 1 to this AWS tunnel",
	"evidence": {
		"tunnel_ip": ip,
		"phase1": [{"id": p.id, "remote_gateway": p.remote_gateway, "disabled": p.disabled} | some p in d.ipsec.phase1],
	},
} if {
	some d in lib.devices
	some ip in lib.tunnel_ips
	not phase1_by_gateway(d)[ip]
}
