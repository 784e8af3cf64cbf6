// Package aws turns an AWS account's network state into the AWS part of a snapshot, either live
// through the SDK or offline from the JSON that the AWS CLI prints for the same calls.
package aws

import (
	dxtypes "github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	ekstypes "github.com/aws/aws-sdk-go-v2/service/eks/types"
)

// rawState holds the API answers as the SDK's own types. The live collector and the offline
// importer both fill it and one normaliser turns it into the snapshot, which is why the two
// paths give the same snapshot for the same state.
type rawState struct {
	Vpcs []ec2types.Vpc
	// VpcAttributes is keyed by VPC ID; a missing entry or nil field means "not collected".
	VpcAttributes    map[string]*vpcAttributes
	Subnets          []ec2types.Subnet
	RouteTables      []ec2types.RouteTable
	InternetGateways []ec2types.InternetGateway
	NatGateways      []ec2types.NatGateway
	Addresses        []ec2types.Address
	SecurityGroups   []ec2types.SecurityGroup
	// SecurityGroupRules only add each rule's ID (sgr-...) to what SecurityGroups says.
	SecurityGroupRules           []ec2types.SecurityGroupRule
	TransitGateways              []ec2types.TransitGateway
	TransitGatewayAttachments    []ec2types.TransitGatewayAttachment
	TransitGatewayVpcAttachments []ec2types.TransitGatewayVpcAttachment
	TransitGatewayRouteTables    []ec2types.TransitGatewayRouteTable
	// TransitGatewayRoutes is keyed by TGW route table ID (SearchTransitGatewayRoutes is per table).
	TransitGatewayRoutes  map[string][]ec2types.TransitGatewayRoute
	VpnGateways           []ec2types.VpnGateway
	CustomerGateways      []ec2types.CustomerGateway
	VpnConnections        []ec2types.VpnConnection
	Cluster               *ekstypes.Cluster
	DXConnections         []dxtypes.Connection
	DXVirtualInterfaces   []dxtypes.VirtualInterface
	DXGateways            []dxtypes.DirectConnectGateway
	DXGatewayAssociations []dxtypes.DirectConnectGatewayAssociation
	// NetworkAcls and the prefix lists came with snapshot schema 1.1; the Collected flags say
	// whether their call answered at all, so that "none" and "not collected" stay apart.
	NetworkAcls          []ec2types.NetworkAcl
	NetworkAclsCollected bool
	// ManagedPrefixLists come from DescribeManagedPrefixLists, their entries (keyed by list ID)
	// from GetManagedPrefixListEntries; PrefixLists from DescribePrefixLists, which carries the
	// CIDRs of the AWS service lists itself (Batfish saves that form).
	ManagedPrefixLists   []ec2types.ManagedPrefixList
	PrefixListEntries    map[string][]ec2types.PrefixListEntry
	PrefixLists          []ec2types.PrefixList
	PrefixListsCollected bool
	// DXCollected says whether Direct Connect was part of the collection at all.
	DXCollected bool
}

type vpcAttributes struct {
	EnableDNSSupport   *bool
	EnableDNSHostnames *bool
}

func newRawState() *rawState {
	return &rawState{
		VpcAttributes:        map[string]*vpcAttributes{},
		TransitGatewayRoutes: map[string][]ec2types.TransitGatewayRoute{},
		PrefixListEntries:    map[string][]ec2types.PrefixListEntry{},
	}
}

func (r *rawState) attributes(vpcID string) *vpcAttributes {
	a := r.VpcAttributes[vpcID]
	if a == nil {
		a = &vpcAttributes{}
		r.VpcAttributes[vpcID] = a
	}
	return a
}
