package snapshot

// AWS is the AWS side of the snapshot, normalised from the EC2, EKS and Direct Connect APIs.
// Every list is sorted by ID so that two collections of the same state are byte-identical.
type AWS struct {
	Region                    string                     `json:"region,omitempty"`
	AccountID                 string                     `json:"account_id,omitempty"`
	VPCs                      []VPC                      `json:"vpcs"`
	Subnets                   []Subnet                   `json:"subnets"`
	RouteTables               []RouteTable               `json:"route_tables"`
	InternetGateways          []InternetGateway          `json:"internet_gateways"`
	NATGateways               []NATGateway               `json:"nat_gateways"`
	ElasticIPs                []ElasticIP                `json:"elastic_ips"`
	SecurityGroups            []SecurityGroup            `json:"security_groups"`
	TransitGateways           []TransitGateway           `json:"transit_gateways"`
	TransitGatewayAttachments []TransitGatewayAttachment `json:"transit_gateway_attachments"`
	TransitGatewayRouteTables []TransitGatewayRouteTable `json:"transit_gateway_route_tables"`
	VPNGateways               []VPNGateway               `json:"vpn_gateways"`
	CustomerGateways          []CustomerGateway          `json:"customer_gateways"`
	VPNConnections            []VPNConnection            `json:"vpn_connections"`
	EKSCluster                *EKSCluster                `json:"eks_cluster,omitempty"`
	DirectConnect             *DirectConnect             `json:"direct_connect,omitempty"`
	// NetworkACLs and PrefixLists came with schema 1.1. Absent (or null) means they were not
	// collected, as in every 1.0 snapshot: the checks that need them answer unknown. An empty
	// list means they were collected and there are none.
	NetworkACLs *[]NetworkACL `json:"network_acls,omitempty"`
	PrefixLists *[]PrefixList `json:"prefix_lists,omitempty"`
}

// NetworkACL is a VPC network ACL from DescribeNetworkAcls: stateless, evaluated per direction
// in rule-number order, the first matching rule deciding.
type NetworkACL struct {
	ID           string                  `json:"id"`
	VPCID        string                  `json:"vpc_id"`
	IsDefault    bool                    `json:"is_default"`
	Associations []NetworkACLAssociation `json:"associations"`
	Entries      []NetworkACLEntry       `json:"entries"`
	Tags         Tags                    `json:"tags,omitempty"`
}

type NetworkACLAssociation struct {
	ID       string `json:"id,omitempty"`
	SubnetID string `json:"subnet_id"`
}

// NetworkACLEntry is one rule. Protocol is spelled like SGRule's ("all" for -1); FromPort and
// ToPort are -1 when the rule has no port range (all protocols, ICMP).
type NetworkACLEntry struct {
	RuleNumber    int    `json:"rule_number" schema:"min=1,max=32767"`
	Egress        bool   `json:"egress"`
	Protocol      string `json:"protocol"`
	RuleAction    string `json:"rule_action" schema:"enum=allow|deny"`
	CIDRBlock     string `json:"cidr_block,omitempty" schema:"cidr"`
	IPv6CIDRBlock string `json:"ipv6_cidr_block,omitempty"`
	FromPort      int    `json:"from_port" schema:"min=-1,max=65535"`
	ToPort        int    `json:"to_port" schema:"min=-1,max=65535"`
}

// PrefixList is a managed prefix list (DescribeManagedPrefixLists) or an AWS service prefix
// list (DescribePrefixLists). Entries is null when its entries were not collected
// (GetManagedPrefixListEntries failed): a route or rule naming it cannot be resolved.
type PrefixList struct {
	ID            string             `json:"id"`
	Name          string             `json:"name,omitempty"`
	AddressFamily string             `json:"address_family,omitempty"`
	OwnerID       string             `json:"owner_id,omitempty"`
	MaxEntries    int                `json:"max_entries,omitempty"`
	Entries       *[]PrefixListEntry `json:"entries"`
}

type PrefixListEntry struct {
	CIDR        string `json:"cidr"`
	Description string `json:"description,omitempty"`
}

// Tags is a resource's AWS tags as a plain map.
type Tags map[string]string

type VPC struct {
	ID         string   `json:"id"`
	State      string   `json:"state"`
	CIDRBlocks []string `json:"cidr_blocks" schema:"items=cidr"`
	// IPv6CIDRBlocks are kept for completeness; hybrid nodes need IPv4.
	IPv6CIDRBlocks []string `json:"ipv6_cidr_blocks,omitempty"`
	IsDefault      bool     `json:"is_default"`
	// EnableDNSSupport and EnableDNSHostnames come from DescribeVpcAttribute; null means the
	// attribute was not collected (HN-SNAP-01 says why).
	EnableDNSSupport   *bool `json:"enable_dns_support"`
	EnableDNSHostnames *bool `json:"enable_dns_hostnames"`
	Tags               Tags  `json:"tags,omitempty"`
}

type Subnet struct {
	ID                  string `json:"id"`
	VPCID               string `json:"vpc_id"`
	CIDRBlock           string `json:"cidr_block" schema:"cidr"`
	AvailabilityZone    string `json:"availability_zone"`
	AvailabilityZoneID  string `json:"availability_zone_id,omitempty"`
	State               string `json:"state"`
	MapPublicIPOnLaunch bool   `json:"map_public_ip_on_launch"`
	Tags                Tags   `json:"tags,omitempty"`
}

type RouteTable struct {
	ID    string `json:"id"`
	VPCID string `json:"vpc_id"`
	// Main is true for the VPC's main route table (from its main association).
	Main            bool                    `json:"main"`
	Associations    []RouteTableAssociation `json:"associations"`
	PropagatingVGWs []string                `json:"propagating_vgws"`
	Routes          []Route                 `json:"routes"`
	Tags            Tags                    `json:"tags,omitempty"`
}

type RouteTableAssociation struct {
	ID        string `json:"id,omitempty"`
	SubnetID  string `json:"subnet_id,omitempty"`
	GatewayID string `json:"gateway_id,omitempty"`
	Main      bool   `json:"main"`
	State     string `json:"state,omitempty"`
}

// Route is one route of a VPC route table. Exactly one destination field is set.
type Route struct {
	DestinationCIDR         string `json:"destination_cidr,omitempty" schema:"cidr"`
	DestinationIPv6CIDR     string `json:"destination_ipv6_cidr,omitempty"`
	DestinationPrefixListID string `json:"destination_prefix_list_id,omitempty"`
	// TargetType is the kind of next hop, derived from which SDK field was set.
	TargetType string `json:"target_type" schema:"enum=local|igw|egress-only-igw|nat|vgw|tgw|pcx|eni|instance|vpce|carrier|local-gateway|core-network|unknown"`
	TargetID   string `json:"target_id"`
	State      string `json:"state" schema:"enum=active|blackhole"`
	// Origin is CreateRouteTable, CreateRoute or EnableVgwRoutePropagation.
	Origin string `json:"origin,omitempty"`
}

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

type NATGateway struct {
	ID               string       `json:"id"`
	VPCID            string       `json:"vpc_id"`
	SubnetID         string       `json:"subnet_id"`
	State            string       `json:"state"`
	ConnectivityType string       `json:"connectivity_type" schema:"enum=public|private"`
	Addresses        []NATAddress `json:"addresses"`
	Tags             Tags         `json:"tags,omitempty"`
}

type NATAddress struct {
	AllocationID string `json:"allocation_id,omitempty"`
	PublicIP     string `json:"public_ip,omitempty"`
	PrivateIP    string `json:"private_ip,omitempty"`
}

type ElasticIP struct {
	AllocationID       string `json:"allocation_id"`
	PublicIP           string `json:"public_ip"`
	AssociationID      string `json:"association_id,omitempty"`
	InstanceID         string `json:"instance_id,omitempty"`
	NetworkInterfaceID string `json:"network_interface_id,omitempty"`
	Domain             string `json:"domain,omitempty"`
	Tags               Tags   `json:"tags,omitempty"`
}

type SecurityGroup struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	VPCID       string   `json:"vpc_id"`
	Description string   `json:"description,omitempty"`
	Ingress     []SGRule `json:"ingress"`
	Egress      []SGRule `json:"egress"`
	Tags        Tags     `json:"tags,omitempty"`
}

// SGRule is one permission flattened to a single peer: an IpPermission with two CIDRs becomes
// two SGRules. Protocol is "tcp", "udp", "icmp", "icmpv6", "all" (-1) or an IP protocol number.
// FromPort/ToPort are -1 when the protocol has no ports (all, or all ICMP types).
type SGRule struct {
	Protocol          string `json:"protocol"`
	FromPort          int    `json:"from_port" schema:"min=-1,max=65535"`
	ToPort            int    `json:"to_port" schema:"min=-1,max=65535"`
	CIDRIPv4          string `json:"cidr_ipv4,omitempty" schema:"cidr"`
	CIDRIPv6          string `json:"cidr_ipv6,omitempty"`
	PrefixListID      string `json:"prefix_list_id,omitempty"`
	ReferencedGroupID string `json:"referenced_group_id,omitempty"`
	Description       string `json:"description,omitempty"`
	RuleID            string `json:"rule_id,omitempty"`
}

type TransitGateway struct {
	ID                              string `json:"id"`
	State                           string `json:"state"`
	AmazonSideASN                   int64  `json:"amazon_side_asn"`
	DNSSupport                      bool   `json:"dns_support"`
	VPNECMPSupport                  bool   `json:"vpn_ecmp_support"`
	DefaultRouteTableAssociation    bool   `json:"default_route_table_association"`
	DefaultRouteTablePropagation    bool   `json:"default_route_table_propagation"`
	AssociationDefaultRouteTableID  string `json:"association_default_route_table_id,omitempty"`
	PropagationDefaultRouteTableID  string `json:"propagation_default_route_table_id,omitempty"`
	AutoAcceptSharedAttachments     bool   `json:"auto_accept_shared_attachments"`
	SecurityGroupReferencingSupport bool   `json:"security_group_referencing_support"`
	Tags                            Tags   `json:"tags,omitempty"`
}

// TransitGatewayAttachment merges DescribeTransitGatewayAttachments with the VPC-specific
// details of DescribeTransitGatewayVpcAttachments (subnets and options, VPC attachments only).
type TransitGatewayAttachment struct {
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

type TransitGatewayRouteTable struct {
	ID                           string                `json:"id"`
	TransitGatewayID             string                `json:"transit_gateway_id"`
	State                        string                `json:"state"`
	DefaultAssociationRouteTable bool                  `json:"default_association_route_table"`
	DefaultPropagationRouteTable bool                  `json:"default_propagation_route_table"`
	Routes                       []TransitGatewayRoute `json:"routes"`
	Tags                         Tags                  `json:"tags,omitempty"`
}

// TransitGatewayRoute is one route from SearchTransitGatewayRoutes.
type TransitGatewayRoute struct {
	DestinationCIDR string                          `json:"destination_cidr"`
	PrefixListID    string                          `json:"prefix_list_id,omitempty"`
	Type            string                          `json:"type" schema:"enum=static|propagated"`
	State           string                          `json:"state" schema:"enum=active|blackhole|pending|deleting|deleted"`
	Attachments     []TransitGatewayRouteAttachment `json:"attachments"`
}

type TransitGatewayRouteAttachment struct {
	AttachmentID string `json:"attachment_id"`
	ResourceType string `json:"resource_type"`
	ResourceID   string `json:"resource_id"`
}

type VPNGateway struct {
	ID             string                 `json:"id"`
	State          string                 `json:"state"`
	Type           string                 `json:"type"`
	AmazonSideASN  int64                  `json:"amazon_side_asn"`
	VPCAttachments []GatewayVPCAttachment `json:"vpc_attachments"`
	Tags           Tags                   `json:"tags,omitempty"`
}

type CustomerGateway struct {
	ID         string `json:"id"`
	State      string `json:"state"`
	Type       string `json:"type"`
	BGPASN     int64  `json:"bgp_asn"`
	IPAddress  string `json:"ip_address"`
	DeviceName string `json:"device_name,omitempty"`
	Tags       Tags   `json:"tags,omitempty"`
}

// VPNConnection is a Site-to-Site VPN connection. CustomerGatewayConfiguration is never kept.
type VPNConnection struct {
	ID                    string     `json:"id"`
	State                 string     `json:"state"`
	Type                  string     `json:"type"`
	CustomerGatewayID     string     `json:"customer_gateway_id"`
	VPNGatewayID          string     `json:"vpn_gateway_id,omitempty"`
	TransitGatewayID      string     `json:"transit_gateway_id,omitempty"`
	StaticRoutesOnly      bool       `json:"static_routes_only"`
	Routes                []VPNRoute `json:"routes"`
	TunnelInsideIPVersion string     `json:"tunnel_inside_ip_version,omitempty" schema:"enum=ipv4|ipv6"`
	OutsideIPAddressType  string     `json:"outside_ip_address_type,omitempty"`
	LocalIPv4NetworkCIDR  string     `json:"local_ipv4_network_cidr,omitempty" schema:"cidr"`
	RemoteIPv4NetworkCIDR string     `json:"remote_ipv4_network_cidr,omitempty" schema:"cidr"`
	// TransportTransitGatewayAttachmentID is set when the VPN runs over Direct Connect.
	TransportTransitGatewayAttachmentID string      `json:"transport_transit_gateway_attachment_id,omitempty"`
	Tunnels                             []VPNTunnel `json:"tunnels"`
	Tags                                Tags        `json:"tags,omitempty"`
}

type VPNRoute struct {
	DestinationCIDR string `json:"destination_cidr" schema:"cidr"`
	Source          string `json:"source,omitempty"`
	State           string `json:"state"`
}

// VPNTunnel joins the tunnel's telemetry (status) with its options (IKE, inside CIDR) by outside IP.
type VPNTunnel struct {
	OutsideIPAddress string `json:"outside_ip_address"`
	// InsideCIDR is the /30 inside the tunnel; AWSInsideAddress is its first host (AWS's BGP
	// peer), CustomerInsideAddress its second.
	InsideCIDR            string `json:"inside_cidr,omitempty" schema:"cidr"`
	AWSInsideAddress      string `json:"aws_inside_address,omitempty"`
	CustomerInsideAddress string `json:"customer_inside_address,omitempty"`
	Status                string `json:"status,omitempty" schema:"enum=UP|DOWN"`
	StatusMessage         string `json:"status_message,omitempty"`
	AcceptedRouteCount    int    `json:"accepted_route_count"`
	LastStatusChange      string `json:"last_status_change,omitempty"`
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
	Name                   string   `json:"name"`
	ARN                    string   `json:"arn,omitempty"`
	Status                 string   `json:"status"`
	Version                string   `json:"version,omitempty"`
	VPCID                  string   `json:"vpc_id"`
	SubnetIDs              []string `json:"subnet_ids"`
	ClusterSecurityGroupID string   `json:"cluster_security_group_id,omitempty"`
	SecurityGroupIDs       []string `json:"security_group_ids"`
	ServiceIPv4CIDR        string   `json:"service_ipv4_cidr,omitempty" schema:"cidr"`
	IPFamily               string   `json:"ip_family,omitempty"`
	EndpointPublicAccess   bool     `json:"endpoint_public_access"`
	EndpointPrivateAccess  bool     `json:"endpoint_private_access"`
	RemoteNodeNetworks     []string `json:"remote_node_networks" schema:"items=cidr,maxItems=1024"`
	RemotePodNetworks      []string `json:"remote_pod_networks" schema:"items=cidr,maxItems=1024"`
}

type DirectConnect struct {
	Connections         []DXConnection         `json:"connections"`
	VirtualInterfaces   []DXVirtualInterface   `json:"virtual_interfaces"`
	Gateways            []DXGateway            `json:"gateways"`
	GatewayAssociations []DXGatewayAssociation `json:"gateway_associations"`
}

type DXConnection struct {
	ID        string `json:"id"`
	Name      string `json:"name,omitempty"`
	State     string `json:"state"`
	Location  string `json:"location,omitempty"`
	Bandwidth string `json:"bandwidth,omitempty"`
}

type DXVirtualInterface struct {
	ID                     string      `json:"id"`
	Name                   string      `json:"name,omitempty"`
	Type                   string      `json:"type" schema:"enum=private|public|transit"`
	State                  string      `json:"state"`
	ConnectionID           string      `json:"connection_id"`
	VLAN                   int         `json:"vlan"`
	ASN                    int64       `json:"asn"`
	AmazonSideASN          int64       `json:"amazon_side_asn"`
	VirtualGatewayID       string      `json:"virtual_gateway_id,omitempty"`
	DirectConnectGatewayID string      `json:"direct_connect_gateway_id,omitempty"`
	BGPPeers               []DXBGPPeer `json:"bgp_peers"`
	RouteFilterPrefixes    []string    `json:"route_filter_prefixes,omitempty"`
}

type DXBGPPeer struct {
	ID            string `json:"id,omitempty"`
	State         string `json:"state"`
	Status        string `json:"status" schema:"enum=up|down|unknown"`
	ASN           int64  `json:"asn"`
	AddressFamily string `json:"address_family,omitempty"`
}

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
