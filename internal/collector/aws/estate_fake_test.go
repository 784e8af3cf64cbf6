package aws

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"hash/fnv"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// estateFake serves a whole AWS estate (a snapshot's AWS part) the way AWS does: EC2 in the
// Query protocol's XML, paged with NextToken, and EKS in REST-JSON, each answer after a delay.
// It records every request, to tell whether one was made twice, and the length of the longest
// chain of requests that had to run one after another (see depth).
type estateFake struct {
	a        *snapshot.AWS
	psk      map[string]string // tunnel outside IP -> pre-shared key served
	pageSize int
	delay    time.Duration

	mu    sync.Mutex
	seen  map[string]int // a request's action, parameters and page token -> times asked
	calls int
	// revealed maps an ID to the depth of the request whose answer first named it; a request
	// that names an ID (a VPC's attribute, a group's rules, a table's routes) or a page token
	// cannot have started before that answer, so its depth is one more.
	revealed map[string]int
	longest  int
}

func newEstateFake(a *snapshot.AWS, pageSize int, delay time.Duration) *estateFake {
	f := &estateFake{a: a, psk: map[string]string{}, pageSize: pageSize, delay: delay, seen: map[string]int{}, revealed: map[string]int{}}
	for _, c := range a.VPNConnections {
		for _, t := range c.Tunnels {
			f.psk[t.OutsideIPAddress] = "psk-" + strings.ReplaceAll(t.OutsideIPAddress, ".", "-")
		}
	}
	return f
}

// truth is what a collection of the fake with salt must give: the estate, with the fingerprints
// of the keys the fake serves.
func (f *estateFake) truth(salt string) *snapshot.AWS {
	var out snapshot.AWS
	b, _ := json.Marshal(f.a)
	json.Unmarshal(b, &out)
	for i := range out.VPNConnections {
		c := &out.VPNConnections[i]
		if len(c.Routes) == 0 {
			c.Routes = nil
		}
		for j := range c.Tunnels {
			c.Tunnels[j].PSKFingerprint = snapshot.PSKFingerprint(salt, f.psk[c.Tunnels[j].OutsideIPAddress])
		}
	}
	out.EKSCluster = nil // collected only with a cluster, which scopes the run to its VPC
	return &out
}

// start serves the fake and returns clients pointed at it, retrying fast as in startFake.
func (f *estateFake) start(t testing.TB) Clients {
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	cfg := aws.Config{
		Region:      f.a.Region,
		Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
		Retryer:     func() aws.Retryer { return newRetryer(5 * time.Millisecond) },
	}
	return ClientsFromConfig(cfg, srv.URL)
}

// stats are the calls made, the calls made more than once and the longest chain.
func (f *estateFake) stats() (calls int, repeated []string, longest int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for k, n := range f.seen {
		if n > 1 {
			repeated = append(repeated, fmt.Sprintf("%s (%d times)", k, n))
		}
	}
	slices.Sort(repeated)
	return f.calls, repeated, f.longest
}

func (f *estateFake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	time.Sleep(f.delay)
	if name, ok := strings.CutPrefix(r.URL.Path, "/clusters/"); ok {
		f.record("DescribeCluster "+name, nil, nil)
		c := f.a.EKSCluster
		if c == nil || c.Name != name {
			w.Header().Set("X-Amzn-Errortype", "ResourceNotFoundException")
			w.WriteHeader(404)
			io.WriteString(w, `{"message":"No cluster found"}`)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"cluster": map[string]any{
			"name": c.Name, "arn": c.ARN, "status": c.Status, "version": c.Version,
			"resourcesVpcConfig": map[string]any{"vpcId": c.VPCID, "subnetIds": c.SubnetIDs, "clusterSecurityGroupId": c.ClusterSecurityGroupID,
				"securityGroupIds": c.SecurityGroupIDs, "endpointPublicAccess": c.EndpointPublicAccess, "endpointPrivateAccess": c.EndpointPrivateAccess},
			"kubernetesNetworkConfig": map[string]any{"serviceIpv4Cidr": c.ServiceIPv4CIDR, "ipFamily": c.IPFamily},
			"remoteNetworkConfig": map[string]any{"remoteNodeNetworks": []any{map[string]any{"cidrs": c.RemoteNodeNetworks}},
				"remotePodNetworks": []any{map[string]any{"cidrs": c.RemotePodNetworks}}},
		}})
		return
	}
	form, _ := url.ParseQuery(string(body))
	action := form.Get("Action")
	x := &xmlOut{}
	fmt.Fprintf(&x.b, `<%sResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId>`, action)
	var revealed []string
	if list := f.lists(action, form); list != nil {
		items := list.items
		offset, _ := strconv.Atoi(strings.TrimPrefix(form.Get("NextToken"), action+"."+list.key+"."))
		end := min(offset+f.pageSize, items)
		if list.whole {
			end = items
		}
		x.open(list.set)
		for i := offset; i < end; i++ {
			x.open("item")
			revealed = append(revealed, list.write(x, i)...)
			x.close("item")
		}
		x.close(list.set)
		var next string
		if end < items {
			next = fmt.Sprintf("%s.%s.%d", action, list.key, end)
			x.el("nextToken", next)
			revealed = append(revealed, next)
		}
	} else {
		switch action {
		case "DescribeVpcAttribute":
			v := f.vpc(form.Get("VpcId"))
			x.el("vpcId", form.Get("VpcId"))
			attr := form.Get("Attribute")
			val := v.EnableDNSSupport
			if attr == "enableDnsHostnames" {
				val = v.EnableDNSHostnames
			}
			if val != nil {
				x.open(attr)
				x.el("value", strconv.FormatBool(*val))
				x.close(attr)
			}
		case "SearchTransitGatewayRoutes":
			f.tgwRoutes(x, form.Get("TransitGatewayRouteTableId"))
		}
	}
	fmt.Fprintf(&x.b, `</%sResponse>`, action)
	f.record(form.Encode(), inputsOf(form), revealed)
	w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
	io.WriteString(w, x.b.String())
}

// inputsOf are the IDs and the page token a request names, the things it had to wait for.
func inputsOf(form url.Values) []string {
	var in []string
	for k, vs := range form {
		if k == "NextToken" || k == "VpcId" || k == "TransitGatewayRouteTableId" || (strings.HasPrefix(k, "Filter.") && strings.Contains(k, ".Value.")) {
			in = append(in, vs...)
		}
	}
	return in
}

func (f *estateFake) record(key string, inputs, revealed []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	f.seen[key]++
	depth := 1
	for _, id := range inputs {
		if d, ok := f.revealed[id]; ok {
			depth = max(depth, d+1)
		}
	}
	f.longest = max(f.longest, depth)
	for _, id := range revealed {
		if _, ok := f.revealed[id]; !ok {
			f.revealed[id] = depth
		}
	}
}

func (f *estateFake) vpc(id string) snapshot.VPC {
	for _, v := range f.a.VPCs {
		if v.ID == id {
			return v
		}
	}
	return snapshot.VPC{}
}

// pagedList is one paged Describe answer: its count of items, the XML set they go in, and how
// one item is written (returning the IDs it reveals). key tells apart the lists one action
// gives for different filters, so a page token is never valid for another list.
type pagedList struct {
	items int
	set   string
	key   string
	write func(x *xmlOut, i int) []string
	whole bool
}

func (f *estateFake) lists(action string, form url.Values) *pagedList {
	a := f.a
	switch action {
	case "DescribeVpcs":
		return &pagedList{items: len(a.VPCs), set: "vpcSet", key: "all", write: func(x *xmlOut, i int) []string {
			v := a.VPCs[i]
			x.el("vpcId", v.ID)
			x.el("ownerId", a.AccountID)
			x.el("state", v.State)
			x.el("isDefault", strconv.FormatBool(v.IsDefault))
			if len(v.CIDRBlocks) > 0 {
				x.el("cidrBlock", v.CIDRBlocks[0])
			}
			x.items("cidrBlockAssociationSet", len(v.CIDRBlocks), func(i int) {
				c := v.CIDRBlocks[i]
				x.el("cidrBlock", c)
				x.b.WriteString("<cidrBlockState><state>associated</state></cidrBlockState>")
			})
			x.items("ipv6CidrBlockAssociationSet", len(v.IPv6CIDRBlocks), func(i int) {
				c := v.IPv6CIDRBlocks[i]
				x.el("ipv6CidrBlock", c)
				x.b.WriteString("<ipv6CidrBlockState><state>associated</state></ipv6CidrBlockState>")
			})
			x.tags(v.Tags)
			return []string{v.ID}
		}}
	case "DescribeSubnets":
		return &pagedList{items: len(a.Subnets), set: "subnetSet", key: "all", write: func(x *xmlOut, i int) []string {
			s := a.Subnets[i]
			x.el("subnetId", s.ID)
			x.el("vpcId", s.VPCID)
			x.el("cidrBlock", s.CIDRBlock)
			x.el("availabilityZone", s.AvailabilityZone)
			x.el("availabilityZoneId", s.AvailabilityZoneID)
			x.el("state", s.State)
			x.el("mapPublicIpOnLaunch", strconv.FormatBool(s.MapPublicIPOnLaunch))
			x.tags(s.Tags)
			return nil
		}}
	case "DescribeRouteTables":
		return &pagedList{items: len(a.RouteTables), set: "routeTableSet", key: "all", write: func(x *xmlOut, i int) []string {
			t := a.RouteTables[i]
			x.el("routeTableId", t.ID)
			x.el("vpcId", t.VPCID)
			x.items("routeSet", len(t.Routes), func(i int) {
				r := t.Routes[i]
				x.el("destinationCidrBlock", r.DestinationCIDR)
				x.el("destinationIpv6CidrBlock", r.DestinationIPv6CIDR)
				x.el("destinationPrefixListId", r.DestinationPrefixListID)
				x.el(routeTargetElement[r.TargetType], r.TargetID)
				x.el("state", r.State)
				x.el("origin", r.Origin)
			})
			x.items("associationSet", len(t.Associations), func(i int) {
				as := t.Associations[i]
				x.el("routeTableAssociationId", as.ID)
				x.el("routeTableId", t.ID)
				x.el("subnetId", as.SubnetID)
				x.el("gatewayId", as.GatewayID)
				x.el("main", strconv.FormatBool(as.Main))
				if as.State != "" {
					x.b.WriteString("<associationState><state>" + as.State + "</state></associationState>")
				}
			})
			x.items("propagatingVgwSet", len(t.PropagatingVGWs), func(i int) {
				g := t.PropagatingVGWs[i]
				x.el("gatewayId", g)
			})
			x.tags(t.Tags)
			return nil
		}}
	case "DescribeInternetGateways":
		return &pagedList{items: len(a.InternetGateways), set: "internetGatewaySet", key: "all", write: func(x *xmlOut, i int) []string {
			g := a.InternetGateways[i]
			x.el("internetGatewayId", g.ID)
			x.attachments("attachmentSet", g.Attachments)
			x.tags(g.Tags)
			return nil
		}}
	case "DescribeNatGateways":
		return &pagedList{items: len(a.NATGateways), set: "natGatewaySet", key: "all", write: func(x *xmlOut, i int) []string {
			n := a.NATGateways[i]
			x.el("natGatewayId", n.ID)
			x.el("vpcId", n.VPCID)
			x.el("subnetId", n.SubnetID)
			x.el("state", n.State)
			x.el("connectivityType", n.ConnectivityType)
			x.items("natGatewayAddressSet", len(n.Addresses), func(i int) {
				ad := n.Addresses[i]
				x.el("allocationId", ad.AllocationID)
				x.el("publicIp", ad.PublicIP)
				x.el("privateIp", ad.PrivateIP)
			})
			x.tags(n.Tags)
			return nil
		}}
	case "DescribeNetworkAcls":
		if a.NetworkACLs == nil {
			return nil
		}
		acls := *a.NetworkACLs
		return &pagedList{items: len(acls), set: "networkAclSet", key: "all", write: func(x *xmlOut, i int) []string {
			n := acls[i]
			x.el("networkAclId", n.ID)
			x.el("vpcId", n.VPCID)
			x.el("ownerId", a.AccountID)
			x.el("default", strconv.FormatBool(n.IsDefault))
			x.items("entrySet", len(n.Entries), func(i int) {
				e := n.Entries[i]
				x.el("ruleNumber", strconv.Itoa(e.RuleNumber))
				x.el("protocol", protocolNumberOf(e.Protocol))
				x.el("ruleAction", e.RuleAction)
				x.el("egress", strconv.FormatBool(e.Egress))
				x.el("cidrBlock", e.CIDRBlock)
				x.el("ipv6CidrBlock", e.IPv6CIDRBlock)
				if e.FromPort >= 0 {
					x.b.WriteString(fmt.Sprintf("<portRange><from>%d</from><to>%d</to></portRange>", e.FromPort, e.ToPort))
				}
			})
			x.items("associationSet", len(n.Associations), func(i int) {
				as := n.Associations[i]
				x.el("networkAclAssociationId", as.ID)
				x.el("networkAclId", n.ID)
				x.el("subnetId", as.SubnetID)
			})
			x.tags(n.Tags)
			return nil
		}}
	case "DescribeManagedPrefixLists":
		if a.PrefixLists == nil {
			return nil
		}
		lists := *a.PrefixLists
		return &pagedList{items: len(lists), set: "prefixListSet", key: "all", write: func(x *xmlOut, i int) []string {
			l := lists[i]
			x.el("prefixListId", l.ID)
			x.el("prefixListName", l.Name)
			x.el("addressFamily", l.AddressFamily)
			x.el("ownerId", l.OwnerID)
			if l.MaxEntries > 0 {
				x.el("maxEntries", strconv.Itoa(l.MaxEntries))
			}
			return []string{l.ID}
		}}
	case "GetManagedPrefixListEntries":
		id := form.Get("PrefixListId")
		var entries []snapshot.PrefixListEntry
		if a.PrefixLists != nil {
			for _, l := range *a.PrefixLists {
				if l.ID == id && l.Entries != nil {
					entries = *l.Entries
				}
			}
		}
		return &pagedList{items: len(entries), set: "entrySet", key: id, write: func(x *xmlOut, i int) []string {
			x.el("cidr", entries[i].CIDR)
			x.el("description", entries[i].Description)
			return nil
		}}
	case "DescribeSecurityGroups":
		return &pagedList{items: len(a.SecurityGroups), set: "securityGroupInfo", key: "all", write: func(x *xmlOut, i int) []string {
			g := a.SecurityGroups[i]
			x.el("ownerId", a.AccountID)
			x.el("groupId", g.ID)
			x.el("groupName", g.Name)
			x.el("groupDescription", g.Description)
			x.el("vpcId", g.VPCID)
			x.permissions("ipPermissions", g.Ingress)
			x.permissions("ipPermissionsEgress", g.Egress)
			x.tags(g.Tags)
			return []string{g.ID}
		}}
	case "DescribeSecurityGroupRules":
		// The collector asks by group-id filter; the fake honours it.
		var groups []string
		for k, vs := range form {
			if strings.HasPrefix(k, "Filter.1.Value.") {
				groups = append(groups, vs...)
			}
		}
		slices.Sort(groups)
		type rule struct {
			group  string
			egress bool
			r      snapshot.SGRule
		}
		var rules []rule
		for _, g := range a.SecurityGroups {
			if _, ok := slices.BinarySearch(groups, g.ID); !ok {
				continue
			}
			for _, r := range g.Ingress {
				rules = append(rules, rule{g.ID, false, r})
			}
			for _, r := range g.Egress {
				rules = append(rules, rule{g.ID, true, r})
			}
		}
		h := fnv.New64a()
		io.WriteString(h, strings.Join(groups, ","))
		return &pagedList{items: len(rules), set: "securityGroupRuleSet", key: fmt.Sprintf("%x", h.Sum64()), write: func(x *xmlOut, i int) []string {
			r := rules[i]
			x.el("securityGroupRuleId", r.r.RuleID)
			x.el("groupId", r.group)
			x.el("isEgress", strconv.FormatBool(r.egress))
			x.el("ipProtocol", wireProtocol(r.r.Protocol))
			if r.r.FromPort != -1 {
				x.el("fromPort", strconv.Itoa(r.r.FromPort))
			}
			if r.r.ToPort != -1 {
				x.el("toPort", strconv.Itoa(r.r.ToPort))
			}
			x.el("cidrIpv4", r.r.CIDRIPv4)
			x.el("cidrIpv6", r.r.CIDRIPv6)
			x.el("prefixListId", r.r.PrefixListID)
			if r.r.ReferencedGroupID != "" {
				x.b.WriteString("<referencedGroupInfo><groupId>" + r.r.ReferencedGroupID + "</groupId></referencedGroupInfo>")
			}
			return nil
		}}
	case "DescribeTransitGateways":
		return &pagedList{items: len(a.TransitGateways), set: "transitGatewaySet", key: "all", write: func(x *xmlOut, i int) []string {
			g := a.TransitGateways[i]
			x.el("transitGatewayId", g.ID)
			x.el("state", g.State)
			x.open("options")
			x.el("amazonSideAsn", strconv.FormatInt(g.AmazonSideASN, 10))
			x.el("autoAcceptSharedAttachments", enable(g.AutoAcceptSharedAttachments))
			x.el("defaultRouteTableAssociation", enable(g.DefaultRouteTableAssociation))
			x.el("associationDefaultRouteTableId", g.AssociationDefaultRouteTableID)
			x.el("defaultRouteTablePropagation", enable(g.DefaultRouteTablePropagation))
			x.el("propagationDefaultRouteTableId", g.PropagationDefaultRouteTableID)
			x.el("vpnEcmpSupport", enable(g.VPNECMPSupport))
			x.el("dnsSupport", enable(g.DNSSupport))
			x.el("securityGroupReferencingSupport", enable(g.SecurityGroupReferencingSupport))
			x.close("options")
			x.tags(g.Tags)
			return nil
		}}
	case "DescribeTransitGatewayAttachments":
		return &pagedList{items: len(a.TransitGatewayAttachments), set: "transitGatewayAttachments", key: "all", write: func(x *xmlOut, i int) []string {
			t := a.TransitGatewayAttachments[i]
			x.el("transitGatewayAttachmentId", t.ID)
			x.el("transitGatewayId", t.TransitGatewayID)
			x.el("resourceType", t.ResourceType)
			x.el("resourceId", t.ResourceID)
			x.el("state", t.State)
			if t.AssociatedRouteTableID != "" {
				x.b.WriteString("<association><transitGatewayRouteTableId>" + t.AssociatedRouteTableID + "</transitGatewayRouteTableId><state>associated</state></association>")
			}
			x.tags(t.Tags)
			return nil
		}}
	case "DescribeTransitGatewayVpcAttachments":
		var vpcAtts []snapshot.TransitGatewayAttachment
		for _, t := range a.TransitGatewayAttachments {
			if t.ResourceType == "vpc" && t.DNSSupport != nil {
				vpcAtts = append(vpcAtts, t)
			}
		}
		return &pagedList{items: len(vpcAtts), set: "transitGatewayVpcAttachments", key: "all", write: func(x *xmlOut, i int) []string {
			t := vpcAtts[i]
			x.el("transitGatewayAttachmentId", t.ID)
			x.el("transitGatewayId", t.TransitGatewayID)
			x.el("vpcId", t.ResourceID)
			x.el("state", t.State)
			x.open("subnetIds")
			for _, s := range t.SubnetIDs {
				x.el("item", s)
			}
			x.close("subnetIds")
			x.open("options")
			x.el("dnsSupport", enable(*t.DNSSupport))
			x.el("securityGroupReferencingSupport", enable(t.SecurityGroupReferencingSupport != nil && *t.SecurityGroupReferencingSupport))
			x.close("options")
			x.tags(t.Tags)
			return nil
		}}
	case "DescribeTransitGatewayRouteTables":
		return &pagedList{items: len(a.TransitGatewayRouteTables), set: "transitGatewayRouteTables", key: "all", write: func(x *xmlOut, i int) []string {
			t := a.TransitGatewayRouteTables[i]
			x.el("transitGatewayRouteTableId", t.ID)
			x.el("transitGatewayId", t.TransitGatewayID)
			x.el("state", t.State)
			x.el("defaultAssociationRouteTable", strconv.FormatBool(t.DefaultAssociationRouteTable))
			x.el("defaultPropagationRouteTable", strconv.FormatBool(t.DefaultPropagationRouteTable))
			x.tags(t.Tags)
			return []string{t.ID}
		}}
	}
	// DescribeAddresses, DescribeVpnGateways, DescribeCustomerGateways and DescribeVpnConnections
	// do not page in the real API either: one answer holds everything.
	switch action {
	case "DescribeAddresses":
		return whole(&pagedList{items: len(a.ElasticIPs), set: "addressesSet", key: "all", write: func(x *xmlOut, i int) []string {
			e := a.ElasticIPs[i]
			x.el("publicIp", e.PublicIP)
			x.el("allocationId", e.AllocationID)
			x.el("associationId", e.AssociationID)
			x.el("domain", e.Domain)
			x.el("instanceId", e.InstanceID)
			x.el("networkInterfaceId", e.NetworkInterfaceID)
			x.tags(e.Tags)
			return nil
		}})
	case "DescribeVpnGateways":
		return whole(&pagedList{items: len(a.VPNGateways), set: "vpnGatewaySet", key: "all", write: func(x *xmlOut, i int) []string {
			g := a.VPNGateways[i]
			x.el("vpnGatewayId", g.ID)
			x.el("state", g.State)
			x.el("type", g.Type)
			x.el("amazonSideAsn", strconv.FormatInt(g.AmazonSideASN, 10))
			x.attachments("attachments", g.VPCAttachments)
			x.tags(g.Tags)
			return nil
		}})
	case "DescribeCustomerGateways":
		return whole(&pagedList{items: len(a.CustomerGateways), set: "customerGatewaySet", key: "all", write: func(x *xmlOut, i int) []string {
			g := a.CustomerGateways[i]
			x.el("customerGatewayId", g.ID)
			x.el("state", g.State)
			x.el("type", g.Type)
			x.el("ipAddress", g.IPAddress)
			x.el("bgpAsn", strconv.FormatInt(g.BGPASN, 10))
			x.el("deviceName", g.DeviceName)
			x.tags(g.Tags)
			return nil
		}})
	case "DescribeVpnConnections":
		return whole(&pagedList{items: len(a.VPNConnections), set: "vpnConnectionSet", key: "all", write: func(x *xmlOut, i int) []string {
			f.vpnConnection(x, a.VPNConnections[i])
			return nil
		}})
	}
	return nil
}

// whole marks a list answered in one page, whatever the fake's page size.
func whole(l *pagedList) *pagedList {
	l.whole = true
	return l
}

func (f *estateFake) vpnConnection(x *xmlOut, c snapshot.VPNConnection) {
	x.el("vpnConnectionId", c.ID)
	x.el("state", c.State)
	x.el("type", c.Type)
	x.el("customerGatewayId", c.CustomerGatewayID)
	x.el("vpnGatewayId", c.VPNGatewayID)
	x.el("transitGatewayId", c.TransitGatewayID)
	x.open("options")
	x.el("staticRoutesOnly", strconv.FormatBool(c.StaticRoutesOnly))
	x.el("tunnelInsideIpVersion", c.TunnelInsideIPVersion)
	x.el("outsideIpAddressType", c.OutsideIPAddressType)
	x.el("localIpv4NetworkCidr", c.LocalIPv4NetworkCIDR)
	x.el("remoteIpv4NetworkCidr", c.RemoteIPv4NetworkCIDR)
	x.el("transportTransitGatewayAttachmentId", c.TransportTransitGatewayAttachmentID)
	x.items("tunnelOptionSet", len(c.Tunnels), func(i int) {
		t := c.Tunnels[i]
		x.el("outsideIpAddress", t.OutsideIPAddress)
		x.el("tunnelInsideCidr", t.InsideCIDR)
		x.el("preSharedKey", f.psk[t.OutsideIPAddress])
		x.values("ikeVersionSet", t.IKEVersions)
		x.values("phase1EncryptionAlgorithmSet", t.Phase1EncryptionAlgorithms)
		x.values("phase1IntegrityAlgorithmSet", t.Phase1IntegrityAlgorithms)
		x.values("phase1DHGroupNumberSet", itoas(t.Phase1DHGroupNumbers))
		x.values("phase2EncryptionAlgorithmSet", t.Phase2EncryptionAlgorithms)
		x.values("phase2IntegrityAlgorithmSet", t.Phase2IntegrityAlgorithms)
		x.values("phase2DHGroupNumberSet", itoas(t.Phase2DHGroupNumbers))
		nonZero := func(name string, v int) {
			if v != 0 {
				x.el(name, strconv.Itoa(v))
			}
		}
		nonZero("phase1LifetimeSeconds", t.Phase1LifetimeSeconds)
		nonZero("phase2LifetimeSeconds", t.Phase2LifetimeSeconds)
		nonZero("dpdTimeoutSeconds", t.DPDTimeoutSeconds)
		x.el("dpdTimeoutAction", t.DPDTimeoutAction)
	})
	x.close("options")
	x.items("routes", len(c.Routes), func(i int) {
		r := c.Routes[i]
		x.el("destinationCidrBlock", r.DestinationCIDR)
		x.el("source", r.Source)
		x.el("state", r.State)
	})
	x.items("vgwTelemetry", len(c.Tunnels), func(i int) {
		t := c.Tunnels[i]
		x.el("outsideIpAddress", t.OutsideIPAddress)
		x.el("status", t.Status)
		x.el("statusMessage", t.StatusMessage)
		x.el("lastStatusChange", t.LastStatusChange)
		x.el("acceptedRouteCount", strconv.Itoa(t.AcceptedRouteCount))
	})
	x.tags(c.Tags)
}

func (f *estateFake) tgwRoutes(x *xmlOut, table string) {
	x.open("routeSet")
	for _, t := range f.a.TransitGatewayRouteTables {
		if t.ID != table {
			continue
		}
		for _, r := range t.Routes {
			x.open("item")
			x.el("destinationCidrBlock", r.DestinationCIDR)
			x.el("prefixListId", r.PrefixListID)
			x.el("type", r.Type)
			x.el("state", r.State)
			x.items("transitGatewayAttachments", len(r.Attachments), func(i int) {
				at := r.Attachments[i]
				x.el("resourceId", at.ResourceID)
				x.el("transitGatewayAttachmentId", at.AttachmentID)
				x.el("resourceType", at.ResourceType)
			})
			x.close("item")
		}
	}
	x.close("routeSet")
	x.el("additionalRoutesAvailable", "false")
}

// routeTargetElement is the route field AWS fills in for each kind of next hop (the inverse of
// route in normalise.go).
var routeTargetElement = map[string]string{
	"local": "gatewayId", "igw": "gatewayId", "vgw": "gatewayId", "vpce": "gatewayId", "unknown": "gatewayId",
	"nat": "natGatewayId", "tgw": "transitGatewayId", "pcx": "vpcPeeringConnectionId",
	"egress-only-igw": "egressOnlyInternetGatewayId", "carrier": "carrierGatewayId", "local-gateway": "localGatewayId",
	"core-network": "coreNetworkArn", "instance": "instanceId", "eni": "networkInterfaceId",
}

func wireProtocol(p string) string {
	if p == "all" {
		return "-1"
	}
	return p
}

func enable(b bool) string {
	if b {
		return "enable"
	}
	return "disable"
}

func itoas(ns []int) []string {
	var out []string
	for _, n := range ns {
		out = append(out, strconv.Itoa(n))
	}
	return out
}

// xmlOut writes EC2 Query XML; empty values are left out, as AWS leaves out unset fields.
type xmlOut struct{ b strings.Builder }

// protocolNumberOf spells a snapshot protocol the way EC2 answers it in a network ACL entry.
func protocolNumberOf(p string) string {
	switch p {
	case "all":
		return "-1"
	case "tcp":
		return "6"
	case "udp":
		return "17"
	case "icmp":
		return "1"
	}
	return p
}

func (x *xmlOut) open(name string) { x.b.WriteString("<" + name + ">") }

// items writes the set element with n items, each an item element that write fills for its index.
func (x *xmlOut) items(set string, n int, write func(i int)) {
	x.open(set)
	for i := 0; i < n; i++ {
		x.open("item")
		write(i)
		x.close("item")
	}
	x.close(set)
}

func (x *xmlOut) close(name string) { x.b.WriteString("</" + name + ">") }

func (x *xmlOut) el(name, value string) {
	if value == "" {
		return
	}
	x.open(name)
	xml.EscapeText(&x.b, []byte(value))
	x.close(name)
}

func (x *xmlOut) tags(t snapshot.Tags) {
	if len(t) == 0 {
		return
	}
	x.open("tagSet")
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range t {
			if !yield(k) {
				return
			}
		}
	}) {
		x.open("item")
		x.el("key", k)
		x.el("value", t[k])
		x.close("item")
	}
	x.close("tagSet")
}

func (x *xmlOut) values(set string, vs []string) {
	if len(vs) == 0 {
		return
	}
	x.open(set)
	for _, v := range vs {
		x.open("item")
		x.el("value", v)
		x.close("item")
	}
	x.close(set)
}

func (x *xmlOut) attachments(set string, atts []snapshot.GatewayVPCAttachment) {
	x.open(set)
	for _, a := range atts {
		x.open("item")
		x.el("vpcId", a.VPCID)
		x.el("state", a.State)
		x.close("item")
	}
	x.close(set)
}

// permissions writes each flattened rule as its own permission, which AWS also accepts and
// which flattens back to the same rules.
func (x *xmlOut) permissions(set string, rules []snapshot.SGRule) {
	x.open(set)
	for _, r := range rules {
		x.open("item")
		x.el("ipProtocol", wireProtocol(r.Protocol))
		if r.FromPort != -1 {
			x.el("fromPort", strconv.Itoa(r.FromPort))
		}
		if r.ToPort != -1 {
			x.el("toPort", strconv.Itoa(r.ToPort))
		}
		peer := func(list, field, value string) {
			if value == "" {
				return
			}
			x.open(list)
			x.open("item")
			x.el(field, value)
			x.el("description", r.Description)
			x.close("item")
			x.close(list)
		}
		peer("ipRanges", "cidrIp", r.CIDRIPv4)
		peer("ipv6Ranges", "cidrIpv6", r.CIDRIPv6)
		peer("prefixListIds", "prefixListId", r.PrefixListID)
		peer("groups", "groupId", r.ReferencedGroupID)
		x.close("item")
	}
	x.close(set)
}
