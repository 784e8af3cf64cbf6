package snapshot

// AWS is the AWS side of the snapshot, normalised from the EC2, EKS and Direct Connect APIs.
// Every list is sorted by ID so that two collections of the same state are byte-identical.
type AWS struct {
	// Region and AccountID say where the state was collected (the collection region and the
	// caller's account); reports file findings under them.
	Region    string `json:"region,omitempty"`
	AccountID string `json:"account_id,omitempty"`
	// The EC2 resources, one list per Describe call (DescribeVpcs, DescribeSubnets,
	// DescribeRouteTables, DescribeInternetGateways, DescribeNatGateways, DescribeAddresses,
	// DescribeSecurityGroups); Sources says whether each call succeeded.
	VPCs             []VPC             `json:"vpcs"`
	Subnets          []Subnet          `json:"subnets"`
	RouteTables      []RouteTable      `json:"route_tables"`
	InternetGateways []InternetGateway `json:"internet_gateways"`
	NATGateways      []NATGateway      `json:"nat_gateways"`
	ElasticIPs       []ElasticIP       `json:"elastic_ips"`
	SecurityGroups   []SecurityGroup   `json:"security_groups"`
	// The transit gateway side: gateways, their attachments and their route tables.
	TransitGateways           []TransitGateway           `json:"transit_gateways"`
	TransitGatewayAttachments []TransitGatewayAttachment `json:"transit_gateway_attachments"`
	TransitGatewayRouteTables []TransitGatewayRouteTable `json:"transit_gateway_route_tables"`
	// The Site-to-Site VPN side: virtual private gateways, customer gateways and VPN connections.
	VPNGateways      []VPNGateway      `json:"vpn_gateways"`
	CustomerGateways []CustomerGateway `json:"customer_gateways"`
	VPNConnections   []VPNConnection   `json:"vpn_connections"`
	// EKSCluster is the cluster named by --cluster or the intent; absent when none was named.
	EKSCluster *EKSCluster `json:"eks_cluster,omitempty"`
	// DirectConnect is present when Direct Connect was collected (collect --dx).
	DirectConnect *DirectConnect `json:"direct_connect,omitempty"`
	// NetworkACLs and PrefixLists came with schema 1.1. Absent (or null) means they were not
	// collected, as in every 1.0 snapshot: the checks that need them answer unknown. An empty
	// list means they were collected and there are none.
	NetworkACLs *[]NetworkACL `json:"network_acls,omitempty"`
	PrefixLists *[]PrefixList `json:"prefix_lists,omitempty"`
}

// NetworkACL is a VPC network ACL from DescribeNetworkAcls: stateless, evaluated per direction
// in rule-number order, the first matching rule deciding.
type NetworkACL struct {
	// ID is the acl- ID and VPCID its VPC; IsDefault marks the VPC's default ACL.
	ID        string `json:"id"`
	VPCID     string `json:"vpc_id"`
	IsDefault bool   `json:"is_default"`
	// Associations are the subnets the ACL applies to; Entries its rules of both directions.
	Associations []NetworkACLAssociation `json:"associations"`
	Entries      []NetworkACLEntry       `json:"entries"`
	Tags         Tags                    `json:"tags,omitempty"`
}

// NetworkACLAssociation ties a network ACL to one subnet (every subnet has exactly one ACL).
type NetworkACLAssociation struct {
	ID       string `json:"id,omitempty"`
	SubnetID string `json:"subnet_id"`
}

// NetworkACLEntry is one rule. Protocol is spelled like SGRule's ("all" for -1); FromPort and
// ToPort are -1 when the rule has no port range (all protocols, ICMP).
type NetworkACLEntry struct {
	// RuleNumber orders evaluation (lowest first); Egress says which direction the rule filters.
	RuleNumber int    `json:"rule_number" schema:"min=1,max=32767"`
	Egress     bool   `json:"egress"`
	Protocol   string `json:"protocol"`
	RuleAction string `json:"rule_action" schema:"enum=allow|deny"`
	// CIDRBlock is the IPv4 peer range (the destination of an egress rule, the source of an
	// ingress one); IPv6CIDRBlock is kept for completeness.
	CIDRBlock     string `json:"cidr_block,omitempty" schema:"cidr"`
	IPv6CIDRBlock string `json:"ipv6_cidr_block,omitempty"`
	FromPort      int    `json:"from_port" schema:"min=-1,max=65535"`
	ToPort        int    `json:"to_port" schema:"min=-1,max=65535"`
}

// PrefixList is a managed prefix list (DescribeManagedPrefixLists) or an AWS service prefix
// list (DescribePrefixLists). Entries is null when its entries were not collected
// (GetManagedPrefixListEntries failed): a route or rule naming it cannot be resolved.
type PrefixList struct {
	// ID is the pl- ID; Name, AddressFamily, OwnerID and MaxEntries as EC2 reports them.
	ID            string             `json:"id"`
	Name          string             `json:"name,omitempty"`
	AddressFamily string             `json:"address_family,omitempty"`
	OwnerID       string             `json:"owner_id,omitempty"`
	MaxEntries    int                `json:"max_entries,omitempty"`
	Entries       *[]PrefixListEntry `json:"entries"`
}

// PrefixListEntry is one CIDR of a prefix list (GetManagedPrefixListEntries, or the CIDRs of an
// AWS service prefix list).
type PrefixListEntry struct {
	CIDR        string `json:"cidr"`
	Description string `json:"description,omitempty"`
}

// Tags is a resource's AWS tags as a plain map.
type Tags map[string]string

// VPC is a VPC from DescribeVpcs with its DNS attributes from DescribeVpcAttribute; the
// cluster's VPC is the one the EKS cluster or the intent names.
type VPC struct {
	// ID is the vpc- ID; State as EC2 reports it (available, pending).
	ID    string `json:"id"`
	State string `json:"state"`
	// CIDRBlocks are the IPv4 CIDRs associated with the VPC, primary and secondary.
	CIDRBlocks []string `json:"cidr_blocks" schema:"items=cidr"`
	// IPv6CIDRBlocks are kept for completeness; hybrid nodes need IPv4.
	IPv6CIDRBlocks []string `json:"ipv6_cidr_blocks,omitempty"`
	// IsDefault marks the region's default VPC.
	IsDefault bool `json:"is_default"`
	// EnableDNSSupport and EnableDNSHostnames come from DescribeVpcAttribute; null means the
	// attribute was not collected (HN-SNAP-01 says why).
	EnableDNSSupport   *bool `json:"enable_dns_support"`
	EnableDNSHostnames *bool `json:"enable_dns_hostnames"`
	Tags               Tags  `json:"tags,omitempty"`
}

// Subnet is a subnet from DescribeSubnets; route tables and network ACLs apply to it through
// their associations.
type Subnet struct {
	// ID is the subnet- ID, VPCID its VPC and CIDRBlock its IPv4 range.
	ID        string `json:"id"`
	VPCID     string `json:"vpc_id"`
	CIDRBlock string `json:"cidr_block" schema:"cidr"`
	// AvailabilityZone and AvailabilityZoneID place the subnet; State as EC2 reports it.
	AvailabilityZone   string `json:"availability_zone"`
	AvailabilityZoneID string `json:"availability_zone_id,omitempty"`
	State              string `json:"state"`
	// MapPublicIPOnLaunch: instances launched here get a public IPv4 address.
	MapPublicIPOnLaunch bool `json:"map_public_ip_on_launch"`
	Tags                Tags `json:"tags,omitempty"`
}

// RouteTable is a VPC route table from DescribeRouteTables: its routes decide where traffic for
// the remote node and pod networks leaves the VPC.
type RouteTable struct {
	// ID is the rtb- ID and VPCID its VPC.
	ID    string `json:"id"`
	VPCID string `json:"vpc_id"`
	// Main is true for the VPC's main route table (from its main association).
	Main bool `json:"main"`
	// Associations are the subnets and gateways the table applies to; PropagatingVGWs the
	// virtual private gateways whose routes propagate into it.
	Associations    []RouteTableAssociation `json:"associations"`
	PropagatingVGWs []string                `json:"propagating_vgws"`
	Routes          []Route                 `json:"routes"`
	Tags            Tags                    `json:"tags,omitempty"`
}

// RouteTableAssociation ties a route table to a subnet, to a gateway (an edge association), or
// marks it the VPC's main table.
type RouteTableAssociation struct {
	ID        string `json:"id,omitempty"`
	SubnetID  string `json:"subnet_id,omitempty"`
	GatewayID string `json:"gateway_id,omitempty"`
	Main      bool   `json:"main"`
	State     string `json:"state,omitempty"`
}

// Route is one route of a VPC route table. Exactly one destination field is set.
type Route struct {
	// Destination: an IPv4 CIDR, an IPv6 CIDR or a prefix list ID.
	DestinationCIDR         string `json:"destination_cidr,omitempty" schema:"cidr"`
	DestinationIPv6CIDR     string `json:"destination_ipv6_cidr,omitempty"`
	DestinationPrefixListID string `json:"destination_prefix_list_id,omitempty"`
	// TargetType is the kind of next hop, derived from which SDK field was set.
	TargetType string `json:"target_type" schema:"enum=local|igw|egress-only-igw|nat|vgw|tgw|pcx|eni|instance|vpce|carrier|local-gateway|core-network|unknown"`
	// TargetID is the next hop's ID (igw-, nat-, vgw-, tgw-, pcx-, eni-...); State blackhole means
	// the target is gone.
	TargetID string `json:"target_id"`
	State    string `json:"state" schema:"enum=active|blackhole"`
	// Origin is CreateRouteTable, CreateRoute or EnableVgwRoutePropagation.
	Origin string `json:"origin,omitempty"`
}

// InternetGateway is an internet gateway from DescribeInternetGateways with the VPCs it is
// attached to; egress checks follow default routes to it.
type InternetGateway struct {
	ID          string                 `json:"id"`
	Attachments []GatewayVPCAttachment `json:"attachments"`
	Tags        Tags                   `json:"tags,omitempty"`
}

// GatewayVPCAttachment is an IGW's or VGW's attachment to a VPC.
type GatewayVPCAttachment struct {
	VPCID string `json:"vpc_id"`
	State string `json:"state"`
}

// NATGateway is a NAT gateway from DescribeNatGateways: a public one lets private subnets reach
// the internet (the hybrid nodes' AWS endpoints among it).
type NATGateway struct {
	// ID is the nat- ID; VPCID and SubnetID place it; State as EC2 reports it.
	ID       string `json:"id"`
	VPCID    string `json:"vpc_id"`
	SubnetID string `json:"subnet_id"`
	State    string `json:"state"`
	// ConnectivityType public translates to an Elastic IP, private only to private addresses.
	ConnectivityType string       `json:"connectivity_type" schema:"enum=public|private"`
	Addresses        []NATAddress `json:"addresses"`
	Tags             Tags         `json:"tags,omitempty"`
}

// NATAddress is one address of a NAT gateway: its private IP and, for a public gateway, the
// Elastic IP it translates to.
type NATAddress struct {
	AllocationID string `json:"allocation_id,omitempty"`
	PublicIP     string `json:"public_ip,omitempty"`
	PrivateIP    string `json:"private_ip,omitempty"`
}

// ElasticIP is an Elastic IP address from DescribeAddresses and what it is associated with
// (an instance or a network interface).
type ElasticIP struct {
	AllocationID       string `json:"allocation_id"`
	PublicIP           string `json:"public_ip"`
	AssociationID      string `json:"association_id,omitempty"`
	InstanceID         string `json:"instance_id,omitempty"`
	NetworkInterfaceID string `json:"network_interface_id,omitempty"`
	Domain             string `json:"domain,omitempty"`
	Tags               Tags   `json:"tags,omitempty"`
}

// SecurityGroup is a security group from DescribeSecurityGroups with its rules; the hybrid checks
// look for rules admitting the remote node and pod networks.
type SecurityGroup struct {
	// ID is the sg- ID; Name and Description as created; VPCID its VPC.
	ID          string `json:"id"`
	Name        string `json:"name"`
	VPCID       string `json:"vpc_id"`
	Description string `json:"description,omitempty"`
	// Ingress and Egress are the rules, one peer each (see SGRule).
	Ingress []SGRule `json:"ingress"`
	Egress  []SGRule `json:"egress"`
	Tags    Tags     `json:"tags,omitempty"`
}

// SGRule is one permission flattened to a single peer: an IpPermission with two CIDRs becomes
// two SGRules. Protocol is "tcp", "udp", "icmp", "icmpv6", "all" (-1) or an IP protocol number.
// FromPort/ToPort are -1 when the protocol has no ports (all, or all ICMP types).
type SGRule struct {
	Protocol string `json:"protocol"`
	FromPort int    `json:"from_port" schema:"min=-1,max=65535"`
	ToPort   int    `json:"to_port" schema:"min=-1,max=65535"`
	// The peer: exactly one of an IPv4 CIDR, an IPv6 CIDR, a prefix list or another security group.
	CIDRIPv4          string `json:"cidr_ipv4,omitempty" schema:"cidr"`
	CIDRIPv6          string `json:"cidr_ipv6,omitempty"`
	PrefixListID      string `json:"prefix_list_id,omitempty"`
	ReferencedGroupID string `json:"referenced_group_id,omitempty"`
	Description       string `json:"description,omitempty"`
	// RuleID is the sgr- ID, cited in evidence.
	RuleID string `json:"rule_id,omitempty"`
}

// TransitGateway is a transit gateway from DescribeTransitGateways with its options.
type TransitGateway struct {
	// ID is the tgw- ID; State as EC2 reports it; AmazonSideASN the AWS side's BGP AS number.
	ID            string `json:"id"`
	State         string `json:"state"`
	AmazonSideASN int64  `json:"amazon_side_asn"`
	// DNSSupport and VPNECMPSupport are the gateway's DNS resolution and VPN ECMP options.
	DNSSupport     bool `json:"dns_support"`
	VPNECMPSupport bool `json:"vpn_ecmp_support"`
	// DefaultRouteTableAssociation and DefaultRouteTablePropagation: new attachments are
	// associated with, and propagate to, the default route tables named by the two IDs below.
	DefaultRouteTableAssociation   bool   `json:"default_route_table_association"`
	DefaultRouteTablePropagation   bool   `json:"default_route_table_propagation"`
	AssociationDefaultRouteTableID string `json:"association_default_route_table_id,omitempty"`
	PropagationDefaultRouteTableID string `json:"propagation_default_route_table_id,omitempty"`
	// AutoAcceptSharedAttachments and SecurityGroupReferencingSupport are the remaining options.
	AutoAcceptSharedAttachments     bool `json:"auto_accept_shared_attachments"`
	SecurityGroupReferencingSupport bool `json:"security_group_referencing_support"`
	Tags                            Tags `json:"tags,omitempty"`
}

// TransitGatewayAttachment merges DescribeTransitGatewayAttachments with the VPC-specific
// details of DescribeTransitGatewayVpcAttachments (subnets and options, VPC attachments only).
type TransitGatewayAttachment struct {
	// ID is the tgw-attach- ID of TransitGatewayID; ResourceType and ResourceID name what is
	// attached (a VPC, a VPN connection, a Direct Connect gateway...).
	ID               string `json:"id"`
	TransitGatewayID string `json:"transit_gateway_id"`
	ResourceType     string `json:"resource_type" schema:"enum=vpc|vpn|direct-connect-gateway|connect|peering|tgw-peering|network-function|unknown"`
	ResourceID       string `json:"resource_id"`
	State            string `json:"state"`
	// AssociatedRouteTableID is the TGW route table the attachment is associated with.
	AssociatedRouteTableID string   `json:"associated_route_table_id,omitempty"`
	SubnetIDs              []string `json:"subnet_ids,omitempty"`
	// DNSSupport and SecurityGroupReferencingSupport are null for non-VPC attachments.
	DNSSupport                      *bool `json:"dns_support"`
	SecurityGroupReferencingSupport *bool `json:"security_group_referencing_support"`
	Tags                            Tags  `json:"tags,omitempty"`
}

// TransitGatewayRouteTable is a TGW route table from DescribeTransitGatewayRouteTables with its
// routes.
type TransitGatewayRouteTable struct {
	// ID is the tgw-rtb- ID of TransitGatewayID; State as EC2 reports it.
	ID               string `json:"id"`
	TransitGatewayID string `json:"transit_gateway_id"`
	State            string `json:"state"`
	// DefaultAssociationRouteTable and DefaultPropagationRouteTable mark the gateway's default tables.
	DefaultAssociationRouteTable bool                  `json:"default_association_route_table"`
	DefaultPropagationRouteTable bool                  `json:"default_propagation_route_table"`
	Routes                       []TransitGatewayRoute `json:"routes"`
	Tags                         Tags                  `json:"tags,omitempty"`
}

// TransitGatewayRoute is one route from SearchTransitGatewayRoutes.
type TransitGatewayRoute struct {
	// The destination: a CIDR, or a prefix list.
	DestinationCIDR string `json:"destination_cidr"`
	PrefixListID    string `json:"prefix_list_id,omitempty"`
	Type            string `json:"type" schema:"enum=static|propagated"`
	State           string `json:"state" schema:"enum=active|blackhole|pending|deleting|deleted"`
	// Attachments are the route's next hops (several for ECMP).
	Attachments []TransitGatewayRouteAttachment `json:"attachments"`
}

// TransitGatewayRouteAttachment is a route's next hop: the attachment and the resource (VPC,
// VPN, Direct Connect gateway, peering) behind it.
type TransitGatewayRouteAttachment struct {
	AttachmentID string `json:"attachment_id"`
	ResourceType string `json:"resource_type"`
	ResourceID   string `json:"resource_id"`
}

// VPNGateway is a virtual private gateway from DescribeVpnGateways with the VPCs it is attached to.
type VPNGateway struct {
	// ID is the vgw- ID; State and Type (ipsec.1) as EC2 reports them; AmazonSideASN the AWS
	// side's BGP AS number.
	ID             string                 `json:"id"`
	State          string                 `json:"state"`
	Type           string                 `json:"type"`
	AmazonSideASN  int64                  `json:"amazon_side_asn"`
	VPCAttachments []GatewayVPCAttachment `json:"vpc_attachments"`
	Tags           Tags                   `json:"tags,omitempty"`
}

// CustomerGateway is a customer gateway from DescribeCustomerGateways: AWS's record of the
// on-prem device, whose address and AS number must match the device's.
type CustomerGateway struct {
	// ID is the cgw- ID; State and Type (ipsec.1) as EC2 reports them.
	ID    string `json:"id"`
	State string `json:"state"`
	Type  string `json:"type"`
	// BGPASN is the device's AS number and IPAddress its public IPv4 address as AWS expects them.
	BGPASN     int64  `json:"bgp_asn"`
	IPAddress  string `json:"ip_address"`
	DeviceName string `json:"device_name,omitempty"`
	Tags       Tags   `json:"tags,omitempty"`
}

// VPNConnection is a Site-to-Site VPN connection. CustomerGatewayConfiguration is never kept.
type VPNConnection struct {
	// ID is the vpn- ID; State and Type as EC2 reports them.
	ID    string `json:"id"`
	State string `json:"state"`
	Type  string `json:"type"`
	// The two ends: the customer gateway, and the virtual private or transit gateway.
	CustomerGatewayID string `json:"customer_gateway_id"`
	VPNGatewayID      string `json:"vpn_gateway_id,omitempty"`
	TransitGatewayID  string `json:"transit_gateway_id,omitempty"`
	// StaticRoutesOnly: routing is static (Routes), not BGP.
	StaticRoutesOnly bool       `json:"static_routes_only"`
	Routes           []VPNRoute `json:"routes"`
	// TunnelInsideIPVersion and OutsideIPAddressType are the connection's address options.
	TunnelInsideIPVersion string `json:"tunnel_inside_ip_version,omitempty" schema:"enum=ipv4|ipv6"`
	OutsideIPAddressType  string `json:"outside_ip_address_type,omitempty"`
	// LocalIPv4NetworkCIDR and RemoteIPv4NetworkCIDR are the traffic selectors (on-prem side and
	// AWS side; 0.0.0.0/0 unless set).
	LocalIPv4NetworkCIDR  string `json:"local_ipv4_network_cidr,omitempty" schema:"cidr"`
	RemoteIPv4NetworkCIDR string `json:"remote_ipv4_network_cidr,omitempty" schema:"cidr"`
	// TransportTransitGatewayAttachmentID is set when the VPN runs over Direct Connect.
	TransportTransitGatewayAttachmentID string `json:"transport_transit_gateway_attachment_id,omitempty"`
	// Tunnels are the connection's two tunnels.
	Tunnels []VPNTunnel `json:"tunnels"`
	Tags    Tags        `json:"tags,omitempty"`
}

// VPNRoute is a static route of a VPN connection: an on-prem network AWS sends into the tunnels.
type VPNRoute struct {
	DestinationCIDR string `json:"destination_cidr" schema:"cidr"`
	Source          string `json:"source,omitempty"`
	State           string `json:"state"`
}

// VPNTunnel joins the tunnel's telemetry (status) with its options (IKE, inside CIDR) by outside IP.
type VPNTunnel struct {
	// OutsideIPAddress is AWS's public endpoint of the tunnel (the device's IKE peer).
	OutsideIPAddress string `json:"outside_ip_address"`
	// InsideCIDR is the /30 inside the tunnel; AWSInsideAddress is its first host (AWS's BGP
	// peer), CustomerInsideAddress its second.
	InsideCIDR            string `json:"inside_cidr,omitempty" schema:"cidr"`
	AWSInsideAddress      string `json:"aws_inside_address,omitempty"`
	CustomerInsideAddress string `json:"customer_inside_address,omitempty"`
	// Status, StatusMessage, AcceptedRouteCount and LastStatusChange are the tunnel's telemetry at
	// collection time.
	Status             string `json:"status,omitempty" schema:"enum=UP|DOWN"`
	StatusMessage      string `json:"status_message,omitempty"`
	AcceptedRouteCount int    `json:"accepted_route_count"`
	LastStatusChange   string `json:"last_status_change,omitempty"`
	// Options as the tunnel allows them; empty lists mean AWS's defaults (all it supports).
	IKEVersions                []string `json:"ike_versions,omitempty"`
	Phase1EncryptionAlgorithms []string `json:"phase1_encryption_algorithms,omitempty"`
	Phase1IntegrityAlgorithms  []string `json:"phase1_integrity_algorithms,omitempty"`
	Phase1DHGroupNumbers       []int    `json:"phase1_dh_group_numbers,omitempty"`
	Phase2EncryptionAlgorithms []string `json:"phase2_encryption_algorithms,omitempty"`
	Phase2IntegrityAlgorithms  []string `json:"phase2_integrity_algorithms,omitempty"`
	Phase2DHGroupNumbers       []int    `json:"phase2_dh_group_numbers,omitempty"`
	Phase1LifetimeSeconds      int      `json:"phase1_lifetime_seconds,omitempty"`
	Phase2LifetimeSeconds      int      `json:"phase2_lifetime_seconds,omitempty"`
	DPDTimeoutAction           string   `json:"dpd_timeout_action,omitempty"`
	DPDTimeoutSeconds          int      `json:"dpd_timeout_seconds,omitempty"`
	// PSKFingerprint is HMAC-SHA256(snapshot salt, pre-shared key) in hex; never the key.
	PSKFingerprint string `json:"psk_fingerprint,omitempty" schema:"pattern=^[0-9a-f]{64}$"`
}

// EKSCluster is the part of DescribeCluster that concerns the network.
type EKSCluster struct {
	// Name, ARN, Status and Version identify the cluster.
	Name    string `json:"name"`
	ARN     string `json:"arn,omitempty"`
	Status  string `json:"status"`
	Version string `json:"version,omitempty"`
	// VPCID, SubnetIDs and the security groups are the cluster's VPC configuration:
	// ClusterSecurityGroupID is the group EKS creates, SecurityGroupIDs the additional ones.
	VPCID                  string   `json:"vpc_id"`
	SubnetIDs              []string `json:"subnet_ids"`
	ClusterSecurityGroupID string   `json:"cluster_security_group_id,omitempty"`
	SecurityGroupIDs       []string `json:"security_group_ids"`
	// ServiceIPv4CIDR is the Kubernetes service range; IPFamily ipv4 or ipv6.
	ServiceIPv4CIDR string `json:"service_ipv4_cidr,omitempty" schema:"cidr"`
	IPFamily        string `json:"ip_family,omitempty"`
	// EndpointPublicAccess and EndpointPrivateAccess say how nodes reach the API server.
	EndpointPublicAccess  bool `json:"endpoint_public_access"`
	EndpointPrivateAccess bool `json:"endpoint_private_access"`
	// RemoteNodeNetworks and RemotePodNetworks are the cluster's remote network configuration:
	// the on-prem CIDRs of the hybrid nodes and of their pods.
	RemoteNodeNetworks []string `json:"remote_node_networks" schema:"items=cidr,maxItems=1024"`
	RemotePodNetworks  []string `json:"remote_pod_networks" schema:"items=cidr,maxItems=1024"`
}

// DirectConnect is the Direct Connect side from the directconnect API: connections
// (DescribeConnections), virtual interfaces (DescribeVirtualInterfaces), gateways
// (DescribeDirectConnectGateways) and their associations.
type DirectConnect struct {
	Connections         []DXConnection         `json:"connections"`
	VirtualInterfaces   []DXVirtualInterface   `json:"virtual_interfaces"`
	Gateways            []DXGateway            `json:"gateways"`
	GatewayAssociations []DXGatewayAssociation `json:"gateway_associations"`
}

// DXConnection is a physical Direct Connect connection at a Direct Connect location.
type DXConnection struct {
	ID        string `json:"id"`
	Name      string `json:"name,omitempty"`
	State     string `json:"state"`
	Location  string `json:"location,omitempty"`
	Bandwidth string `json:"bandwidth,omitempty"`
}

// DXVirtualInterface is a virtual interface on a connection: private to a VGW or Direct Connect
// gateway, transit to a Direct Connect gateway for a TGW; with its BGP peers.
type DXVirtualInterface struct {
	ID           string `json:"id"`
	Name         string `json:"name,omitempty"`
	Type         string `json:"type" schema:"enum=private|public|transit"`
	State        string `json:"state"`
	ConnectionID string `json:"connection_id"`
	// VLAN is the 802.1Q tag on the connection; ASN the customer side's AS number, AmazonSideASN
	// AWS's.
	VLAN          int   `json:"vlan"`
	ASN           int64 `json:"asn"`
	AmazonSideASN int64 `json:"amazon_side_asn"`
	// The gateway the interface ends on: a VGW, or a Direct Connect gateway.
	VirtualGatewayID       string      `json:"virtual_gateway_id,omitempty"`
	DirectConnectGatewayID string      `json:"direct_connect_gateway_id,omitempty"`
	BGPPeers               []DXBGPPeer `json:"bgp_peers"`
	// RouteFilterPrefixes are what a public interface advertises.
	RouteFilterPrefixes []string `json:"route_filter_prefixes,omitempty"`
}

// DXBGPPeer is one BGP session of a virtual interface; Status up or down is the session.
type DXBGPPeer struct {
	ID            string `json:"id,omitempty"`
	State         string `json:"state"`
	Status        string `json:"status" schema:"enum=up|down|unknown"`
	ASN           int64  `json:"asn"`
	AddressFamily string `json:"address_family,omitempty"`
}

// DXGateway is a Direct Connect gateway, joining virtual interfaces to VGWs or TGWs.
type DXGateway struct {
	ID            string `json:"id"`
	Name          string `json:"name,omitempty"`
	State         string `json:"state"`
	AmazonSideASN int64  `json:"amazon_side_asn"`
}

// DXGatewayAssociation joins a Direct Connect gateway to a VGW or TGW, with the prefixes it
// allows.
type DXGatewayAssociation struct {
	ID                     string   `json:"id,omitempty"`
	DirectConnectGatewayID string   `json:"direct_connect_gateway_id"`
	AssociatedGatewayID    string   `json:"associated_gateway_id"`
	AssociatedGatewayType  string   `json:"associated_gateway_type,omitempty"`
	State                  string   `json:"state"`
	AllowedPrefixes        []string `json:"allowed_prefixes" schema:"items=cidr"`
}
