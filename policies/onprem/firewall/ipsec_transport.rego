# METADATA
# title: IPsec transport to the AWS tunnels allowed
# description: |
#   The tunnels themselves need IKE (UDP 500), NAT traversal (UDP 4500) and ESP (IP 50) between
#   the device's WAN address and every AWS tunnel IP, inbound and outbound (Inter-site 8).
#   Six flows are asked about, each with every tunnel IP at once; a part blocked names the
#   tunnel and the rule.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpn/latest/s2svpn/your-cgw.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "IPsec to AWS needs UDP 500, UDP 4500 and ESP between the device and both tunnel IPs; blocked, the tunnels never come up."
#   seed: "Inter-site 8"
#   id: HN-FW-10
#   severity: critical
#   remediation: On the WAN, allow UDP 500, UDP 4500 and ESP from each AWS tunnel IP to the WAN address, and out to them.
#   applies_when: connectivity is vpn
package hybridcheck.onprem.firewall.ipsec_transport

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib

not_applicable := devlib.no_device if {
	not lib.has_device
} else := sprintf("connectivity is %q, not site-to-site-vpn", [lib.connectivity]) if {
	lib.connectivity != "site-to-site-vpn"
} else := "no AWS VPN tunnel in the snapshot (see HN-VPN-01)" if {
	count(lib.tunnel_ips) == 0
}

transport := [["udp", 500], ["udp", 4500], ["esp", 0]]

cases(d) := [c |
	count(d.wan_addresses) > 0
	some [protocol, port] in transport
	some c in [
		devlib.case(protocol, port, lib.tunnel_ips, d.wan_addresses, lib.tunnel_ips, d.wan_addresses),
		devlib.case(protocol, port, d.wan_addresses, lib.tunnel_ips, d.wan_addresses, lib.tunnel_ips),
	]
]

# One verdict of the device_allows built-in per device and flow.
verdicts contains devlib.verdict(d, c) if {
	not not_applicable
	some d in lib.devices
	some c in cases(d)
}

checked contains r if some r in devlib.passes(verdicts)

deny contains r if some r in devlib.failures(verdicts)

unknown contains r if some r in devlib.undecided_findings(verdicts)

deny contains f if {
	not not_applicable
	some f in devlib.no_static_wan("the VPN transport")
}
