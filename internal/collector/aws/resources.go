package aws

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
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
	// itemID, if set, is an item's own ID, by which the import keeps one of the items that
	// several files describe.
	itemID func(T) string
	// collected, if set, is the flag that says the call answered in full (schema 1.1 kinds,
	// where "none" and "not collected" differ).
	collected func(*rawState) *bool
}

// listCall describes call id of the output O whose items (T) the AWS CLI prints under key: the
// output's field of that name (the CLI prints the SDK's field names, Direct Connect's in
// camelCase) holds them, and the raw state keeps them in its one field of type []T. idField,
// if not "", names the items' ID field. A description that does not fit the types, or that
// two raw state fields would fit, panics, at package initialisation, so that every test run
// catches it.
func listCall[O, T any](id, key, idField string) resource[O, T] {
	listType := reflect.TypeFor[[]T]()
	items, ok := reflect.TypeFor[O]().FieldByNameFunc(func(name string) bool { return strings.EqualFold(name, key) })
	if !ok || items.Type != listType {
		panic(fmt.Sprintf("%s: %s has no field %s of type %s", id, reflect.TypeFor[O](), key, listType))
	}
	var list []int
	for _, f := range reflect.VisibleFields(reflect.TypeFor[rawState]()) {
		if f.Type == listType {
			if list != nil {
				panic(fmt.Sprintf("%s: rawState has more than one field of type %s", id, listType))
			}
			list = f.Index
		}
	}
	if list == nil {
		panic(fmt.Sprintf("%s: rawState has no field of type %s", id, listType))
	}
	k := resource[O, T]{id: id, key: key,
		items: func(o *O) []T { return reflect.ValueOf(o).Elem().FieldByIndex(items.Index).Interface().([]T) },
		list:  func(r *rawState) *[]T { return reflect.ValueOf(r).Elem().FieldByIndex(list).Addr().Interface().(*[]T) },
	}
	if idField != "" {
		f, ok := reflect.TypeFor[T]().FieldByName(idField)
		if !ok || f.Type != reflect.TypeFor[*string]() {
			panic(fmt.Sprintf("%s: %s has no field %s of type *string", id, reflect.TypeFor[T](), idField))
		}
		k.itemID = func(v T) string { return aws.ToString(reflect.ValueOf(v).FieldByIndex(f.Index).Interface().(*string)) }
	}
	return k
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

// dedupe keeps the first of the items that share an ID and adds the IDs it dropped to dups.
func (k resource[O, T]) dedupe(r *rawState, dups *[]string) {
	if k.itemID == nil {
		return
	}
	l := k.list(r)
	seen := make(map[string]bool, len(*l))
	out := (*l)[:0]
	for _, v := range *l {
		id := k.itemID(v)
		if seen[id] {
			*dups = append(*dups, id)
			continue
		}
		seen[id] = true
		out = append(out, v)
	}
	*l = out
}

// The list calls, each with the key its saved output is printed under and, for the kinds an
// import dedupes, the field that identifies an item.
var (
	describeVpcs                         = listCall[ec2.DescribeVpcsOutput, ec2types.Vpc]("ec2:DescribeVpcs", "Vpcs", "VpcId")
	describeSubnets                      = listCall[ec2.DescribeSubnetsOutput, ec2types.Subnet]("ec2:DescribeSubnets", "Subnets", "SubnetId")
	describeRouteTables                  = listCall[ec2.DescribeRouteTablesOutput, ec2types.RouteTable]("ec2:DescribeRouteTables", "RouteTables", "RouteTableId")
	describeInternetGateways             = listCall[ec2.DescribeInternetGatewaysOutput, ec2types.InternetGateway]("ec2:DescribeInternetGateways", "InternetGateways", "InternetGatewayId")
	describeNatGateways                  = listCall[ec2.DescribeNatGatewaysOutput, ec2types.NatGateway]("ec2:DescribeNatGateways", "NatGateways", "NatGatewayId")
	describeAddresses                    = listCall[ec2.DescribeAddressesOutput, ec2types.Address]("ec2:DescribeAddresses", "Addresses", "")
	describeSecurityGroups               = listCall[ec2.DescribeSecurityGroupsOutput, ec2types.SecurityGroup]("ec2:DescribeSecurityGroups", "SecurityGroups", "GroupId")
	describeSecurityGroupRules           = listCall[ec2.DescribeSecurityGroupRulesOutput, ec2types.SecurityGroupRule]("ec2:DescribeSecurityGroupRules", "SecurityGroupRules", "")
	describeTransitGateways              = listCall[ec2.DescribeTransitGatewaysOutput, ec2types.TransitGateway]("ec2:DescribeTransitGateways", "TransitGateways", "TransitGatewayId")
	describeTransitGatewayAttachments    = listCall[ec2.DescribeTransitGatewayAttachmentsOutput, ec2types.TransitGatewayAttachment]("ec2:DescribeTransitGatewayAttachments", "TransitGatewayAttachments", "TransitGatewayAttachmentId")
	describeTransitGatewayVpcAttachments = listCall[ec2.DescribeTransitGatewayVpcAttachmentsOutput, ec2types.TransitGatewayVpcAttachment]("ec2:DescribeTransitGatewayVpcAttachments", "TransitGatewayVpcAttachments", "TransitGatewayAttachmentId")
	describeTransitGatewayRouteTables    = listCall[ec2.DescribeTransitGatewayRouteTablesOutput, ec2types.TransitGatewayRouteTable]("ec2:DescribeTransitGatewayRouteTables", "TransitGatewayRouteTables", "TransitGatewayRouteTableId")
	describeVpnGateways                  = listCall[ec2.DescribeVpnGatewaysOutput, ec2types.VpnGateway]("ec2:DescribeVpnGateways", "VpnGateways", "VpnGatewayId")
	describeCustomerGateways             = listCall[ec2.DescribeCustomerGatewaysOutput, ec2types.CustomerGateway]("ec2:DescribeCustomerGateways", "CustomerGateways", "CustomerGatewayId")
	describeVpnConnections               = listCall[ec2.DescribeVpnConnectionsOutput, ec2types.VpnConnection]("ec2:DescribeVpnConnections", "VpnConnections", "VpnConnectionId")
	describeNetworkAcls                  = listCall[ec2.DescribeNetworkAclsOutput, ec2types.NetworkAcl]("ec2:DescribeNetworkAcls", "NetworkAcls", "").collecting(func(r *rawState) *bool { return &r.NetworkAclsCollected })
	// describeManagedPrefixLists is read live only: a saved "PrefixLists" output may be either
	// of two calls (absorbPrefixLists).
	describeManagedPrefixLists    = listCall[ec2.DescribeManagedPrefixListsOutput, ec2types.ManagedPrefixList]("ec2:DescribeManagedPrefixLists", "PrefixLists", "").collecting(func(r *rawState) *bool { return &r.PrefixListsCollected })
	describeDXConnections         = listCall[directconnect.DescribeConnectionsOutput, dxtypes.Connection]("directconnect:DescribeConnections", "connections", "")
	describeDXVirtualInterfaces   = listCall[directconnect.DescribeVirtualInterfacesOutput, dxtypes.VirtualInterface]("directconnect:DescribeVirtualInterfaces", "virtualInterfaces", "")
	describeDXGateways            = listCall[directconnect.DescribeDirectConnectGatewaysOutput, dxtypes.DirectConnectGateway]("directconnect:DescribeDirectConnectGateways", "directConnectGateways", "")
	describeDXGatewayAssociations = listCall[directconnect.DescribeDirectConnectGatewayAssociationsOutput, dxtypes.DirectConnectGatewayAssociation]("directconnect:DescribeDirectConnectGatewayAssociations", "directConnectGatewayAssociations", "")
)

// collecting sets the flag that says the call answered in full.
func (k resource[O, T]) collecting(flag func(*rawState) *bool) resource[O, T] {
	k.collected = flag
	return k
}
