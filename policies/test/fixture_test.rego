# Generated from snapshots/reference-compliant.json by internal/engine's TestPolicyFixtureIsCurrent
# (go test ./internal/engine -run Fixture -update). Do not edit.
package hybridcheck.test.fixture

# without_device is the compliant estate with no device export: on-prem checks do not apply.
without_device := object.remove(compliant, ["devices"])

# compliant is the seed's example architecture (VGW, static routing, SSM) done right.
compliant := {
	"schema_version": "1.1",
	"tool_version": "0.1.0-dev",
	"collected_at": "2026-11-20T09:30:00Z",
	"fingerprint_salt": "5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed",
	"sources": [
		{
			"id": "ec2:DescribeVpcs",
			"kind": "aws-api",
			"location": "us-east-1",
			"status": "ok",
			"items": 1,
		},
		{
			"id": "ec2:DescribeVpcAttribute",
			"kind": "aws-api",
			"location": "us-east-1",
			"status": "ok",
			"items": 1,
		},
		{
			"id": "ec2:DescribeSubnets",
			"kind": "aws-api",
			"location": "us-east-1",
			"status": "ok",
			"items": 1,
		},
		{
			"id": "ec2:DescribeRouteTables",
			"kind": "aws-api",
			"location": "us-east-1",
			"status": "ok",
			"items": 1,
		},
		{
			"id": "ec2:DescribeInternetGateways",
			"kind": "aws-api",
			"location": "us-east-1",
			"status": "ok",
			"items": 1,
		},
		{
			"id": "ec2:DescribeNatGateways",
			"kind": "aws-api",
			"location": "us-east-1",
			"status": "ok",
			"items": 1,
		},
		{
			"id": "ec2:DescribeAddresses",
			"kind": "aws-api",
			"location": "us-east-1",
			"status": "ok",
			"items": 1,
		},
		{
			"id": "ec2:DescribeSecurityGroups",
			"kind": "aws-api",
			"location": "us-east-1",
			"status": "ok",
			"items": 1,
		},
		{
			"id": "ec2:DescribeTransitGateways",
			"kind": "aws-api",
			"location": "us-east-1",
			"status": "ok",
			"items": 1,
		},
		{
			"id": "ec2:DescribeTransitGatewayAttachments",
			"kind": "aws-api",
			"location": "us-east-1",
			"status": "ok",
			"items": 1,
		},
		{
			"id": "ec2:DescribeTransitGatewayVpcAttachments",
			"kind": "aws-api",
			"location": "us-east-1",
			"status": "ok",
			"items": 1,
		},
		{
			"id": "ec2:DescribeTransitGatewayRouteTables",
			"kind": "aws-api",
			"location": "us-east-1",
			"status": "ok",
			"items": 1,
		},
		{
			"id": "ec2:DescribeVpnGateways",
			"kind": "aws-api",
			"location": "us-east-1",
			"status": "ok",
			"items": 1,
		},
		{
			"id": "ec2:DescribeCustomerGateways",
			"kind": "aws-api",
			"location": "us-east-1",
			"status": "ok",
			"items": 1,
		},
		{
			"id": "ec2:DescribeVpnConnections",
			"kind": "aws-api",
			"location": "us-east-1",
			"status": "ok",
			"items": 1,
		},
		{
			"id": "ec2:DescribeNetworkAcls",
			"kind": "aws-api",
			"location": "us-east-1",
			"status": "ok",
			"items": 1,
		},
		{
			"id": "ec2:DescribeManagedPrefixLists",
			"kind": "aws-api",
			"location": "us-east-1",
			"status": "ok",
			"items": 1,
		},
		{
			"id": "ec2:GetManagedPrefixListEntries",
			"kind": "aws-api",
			"location": "us-east-1",
			"status": "ok",
			"items": 2,
		},
		{
			"id": "eks:DescribeCluster",
			"kind": "aws-api",
			"location": "us-east-1",
			"status": "ok",
			"items": 1,
		},
		{
			"id": "device:pfsense",
			"kind": "device",
			"location": "testdata/reference/edge-fw.xml",
			"status": "ok",
			"items": 24,
		},
	],
	"intent": {
		"region": "us-east-1",
		"cluster": "eks-hybrid",
		"vpc_id": "vpc-0518d3603257bf85d",
		"remote_node_cidrs": [
			"10.200.0.0/16",
		],
		"remote_pod_cidrs": [
			"192.168.0.0/16",
		],
		"service_cidr": "172.20.0.0/16",
		"credential_provider": "ssm",
		"connectivity": "site-to-site-vpn",
		"routing": "static",
		"cni_overlay": "none",
		"max_snapshot_age": "5200w",
	},
	"aws": {
		"region": "us-east-1",
		"account_id": "111122223333",
		"vpcs": [
			{
				"id": "vpc-0518d3603257bf85d",
				"state": "available",
				"cidr_blocks": [
					"10.100.0.0/16",
				],
				"is_default": false,
				"enable_dns_support": true,
				"enable_dns_hostnames": true,
				"tags": {
					"Name": "eks-hybrid-vpc",
				},
			},
		],
		"subnets": [
			{
				"id": "subnet-01fb42f5764dcf18e",
				"vpc_id": "vpc-0518d3603257bf85d",
				"cidr_block": "10.100.1.0/24",
				"availability_zone": "us-east-1b",
				"state": "available",
				"map_public_ip_on_launch": false,
				"tags": {
					"Name": "eks-hybrid-subnet-2",
				},
			},
			{
				"id": "subnet-0cdebdb570d3ca783",
				"vpc_id": "vpc-0518d3603257bf85d",
				"cidr_block": "10.100.0.0/24",
				"availability_zone": "us-east-1a",
				"state": "available",
				"map_public_ip_on_launch": true,
				"tags": {
					"Name": "eks-hybrid-subnet-1",
				},
			},
		],
		"route_tables": [
			{
				"id": "rtb-0a0b0c0d0e0f01112",
				"vpc_id": "vpc-0518d3603257bf85d",
				"main": true,
				"associations": [
					{
						"id": "rtbassoc-0main0000000000001",
						"main": true,
						"state": "associated",
					},
				],
				"propagating_vgws": [],
				"routes": [
					{
						"destination_cidr": "10.100.0.0/16",
						"target_type": "local",
						"target_id": "local",
						"state": "active",
						"origin": "CreateRouteTable",
					},
				],
				"tags": {
					"Name": "eks-hybrid-main-rt",
				},
			},
			{
				"id": "rtb-0b1c2d3e4f5a6b7c8",
				"vpc_id": "vpc-0518d3603257bf85d",
				"main": false,
				"associations": [
					{
						"id": "rtbassoc-0pub00000000000001",
						"subnet_id": "subnet-0cdebdb570d3ca783",
						"main": false,
						"state": "associated",
					},
				],
				"propagating_vgws": [
					"vgw-08b7d849217105d6f",
				],
				"routes": [
					{
						"destination_cidr": "0.0.0.0/0",
						"target_type": "igw",
						"target_id": "igw-0ddc77da7524bf133",
						"state": "active",
						"origin": "CreateRoute",
					},
					{
						"destination_cidr": "10.100.0.0/16",
						"target_type": "local",
						"target_id": "local",
						"state": "active",
						"origin": "CreateRouteTable",
					},
					{
						"destination_cidr": "10.200.0.0/16",
						"target_type": "vgw",
						"target_id": "vgw-08b7d849217105d6f",
						"state": "active",
						"origin": "EnableVgwRoutePropagation",
					},
					{
						"destination_cidr": "192.168.0.0/16",
						"target_type": "vgw",
						"target_id": "vgw-08b7d849217105d6f",
						"state": "active",
						"origin": "EnableVgwRoutePropagation",
					},
				],
				"tags": {
					"Name": "eks-hybrid-public-subnet-rt",
				},
			},
			{
				"id": "rtb-0c2d3e4f5a6b7c8d9",
				"vpc_id": "vpc-0518d3603257bf85d",
				"main": false,
				"associations": [
					{
						"id": "rtbassoc-0prv00000000000001",
						"subnet_id": "subnet-01fb42f5764dcf18e",
						"main": false,
						"state": "associated",
					},
				],
				"propagating_vgws": [
					"vgw-08b7d849217105d6f",
				],
				"routes": [
					{
						"destination_cidr": "0.0.0.0/0",
						"target_type": "nat",
						"target_id": "nat-0327bf58440ab78b9",
						"state": "active",
						"origin": "CreateRoute",
					},
					{
						"destination_cidr": "10.100.0.0/16",
						"target_type": "local",
						"target_id": "local",
						"state": "active",
						"origin": "CreateRouteTable",
					},
					{
						"destination_cidr": "10.200.0.0/16",
						"target_type": "vgw",
						"target_id": "vgw-08b7d849217105d6f",
						"state": "active",
						"origin": "EnableVgwRoutePropagation",
					},
					{
						"destination_cidr": "192.168.0.0/16",
						"target_type": "vgw",
						"target_id": "vgw-08b7d849217105d6f",
						"state": "active",
						"origin": "EnableVgwRoutePropagation",
					},
				],
				"tags": {
					"Name": "eks-hybrid-private-subnet-rt",
				},
			},
		],
		"internet_gateways": [
			{
				"id": "igw-0ddc77da7524bf133",
				"attachments": [
					{
						"vpc_id": "vpc-0518d3603257bf85d",
						"state": "available",
					},
				],
				"tags": {
					"Name": "eks-hybrid-igw",
				},
			},
		],
		"nat_gateways": [
			{
				"id": "nat-0327bf58440ab78b9",
				"vpc_id": "vpc-0518d3603257bf85d",
				"subnet_id": "subnet-0cdebdb570d3ca783",
				"state": "available",
				"connectivity_type": "public",
				"addresses": [
					{
						"allocation_id": "eipalloc-05e4fdafb32b05447",
						"public_ip": "54.210.167.99",
						"private_ip": "10.100.0.57",
					},
				],
				"tags": {
					"Name": "eks-hybrid-private-subnet-gateway",
				},
			},
		],
		"elastic_ips": [
			{
				"allocation_id": "eipalloc-05e4fdafb32b05447",
				"public_ip": "54.210.167.99",
				"association_id": "eipassoc-0f1e2d3c4b5a69788",
				"network_interface_id": "eni-0a9b8c7d6e5f40312",
				"domain": "vpc",
			},
		],
		"security_groups": [
			{
				"id": "sg-0a1b2c3d4e5f60718",
				"name": "eks-hybrid-remote-rules-sg",
				"vpc_id": "vpc-0518d3603257bf85d",
				"description": "EKS Hybrid remote environment communication",
				"ingress": [
					{
						"protocol": "icmp",
						"from_port": -1,
						"to_port": -1,
						"cidr_ipv4": "10.200.0.0/16",
						"description": "Remote Node CIDR ICMP Inbound",
					},
					{
						"protocol": "tcp",
						"from_port": 22,
						"to_port": 22,
						"cidr_ipv4": "10.200.0.0/16",
						"description": "Remote Node CIDR SSH Inbound",
					},
					{
						"protocol": "tcp",
						"from_port": 443,
						"to_port": 443,
						"cidr_ipv4": "10.200.0.0/16",
						"description": "Remote Node CIDR Inbound",
					},
					{
						"protocol": "tcp",
						"from_port": 443,
						"to_port": 443,
						"cidr_ipv4": "192.168.0.0/16",
						"description": "Remote Pod CIDR Inbound",
					},
				],
				"egress": [
					{
						"protocol": "tcp",
						"from_port": 443,
						"to_port": 443,
						"cidr_ipv4": "192.168.0.0/16",
						"description": "Remote Pod CIDR Webhook Outbound",
					},
					{
						"protocol": "tcp",
						"from_port": 10250,
						"to_port": 10250,
						"cidr_ipv4": "10.200.0.0/16",
						"description": "Remote Node CIDR Outbound",
					},
				],
				"tags": {
					"Name": "eks-hybrid-remote-rules-sg",
				},
			},
			{
				"id": "sg-0c1a2b3c4d5e6f708",
				"name": "eks-cluster-sg-eks-hybrid-1234567890",
				"vpc_id": "vpc-0518d3603257bf85d",
				"description": "EKS created security group applied to ENI that is attached to EKS Control Plane master nodes, as well as any managed workloads.",
				"ingress": [
					{
						"protocol": "all",
						"from_port": -1,
						"to_port": -1,
						"referenced_group_id": "sg-0c1a2b3c4d5e6f708",
					},
				],
				"egress": [
					{
						"protocol": "all",
						"from_port": -1,
						"to_port": -1,
						"cidr_ipv4": "0.0.0.0/0",
					},
				],
			},
		],
		"transit_gateways": [],
		"transit_gateway_attachments": [],
		"transit_gateway_route_tables": [],
		"vpn_gateways": [
			{
				"id": "vgw-08b7d849217105d6f",
				"state": "available",
				"type": "ipsec.1",
				"amazon_side_asn": 64512,
				"vpc_attachments": [
					{
						"vpc_id": "vpc-0518d3603257bf85d",
						"state": "attached",
					},
				],
				"tags": {
					"Name": "eks-hybrid-vgw",
				},
			},
		],
		"customer_gateways": [
			{
				"id": "cgw-0b4ec7c65c5189d1e",
				"state": "available",
				"type": "ipsec.1",
				"bgp_asn": 65000,
				"ip_address": "3.232.157.211",
				"device_name": "eks-hybrid-remote-gateway-1",
				"tags": {
					"Name": "eks-hybrid-remote-gateway-1",
				},
			},
		],
		"vpn_connections": [
			{
				"id": "vpn-0c3568c2303ac18df",
				"state": "available",
				"type": "ipsec.1",
				"customer_gateway_id": "cgw-0b4ec7c65c5189d1e",
				"vpn_gateway_id": "vgw-08b7d849217105d6f",
				"static_routes_only": true,
				"routes": [
					{
						"destination_cidr": "10.200.0.0/16",
						"source": "Static",
						"state": "available",
					},
					{
						"destination_cidr": "192.168.0.0/16",
						"source": "Static",
						"state": "available",
					},
				],
				"tunnel_inside_ip_version": "ipv4",
				"outside_ip_address_type": "PublicIpv4",
				"local_ipv4_network_cidr": "0.0.0.0/0",
				"remote_ipv4_network_cidr": "0.0.0.0/0",
				"tunnels": [
					{
						"outside_ip_address": "3.225.148.144",
						"inside_cidr": "169.254.11.0/30",
						"aws_inside_address": "169.254.11.1",
						"customer_inside_address": "169.254.11.2",
						"status": "UP",
						"accepted_route_count": 0,
						"last_status_change": "2026-11-19T08:12:45Z",
						"ike_versions": [
							"ikev2",
						],
						"phase1_encryption_algorithms": [
							"AES256",
						],
						"phase1_integrity_algorithms": [
							"SHA2-256",
						],
						"phase1_dh_group_numbers": [
							14,
						],
						"phase2_encryption_algorithms": [
							"AES256",
						],
						"phase2_integrity_algorithms": [
							"SHA2-256",
						],
						"phase2_dh_group_numbers": [
							14,
						],
						"phase1_lifetime_seconds": 28800,
						"phase2_lifetime_seconds": 3600,
						"dpd_timeout_action": "restart",
						"dpd_timeout_seconds": 30,
						"psk_fingerprint": "4bb1aa65e5cbd4294161a82802a52463975d81ab63d5995eec88e70c0f036b13",
					},
					{
						"outside_ip_address": "52.44.108.101",
						"inside_cidr": "169.254.10.0/30",
						"aws_inside_address": "169.254.10.1",
						"customer_inside_address": "169.254.10.2",
						"status": "UP",
						"accepted_route_count": 0,
						"last_status_change": "2026-11-19T08:12:45Z",
						"ike_versions": [
							"ikev2",
						],
						"phase1_encryption_algorithms": [
							"AES256",
						],
						"phase1_integrity_algorithms": [
							"SHA2-256",
						],
						"phase1_dh_group_numbers": [
							14,
						],
						"phase2_encryption_algorithms": [
							"AES256",
						],
						"phase2_integrity_algorithms": [
							"SHA2-256",
						],
						"phase2_dh_group_numbers": [
							14,
						],
						"phase1_lifetime_seconds": 28800,
						"phase2_lifetime_seconds": 3600,
						"dpd_timeout_action": "restart",
						"dpd_timeout_seconds": 30,
						"psk_fingerprint": "4c41a8301604ef34d4785591f296134378d5e508efae3fc320a52186db58d563",
					},
				],
				"tags": {
					"Name": "eks-hybrid-sts-vpn",
				},
			},
		],
		"eks_cluster": {
			"name": "eks-hybrid",
			"arn": "arn:aws:eks:us-east-1:111122223333:cluster/eks-hybrid",
			"status": "ACTIVE",
			"version": "1.31",
			"vpc_id": "vpc-0518d3603257bf85d",
			"subnet_ids": [
				"subnet-01fb42f5764dcf18e",
				"subnet-0cdebdb570d3ca783",
			],
			"cluster_security_group_id": "sg-0c1a2b3c4d5e6f708",
			"security_group_ids": [
				"sg-0a1b2c3d4e5f60718",
			],
			"service_ipv4_cidr": "172.20.0.0/16",
			"ip_family": "ipv4",
			"endpoint_public_access": true,
			"endpoint_private_access": true,
			"remote_node_networks": [
				"10.200.0.0/16",
			],
			"remote_pod_networks": [
				"192.168.0.0/16",
			],
		},
		"network_acls": [
			{
				"id": "acl-0a1b2c3d4e5f60718",
				"vpc_id": "vpc-0518d3603257bf85d",
				"is_default": true,
				"associations": [
					{
						"id": "aclassoc-0a1b2c3d4e5f60002",
						"subnet_id": "subnet-01fb42f5764dcf18e",
					},
					{
						"id": "aclassoc-0a1b2c3d4e5f60001",
						"subnet_id": "subnet-0cdebdb570d3ca783",
					},
				],
				"entries": [
					{
						"rule_number": 100,
						"egress": false,
						"protocol": "all",
						"rule_action": "allow",
						"cidr_block": "0.0.0.0/0",
						"from_port": -1,
						"to_port": -1,
					},
					{
						"rule_number": 32767,
						"egress": false,
						"protocol": "all",
						"rule_action": "deny",
						"cidr_block": "0.0.0.0/0",
						"from_port": -1,
						"to_port": -1,
					},
					{
						"rule_number": 100,
						"egress": true,
						"protocol": "all",
						"rule_action": "allow",
						"cidr_block": "0.0.0.0/0",
						"from_port": -1,
						"to_port": -1,
					},
					{
						"rule_number": 32767,
						"egress": true,
						"protocol": "all",
						"rule_action": "deny",
						"cidr_block": "0.0.0.0/0",
						"from_port": -1,
						"to_port": -1,
					},
				],
			},
		],
		"prefix_lists": [
			{
				"id": "pl-0e1d2c3b4a5968778",
				"name": "eks-hybrid-remote-networks",
				"address_family": "IPv4",
				"owner_id": "111122223333",
				"max_entries": 4,
				"entries": [
					{
						"cidr": "10.200.0.0/16",
						"description": "Remote node CIDR",
					},
					{
						"cidr": "192.168.0.0/16",
						"description": "Remote pod CIDR",
					},
				],
			},
		],
	},
	"devices": [
		{
			"name": "eks-hybrid-remote-gateway-1",
			"format": "pfsense",
			"source": "testdata/reference/edge-fw.xml",
			"hostname": "eks-hybrid-remote-gateway-1",
			"version": "23.3",
			"wan_addresses": [
				"3.232.157.211",
			],
			"interfaces": [
				{
					"name": "wan",
					"description": "WAN",
					"device": "em0",
					"enabled": true,
					"role": "wan",
					"addresses": [
						"3.232.157.211/24",
					],
					"networks": [
						"3.232.157.0/24",
					],
					"gateway": "3.232.157.1",
					"location": {
						"file": "testdata/reference/edge-fw.xml",
						"line": 43,
						"path": "interfaces/wan",
					},
				},
				{
					"name": "lan",
					"description": "NODES_A",
					"device": "em1.200",
					"enabled": true,
					"role": "vlan",
					"addresses": [
						"10.200.0.1/24",
					],
					"networks": [
						"10.200.0.0/24",
					],
					"vlan_id": 200,
					"parent": "em1",
					"location": {
						"file": "testdata/reference/edge-fw.xml",
						"line": 53,
						"path": "interfaces/lan",
					},
				},
				{
					"name": "opt1",
					"description": "NODES_B",
					"device": "em1.201",
					"enabled": true,
					"role": "vlan",
					"addresses": [
						"10.200.1.1/24",
					],
					"networks": [
						"10.200.1.0/24",
					],
					"vlan_id": 201,
					"parent": "em1",
					"location": {
						"file": "testdata/reference/edge-fw.xml",
						"line": 61,
						"path": "interfaces/opt1",
					},
				},
			],
			"aliases": [
				{
					"name": "NODE_CIDRS",
					"type": "network",
					"cidrs": [
						"10.200.0.0/16",
					],
					"description": "Remote node CIDR",
				},
				{
					"name": "POD_CIDRS",
					"type": "network",
					"cidrs": [
						"192.168.0.0/16",
					],
					"description": "Remote pod CIDR",
				},
				{
					"name": "HYBRID_CIDRS",
					"type": "network",
					"cidrs": [
						"10.200.0.0/16",
						"192.168.0.0/16",
					],
					"description": "Remote node and pod CIDRs",
				},
				{
					"name": "AWS_VPC",
					"type": "network",
					"cidrs": [
						"10.100.0.0/16",
					],
					"description": "EKS VPC CIDR",
				},
				{
					"name": "AWS_TUNNELS",
					"type": "host",
					"cidrs": [
						"52.44.108.101/32",
						"3.225.148.144/32",
					],
					"description": "AWS Site-to-Site VPN tunnel outside addresses",
				},
				{
					"name": "EKS_SSM_ENDPOINTS",
					"type": "fqdn",
					"fqdns": [
						"hybrid-assets.eks.amazonaws.com",
						"eks.us-east-1.amazonaws.com",
						"api.ecr.us-east-1.amazonaws.com",
						"602401143452.dkr.ecr.us-east-1.amazonaws.com",
						"amazon-ssm-us-east-1.s3.us-east-1.amazonaws.com",
						"ssm.us-east-1.amazonaws.com",
						"ec2messages.us-east-1.amazonaws.com",
						"logs.us-east-1.amazonaws.com",
						"s3.us-east-1.amazonaws.com",
					],
					"description": "Endpoints for hybrid node installation and upgrade (SSM)",
				},
				{
					"name": "IPSEC_PORTS",
					"type": "port",
					"ports": [
						{
							"from": 500,
							"to": 500,
						},
						{
							"from": 4500,
							"to": 4500,
						},
					],
					"description": "IKE and NAT-T",
				},
			],
			"firewall": {
				"model": "pf",
				"default_action": "block",
				"chains": [
					{
						"name": "filter",
						"priority": 0,
						"rules": [
							{
								"index": 0,
								"action": "pass",
								"disabled": false,
								"quick": true,
								"floating": true,
								"interfaces": [
									"lan",
									"opt1",
								],
								"direction": "in",
								"ip_version": "inet",
								"protocol": "tcp",
								"source": {
									"any": false,
									"not": false,
									"cidrs": [
										"10.200.0.0/16",
									],
									"alias": "NODE_CIDRS",
								},
								"destination": {
									"any": false,
									"not": false,
									"cidrs": [
										"10.100.0.0/16",
									],
									"alias": "AWS_VPC",
									"ports": [
										{
											"from": 443,
											"to": 443,
										},
									],
								},
								"description": "Hybrid nodes to the Amazon EKS cluster",
								"tracker": "1700000031",
								"location": {
									"file": "testdata/reference/edge-fw.xml",
									"line": 351,
									"path": "filter/rule[12]",
								},
							},
							{
								"index": 1,
								"action": "pass",
								"disabled": false,
								"quick": true,
								"floating": true,
								"interfaces": [
									"lan",
									"opt1",
								],
								"direction": "in",
								"ip_version": "inet",
								"protocol": "tcp",
								"source": {
									"any": false,
									"not": false,
									"cidrs": [
										"192.168.0.0/16",
									],
									"alias": "POD_CIDRS",
								},
								"destination": {
									"any": false,
									"not": false,
									"cidrs": [
										"10.100.0.0/16",
									],
									"alias": "AWS_VPC",
									"ports": [
										{
											"from": 443,
											"to": 443,
										},
									],
								},
								"description": "Hybrid pods to the Amazon EKS cluster",
								"tracker": "1700000032",
								"location": {
									"file": "testdata/reference/edge-fw.xml",
									"line": 371,
									"path": "filter/rule[13]",
								},
							},
							{
								"index": 2,
								"action": "pass",
								"disabled": false,
								"quick": true,
								"floating": true,
								"interfaces": [
									"lan",
									"opt1",
								],
								"direction": "in",
								"ip_version": "inet",
								"protocol": "tcp",
								"source": {
									"any": false,
									"not": false,
									"cidrs": [
										"10.200.0.0/16",
									],
									"alias": "NODE_CIDRS",
								},
								"destination": {
									"any": false,
									"not": false,
									"fqdns": [
										"hybrid-assets.eks.amazonaws.com",
										"eks.us-east-1.amazonaws.com",
										"api.ecr.us-east-1.amazonaws.com",
										"602401143452.dkr.ecr.us-east-1.amazonaws.com",
										"amazon-ssm-us-east-1.s3.us-east-1.amazonaws.com",
										"ssm.us-east-1.amazonaws.com",
										"ec2messages.us-east-1.amazonaws.com",
										"logs.us-east-1.amazonaws.com",
										"s3.us-east-1.amazonaws.com",
									],
									"alias": "EKS_SSM_ENDPOINTS",
									"ports": [
										{
											"from": 443,
											"to": 443,
										},
									],
								},
								"description": "Hybrid nodes to EKS, ECR and SSM endpoints",
								"tracker": "1700000033",
								"location": {
									"file": "testdata/reference/edge-fw.xml",
									"line": 391,
									"path": "filter/rule[14]",
								},
							},
							{
								"index": 3,
								"action": "pass",
								"disabled": false,
								"quick": true,
								"floating": true,
								"interfaces": [
									"lan",
									"opt1",
								],
								"direction": "in",
								"ip_version": "inet",
								"protocol": "tcp/udp",
								"source": {
									"any": false,
									"not": false,
									"cidrs": [
										"192.168.0.0/16",
									],
									"alias": "POD_CIDRS",
								},
								"destination": {
									"any": false,
									"not": false,
									"cidrs": [
										"192.168.0.0/16",
									],
									"alias": "POD_CIDRS",
									"ports": [
										{
											"from": 53,
											"to": 53,
										},
									],
								},
								"description": "Hybrid pods to CoreDNS",
								"tracker": "1700000034",
								"location": {
									"file": "testdata/reference/edge-fw.xml",
									"line": 411,
									"path": "filter/rule[15]",
								},
							},
							{
								"index": 4,
								"action": "pass",
								"disabled": false,
								"quick": true,
								"floating": true,
								"interfaces": [
									"lan",
									"opt1",
								],
								"direction": "in",
								"ip_version": "inet",
								"protocol": "tcp/udp",
								"source": {
									"any": false,
									"not": false,
									"cidrs": [
										"192.168.0.0/16",
									],
									"alias": "POD_CIDRS",
								},
								"destination": {
									"any": false,
									"not": false,
									"cidrs": [
										"192.168.0.0/16",
									],
									"alias": "POD_CIDRS",
									"ports": [
										{
											"from": 443,
											"to": 443,
										},
									],
								},
								"description": "Hybrid pod to hybrid pod application port",
								"tracker": "1700000035",
								"location": {
									"file": "testdata/reference/edge-fw.xml",
									"line": 431,
									"path": "filter/rule[16]",
								},
							},
							{
								"index": 5,
								"action": "pass",
								"disabled": false,
								"quick": true,
								"floating": true,
								"interfaces": [
									"lan",
									"opt1",
								],
								"direction": "in",
								"ip_version": "inet",
								"protocol": "tcp",
								"source": {
									"any": false,
									"not": false,
									"cidrs": [
										"10.200.0.0/16",
									],
									"alias": "NODE_CIDRS",
								},
								"destination": {
									"any": false,
									"not": false,
									"cidrs": [
										"10.100.0.0/16",
									],
									"alias": "AWS_VPC",
									"ports": [
										{
											"from": 4240,
											"to": 4240,
										},
									],
								},
								"description": "Hybrid nodes to AWS, cilium-health",
								"tracker": "1700000036",
								"location": {
									"file": "testdata/reference/edge-fw.xml",
									"line": 451,
									"path": "filter/rule[17]",
								},
							},
							{
								"index": 6,
								"action": "pass",
								"disabled": false,
								"quick": true,
								"floating": true,
								"interfaces": [
									"lan",
									"opt1",
								],
								"direction": "in",
								"ip_version": "inet",
								"protocol": "tcp",
								"source": {
									"any": false,
									"not": false,
									"cidrs": [
										"10.200.0.0/16",
									],
									"alias": "NODE_CIDRS",
								},
								"destination": {
									"any": false,
									"not": false,
									"cidrs": [
										"10.200.0.0/16",
									],
									"alias": "NODE_CIDRS",
									"ports": [
										{
											"from": 4240,
											"to": 4240,
										},
									],
								},
								"description": "Hybrid node to hybrid node, cilium-health",
								"tracker": "1700000037",
								"location": {
									"file": "testdata/reference/edge-fw.xml",
									"line": 471,
									"path": "filter/rule[18]",
								},
							},
							{
								"index": 7,
								"action": "pass",
								"disabled": false,
								"quick": true,
								"floating": true,
								"interfaces": [
									"lan",
									"opt1",
								],
								"direction": "in",
								"ip_version": "inet",
								"protocol": "icmp",
								"source": {
									"any": false,
									"not": false,
									"cidrs": [
										"10.200.0.0/16",
									],
									"alias": "NODE_CIDRS",
								},
								"destination": {
									"any": false,
									"not": false,
									"cidrs": [
										"10.100.0.0/16",
									],
									"alias": "AWS_VPC",
								},
								"icmp_types": [
									8,
									0,
								],
								"description": "Hybrid nodes to AWS, cilium-health pings",
								"tracker": "1700000038",
								"location": {
									"file": "testdata/reference/edge-fw.xml",
									"line": 491,
									"path": "filter/rule[19]",
								},
							},
							{
								"index": 8,
								"action": "pass",
								"disabled": false,
								"quick": true,
								"floating": true,
								"interfaces": [
									"lan",
									"opt1",
								],
								"direction": "in",
								"ip_version": "inet",
								"protocol": "icmp",
								"source": {
									"any": false,
									"not": false,
									"cidrs": [
										"10.200.0.0/16",
									],
									"alias": "NODE_CIDRS",
								},
								"destination": {
									"any": false,
									"not": false,
									"cidrs": [
										"10.200.0.0/16",
									],
									"alias": "NODE_CIDRS",
								},
								"icmp_types": [
									8,
									0,
								],
								"description": "Hybrid node to hybrid node, cilium-health pings",
								"tracker": "1700000039",
								"location": {
									"file": "testdata/reference/edge-fw.xml",
									"line": 511,
									"path": "filter/rule[20]",
								},
							},
							{
								"index": 9,
								"action": "pass",
								"disabled": false,
								"quick": true,
								"floating": true,
								"interfaces": [
									"lan",
									"opt1",
								],
								"direction": "in",
								"ip_version": "inet",
								"protocol": "tcp",
								"source": {
									"any": false,
									"not": false,
									"cidrs": [
										"10.200.0.0/16",
									],
									"alias": "NODE_CIDRS",
								},
								"destination": {
									"any": false,
									"not": false,
									"cidrs": [
										"10.100.0.0/16",
									],
									"alias": "AWS_VPC",
									"ports": [
										{
											"from": 2379,
											"to": 2380,
										},
									],
								},
								"description": "Hybrid nodes to Amazon EKS, etcd",
								"tracker": "1700000040",
								"location": {
									"file": "testdata/reference/edge-fw.xml",
									"line": 531,
									"path": "filter/rule[21]",
								},
							},
							{
								"index": 10,
								"action": "pass",
								"disabled": false,
								"quick": true,
								"floating": true,
								"interfaces": [
									"wan",
								],
								"direction": "out",
								"ip_version": "inet",
								"protocol": "udp",
								"source": {
									"any": false,
									"not": false,
									"cidrs": [
										"3.232.157.211/32",
									],
									"self": true,
									"alias": "wanip",
								},
								"destination": {
									"any": false,
									"not": false,
									"cidrs": [
										"52.44.108.101/32",
										"3.225.148.144/32",
									],
									"alias": "AWS_TUNNELS",
									"ports": [
										{
											"from": 500,
											"to": 500,
										},
										{
											"from": 4500,
											"to": 4500,
										},
									],
								},
								"description": "IKE and NAT-T to the AWS tunnels",
								"tracker": "1700000041",
								"location": {
									"file": "testdata/reference/edge-fw.xml",
									"line": 551,
									"path": "filter/rule[22]",
								},
							},
							{
								"index": 11,
								"action": "pass",
								"disabled": false,
								"quick": true,
								"floating": true,
								"interfaces": [
									"wan",
								],
								"direction": "out",
								"ip_version": "inet",
								"protocol": "esp",
								"source": {
									"any": false,
									"not": false,
									"cidrs": [
										"3.232.157.211/32",
									],
									"self": true,
									"alias": "wanip",
								},
								"destination": {
									"any": false,
									"not": false,
									"cidrs": [
										"52.44.108.101/32",
										"3.225.148.144/32",
									],
									"alias": "AWS_TUNNELS",
								},
								"description": "ESP to the AWS tunnels",
								"tracker": "1700000042",
								"location": {
									"file": "testdata/reference/edge-fw.xml",
									"line": 571,
									"path": "filter/rule[23]",
								},
							},
							{
								"index": 12,
								"action": "pass",
								"disabled": false,
								"quick": true,
								"floating": true,
								"interfaces": [
									"wan",
								],
								"direction": "out",
								"ip_version": "inet",
								"protocol": "udp",
								"source": {
									"any": false,
									"not": false,
									"cidrs": [
										"3.232.157.211/32",
									],
									"self": true,
									"alias": "wanip",
								},
								"destination": {
									"any": false,
									"not": false,
									"cidrs": [
										"52.44.108.101/32",
										"3.225.148.144/32",
									],
									"alias": "AWS_TUNNELS",
									"ports": [
										{
											"from": 1194,
											"to": 1194,
										},
									],
								},
								"description": "OpenVPN to the AWS tunnels",
								"tracker": "1700000043",
								"location": {
									"file": "testdata/reference/edge-fw.xml",
									"line": 590,
									"path": "filter/rule[24]",
								},
							},
							{
								"index": 13,
								"action": "pass",
								"disabled": false,
								"quick": true,
								"floating": false,
								"interfaces": [
									"wan",
								],
								"direction": "in",
								"ip_version": "inet",
								"protocol": "udp",
								"source": {
									"any": false,
									"not": false,
									"cidrs": [
										"52.44.108.101/32",
										"3.225.148.144/32",
									],
									"alias": "AWS_TUNNELS",
								},
								"destination": {
									"any": false,
									"not": false,
									"cidrs": [
										"3.232.157.211/32",
									],
									"self": true,
									"alias": "wanip",
									"ports": [
										{
											"from": 500,
											"to": 500,
										},
									],
								},
								"description": "IKE phase 1 from the AWS tunnels",
								"tracker": "1700000001",
								"location": {
									"file": "testdata/reference/edge-fw.xml",
									"line": 165,
									"path": "filter/rule[1]",
								},
							},
							{
								"index": 14,
								"action": "pass",
								"disabled": false,
								"quick": true,
								"floating": false,
								"interfaces": [
									"wan",
								],
								"direction": "in",
								"ip_version": "inet",
								"protocol": "udp",
								"source": {
									"any": false,
									"not": false,
									"cidrs": [
										"52.44.108.101/32",
										"3.225.148.144/32",
									],
									"alias": "AWS_TUNNELS",
								},
								"destination": {
									"any": false,
									"not": false,
									"cidrs": [
										"3.232.157.211/32",
									],
									"self": true,
									"alias": "wanip",
									"ports": [
										{
											"from": 4500,
											"to": 4500,
										},
									],
								},
								"description": "NAT-T from the AWS tunnels",
								"tracker": "1700000002",
								"location": {
									"file": "testdata/reference/edge-fw.xml",
									"line": 182,
									"path": "filter/rule[2]",
								},
							},
							{
								"index": 15,
								"action": "pass",
								"disabled": false,
								"quick": true,
								"floating": false,
								"interfaces": [
									"wan",
								],
								"direction": "in",
								"ip_version": "inet",
								"protocol": "esp",
								"source": {
									"any": false,
									"not": false,
									"cidrs": [
										"52.44.108.101/32",
										"3.225.148.144/32",
									],
									"alias": "AWS_TUNNELS",
								},
								"destination": {
									"any": false,
									"not": false,
									"cidrs": [
										"3.232.157.211/32",
									],
									"self": true,
									"alias": "wanip",
								},
								"description": "ESP from the AWS tunnels",
								"tracker": "1700000003",
								"location": {
									"file": "testdata/reference/edge-fw.xml",
									"line": 199,
									"path": "filter/rule[3]",
								},
							},
							{
								"index": 16,
								"action": "pass",
								"disabled": false,
								"quick": true,
								"floating": false,
								"interfaces": [
									"wan",
								],
								"direction": "in",
								"ip_version": "inet",
								"protocol": "udp",
								"source": {
									"any": false,
									"not": false,
									"cidrs": [
										"52.44.108.101/32",
										"3.225.148.144/32",
									],
									"alias": "AWS_TUNNELS",
								},
								"destination": {
									"any": false,
									"not": false,
									"cidrs": [
										"3.232.157.211/32",
									],
									"self": true,
									"alias": "wanip",
									"ports": [
										{
											"from": 1194,
											"to": 1194,
										},
									],
								},
								"description": "OpenVPN from the AWS tunnels",
								"tracker": "1700000004",
								"location": {
									"file": "testdata/reference/edge-fw.xml",
									"line": 215,
									"path": "filter/rule[4]",
								},
							},
							{
								"index": 17,
								"action": "pass",
								"disabled": false,
								"quick": true,
								"floating": false,
								"interfaces": [
									"enc0",
								],
								"direction": "in",
								"ip_version": "inet",
								"protocol": "tcp",
								"source": {
									"any": false,
									"not": false,
									"cidrs": [
										"10.100.0.0/16",
									],
									"alias": "AWS_VPC",
								},
								"destination": {
									"any": false,
									"not": false,
									"cidrs": [
										"10.200.0.0/16",
									],
									"alias": "NODE_CIDRS",
									"ports": [
										{
											"from": 10250,
											"to": 10250,
										},
									],
								},
								"description": "Amazon EKS cluster to hybrid nodes (kubelet)",
								"tracker": "1700000011",
								"location": {
									"file": "testdata/reference/edge-fw.xml",
									"line": 232,
									"path": "filter/rule[5]",
								},
							},
							{
								"index": 18,
								"action": "pass",
								"disabled": false,
								"quick": true,
								"floating": false,
								"interfaces": [
									"enc0",
								],
								"direction": "in",
								"ip_version": "inet",
								"protocol": "tcp",
								"source": {
									"any": false,
									"not": false,
									"cidrs": [
										"10.100.0.0/16",
									],
									"alias": "AWS_VPC",
								},
								"destination": {
									"any": false,
									"not": false,
									"cidrs": [
										"192.168.0.0/16",
									],
									"alias": "POD_CIDRS",
									"ports": [
										{
											"from": 443,
											"to": 443,
										},
									],
								},
								"description": "Amazon EKS cluster to hybrid pods (webhooks)",
								"tracker": "1700000012",
								"location": {
									"file": "testdata/reference/edge-fw.xml",
									"line": 249,
									"path": "filter/rule[6]",
								},
							},
							{
								"index": 19,
								"action": "pass",
								"disabled": false,
								"quick": true,
								"floating": false,
								"interfaces": [
									"enc0",
								],
								"direction": "in",
								"ip_version": "inet",
								"protocol": "tcp",
								"source": {
									"any": false,
									"not": false,
									"cidrs": [
										"10.100.0.0/16",
									],
									"alias": "AWS_VPC",
								},
								"destination": {
									"any": false,
									"not": false,
									"cidrs": [
										"10.200.0.0/16",
									],
									"alias": "NODE_CIDRS",
									"ports": [
										{
											"from": 22,
											"to": 22,
										},
									],
								},
								"description": "EKS VPC to hybrid nodes, SSH (optional)",
								"tracker": "1700000013",
								"location": {
									"file": "testdata/reference/edge-fw.xml",
									"line": 266,
									"path": "filter/rule[7]",
								},
							},
							{
								"index": 20,
								"action": "pass",
								"disabled": false,
								"quick": true,
								"floating": false,
								"interfaces": [
									"enc0",
								],
								"direction": "in",
								"ip_version": "inet",
								"protocol": "icmp",
								"source": {
									"any": false,
									"not": false,
									"cidrs": [
										"10.100.0.0/16",
									],
									"alias": "AWS_VPC",
								},
								"destination": {
									"any": false,
									"not": false,
									"cidrs": [
										"10.200.0.0/16",
									],
									"alias": "NODE_CIDRS",
								},
								"description": "EKS VPC to hybrid nodes, ICMP (optional)",
								"tracker": "1700000014",
								"location": {
									"file": "testdata/reference/edge-fw.xml",
									"line": 283,
									"path": "filter/rule[8]",
								},
							},
							{
								"index": 21,
								"action": "pass",
								"disabled": false,
								"quick": true,
								"floating": false,
								"interfaces": [
									"enc0",
								],
								"direction": "in",
								"ip_version": "inet",
								"protocol": "tcp",
								"source": {
									"any": false,
									"not": false,
									"cidrs": [
										"10.100.0.0/16",
									],
									"alias": "AWS_VPC",
								},
								"destination": {
									"any": false,
									"not": false,
									"cidrs": [
										"10.200.0.0/16",
									],
									"alias": "NODE_CIDRS",
									"ports": [
										{
											"from": 4240,
											"to": 4240,
										},
									],
								},
								"description": "AWS to hybrid nodes, cilium-health",
								"tracker": "1700000015",
								"location": {
									"file": "testdata/reference/edge-fw.xml",
									"line": 300,
									"path": "filter/rule[9]",
								},
							},
							{
								"index": 22,
								"action": "pass",
								"disabled": false,
								"quick": true,
								"floating": false,
								"interfaces": [
									"enc0",
								],
								"direction": "in",
								"ip_version": "inet",
								"protocol": "icmp",
								"source": {
									"any": false,
									"not": false,
									"cidrs": [
										"10.100.0.0/16",
									],
									"alias": "AWS_VPC",
								},
								"destination": {
									"any": false,
									"not": false,
									"cidrs": [
										"10.200.0.0/16",
									],
									"alias": "NODE_CIDRS",
								},
								"icmp_types": [
									8,
									0,
								],
								"description": "AWS to hybrid nodes, cilium-health pings",
								"tracker": "1700000016",
								"location": {
									"file": "testdata/reference/edge-fw.xml",
									"line": 317,
									"path": "filter/rule[10]",
								},
							},
							{
								"index": 23,
								"action": "pass",
								"disabled": false,
								"quick": true,
								"floating": false,
								"interfaces": [
									"lan",
								],
								"direction": "in",
								"ip_version": "inet",
								"protocol": "tcp",
								"source": {
									"any": false,
									"not": false,
									"cidrs": [
										"10.200.0.0/24",
									],
									"alias": "lan",
								},
								"destination": {
									"any": false,
									"not": false,
									"cidrs": [
										"10.200.0.1/32",
									],
									"self": true,
									"alias": "lanip",
									"ports": [
										{
											"from": 443,
											"to": 443,
										},
									],
								},
								"description": "Web GUI from the node VLAN",
								"tracker": "1700000021",
								"location": {
									"file": "testdata/reference/edge-fw.xml",
									"line": 334,
									"path": "filter/rule[11]",
								},
							},
						],
					},
				],
			},
			"nat": {
				"outbound_mode": "hybrid",
				"rules": [
					{
						"index": 0,
						"kind": "outbound",
						"interface": "wan",
						"disabled": false,
						"no_nat": true,
						"protocol": "any",
						"source": {
							"any": false,
							"not": false,
							"cidrs": [
								"10.200.0.0/16",
							],
						},
						"destination": {
							"any": false,
							"not": false,
							"cidrs": [
								"10.100.0.0/16",
							],
						},
						"description": "No NAT: hybrid nodes to the EKS VPC over IPsec",
						"location": {
							"file": "testdata/reference/edge-fw.xml",
							"line": 615,
							"path": "nat/outbound/rule[1]",
						},
					},
					{
						"index": 1,
						"kind": "outbound",
						"interface": "wan",
						"disabled": false,
						"no_nat": true,
						"protocol": "any",
						"source": {
							"any": false,
							"not": false,
							"cidrs": [
								"192.168.0.0/16",
							],
						},
						"destination": {
							"any": false,
							"not": false,
							"cidrs": [
								"10.100.0.0/16",
							],
						},
						"description": "No NAT: hybrid pods to the EKS VPC over IPsec",
						"location": {
							"file": "testdata/reference/edge-fw.xml",
							"line": 630,
							"path": "nat/outbound/rule[2]",
						},
					},
					{
						"index": 2,
						"kind": "outbound",
						"interface": "wan",
						"disabled": false,
						"no_nat": false,
						"protocol": "any",
						"source": {
							"any": false,
							"not": false,
							"cidrs": [
								"10.200.0.0/16",
							],
						},
						"destination": {
							"any": true,
							"not": false,
						},
						"translation": "interface-address",
						"description": "Hybrid nodes to the internet",
						"location": {
							"file": "testdata/reference/edge-fw.xml",
							"line": 645,
							"path": "nat/outbound/rule[3]",
						},
					},
				],
			},
			"ipsec": {
				"phase1": [
					{
						"id": "1",
						"disabled": false,
						"description": "AWS eks-hybrid-sts-vpn tunnel 1",
						"interface": "wan",
						"remote_gateway": "52.44.108.101",
						"ike_version": "ikev2",
						"auth_method": "pre_shared_key",
						"proposals": [
							{
								"encryption": "aes",
								"key_length": 256,
								"hash": "sha256",
								"dh_group": 14,
							},
						],
						"lifetime_seconds": 28800,
						"dpd_enabled": true,
						"dpd_delay_seconds": 10,
						"dpd_max_failures": 5,
						"psk_fingerprint": "4c41a8301604ef34d4785591f296134378d5e508efae3fc320a52186db58d563",
						"location": {
							"file": "testdata/reference/edge-fw.xml",
							"line": 664,
							"path": "ipsec/phase1[1]",
						},
					},
					{
						"id": "2",
						"disabled": false,
						"description": "AWS eks-hybrid-sts-vpn tunnel 2",
						"interface": "wan",
						"remote_gateway": "3.225.148.144",
						"ike_version": "ikev2",
						"auth_method": "pre_shared_key",
						"proposals": [
							{
								"encryption": "aes",
								"key_length": 256,
								"hash": "sha256",
								"dh_group": 14,
							},
						],
						"lifetime_seconds": 28800,
						"dpd_enabled": true,
						"dpd_delay_seconds": 10,
						"dpd_max_failures": 5,
						"psk_fingerprint": "4bb1aa65e5cbd4294161a82802a52463975d81ab63d5995eec88e70c0f036b13",
						"location": {
							"file": "testdata/reference/edge-fw.xml",
							"line": 703,
							"path": "ipsec/phase1[2]",
						},
					},
				],
				"phase2": [
					{
						"id": "6555a0f1c0d01",
						"phase1_id": "1",
						"disabled": false,
						"description": "Hybrid nodes to EKS VPC, tunnel 1",
						"mode": "tunnel",
						"local_networks": [
							"10.200.0.0/16",
						],
						"remote_networks": [
							"10.100.0.0/16",
						],
						"protocol": "esp",
						"proposals": [
							{
								"encryption": "aes",
								"key_length": 256,
								"hash": "sha256",
							},
						],
						"pfs_group": 14,
						"lifetime_seconds": 3600,
						"location": {
							"file": "testdata/reference/edge-fw.xml",
							"line": 742,
							"path": "ipsec/phase2[1]",
						},
					},
					{
						"id": "6555a0f1c0d02",
						"phase1_id": "1",
						"disabled": false,
						"description": "Hybrid pods to EKS VPC, tunnel 1",
						"mode": "tunnel",
						"local_networks": [
							"192.168.0.0/16",
						],
						"remote_networks": [
							"10.100.0.0/16",
						],
						"protocol": "esp",
						"proposals": [
							{
								"encryption": "aes",
								"key_length": 256,
								"hash": "sha256",
							},
						],
						"pfs_group": 14,
						"lifetime_seconds": 3600,
						"location": {
							"file": "testdata/reference/edge-fw.xml",
							"line": 769,
							"path": "ipsec/phase2[2]",
						},
					},
					{
						"id": "6555a0f1c0d03",
						"phase1_id": "2",
						"disabled": false,
						"description": "Hybrid nodes to EKS VPC, tunnel 2",
						"mode": "tunnel",
						"local_networks": [
							"10.200.0.0/16",
						],
						"remote_networks": [
							"10.100.0.0/16",
						],
						"protocol": "esp",
						"proposals": [
							{
								"encryption": "aes",
								"key_length": 256,
								"hash": "sha256",
							},
						],
						"pfs_group": 14,
						"lifetime_seconds": 3600,
						"location": {
							"file": "testdata/reference/edge-fw.xml",
							"line": 796,
							"path": "ipsec/phase2[3]",
						},
					},
					{
						"id": "6555a0f1c0d04",
						"phase1_id": "2",
						"disabled": false,
						"description": "Hybrid pods to EKS VPC, tunnel 2",
						"mode": "tunnel",
						"local_networks": [
							"192.168.0.0/16",
						],
						"remote_networks": [
							"10.100.0.0/16",
						],
						"protocol": "esp",
						"proposals": [
							{
								"encryption": "aes",
								"key_length": 256,
								"hash": "sha256",
							},
						],
						"pfs_group": 14,
						"lifetime_seconds": 3600,
						"location": {
							"file": "testdata/reference/edge-fw.xml",
							"line": 823,
							"path": "ipsec/phase2[4]",
						},
					},
				],
			},
			"static_routes": [
				{
					"destination": "192.168.0.0/16",
					"gateway": "HYBRID_NODE_1",
					"gateway_address": "10.200.0.10",
					"interface": "lan",
					"disabled": false,
					"description": "Remote pod CIDR via the hybrid nodes",
					"location": {
						"file": "testdata/reference/edge-fw.xml",
						"line": 107,
						"path": "staticroutes/route[1]",
					},
				},
			],
			"gateways": [
				{
					"name": "WAN_GW",
					"interface": "wan",
					"address": "3.232.157.1",
					"default": true,
				},
				{
					"name": "HYBRID_NODE_1",
					"interface": "lan",
					"address": "10.200.0.10",
					"default": false,
				},
			],
		},
	],
}
