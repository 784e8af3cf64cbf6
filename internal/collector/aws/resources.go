package aws

import (
	"github.com/aws/aws-sdk-go-v2/service/directconnect"
	dxtypes "github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// resource is one list call the collector makes, as both the live collector and the importer
// of saved outputs see it: the call's source ID, the top-level key the AWS CLI prints its
// output under, the items of one answer (O is the SDK's output type) and the raw state's list
// of them. One description a call keeps the two paths reading the same answers the same way.
type resource[O, T any] struct {
	id    string
	key   string
	items func(*O) []T
	list  func(*rawState) *[]T
	// collected, if set, is the flag that says the call answered in full (schema 1.1 kinds,
	// where "none" and "not collected" differ).
	collected func(*rawState) *bool
}

// keep adds the items of one or more answers to the raw state; whole says that every page
// answered, which sets the collected flag.
func (k resource[O, T]) keep(r *rawState, items []T, whole bool) {
	l := k.list(r)
	*l = append(*l, items...)
	if whole && k.collected != nil {
		*k.collected(r) = true
	}
}

var (
	describeVpcs = resource[ec2.DescribeVpcsOutput, ec2types.Vpc]{id: "ec2:DescribeVpcs", key: "Vpcs",
		items: func(o *ec2.DescribeVpcsOutput) []ec2types.Vpc { return o.Vpcs },
		list:  func(r *rawState) *[]ec2types.Vpc { return &r.Vpcs }}
	describeSubnets = resource[ec2.DescribeSubnetsOutput, ec2types.Subnet]{id: "ec2:DescribeSubnets", key: "Subnets",
		items: func(o *ec2.DescribeSubnetsOutput) []ec2types.Subnet { return o.Subnets },
		list:  func(r *rawState) *[]ec2types.Subnet { return &r.Subnets }}
	describeRouteTables = resource[ec2.DescribeRouteTablesOutput, ec2types.RouteTable]{id: "ec2:DescribeRouteTables", key: "RouteTables",
		items: func(o *ec2.DescribeRouteTablesOutput) []ec2types.RouteTable { return o.RouteTables },
		list:  func(r *rawState) *[]ec2types.RouteTable { return &r.RouteTables }}
	describeInternetGateways = resource[ec2.DescribeInternetGatewaysOutput, ec2types.InternetGateway]{id: "ec2:DescribeInternetGateways", key: "InternetGateways",
		items: func(o *ec2.DescribeInternetGatewaysOutput) []ec2types.InternetGateway { return o.InternetGateways },
		list:  func(r *rawState) *[]ec2types.InternetGateway { return &r.InternetGateways }}
	describeNatGateways = resource[ec2.DescribeNatGatewaysOutput, ec2types.NatGateway]{id: "ec2:DescribeNatGateways", key: "NatGateways",
		items: func(o *ec2.DescribeNatGatewaysOutput) []ec2types.NatGateway { return o.NatGateways },
		list:  func(r *rawState) *[]ec2types.NatGateway { return &r.NatGateways }}
	describeAddresses = resource[ec2.DescribeAddressesOutput, ec2types.Address]{id: "ec2:DescribeAddresses", key: "Addresses",
		items: func(o *ec2.DescribeAddressesOutput) []ec2types.Address { return o.Addresses },
		list:  func(r *rawState) *[]ec2types.Address { return &r.Addresses }}
	describeSecurityGroups = resource[ec2.DescribeSecurityGroupsOutput, ec2types.SecurityGroup]{id: "ec2:DescribeSecurityGroups", key: "SecurityGroups",
		items: func(o *ec2.DescribeSecurityGroupsOutput) []ec2types.SecurityGroup { return o.SecurityGroups },
		list:  func(r *rawState) *[]ec2types.SecurityGroup { return &r.SecurityGroups }}
	describeSecurityGroupRules = resource[ec2.DescribeSecurityGroupRulesOutput, ec2types.SecurityGroupRule]{id: "ec2:DescribeSecurityGroupRules", key: "SecurityGroupRules",
		items: func(o *ec2.DescribeSecurityGroupRulesOutput) []ec2types.SecurityGroupRule {
			return o.SecurityGroupRules
		},
		list: func(r *rawState) *[]ec2types.SecurityGroupRule { return &r.SecurityGroupRules }}
	describeTransitGateways = resource[ec2.DescribeTransitGatewaysOutput, ec2types.TransitGateway]{id: "ec2:DescribeTransitGateways", key: "TransitGateways",
		items: func(o *ec2.DescribeTransitGatewaysOutput) []ec2types.TransitGateway { return o.TransitGateways },
		list:  func(r *rawState) *[]ec2types.TransitGateway { return &r.TransitGateways }}
	describeTransitGatewayAttachments = resource[ec2.DescribeTransitGatewayAttachmentsOutput, ec2types.TransitGatewayAttachment]{
		id: "ec2:DescribeTransitGatewayAttachments", key: "TransitGatewayAttachments",
		items: func(o *ec2.DescribeTransitGatewayAttachmentsOutput) []ec2types.TransitGatewayAttachment {
			return o.TransitGatewayAttachments
		},
		list: func(r *rawState) *[]ec2types.TransitGatewayAttachment { return &r.TransitGatewayAttachments }}
	describeTransitGatewayVpcAttachments = resource[ec2.DescribeTransitGatewayVpcAttachmentsOutput, ec2types.TransitGatewayVpcAttachment]{
		id: "ec2:DescribeTransitGatewayVpcAttachments", key: "TransitGatewayVpcAttachments",
		items: func(o *ec2.DescribeTransitGatewayVpcAttachmentsOutput) []ec2types.TransitGatewayVpcAttachment {
			return o.TransitGatewayVpcAttachments
		},
		list: func(r *rawState) *[]ec2types.TransitGatewayVpcAttachment { return &r.TransitGatewayVpcAttachments }}
	describeTransitGatewayRouteTables = resource[ec2.DescribeTransitGatewayRouteTablesOutput, ec2types.TransitGatewayRouteTable]{
		id: "ec2:DescribeTransitGatewayRouteTables", key: "TransitGatewayRouteTables",
		items: func(o *ec2.DescribeTransitGatewayRouteTablesOutput) []ec2types.TransitGatewayRouteTable {
			return o.TransitGatewayRouteTables
		},
		list: func(r *rawState) *[]ec2types.TransitGatewayRouteTable { return &r.TransitGatewayRouteTables }}
	describeVpnGateways = resource[ec2.DescribeVpnGatewaysOutput, ec2types.VpnGateway]{id: "ec2:DescribeVpnGateways", key: "VpnGateways",
		items: func(o *ec2.DescribeVpnGatewaysOutput) []ec2types.VpnGateway { return o.VpnGateways },
		list:  func(r *rawState) *[]ec2types.VpnGateway { return &r.VpnGateways }}
	describeCustomerGateways = resource[ec2.DescribeCustomerGatewaysOutput, ec2types.CustomerGateway]{id: "ec2:DescribeCustomerGateways", key: "CustomerGateways",
		items: func(o *ec2.DescribeCustomerGatewaysOutput) []ec2types.CustomerGateway { return o.CustomerGateways },
		list:  func(r *rawState) *[]ec2types.CustomerGateway { return &r.CustomerGateways }}
	describeVpnConnections = resource[ec2.DescribeVpnConnectionsOutput, ec2types.VpnConnection]{id: "ec2:DescribeVpnConnections", key: "VpnConnections",
		items: func(o *ec2.DescribeVpnConnectionsOutput) []ec2types.VpnConnection { return o.VpnConnections },
		list:  func(r *rawState) *[]ec2types.VpnConnection { return &r.VpnConnections }}
	describeNetworkAcls = resource[ec2.DescribeNetworkAclsOutput, ec2types.NetworkAcl]{id: "ec2:DescribeNetworkAcls", key: "NetworkAcls",
		items:     func(o *ec2.DescribeNetworkAclsOutput) []ec2types.NetworkAcl { return o.NetworkAcls },
		list:      func(r *rawState) *[]ec2types.NetworkAcl { return &r.NetworkAcls },
		collected: func(r *rawState) *bool { return &r.NetworkAclsCollected }}
	// describeManagedPrefixLists is read live only; a saved "PrefixLists" output may be either of two
	// calls (absorbPrefixLists).
	describeManagedPrefixLists = resource[ec2.DescribeManagedPrefixListsOutput, ec2types.ManagedPrefixList]{id: "ec2:DescribeManagedPrefixLists", key: "PrefixLists",
		items:     func(o *ec2.DescribeManagedPrefixListsOutput) []ec2types.ManagedPrefixList { return o.PrefixLists },
		list:      func(r *rawState) *[]ec2types.ManagedPrefixList { return &r.ManagedPrefixLists },
		collected: func(r *rawState) *bool { return &r.PrefixListsCollected }}
	// The Direct Connect CLI prints camelCase keys; the JSON decoder matches field names
	// case-insensitively, so the same SDK types read them.
	describeDXConnections = resource[directconnect.DescribeConnectionsOutput, dxtypes.Connection]{id: "directconnect:DescribeConnections", key: "connections",
		items: func(o *directconnect.DescribeConnectionsOutput) []dxtypes.Connection { return o.Connections },
		list:  func(r *rawState) *[]dxtypes.Connection { return &r.DXConnections }}
	describeDXVirtualInterfaces = resource[directconnect.DescribeVirtualInterfacesOutput, dxtypes.VirtualInterface]{
		id: "directconnect:DescribeVirtualInterfaces", key: "virtualInterfaces",
		items: func(o *directconnect.DescribeVirtualInterfacesOutput) []dxtypes.VirtualInterface {
			return o.VirtualInterfaces
		},
		list: func(r *rawState) *[]dxtypes.VirtualInterface { return &r.DXVirtualInterfaces }}
	describeDXGateways = resource[directconnect.DescribeDirectConnectGatewaysOutput, dxtypes.DirectConnectGateway]{
		id: "directconnect:DescribeDirectConnectGateways", key: "directConnectGateways",
		items: func(o *directconnect.DescribeDirectConnectGatewaysOutput) []dxtypes.DirectConnectGateway {
			return o.DirectConnectGateways
		},
		list: func(r *rawState) *[]dxtypes.DirectConnectGateway { return &r.DXGateways }}
	describeDXGatewayAssociations = resource[directconnect.DescribeDirectConnectGatewayAssociationsOutput, dxtypes.DirectConnectGatewayAssociation]{
		id: "directconnect:DescribeDirectConnectGatewayAssociations", key: "directConnectGatewayAssociations",
		items: func(o *directconnect.DescribeDirectConnectGatewayAssociationsOutput) []dxtypes.DirectConnectGatewayAssociation {
			return o.DirectConnectGatewayAssociations
		},
		list: func(r *rawState) *[]dxtypes.DirectConnectGatewayAssociation { return &r.DXGatewayAssociations }}
)
