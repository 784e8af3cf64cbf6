# The other variants of the seed's example architecture, each derived from the compliant
# reference snapshot so that it differs only where the variant does. Every catalog check must
# pass or be not_applicable on each of them.
package hybridcheck.test.variants

import data.hybridcheck.lib.endpoints
import data.hybridcheck.test.fixture
import data.hybridcheck.test.locate

vpc_id := "vpc-0518d3603257bf85d"

vgw_id := "vgw-08b7d849217105d6f"

vpn_id := "vpn-0c3568c2303ac18df"

tgw_id := "tgw-0a1b2c3d4e5f60789"

tgw_route_table_id := "tgw-rtb-0a1b2c3d4e5f60789"

tgw_vpc_attachment_id := "tgw-attach-0vpc0000000000001"

tgw_vpn_attachment_id := "tgw-attach-0vpn0000000000001"

# The subnet route tables send the remote networks to the TGW instead of the VGW.
tgw_subnet_routes(rt) := [route |
	some r in rt.routes
	route := tgw_route(r)
]

tgw_route(r) := object.union(r, {"target_type": "tgw", "target_id": tgw_id, "origin": "CreateRoute"}) if r.target_type == "vgw"

tgw_route(r) := r if r.target_type != "vgw"

transit_gateway := {
	"id": tgw_id,
	"state": "available",
	"amazon_side_asn": 64512,
	"dns_support": true,
	"vpn_ecmp_support": true,
	"default_route_table_association": true,
	"default_route_table_propagation": true,
	"association_default_route_table_id": tgw_route_table_id,
	"propagation_default_route_table_id": tgw_route_table_id,
	"auto_accept_shared_attachments": false,
	"security_group_referencing_support": true,
	"tags": {"Name": "eks-hybrid-tgw"},
}

tgw_attachments := [
	{
		"id": tgw_vpc_attachment_id,
		"transit_gateway_id": tgw_id,
		"resource_type": "vpc",
		"resource_id": vpc_id,
		"state": "available",
		"associated_route_table_id": tgw_route_table_id,
		"subnet_ids": ["subnet-01fb42f5764dcf18e", "subnet-0cdebdb570d3ca783"],
		"dns_support": true,
		"security_group_referencing_support": true,
	},
	{
		"id": tgw_vpn_attachment_id,
		"transit_gateway_id": tgw_id,
		"resource_type": "vpn",
		"resource_id": vpn_id,
		"state": "available",
		"associated_route_table_id": tgw_route_table_id,
		"dns_support": null,
		"security_group_referencing_support": null,
	},
]

vpn_route_attachment := {"attachment_id": tgw_vpn_attachment_id, "resource_type": "vpn", "resource_id": vpn_id}

tgw_route_table(route_type) := {
	"id": tgw_route_table_id,
	"transit_gateway_id": tgw_id,
	"state": "available",
	"default_association_route_table": true,
	"default_propagation_route_table": true,
	"routes": [
		{
			"destination_cidr": "10.100.0.0/16",
			"type": "propagated",
			"state": "active",
			"attachments": [{"attachment_id": tgw_vpc_attachment_id, "resource_type": "vpc", "resource_id": vpc_id}],
		},
		{"destination_cidr": "10.200.0.0/16", "type": route_type, "state": "active", "attachments": [vpn_route_attachment]},
		{"destination_cidr": "192.168.0.0/16", "type": route_type, "state": "active", "attachments": [vpn_route_attachment]},
	],
}

compliant_route_tables := fixture.compliant.aws.route_tables

# tgw_bgp: TGW attached to the cluster VPC in both AZs, BGP VPN on the TGW with both tunnels up
# and accepting routes; the target gateway is derived from the snapshot (no VGW attached).
tgw_bgp := locate.patch(fixture.compliant, [
	{"op": "replace", "path": "/intent/routing", "value": "bgp"},
	{"op": "replace", "path": "/aws/vpn_gateways", "value": []},
	{"op": "replace", "path": "/aws/route_tables", "value": [object.union(rt, {"propagating_vgws": [], "routes": tgw_subnet_routes(rt)}) | some rt in compliant_route_tables]},
	{"op": "replace", "path": "/aws/transit_gateways", "value": [transit_gateway]},
	{"op": "replace", "path": "/aws/transit_gateway_attachments", "value": tgw_attachments},
	{"op": "replace", "path": "/aws/transit_gateway_route_tables", "value": [tgw_route_table("propagated")]},
	{"op": "remove", "at": ["aws", "vpn_connections", vpn_id, "vpn_gateway_id"]},
	{"op": "add", "at": ["aws", "vpn_connections", vpn_id, "transit_gateway_id"], "value": tgw_id},
	{"op": "replace", "at": ["aws", "vpn_connections", vpn_id, "static_routes_only"], "value": false},
	{"op": "replace", "at": ["aws", "vpn_connections", vpn_id, "routes"], "value": []},
	{"op": "replace", "at": ["aws", "vpn_connections", vpn_id, "tunnels", "3.225.148.144", "accepted_route_count"], "value": 2},
	{"op": "replace", "at": ["aws", "vpn_connections", vpn_id, "tunnels", "52.44.108.101", "accepted_route_count"], "value": 2},
	{"op": "add", "at": ["devices", "eks-hybrid-remote-gateway-1", "bgp"], "value": device_bgp},
])

# device_bgp: the edge device peers with both tunnels' AWS inside addresses and advertises
# the node and pod CIDRs (Inter-site 10, BGP tab).
device_bgp := {
	"enabled": true,
	"local_asn": 65000,
	"router_id": "10.200.0.1",
	"neighbors": [
		{"address": "169.254.10.1", "remote_asn": transit_gateway.amazon_side_asn, "enabled": true, "description": "AWS tunnel 1"},
		{"address": "169.254.11.1", "remote_asn": transit_gateway.amazon_side_asn, "enabled": true, "description": "AWS tunnel 2"},
	],
	"networks": ["10.200.0.0/16", "192.168.0.0/16"],
}

# tgw_static_iamra: the same TGW with a static VPN whose routes the TGW route table holds as
# static routes, nodes authenticating with IAM Roles Anywhere; the intent names the TGW.
tgw_static_iamra := locate.patch(tgw_bgp, [
	{"op": "replace", "path": "/intent/routing", "value": "static"},
	{"op": "replace", "path": "/intent/credential_provider", "value": "iam-roles-anywhere"},
	{"op": "add", "path": "/intent/target_gateway", "value": "tgw"},
	{"op": "replace", "path": "/aws/transit_gateway_route_tables", "value": [tgw_route_table("static")]},
	{"op": "replace", "at": ["aws", "vpn_connections", vpn_id, "static_routes_only"], "value": true},
	{"op": "replace", "at": ["aws", "vpn_connections", vpn_id, "routes"], "value": locate.element(fixture.compliant, ["aws", "vpn_connections", vpn_id, "routes"])},
	{"op": "replace", "at": ["aws", "vpn_connections", vpn_id, "tunnels", "3.225.148.144", "accepted_route_count"], "value": 0},
	{"op": "replace", "at": ["aws", "vpn_connections", vpn_id, "tunnels", "52.44.108.101", "accepted_route_count"], "value": 0},
	{"op": "remove", "at": ["devices", "eks-hybrid-remote-gateway-1", "bgp"]},
	# IAM Roles Anywhere: the endpoint rule's FQDN alias names its endpoints too (HN-EGR-01,
	# HN-FW-08); an address alias to the VPC does not stand in for them.
	{"op": "add", "at": ["devices", "eks-hybrid-remote-gateway-1", "firewall", "chains", "filter", "rules", endpoint_rule, "destination", "fqdns", "-"], "value": "rolesanywhere.amazonaws.com"},
	{"op": "add", "at": ["devices", "eks-hybrid-remote-gateway-1", "firewall", "chains", "filter", "rules", endpoint_rule, "destination", "fqdns", "-"], "value": "rolesanywhere.us-east-1.amazonaws.com"},
])

dx_gateway_id := "dxgw-0a1b2c3d4e5f6a7b8"

dx_sources := [
	{"id": "directconnect:DescribeConnections", "kind": "aws-api", "location": "us-east-1", "status": "ok", "items": 1},
	{"id": "directconnect:DescribeVirtualInterfaces", "kind": "aws-api", "location": "us-east-1", "status": "ok", "items": 1},
	{"id": "directconnect:DescribeDirectConnectGateways", "kind": "aws-api", "location": "us-east-1", "status": "ok", "items": 1},
]

# direct_connect: a dedicated connection, a private VIF on a Direct Connect gateway with both
# BGP peers up, the gateway associated with the VGW and allowing the VPC CIDR; no VPN.
direct_connect := json.patch(fixture.compliant, [
	{"op": "replace", "path": "/intent/connectivity", "value": "direct-connect"},
	{"op": "replace", "path": "/intent/routing", "value": "bgp"},
	{"op": "replace", "path": "/sources", "value": array.concat(fixture.compliant.sources, dx_sources)},
	{"op": "replace", "path": "/aws/customer_gateways", "value": []},
	{"op": "replace", "path": "/aws/vpn_connections", "value": []},
	{"op": "add", "path": "/aws/direct_connect", "value": {
		"connections": [{"id": "dxcon-fgab1234", "name": "eks-hybrid-dx", "state": "available", "location": "EqDC2", "bandwidth": "1Gbps"}],
		"virtual_interfaces": [{
			"id": "dxvif-fgcd5678",
			"name": "eks-hybrid-private-vif",
			"type": "private",
			"state": "available",
			"connection_id": "dxcon-fgab1234",
			"vlan": 101,
			"asn": 65000,
			"amazon_side_asn": 64512,
			"direct_connect_gateway_id": dx_gateway_id,
			"bgp_peers": [
				{"id": "dxpeer-ipv4-1", "state": "available", "status": "up", "asn": 65000, "address_family": "ipv4"},
				{"id": "dxpeer-ipv4-2", "state": "available", "status": "up", "asn": 65000, "address_family": "ipv4"},
			],
		}],
		"gateways": [{"id": dx_gateway_id, "name": "eks-hybrid-dxgw", "state": "available", "amazon_side_asn": 64512}],
		"gateway_associations": [{
			"id": "dxgw-assoc-0a1b2c3d",
			"direct_connect_gateway_id": dx_gateway_id,
			"associated_gateway_id": vgw_id,
			"associated_gateway_type": "virtualPrivateGateway",
			"state": "associated",
			"allowed_prefixes": ["10.100.0.0/16"],
		}],
	}},
])

# tgw_vti_bgp: the most common production design for EKS hybrid nodes, a route-based VPN to
# the TGW. The edge pfSense has a VTI per tunnel (ipsec1, ipsec2) holding the tunnel's
# customer inside address, VTI-mode phase 2 entries instead of policy selectors, no static
# route to the VPC: it learns the VPC over BGP from the tunnels' AWS inside addresses. Its
# IPsec-tab rules (which pfSense applies to VTI traffic) pass the cluster's flows.
tgw_vti_bgp := locate.patch(tgw_bgp, [
	{"op": "add", "at": ["devices", "eks-hybrid-remote-gateway-1", "interfaces", "-"], "value": vti_interface("opt2", "ipsec1", "169.254.10")},
	{"op": "add", "at": ["devices", "eks-hybrid-remote-gateway-1", "interfaces", "-"], "value": vti_interface("opt3", "ipsec2", "169.254.11")},
	{"op": "replace", "at": ["devices", "eks-hybrid-remote-gateway-1", "ipsec", "phase2"], "value": [
		vti_phase2(locate.element(fixture.compliant, ["devices", "eks-hybrid-remote-gateway-1", "ipsec", "phase2", "Hybrid nodes to EKS VPC, tunnel 1"]), "1", "169.254.10"),
		vti_phase2(locate.element(fixture.compliant, ["devices", "eks-hybrid-remote-gateway-1", "ipsec", "phase2", "Hybrid nodes to EKS VPC, tunnel 2"]), "2", "169.254.11"),
	]},
])

vti_interface(name, os_name, net24) := {
	"name": name,
	"description": sprintf("VTI %s to AWS", [os_name]),
	"device": os_name,
	"enabled": true,
	"role": "vti",
	"addresses": [sprintf("%s.2/30", [net24])],
	"networks": [sprintf("%s.0/30", [net24])],
}

vti_phase2(template, phase1_id, net24) := object.union(object.remove(template, ["location"]), {
	"id": sprintf("vti%s", [phase1_id]),
	"phase1_id": phase1_id,
	"description": sprintf("VTI to AWS tunnel %s", [phase1_id]),
	"mode": "vti",
	"local_networks": [],
	"remote_networks": [],
	"local_address": sprintf("%s.2", [net24]),
	"remote_address": sprintf("%s.1", [net24]),
})

# palette_saas(variant): the variant managed from Palette SaaS (intent management:
# palette-saas, Remote network 5), with the device rules that needs: the node CIDRs to an FQDN
# alias of Palette's domains and to an address alias of its published addresses, TCP 443,
# right after the AWS endpoint rule (HN-EGR-02).
palette_saas(variant) := locate.patch(variant, [
	{"op": "add", "path": "/intent/management", "value": "palette-saas"},
	{"op": "add", "at": ["devices", "eks-hybrid-remote-gateway-1", "firewall", "chains", "filter", "rules", "Hybrid pods to CoreDNS"], "value": palette_rule(variant, 100, {
		"any": false, "not": false, "alias": "PALETTE_SAAS",
		"fqdns": [e.fqdn | some e in endpoints.palette_saas_domains],
	})},
	{"op": "add", "at": ["devices", "eks-hybrid-remote-gateway-1", "firewall", "chains", "filter", "rules", "Hybrid pods to CoreDNS"], "value": palette_rule(variant, 101, {
		"any": false, "not": false, "alias": "PALETTE_SAAS_IPS",
		"cidrs": [sprintf("%s/32", [a]) | some a in endpoints.palette_saas_addresses],
	})},
])

# endpoint_rule is the device rule that lets the nodes reach the AWS endpoints.
endpoint_rule := "Hybrid nodes to EKS, ECR and SSM endpoints"

# A copy of the variant's AWS endpoint rule to another destination on TCP 443.
palette_rule(variant, index, destination) := object.union(
	object.remove(locate.element(variant, ["devices", "eks-hybrid-remote-gateway-1", "firewall", "chains", "filter", "rules", endpoint_rule]), ["location", "tracker"]),
	{
		"index": index,
		"description": sprintf("Hybrid nodes to Palette SaaS (%s)", [destination.alias]),
		"destination": object.union(destination, {"ports": [{"from": 443, "to": 443}]}),
	},
)
