# METADATA
# title: Customer gateway address is the device's WAN address
# description: |
#   AWS sends IKE to the customer gateway's IP address; it must be the on-prem device's WAN
#   address or, when the device sits behind NAT, the public address the intent declares.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpn/latest/s2svpn/your-cgw.html
# schemas:
#   - input: schema.snapshot
# custom:
#   rationale: "AWS sends IKE to the customer gateway's address; it must be the device's public address, or the tunnels never form."
#   seed: "Inter-site 1"
#   id: HN-X-01
#   severity: critical
#   remediation: Create a customer gateway with the device's public address (aws ec2 create-customer-gateway --ip-address WAN_IP ...) and move the VPN connection to it, or set public_ip in the intent when the device is behind NAT
#   applies_when: connectivity is vpn and a device is in the snapshot
package hybridcheck.crosssite.cgw_address

import data.hybridcheck.lib

not_applicable := reason if {
	reason := lib.vpn_connection_not_applicable
} else := "no device is in the snapshot, so the customer gateway address cannot be compared with the device's" if {
	not lib.has_device
}

# WAN addresses may be exported with their prefix length; the address is what IKE uses.
device_addresses := {split(addr, "/")[0] |
	some d in lib.devices
	some addr in object.get(d, "wan_addresses", [])
}

declared_public_ip := object.get(lib.intent, "public_ip", "")

accepted := device_addresses | {declared_public_ip | declared_public_ip != ""}

cgws := {g.id: g |
	some c in lib.live_vpn_connections
	g := lib.customer_gateways_by_id[c.customer_gateway_id]
}

checked contains id if some id, _ in cgws

deny contains {
	"resource": g.id,
	"message": sprintf("Customer gateway %s has IP address %s, which is not a WAN address of the device(s) (%s)%s; expected the device's public address", [g.id, g.ip_address, wan_text, nat_text]),
	"evidence": {
		"customer_gateway_id": g.id,
		"ip_address": g.ip_address,
		"devices": [{"name": d.name, "wan_addresses": object.get(d, "wan_addresses", [])} | some d in lib.devices],
		"intent_public_ip": declared_public_ip,
	},
} if {
	some g in cgws
	not g.ip_address in accepted
}

wan_text := concat(", ", lib.sort_set(device_addresses)) if count(device_addresses) > 0

else := "none found"

nat_text := sprintf(" nor the intent's public_ip %s", [declared_public_ip]) if declared_public_ip != ""

else := ""
