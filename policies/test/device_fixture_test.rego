# The seed's remote side on a pfSense edge device, hand-normalised into the snapshot's device
# model: what a correct import of the seed's pfSense config looks like. The on-prem checks'
# tests patch it (json.patch) so each test states only what differs from the compliant estate.
package hybridcheck.test.device

import data.hybridcheck.test.fixture

vpc := "10.100.0.0/16"

nodes := "10.200.0.0/16"

pods := "192.168.0.0/16"

tunnel_1 := "52.44.108.101"

tunnel_2 := "3.225.148.144"

wan_address := "3.232.157.211"

# compliant_with_device is the compliant reference snapshot with the seed's device added.
compliant_with_device := object.union(fixture.compliant, {"devices": [seed_pfsense]})

seed_pfsense := {
	"name": "edge-fw",
	"format": "pfsense",
	"source": "edge-fw-config.xml",
	"hostname": "edge-fw",
	"version": "23.09",
	"wan_addresses": [wan_address],
	"interfaces": [
		{
			"name": "wan", "description": "WAN", "device": "em0", "enabled": true, "role": "wan",
			"addresses": ["3.232.157.211/24"], "networks": ["3.232.157.0/24"], "gateway": "3.232.157.1",
			"location": {"file": "edge-fw-config.xml", "path": "interfaces/wan"},
		},
		{
			"name": "opt1", "description": "HYBRID_NODES_A", "device": "em1.10", "enabled": true, "role": "vlan",
			"addresses": ["10.200.0.1/24"], "networks": ["10.200.0.0/24"], "vlan_id": 10, "parent": "em1",
			"location": {"file": "edge-fw-config.xml", "path": "interfaces/opt1"},
		},
		{
			"name": "opt2", "description": "HYBRID_NODES_B", "device": "em1.11", "enabled": true, "role": "vlan",
			"addresses": ["10.200.1.1/24"], "networks": ["10.200.1.0/24"], "vlan_id": 11, "parent": "em1",
			"location": {"file": "edge-fw-config.xml", "path": "interfaces/opt2"},
		},
	],
	"aliases": [
		{"name": "AWS_VPN_TUNNELS", "type": "host", "cidrs": ["52.44.108.101/32", "3.225.148.144/32"]},
		{"name": "AWS_ENDPOINTS", "type": "fqdn", "fqdns": aws_endpoints},
	],
	"firewall": {
		"model": "pf",
		"default_action": "block",
		"chains": [{"name": "filter", "priority": 0, "rules": [object.union(r, {
			"index": i,
			"tracker": sprintf("%d", [1700000100 + i]),
			"location": {"file": "edge-fw-config.xml", "path": sprintf("filter/rule[%d]", [i])},
		}) |
			some i, r in filter_rules
		]}],
	},
	"nat": {
		"outbound_mode": "hybrid",
		"rules": [object.union(r, {
			"index": i,
			"location": {"file": "edge-fw-config.xml", "path": sprintf("nat/outbound/rule[%d]", [i])},
		}) |
			some i, r in nat_rules
		],
	},
	"ipsec": {"phase1": [phase1("1", tunnel_1, "bc7739d2766e0ea1f03de314db93391f9f354bb29fb6fcba02a664eabd98daa9"), phase1("2", tunnel_2, "8fbe416a5752c716889ce6881bd87b77a69da4237b91cc4a96a29cdbbe275e0d")], "phase2": [
		phase2("1", 0, "Hybrid nodes to AWS VPC", nodes),
		phase2("1", 1, "Hybrid pods to AWS VPC", pods),
		phase2("2", 2, "Hybrid nodes to AWS VPC", nodes),
		phase2("2", 3, "Hybrid pods to AWS VPC", pods),
	]},
	"static_routes": [{
		"destination": pods, "gateway": "HYBRID_NODE_1", "gateway_address": "10.200.0.10", "interface": "opt1",
		"disabled": false, "description": "Hybrid pod CIDR via a node",
		"location": {"file": "edge-fw-config.xml", "path": "staticroutes/route[0]"},
	}],
	"gateways": [
		{"name": "WAN_GW", "interface": "wan", "address": "3.232.157.1", "default": true},
		{"name": "HYBRID_NODE_1", "interface": "opt1", "address": "10.200.0.10", "default": false},
	],
}

# The seed's us-east-1 SSM endpoints (Remote network 2 and 3) behind one FQDN alias.
aws_endpoints := [
	"hybrid-assets.eks.amazonaws.com",
	"eks.us-east-1.amazonaws.com",
	"api.ecr.us-east-1.amazonaws.com",
	"602401143452.dkr.ecr.us-east-1.amazonaws.com",
	"amazon-ssm-us-east-1.s3.us-east-1.amazonaws.com",
	"ssm.us-east-1.amazonaws.com",
]

# The seed's tables name the networks by CIDR, so the rules do too (no alias).
net(cidr) := {"any": false, "not": false, "cidrs": [cidr]}

any_address := {"any": true, "not": false}

ports(endpoint, from, to) := object.union(endpoint, {"ports": [{"from": from, "to": to}]})

pass(interface, protocol, source, destination, description) := {
	"action": "pass", "disabled": false, "quick": true, "floating": false,
	"interfaces": [interface], "direction": "in", "ip_version": "inet", "protocol": protocol,
	"source": source, "destination": destination, "description": description,
}

echo(rule) := object.union(rule, {"icmp_types": [0, 8]})

vpc_net := net(vpc)

nodes_net := net(nodes)

pods_net := net(pods)

tunnels_net := {"any": false, "not": false, "cidrs": ["52.44.108.101/32", "3.225.148.144/32"], "alias": "AWS_VPN_TUNNELS"}

wan_self := {"any": false, "not": false, "self": true, "alias": "(self)"}

endpoints_fqdn := {"any": false, "not": false, "fqdns": aws_endpoints, "alias": "AWS_ENDPOINTS"}

# Rules on each node VLAN: pfSense rules belong to one interface, so each is written twice.
node_vlan_rules(iface) := [
	pass(iface, "tcp", nodes_net, ports(vpc_net, 443, 443), "Hybrid nodes to Amazon EKS cluster"),
	pass(iface, "tcp", nodes_net, ports(endpoints_fqdn, 443, 443), "Hybrid nodes to AWS services"),
	pass(iface, "tcp", nodes_net, ports(vpc_net, 4240, 4240), "Hybrid node to AWS cilium-health"),
	pass(iface, "tcp", nodes_net, ports(nodes_net, 4240, 4240), "Hybrid node to hybrid node cilium-health"),
	echo(pass(iface, "icmp", nodes_net, vpc_net, "Hybrid node to AWS pings")),
	echo(pass(iface, "icmp", nodes_net, nodes_net, "Hybrid node to hybrid node pings")),
	pass(iface, "tcp", nodes_net, ports(vpc_net, 2379, 2380), "Hybrid node to Amazon EKS etcd"),
]

filter_rules := array.concat(
	array.concat(
		[
			# Inter-site 8: the VPN transport, from the AWS tunnel endpoints to the WAN address.
			pass("wan", "udp", tunnels_net, ports(wan_self, 500, 500), "IKE Phase 1 for IPsec VPN"),
			pass("wan", "udp", tunnels_net, ports(wan_self, 4500, 4500), "NAT-Traversal (NAT-T) for IPsec VPN"),
			pass("wan", "esp", tunnels_net, wan_self, "ESP for IPsec data encryption"),
			# Remote network 3 and 4, inbound: the VPC through the tunnel.
			pass("enc0", "tcp", vpc_net, ports(nodes_net, 10250, 10250), "Amazon EKS cluster to hybrid nodes"),
			pass("enc0", "tcp", vpc_net, ports(pods_net, 443, 443), "Amazon EKS cluster to hybrid pods"),
			pass("enc0", "tcp", vpc_net, ports(nodes_net, 22, 22), "Amazon EKS VPC CIDR to hybrid nodes for SSH access"),
			pass("enc0", "icmp", vpc_net, nodes_net, "Amazon EKS VPC CIDR to hybrid nodes for ICMP access"),
			pass("enc0", "tcp", vpc_net, ports(nodes_net, 4240, 4240), "AWS to hybrid node cilium-health"),
			echo(pass("enc0", "icmp", vpc_net, nodes_net, "AWS to hybrid node pings for cilium-health")),
		],
		node_vlan_rules("opt1"),
	),
	array.concat(
		node_vlan_rules("opt2"),
		[
			# Pods sit behind a node on opt1 (the static route), so their traffic enters there.
			pass("opt1", "tcp", pods_net, ports(vpc_net, 443, 443), "Hybrid pods to Amazon EKS cluster"),
			pass("opt1", "tcp/udp", pods_net, ports(pods_net, 53, 53), "Hybrid pods to CoreDNS"),
			pass("opt1", "tcp/udp", pods_net, ports(pods_net, 443, 443), "Hybrid pod to hybrid pod application port"),
		],
	),
)

# Inter-site 9: no translation between the remote networks and the VPC, then the nodes'
# internet access (Remote network 2).
nat_rules := [
	{
		"kind": "outbound", "interface": "wan", "disabled": false, "no_nat": true, "protocol": "any",
		"source": nodes_net, "destination": vpc_net, "description": "No NAT: hybrid nodes to AWS VPC",
	},
	{
		"kind": "outbound", "interface": "wan", "disabled": false, "no_nat": true, "protocol": "any",
		"source": pods_net, "destination": vpc_net, "description": "No NAT: hybrid pods to AWS VPC",
	},
	{
		"kind": "outbound", "interface": "wan", "disabled": false, "no_nat": false, "protocol": "any",
		"source": nodes_net, "destination": any_address, "translation": "interface-address",
		"description": "Hybrid nodes to the internet",
	},
]

phase1(id, remote, fingerprint) := {
	"id": id, "disabled": false, "description": sprintf("AWS tunnel %s", [id]), "interface": "wan",
	"remote_gateway": remote, "ike_version": "ikev2", "auth_method": "pre_shared_key",
	"proposals": [{"encryption": "aes", "key_length": 256, "hash": "sha256", "dh_group": 14}],
	"lifetime_seconds": 28800, "dpd_enabled": true, "dpd_delay_seconds": 10, "dpd_max_failures": 5,
	"psk_fingerprint": fingerprint,
	"location": {"file": "edge-fw-config.xml", "path": sprintf("ipsec/phase1[%d]", [to_number(id) - 1])},
}

phase2(phase1_id, i, description, local) := {
	"id": sprintf("p2-%d", [i]), "phase1_id": phase1_id, "disabled": false, "description": description,
	"mode": "tunnel", "local_networks": [local], "remote_networks": [vpc], "protocol": "esp",
	"proposals": [{"encryption": "aes", "key_length": 256, "hash": "sha256"}],
	"pfs_group": 14, "lifetime_seconds": 3600,
	"location": {"file": "edge-fw-config.xml", "path": sprintf("ipsec/phase2[%d]", [i])},
}
