# METADATA
# title: OpenVPN transport (UDP 1194) to the tunnel IPs allowed
# description: |
#   With a software VPN on OpenVPN, UDP 1194 must pass between the device's WAN address and
#   the tunnel IPs, inbound and outbound (Inter-site 8).
# related_resources:
#   - ref: https://docs.aws.amazon.com/whitepapers/latest/aws-vpc-connectivity-options/software-vpn.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "An OpenVPN link needs its transport port to the remote end open, or the software VPN never connects."
#   seed: "Inter-site 8"
#   id: HN-FW-11
#   severity: info
#   remediation: On the WAN, allow UDP 1194 from the tunnel IPs to the WAN address, and out to them.
#   applies_when: software VPN is OpenVPN
package hybridcheck.onprem.firewall.openvpn_transport

import data.hybridcheck.lib
import data.hybridcheck.lib.device as devlib

not_applicable := devlib.no_device if {
	not lib.has_device
} else := "the intent does not set software_vpn: openvpn, so the OpenVPN rules do not apply" if {
	devlib.software_vpn == ""
} else := sprintf("the intent's software_vpn is %s, not openvpn", [devlib.software_vpn]) if {
	devlib.software_vpn != "openvpn"
} else := "no tunnel IP in the snapshot" if {
	count(lib.tunnel_ips) == 0
}

cases(d) := [c |
	count(d.wan_addresses) > 0
	some c in [
		devlib.case("udp", 1194, lib.tunnel_ips, d.wan_addresses, lib.tunnel_ips, d.wan_addresses),
		devlib.case("udp", 1194, d.wan_addresses, lib.tunnel_ips, d.wan_addresses, lib.tunnel_ips),
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
	some f in devlib.no_static_wan("UDP 1194")
}
