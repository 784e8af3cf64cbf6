# Generated from snapshots/reference-compliant.json by internal/engine's TestPolicyFixtureIsCurrent
# (go test ./internal/engine -run Fixture -update). Do not edit.
package hybridcheck.test.fixture

# compliant is the seed's example architecture (VGW, static routing, SSM) done right.
compliant := {
	"schema_version": "1.0",
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
			"id": "eks:DescribeCluster",
			"kind": "aws-api",
			"location": "us-east-1",
			"status": "ok",
			"items": 1,
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
			{
				"id": "sg-0a1b2c3d4e5f60718",
				"name": "eks-hybrid-remote-rules-sg",
				"vpc_id": "vpc-0518d3603257bf85d",
				"description": "EKS Hybrid remote environment communication",
				"ingress": [
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
					{
						"protocol": "tcp",
						"from_port": 22,
						"to_port": 22,
						"cidr_ipv4": "10.200.0.0/16",
						"description": "Remote Node CIDR SSH Inbound",
					},
					{
						"protocol": "icmp",
						"from_port": -1,
						"to_port": -1,
						"cidr_ipv4": "10.200.0.0/16",
						"description": "Remote Node CIDR ICMP Inbound",
					},
				],
				"egress": [
					{
						"protocol": "tcp",
						"from_port": 10250,
						"to_port": 10250,
						"cidr_ipv4": "10.200.0.0/16",
						"description": "Remote Node CIDR Outbound",
					},
					{
						"protocol": "tcp",
						"from_port": 443,
						"to_port": 443,
						"cidr_ipv4": "192.168.0.0/16",
						"description": "Remote Pod CIDR Webhook Outbound",
					},
				],
				"tags": {
					"Name": "eks-hybrid-remote-rules-sg",
				},
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
						"status_message": "",
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
						"psk_fingerprint": "8fbe416a5752c716889ce6881bd87b77a69da4237b91cc4a96a29cdbbe275e0d",
					},
					{
						"outside_ip_address": "52.44.108.101",
						"inside_cidr": "169.254.10.0/30",
						"aws_inside_address": "169.254.10.1",
						"customer_inside_address": "169.254.10.2",
						"status": "UP",
						"status_message": "",
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
						"psk_fingerprint": "bc7739d2766e0ea1f03de314db93391f9f354bb29fb6fcba02a664eabd98daa9",
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
				"subnet-0cdebdb570d3ca783",
				"subnet-01fb42f5764dcf18e",
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
	},
}
