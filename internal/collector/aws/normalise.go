package aws

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	dxtypes "github.com/aws/aws-sdk-go-v2/service/directconnect/types"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	ekstypes "github.com/aws/aws-sdk-go-v2/service/eks/types"

	"github.com/hybridcheck/hybridcheck/internal/ipproto"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// normalise builds the snapshot's AWS part from the raw answers. vpcScope, when set, keeps only
// what concerns that VPC (the region-wide Elastic IPs, customer gateways and Direct Connect
// objects stay, since checks about them are region-wide). salt keys the PSK fingerprints.
func normalise(r *rawState, region, vpcScope, salt string) *snapshot.AWS {
	out := &snapshot.AWS{Region: region}
	inScope := func(vpcID string) bool { return vpcScope == "" || vpcID == vpcScope }

	for _, v := range r.Vpcs {
		id := aws.ToString(v.VpcId)
		if !inScope(id) {
			continue
		}
		if out.AccountID == "" {
			out.AccountID = aws.ToString(v.OwnerId)
		}
		out.VPCs = append(out.VPCs, vpc(v, r.VpcAttributes[id]))
	}
	for _, s := range r.Subnets {
		if inScope(aws.ToString(s.VpcId)) {
			out.Subnets = append(out.Subnets, subnet(s))
		}
	}
	for _, t := range r.RouteTables {
		if inScope(aws.ToString(t.VpcId)) {
			out.RouteTables = append(out.RouteTables, routeTable(t))
		}
	}
	for _, g := range r.InternetGateways {
		ig := internetGateway(g)
		if vpcScope == "" || attachedTo(ig.Attachments, vpcScope) {
			out.InternetGateways = append(out.InternetGateways, ig)
		}
	}
	for _, n := range r.NatGateways {
		if inScope(aws.ToString(n.VpcId)) {
			out.NATGateways = append(out.NATGateways, natGateway(n))
		}
	}
	for _, a := range r.Addresses {
		out.ElasticIPs = append(out.ElasticIPs, elasticIP(a))
	}
	ruleIDs := securityGroupRuleIDs(r.SecurityGroupRules)
	for _, g := range r.SecurityGroups {
		if inScope(aws.ToString(g.VpcId)) {
			out.SecurityGroups = append(out.SecurityGroups, securityGroup(g, ruleIDs))
		}
	}

	vgwInScope := map[string]bool{}
	for _, g := range r.VpnGateways {
		vg := vpnGateway(g)
		if vpcScope == "" || attachedTo(vg.VPCAttachments, vpcScope) {
			vgwInScope[vg.ID] = true
			out.VPNGateways = append(out.VPNGateways, vg)
		}
	}

	attachments := transitGatewayAttachments(r.TransitGatewayAttachments, r.TransitGatewayVpcAttachments)
	tgwInScope := map[string]bool{}
	for _, a := range attachments {
		if vpcScope == "" || (a.ResourceType == "vpc" && a.ResourceID == vpcScope) {
			tgwInScope[a.TransitGatewayID] = true
		}
	}
	for _, g := range r.TransitGateways {
		id := aws.ToString(g.TransitGatewayId)
		if vpcScope == "" || tgwInScope[id] {
			out.TransitGateways = append(out.TransitGateways, transitGateway(g))
		}
	}
	for _, a := range attachments {
		if vpcScope == "" || tgwInScope[a.TransitGatewayID] {
			out.TransitGatewayAttachments = append(out.TransitGatewayAttachments, a)
		}
	}
	for _, t := range r.TransitGatewayRouteTables {
		if vpcScope == "" || tgwInScope[aws.ToString(t.TransitGatewayId)] {
			out.TransitGatewayRouteTables = append(out.TransitGatewayRouteTables,
				transitGatewayRouteTable(t, r.TransitGatewayRoutes[aws.ToString(t.TransitGatewayRouteTableId)]))
		}
	}

	for _, g := range r.CustomerGateways {
		out.CustomerGateways = append(out.CustomerGateways, customerGateway(g))
	}
	for _, c := range r.VpnConnections {
		if vpcScope == "" || vgwInScope[aws.ToString(c.VpnGatewayId)] || tgwInScope[aws.ToString(c.TransitGatewayId)] {
			out.VPNConnections = append(out.VPNConnections, vpnConnection(c, salt))
		}
	}

	if r.Cluster != nil {
		out.EKSCluster = eksCluster(r.Cluster)
	}
	if r.DXCollected {
		out.DirectConnect = directConnect(r)
	}
	out.NetworkACLs = networkACLs(r, inScope)
	out.PrefixLists = prefixLists(r)
	sortAWS(out)
	return out
}

func attachedTo(atts []snapshot.GatewayVPCAttachment, vpcID string) bool {
	return slices.ContainsFunc(atts, func(a snapshot.GatewayVPCAttachment) bool { return a.VPCID == vpcID })
}

func tags(ts []ec2types.Tag) snapshot.Tags {
	if len(ts) == 0 {
		return nil
	}
	m := make(snapshot.Tags, len(ts))
	for _, t := range ts {
		m[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return m
}

func vpc(v ec2types.Vpc, attrs *vpcAttributes) snapshot.VPC {
	out := snapshot.VPC{
		ID:        aws.ToString(v.VpcId),
		State:     string(v.State),
		IsDefault: aws.ToBool(v.IsDefault),
		Tags:      tags(v.Tags),
	}
	for _, a := range v.CidrBlockAssociationSet {
		if a.CidrBlockState == nil || a.CidrBlockState.State == ec2types.VpcCidrBlockStateCodeAssociated {
			out.CIDRBlocks = appendUnique(out.CIDRBlocks, aws.ToString(a.CidrBlock))
		}
	}
	if len(out.CIDRBlocks) == 0 && v.CidrBlock != nil {
		out.CIDRBlocks = []string{aws.ToString(v.CidrBlock)}
	}
	for _, a := range v.Ipv6CidrBlockAssociationSet {
		if a.Ipv6CidrBlockState == nil || a.Ipv6CidrBlockState.State == ec2types.VpcCidrBlockStateCodeAssociated {
			out.IPv6CIDRBlocks = appendUnique(out.IPv6CIDRBlocks, aws.ToString(a.Ipv6CidrBlock))
		}
	}
	if attrs != nil {
		out.EnableDNSSupport = attrs.EnableDNSSupport
		out.EnableDNSHostnames = attrs.EnableDNSHostnames
	}
	return out
}

func appendUnique(list []string, s string) []string {
	if s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

func subnet(s ec2types.Subnet) snapshot.Subnet {
	return snapshot.Subnet{
		ID:                  aws.ToString(s.SubnetId),
		VPCID:               aws.ToString(s.VpcId),
		CIDRBlock:           aws.ToString(s.CidrBlock),
		AvailabilityZone:    aws.ToString(s.AvailabilityZone),
		AvailabilityZoneID:  aws.ToString(s.AvailabilityZoneId),
		State:               string(s.State),
		MapPublicIPOnLaunch: aws.ToBool(s.MapPublicIpOnLaunch),
		Tags:                tags(s.Tags),
	}
}

func routeTable(t ec2types.RouteTable) snapshot.RouteTable {
	out := snapshot.RouteTable{
		ID:    aws.ToString(t.RouteTableId),
		VPCID: aws.ToString(t.VpcId),
		Tags:  tags(t.Tags),
	}
	for _, a := range t.Associations {
		main := aws.ToBool(a.Main)
		out.Main = out.Main || main
		as := snapshot.RouteTableAssociation{
			ID:        aws.ToString(a.RouteTableAssociationId),
			SubnetID:  aws.ToString(a.SubnetId),
			GatewayID: aws.ToString(a.GatewayId),
			Main:      main,
		}
		if a.AssociationState != nil {
			as.State = string(a.AssociationState.State)
		}
		out.Associations = append(out.Associations, as)
	}
	for _, p := range t.PropagatingVgws {
		out.PropagatingVGWs = append(out.PropagatingVGWs, aws.ToString(p.GatewayId))
	}
	for _, r := range t.Routes {
		out.Routes = append(out.Routes, route(r))
	}
	return out
}

// route derives the next hop's kind from which target field AWS filled in. An instance route
// carries both the instance and its ENI; the instance is the more telling of the two.
func route(r ec2types.Route) snapshot.Route {
	out := snapshot.Route{
		DestinationCIDR:         aws.ToString(r.DestinationCidrBlock),
		DestinationIPv6CIDR:     aws.ToString(r.DestinationIpv6CidrBlock),
		DestinationPrefixListID: aws.ToString(r.DestinationPrefixListId),
		State:                   string(r.State),
		Origin:                  string(r.Origin),
	}
	if out.State == "" {
		out.State = "active"
	}
	gw := aws.ToString(r.GatewayId)
	switch {
	case r.NatGatewayId != nil:
		out.TargetType, out.TargetID = "nat", *r.NatGatewayId
	case r.TransitGatewayId != nil:
		out.TargetType, out.TargetID = "tgw", *r.TransitGatewayId
	case r.VpcPeeringConnectionId != nil:
		out.TargetType, out.TargetID = "pcx", *r.VpcPeeringConnectionId
	case r.EgressOnlyInternetGatewayId != nil:
		out.TargetType, out.TargetID = "egress-only-igw", *r.EgressOnlyInternetGatewayId
	case r.CarrierGatewayId != nil:
		out.TargetType, out.TargetID = "carrier", *r.CarrierGatewayId
	case r.LocalGatewayId != nil:
		out.TargetType, out.TargetID = "local-gateway", *r.LocalGatewayId
	case r.CoreNetworkArn != nil:
		out.TargetType, out.TargetID = "core-network", *r.CoreNetworkArn
	case gw == "local":
		out.TargetType, out.TargetID = "local", gw
	case strings.HasPrefix(gw, "igw-"):
		out.TargetType, out.TargetID = "igw", gw
	case strings.HasPrefix(gw, "vgw-"):
		out.TargetType, out.TargetID = "vgw", gw
	case strings.HasPrefix(gw, "vpce-"):
		out.TargetType, out.TargetID = "vpce", gw
	case r.InstanceId != nil:
		out.TargetType, out.TargetID = "instance", *r.InstanceId
	case r.NetworkInterfaceId != nil:
		out.TargetType, out.TargetID = "eni", *r.NetworkInterfaceId
	default:
		out.TargetType, out.TargetID = "unknown", gw
	}
	return out
}

func internetGateway(g ec2types.InternetGateway) snapshot.InternetGateway {
	out := snapshot.InternetGateway{ID: aws.ToString(g.InternetGatewayId), Tags: tags(g.Tags)}
	for _, a := range g.Attachments {
		out.Attachments = append(out.Attachments, snapshot.GatewayVPCAttachment{VPCID: aws.ToString(a.VpcId), State: string(a.State)})
	}
	return out
}

func natGateway(n ec2types.NatGateway) snapshot.NATGateway {
	out := snapshot.NATGateway{
		ID:               aws.ToString(n.NatGatewayId),
		VPCID:            aws.ToString(n.VpcId),
		SubnetID:         aws.ToString(n.SubnetId),
		State:            string(n.State),
		ConnectivityType: string(n.ConnectivityType),
		Tags:             tags(n.Tags),
	}
	// Outputs from before private NAT gateways existed omit the type; those were all public.
	if out.ConnectivityType == "" {
		out.ConnectivityType = "public"
	}
	for _, a := range n.NatGatewayAddresses {
		out.Addresses = append(out.Addresses, snapshot.NATAddress{
			AllocationID: aws.ToString(a.AllocationId),
			PublicIP:     aws.ToString(a.PublicIp),
			PrivateIP:    aws.ToString(a.PrivateIp),
		})
	}
	return out
}

func elasticIP(a ec2types.Address) snapshot.ElasticIP {
	return snapshot.ElasticIP{
		AllocationID:       aws.ToString(a.AllocationId),
		PublicIP:           aws.ToString(a.PublicIp),
		AssociationID:      aws.ToString(a.AssociationId),
		InstanceID:         aws.ToString(a.InstanceId),
		NetworkInterfaceID: aws.ToString(a.NetworkInterfaceId),
		Domain:             string(a.Domain),
		Tags:               tags(a.Tags),
	}
}

func securityGroup(g ec2types.SecurityGroup, ruleIDs map[string]string) snapshot.SecurityGroup {
	out := snapshot.SecurityGroup{
		ID:          aws.ToString(g.GroupId),
		Name:        aws.ToString(g.GroupName),
		VPCID:       aws.ToString(g.VpcId),
		Description: aws.ToString(g.Description),
		Ingress:     sgRules(g.IpPermissions),
		Egress:      sgRules(g.IpPermissionsEgress),
		Tags:        tags(g.Tags),
	}
	for i := range out.Ingress {
		out.Ingress[i].RuleID = ruleIDs[ruleKey(out.ID, false, out.Ingress[i])]
	}
	for i := range out.Egress {
		out.Egress[i].RuleID = ruleIDs[ruleKey(out.ID, true, out.Egress[i])]
	}
	return out
}

// ruleKey identifies a flattened rule by everything DescribeSecurityGroupRules also reports,
// which is how a rule ID finds its rule.
func ruleKey(group string, egress bool, r snapshot.SGRule) string {
	return fmt.Sprint(group, "|", egress, "|", r.Protocol, "|", r.FromPort, "|", r.ToPort, "|", r.CIDRIPv4, "|", r.CIDRIPv6, "|", r.PrefixListID, "|", r.ReferencedGroupID)
}

func securityGroupRuleIDs(rules []ec2types.SecurityGroupRule) map[string]string {
	ids := make(map[string]string, len(rules))
	for _, r := range rules {
		x := snapshot.SGRule{
			Protocol: ipproto.AWSName(aws.ToString(r.IpProtocol)), FromPort: -1, ToPort: -1,
			CIDRIPv4: aws.ToString(r.CidrIpv4), CIDRIPv6: aws.ToString(r.CidrIpv6), PrefixListID: aws.ToString(r.PrefixListId),
		}
		if r.FromPort != nil {
			x.FromPort = int(*r.FromPort)
		}
		if r.ToPort != nil {
			x.ToPort = int(*r.ToPort)
		}
		if r.ReferencedGroupInfo != nil {
			x.ReferencedGroupID = aws.ToString(r.ReferencedGroupInfo.GroupId)
		}
		ids[ruleKey(aws.ToString(r.GroupId), aws.ToBool(r.IsEgress), x)] = aws.ToString(r.SecurityGroupRuleId)
	}
	return ids
}

// sgRules flattens permissions to one rule per peer and sorts them, because AWS does not
// promise an order and two collections of one state must give the same bytes.
func sgRules(perms []ec2types.IpPermission) []snapshot.SGRule {
	var out []snapshot.SGRule
	for _, p := range perms {
		base := snapshot.SGRule{Protocol: ipproto.AWSName(aws.ToString(p.IpProtocol)), FromPort: -1, ToPort: -1}
		if p.FromPort != nil {
			base.FromPort = int(*p.FromPort)
		}
		if p.ToPort != nil {
			base.ToPort = int(*p.ToPort)
		}
		out = peerRules(out, base, p.IpRanges, func(x *snapshot.SGRule, r ec2types.IpRange) {
			x.CIDRIPv4, x.Description = aws.ToString(r.CidrIp), aws.ToString(r.Description)
		})
		out = peerRules(out, base, p.Ipv6Ranges, func(x *snapshot.SGRule, r ec2types.Ipv6Range) {
			x.CIDRIPv6, x.Description = aws.ToString(r.CidrIpv6), aws.ToString(r.Description)
		})
		out = peerRules(out, base, p.PrefixListIds, func(x *snapshot.SGRule, r ec2types.PrefixListId) {
			x.PrefixListID, x.Description = aws.ToString(r.PrefixListId), aws.ToString(r.Description)
		})
		out = peerRules(out, base, p.UserIdGroupPairs, func(x *snapshot.SGRule, r ec2types.UserIdGroupPair) {
			x.ReferencedGroupID, x.Description = aws.ToString(r.GroupId), aws.ToString(r.Description)
		})
	}
	slices.SortFunc(out, compareSGRules)
	return out
}

// peerRules appends to out a rule for each peer of one kind (IPv4 or IPv6 range, prefix list,
// group): base, with the peer and its description set by set.
func peerRules[P any](out []snapshot.SGRule, base snapshot.SGRule, peers []P, set func(*snapshot.SGRule, P)) []snapshot.SGRule {
	for _, p := range peers {
		x := base
		set(&x, p)
		out = append(out, x)
	}
	return out
}

func compareSGRules(a, b snapshot.SGRule) int {
	return cmp.Or(cmp.Compare(a.Protocol, b.Protocol), cmp.Compare(a.FromPort, b.FromPort), cmp.Compare(a.ToPort, b.ToPort),
		cmp.Compare(a.CIDRIPv4, b.CIDRIPv4), cmp.Compare(a.CIDRIPv6, b.CIDRIPv6), cmp.Compare(a.PrefixListID, b.PrefixListID),
		cmp.Compare(a.ReferencedGroupID, b.ReferencedGroupID), cmp.Compare(a.Description, b.Description))
}

func vpnGateway(g ec2types.VpnGateway) snapshot.VPNGateway {
	out := snapshot.VPNGateway{
		ID:            aws.ToString(g.VpnGatewayId),
		State:         string(g.State),
		Type:          string(g.Type),
		AmazonSideASN: aws.ToInt64(g.AmazonSideAsn),
		Tags:          tags(g.Tags),
	}
	for _, a := range g.VpcAttachments {
		out.VPCAttachments = append(out.VPCAttachments, snapshot.GatewayVPCAttachment{VPCID: aws.ToString(a.VpcId), State: string(a.State)})
	}
	return out
}

func transitGateway(g ec2types.TransitGateway) snapshot.TransitGateway {
	out := snapshot.TransitGateway{
		ID:    aws.ToString(g.TransitGatewayId),
		State: string(g.State),
		Tags:  tags(g.Tags),
	}
	if o := g.Options; o != nil {
		out.AmazonSideASN = aws.ToInt64(o.AmazonSideAsn)
		out.DNSSupport = o.DnsSupport == ec2types.DnsSupportValueEnable
		out.VPNECMPSupport = o.VpnEcmpSupport == ec2types.VpnEcmpSupportValueEnable
		out.DefaultRouteTableAssociation = o.DefaultRouteTableAssociation == ec2types.DefaultRouteTableAssociationValueEnable
		out.DefaultRouteTablePropagation = o.DefaultRouteTablePropagation == ec2types.DefaultRouteTablePropagationValueEnable
		out.AssociationDefaultRouteTableID = aws.ToString(o.AssociationDefaultRouteTableId)
		out.PropagationDefaultRouteTableID = aws.ToString(o.PropagationDefaultRouteTableId)
		out.AutoAcceptSharedAttachments = o.AutoAcceptSharedAttachments == ec2types.AutoAcceptSharedAttachmentsValueEnable
		out.SecurityGroupReferencingSupport = o.SecurityGroupReferencingSupport == ec2types.SecurityGroupReferencingSupportValueEnable
	}
	return out
}

var tgwResourceTypes = map[string]bool{
	"vpc": true, "vpn": true, "direct-connect-gateway": true, "connect": true,
	"peering": true, "tgw-peering": true, "network-function": true,
}

// transitGatewayAttachments merges the generic attachment list with the VPC attachments'
// subnets and options; a VPC attachment missing from the generic list still appears.
func transitGatewayAttachments(all []ec2types.TransitGatewayAttachment, vpcAtts []ec2types.TransitGatewayVpcAttachment) []snapshot.TransitGatewayAttachment {
	byID := map[string]*snapshot.TransitGatewayAttachment{}
	var order []string
	for _, a := range all {
		id := aws.ToString(a.TransitGatewayAttachmentId)
		rt := string(a.ResourceType)
		if !tgwResourceTypes[rt] {
			rt = "unknown"
		}
		x := &snapshot.TransitGatewayAttachment{
			ID:               id,
			TransitGatewayID: aws.ToString(a.TransitGatewayId),
			ResourceType:     rt,
			ResourceID:       aws.ToString(a.ResourceId),
			State:            string(a.State),
			Tags:             tags(a.Tags),
		}
		if a.Association != nil {
			x.AssociatedRouteTableID = aws.ToString(a.Association.TransitGatewayRouteTableId)
		}
		if _, dup := byID[id]; !dup {
			order = append(order, id)
		}
		byID[id] = x
	}
	for _, v := range vpcAtts {
		id := aws.ToString(v.TransitGatewayAttachmentId)
		x := byID[id]
		if x == nil {
			x = &snapshot.TransitGatewayAttachment{
				ID:               id,
				TransitGatewayID: aws.ToString(v.TransitGatewayId),
				ResourceType:     "vpc",
				ResourceID:       aws.ToString(v.VpcId),
				State:            string(v.State),
				Tags:             tags(v.Tags),
			}
			byID[id] = x
			order = append(order, id)
		}
		x.SubnetIDs = slices.Clone(v.SubnetIds)
		slices.Sort(x.SubnetIDs)
		dns, sgRef := false, false
		if v.Options != nil {
			dns = v.Options.DnsSupport == ec2types.DnsSupportValueEnable
			sgRef = v.Options.SecurityGroupReferencingSupport == ec2types.SecurityGroupReferencingSupportValueEnable
		}
		x.DNSSupport, x.SecurityGroupReferencingSupport = &dns, &sgRef
	}
	out := make([]snapshot.TransitGatewayAttachment, 0, len(order))
	for _, id := range order {
		out = append(out, *byID[id])
	}
	return out
}

func transitGatewayRouteTable(t ec2types.TransitGatewayRouteTable, routes []ec2types.TransitGatewayRoute) snapshot.TransitGatewayRouteTable {
	out := snapshot.TransitGatewayRouteTable{
		ID:                           aws.ToString(t.TransitGatewayRouteTableId),
		TransitGatewayID:             aws.ToString(t.TransitGatewayId),
		State:                        string(t.State),
		DefaultAssociationRouteTable: aws.ToBool(t.DefaultAssociationRouteTable),
		DefaultPropagationRouteTable: aws.ToBool(t.DefaultPropagationRouteTable),
		Tags:                         tags(t.Tags),
	}
	for _, r := range routes {
		x := snapshot.TransitGatewayRoute{
			DestinationCIDR: aws.ToString(r.DestinationCidrBlock),
			PrefixListID:    aws.ToString(r.PrefixListId),
			Type:            string(r.Type),
			State:           string(r.State),
		}
		for _, a := range r.TransitGatewayAttachments {
			x.Attachments = append(x.Attachments, snapshot.TransitGatewayRouteAttachment{
				AttachmentID: aws.ToString(a.TransitGatewayAttachmentId),
				ResourceType: string(a.ResourceType),
				ResourceID:   aws.ToString(a.ResourceId),
			})
		}
		out.Routes = append(out.Routes, x)
	}
	slices.SortFunc(out.Routes, func(a, b snapshot.TransitGatewayRoute) int {
		return cmp.Or(cmp.Compare(a.DestinationCIDR, b.DestinationCIDR), cmp.Compare(a.PrefixListID, b.PrefixListID), cmp.Compare(a.Type, b.Type))
	})
	return out
}

func customerGateway(g ec2types.CustomerGateway) snapshot.CustomerGateway {
	asn, _ := strconv.ParseInt(aws.ToString(g.BgpAsn), 10, 64)
	if asn == 0 && g.BgpAsnExtended != nil {
		asn, _ = strconv.ParseInt(*g.BgpAsnExtended, 10, 64)
	}
	return snapshot.CustomerGateway{
		ID:         aws.ToString(g.CustomerGatewayId),
		State:      aws.ToString(g.State),
		Type:       aws.ToString(g.Type),
		BGPASN:     asn,
		IPAddress:  aws.ToString(g.IpAddress),
		DeviceName: aws.ToString(g.DeviceName),
		Tags:       tags(g.Tags),
	}
}

// vpnConnection keeps what the checks need and drops the secrets: the pre-shared keys become
// keyed fingerprints, and CustomerGatewayConfiguration is read (for tunnels whose options
// omit the key or inside addresses, as older API answers do) but never copied.
func vpnConnection(c ec2types.VpnConnection, salt string) snapshot.VPNConnection {
	out := snapshot.VPNConnection{
		ID:                aws.ToString(c.VpnConnectionId),
		State:             string(c.State),
		Type:              string(c.Type),
		CustomerGatewayID: aws.ToString(c.CustomerGatewayId),
		VPNGatewayID:      aws.ToString(c.VpnGatewayId),
		TransitGatewayID:  aws.ToString(c.TransitGatewayId),
		Tags:              tags(c.Tags),
	}
	for _, r := range c.Routes {
		out.Routes = append(out.Routes, snapshot.VPNRoute{
			DestinationCIDR: aws.ToString(r.DestinationCidrBlock),
			Source:          string(r.Source),
			State:           string(r.State),
		})
	}
	slices.SortFunc(out.Routes, func(a, b snapshot.VPNRoute) int { return cmp.Compare(a.DestinationCIDR, b.DestinationCIDR) })

	tunnels := map[string]*snapshot.VPNTunnel{}
	var order []string
	tunnel := func(ip string) *snapshot.VPNTunnel {
		t := tunnels[ip]
		if t == nil {
			t = &snapshot.VPNTunnel{OutsideIPAddress: ip}
			tunnels[ip] = t
			order = append(order, ip)
		}
		return t
	}
	if o := c.Options; o != nil {
		out.StaticRoutesOnly = aws.ToBool(o.StaticRoutesOnly)
		out.TunnelInsideIPVersion = string(o.TunnelInsideIpVersion)
		out.OutsideIPAddressType = aws.ToString(o.OutsideIpAddressType)
		out.LocalIPv4NetworkCIDR = aws.ToString(o.LocalIpv4NetworkCidr)
		out.RemoteIPv4NetworkCIDR = aws.ToString(o.RemoteIpv4NetworkCidr)
		out.TransportTransitGatewayAttachmentID = aws.ToString(o.TransportTransitGatewayAttachmentId)
		for _, to := range o.TunnelOptions {
			t := tunnel(aws.ToString(to.OutsideIpAddress))
			setInside(t, aws.ToString(to.TunnelInsideCidr))
			t.IKEVersions = appendValues(t.IKEVersions, to.IkeVersions, func(v ec2types.IKEVersionsListValue) string { return aws.ToString(v.Value) })
			t.Phase1EncryptionAlgorithms = appendValues(t.Phase1EncryptionAlgorithms, to.Phase1EncryptionAlgorithms, func(v ec2types.Phase1EncryptionAlgorithmsListValue) string { return aws.ToString(v.Value) })
			t.Phase1IntegrityAlgorithms = appendValues(t.Phase1IntegrityAlgorithms, to.Phase1IntegrityAlgorithms, func(v ec2types.Phase1IntegrityAlgorithmsListValue) string { return aws.ToString(v.Value) })
			t.Phase1DHGroupNumbers = appendValues(t.Phase1DHGroupNumbers, to.Phase1DHGroupNumbers, func(v ec2types.Phase1DHGroupNumbersListValue) int { return int(aws.ToInt32(v.Value)) })
			t.Phase2EncryptionAlgorithms = appendValues(t.Phase2EncryptionAlgorithms, to.Phase2EncryptionAlgorithms, func(v ec2types.Phase2EncryptionAlgorithmsListValue) string { return aws.ToString(v.Value) })
			t.Phase2IntegrityAlgorithms = appendValues(t.Phase2IntegrityAlgorithms, to.Phase2IntegrityAlgorithms, func(v ec2types.Phase2IntegrityAlgorithmsListValue) string { return aws.ToString(v.Value) })
			t.Phase2DHGroupNumbers = appendValues(t.Phase2DHGroupNumbers, to.Phase2DHGroupNumbers, func(v ec2types.Phase2DHGroupNumbersListValue) int { return int(aws.ToInt32(v.Value)) })
			t.Phase1LifetimeSeconds = int(aws.ToInt32(to.Phase1LifetimeSeconds))
			t.Phase2LifetimeSeconds = int(aws.ToInt32(to.Phase2LifetimeSeconds))
			t.DPDTimeoutAction = aws.ToString(to.DpdTimeoutAction)
			t.DPDTimeoutSeconds = int(aws.ToInt32(to.DpdTimeoutSeconds))
			t.PSKFingerprint = snapshot.PSKFingerprint(salt, aws.ToString(to.PreSharedKey))
		}
	}
	for _, gt := range customerGatewayTunnels(aws.ToString(c.CustomerGatewayConfiguration)) {
		t := tunnel(gt.OutsideIP)
		if t.InsideCIDR == "" {
			setInside(t, gt.AWSInsideIP+"/"+gt.InsidePrefix)
		}
		if t.PSKFingerprint == "" {
			t.PSKFingerprint = snapshot.PSKFingerprint(salt, gt.PreSharedKey)
		}
	}
	for _, v := range c.VgwTelemetry {
		t := tunnel(aws.ToString(v.OutsideIpAddress))
		t.Status = string(v.Status)
		t.StatusMessage = aws.ToString(v.StatusMessage)
		t.AcceptedRouteCount = int(aws.ToInt32(v.AcceptedRouteCount))
		if v.LastStatusChange != nil {
			t.LastStatusChange = v.LastStatusChange.UTC().Format(time.RFC3339)
		}
	}
	slices.Sort(order)
	for _, ip := range order {
		out.Tunnels = append(out.Tunnels, *tunnels[ip])
	}
	return out
}

// appendValues appends the values of one of a tunnel's option lists, whose items the SDK wraps
// each in a type of its own, to out.
func appendValues[V, T any](out []T, items []V, value func(V) T) []T {
	for _, v := range items {
		out = append(out, value(v))
	}
	return out
}

// setInside records the tunnel's inside /30 as its network address, AWS's peer as the first
// host and the customer's as the second, whichever host address the source wrote the CIDR with.
func setInside(t *snapshot.VPNTunnel, cidr string) {
	p, err := netip.ParsePrefix(cidr)
	if err != nil || !p.Addr().Is4() {
		return
	}
	n := p.Masked()
	t.InsideCIDR = n.String()
	if aws1 := n.Addr().Next(); n.Contains(aws1) {
		t.AWSInsideAddress = aws1.String()
		if cust := aws1.Next(); n.Contains(cust) {
			t.CustomerInsideAddress = cust.String()
		}
	}
}

// gatewayConfigTunnel is what the customer gateway configuration XML says of one tunnel.
type gatewayConfigTunnel struct {
	OutsideIP    string
	AWSInsideIP  string
	InsidePrefix string
	PreSharedKey string
}

// customerGatewayTunnels reads the tunnels out of a CustomerGatewayConfiguration document. The
// document is AWS's own; anything unreadable simply yields no tunnels.
func customerGatewayTunnels(doc string) []gatewayConfigTunnel {
	if !strings.Contains(doc, "<vpn_connection") {
		return nil
	}
	var cfg struct {
		Tunnels []struct {
			VPNGateway struct {
				Outside string `xml:"tunnel_outside_address>ip_address"`
				Inside  string `xml:"tunnel_inside_address>ip_address"`
				Prefix  string `xml:"tunnel_inside_address>network_cidr"`
			} `xml:"vpn_gateway"`
			PSK string `xml:"ike>pre_shared_key"`
		} `xml:"ipsec_tunnel"`
	}
	if err := xml.Unmarshal([]byte(doc), &cfg); err != nil {
		return nil
	}
	out := make([]gatewayConfigTunnel, 0, len(cfg.Tunnels))
	for _, t := range cfg.Tunnels {
		if t.VPNGateway.Outside == "" {
			continue
		}
		out = append(out, gatewayConfigTunnel{
			OutsideIP:    strings.TrimSpace(t.VPNGateway.Outside),
			AWSInsideIP:  strings.TrimSpace(t.VPNGateway.Inside),
			InsidePrefix: strings.TrimSpace(t.VPNGateway.Prefix),
			PreSharedKey: strings.TrimSpace(t.PSK),
		})
	}
	return out
}

func directConnect(r *rawState) *snapshot.DirectConnect {
	out := &snapshot.DirectConnect{}
	for _, c := range r.DXConnections {
		out.Connections = append(out.Connections, snapshot.DXConnection{
			ID:        aws.ToString(c.ConnectionId),
			Name:      aws.ToString(c.ConnectionName),
			State:     string(c.ConnectionState),
			Location:  aws.ToString(c.Location),
			Bandwidth: aws.ToString(c.Bandwidth),
		})
	}
	for _, v := range r.DXVirtualInterfaces {
		x := snapshot.DXVirtualInterface{
			ID:                     aws.ToString(v.VirtualInterfaceId),
			Name:                   aws.ToString(v.VirtualInterfaceName),
			Type:                   strings.ToLower(aws.ToString(v.VirtualInterfaceType)),
			State:                  string(v.VirtualInterfaceState),
			ConnectionID:           aws.ToString(v.ConnectionId),
			VLAN:                   int(v.Vlan),
			ASN:                    dxASN(v.Asn, v.AsnLong),
			AmazonSideASN:          aws.ToInt64(v.AmazonSideAsn),
			VirtualGatewayID:       aws.ToString(v.VirtualGatewayId),
			DirectConnectGatewayID: aws.ToString(v.DirectConnectGatewayId),
		}
		for _, p := range v.BgpPeers {
			status := strings.ToLower(string(p.BgpStatus))
			if status != "up" && status != "down" {
				status = "unknown"
			}
			x.BGPPeers = append(x.BGPPeers, snapshot.DXBGPPeer{
				ID: aws.ToString(p.BgpPeerId), State: string(p.BgpPeerState), Status: status,
				ASN: dxASN(p.Asn, p.AsnLong), AddressFamily: string(p.AddressFamily),
			})
		}
		x.RouteFilterPrefixes = prefixes(v.RouteFilterPrefixes)
		out.VirtualInterfaces = append(out.VirtualInterfaces, x)
	}
	for _, g := range r.DXGateways {
		out.Gateways = append(out.Gateways, snapshot.DXGateway{
			ID:            aws.ToString(g.DirectConnectGatewayId),
			Name:          aws.ToString(g.DirectConnectGatewayName),
			State:         string(g.DirectConnectGatewayState),
			AmazonSideASN: aws.ToInt64(g.AmazonSideAsn),
		})
	}
	for _, a := range r.DXGatewayAssociations {
		x := snapshot.DXGatewayAssociation{
			ID:                     aws.ToString(a.AssociationId),
			DirectConnectGatewayID: aws.ToString(a.DirectConnectGatewayId),
			AssociatedGatewayID:    aws.ToString(a.VirtualGatewayId),
			State:                  string(a.AssociationState),
			AllowedPrefixes:        prefixes(a.AllowedPrefixesToDirectConnectGateway),
		}
		if g := a.AssociatedGateway; g != nil {
			x.AssociatedGatewayID = aws.ToString(g.Id)
			x.AssociatedGatewayType = string(g.Type)
		}
		out.GatewayAssociations = append(out.GatewayAssociations, x)
	}
	slices.SortFunc(out.Connections, func(a, b snapshot.DXConnection) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(out.VirtualInterfaces, func(a, b snapshot.DXVirtualInterface) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(out.Gateways, func(a, b snapshot.DXGateway) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(out.GatewayAssociations, func(a, b snapshot.DXGatewayAssociation) int {
		return cmp.Or(cmp.Compare(a.DirectConnectGatewayID, b.DirectConnectGatewayID), cmp.Compare(a.AssociatedGatewayID, b.AssociatedGatewayID))
	})
	return out
}

// dxASN prefers the 4-byte field that newer answers carry over the legacy 2-byte one.
func dxASN(asn int32, long *int64) int64 {
	if long != nil {
		return *long
	}
	return int64(asn)
}

func prefixes(ps []dxtypes.RouteFilterPrefix) []string {
	var out []string
	for _, p := range ps {
		out = append(out, aws.ToString(p.Cidr))
	}
	slices.Sort(out)
	return out
}

func sortAWS(a *snapshot.AWS) {
	slices.SortFunc(a.VPCs, func(x, y snapshot.VPC) int { return cmp.Compare(x.ID, y.ID) })
	slices.SortFunc(a.Subnets, func(x, y snapshot.Subnet) int { return cmp.Compare(x.ID, y.ID) })
	slices.SortFunc(a.RouteTables, func(x, y snapshot.RouteTable) int { return cmp.Compare(x.ID, y.ID) })
	slices.SortFunc(a.InternetGateways, func(x, y snapshot.InternetGateway) int { return cmp.Compare(x.ID, y.ID) })
	slices.SortFunc(a.NATGateways, func(x, y snapshot.NATGateway) int { return cmp.Compare(x.ID, y.ID) })
	slices.SortFunc(a.ElasticIPs, func(x, y snapshot.ElasticIP) int {
		return cmp.Or(cmp.Compare(x.AllocationID, y.AllocationID), cmp.Compare(x.PublicIP, y.PublicIP))
	})
	slices.SortFunc(a.SecurityGroups, func(x, y snapshot.SecurityGroup) int { return cmp.Compare(x.ID, y.ID) })
	slices.SortFunc(a.TransitGateways, func(x, y snapshot.TransitGateway) int { return cmp.Compare(x.ID, y.ID) })
	slices.SortFunc(a.TransitGatewayAttachments, func(x, y snapshot.TransitGatewayAttachment) int { return cmp.Compare(x.ID, y.ID) })
	slices.SortFunc(a.TransitGatewayRouteTables, func(x, y snapshot.TransitGatewayRouteTable) int { return cmp.Compare(x.ID, y.ID) })
	slices.SortFunc(a.VPNGateways, func(x, y snapshot.VPNGateway) int { return cmp.Compare(x.ID, y.ID) })
	slices.SortFunc(a.CustomerGateways, func(x, y snapshot.CustomerGateway) int { return cmp.Compare(x.ID, y.ID) })
	slices.SortFunc(a.VPNConnections, func(x, y snapshot.VPNConnection) int { return cmp.Compare(x.ID, y.ID) })
}

func eksCluster(c *ekstypes.Cluster) *snapshot.EKSCluster {
	out := &snapshot.EKSCluster{
		Name:    aws.ToString(c.Name),
		ARN:     aws.ToString(c.Arn),
		Status:  string(c.Status),
		Version: aws.ToString(c.Version),
	}
	if v := c.ResourcesVpcConfig; v != nil {
		out.VPCID = aws.ToString(v.VpcId)
		out.SubnetIDs = slices.Sorted(slices.Values(v.SubnetIds))
		out.ClusterSecurityGroupID = aws.ToString(v.ClusterSecurityGroupId)
		out.SecurityGroupIDs = slices.Sorted(slices.Values(v.SecurityGroupIds))
		out.EndpointPublicAccess = v.EndpointPublicAccess
		out.EndpointPrivateAccess = v.EndpointPrivateAccess
	}
	if k := c.KubernetesNetworkConfig; k != nil {
		out.ServiceIPv4CIDR = aws.ToString(k.ServiceIpv4Cidr)
		out.IPFamily = string(k.IpFamily)
	}
	if r := c.RemoteNetworkConfig; r != nil {
		for _, n := range r.RemoteNodeNetworks {
			out.RemoteNodeNetworks = append(out.RemoteNodeNetworks, n.Cidrs...)
		}
		for _, n := range r.RemotePodNetworks {
			out.RemotePodNetworks = append(out.RemotePodNetworks, n.Cidrs...)
		}
	}
	return out
}
