package aws

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"hash/fnv"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/hybridcheck/hybridcheck/internal/ipproto"
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
		x.items(list.set, end-offset, func(i int) { revealed = append(revealed, list.write(x, offset+i)...) })
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

// listOf is the paged list of items, in the XML set, each written by write and then, when a T
// has Tags, ended with its tagSet, as AWS ends every tagged item; its page tokens are for the
// whole list (key "all").
func listOf[T any](set string, items []T, write func(x *xmlOut, v T) []string) *pagedList {
	tags := tagsField(reflect.TypeFor[T]())
	return &pagedList{items: len(items), set: set, key: "all", write: func(x *xmlOut, i int) []string {
		revealed := write(x, items[i])
		if tags != nil {
			x.tags(reflect.ValueOf(items[i]).FieldByIndex(tags).Interface().(snapshot.Tags))
		}
		return revealed
	}}
}

// tagsField is the index of t's Tags field, or nil when t has none. A Tags field of another
// type panics, naming the type: listOf could write no tagSet for it, and the fake would quietly
// serve the items untagged. readFields checks every type with a field spec, which every item
// type listOf serves with tags has, so the panic comes when the test binary starts.
func tagsField(t reflect.Type) []int {
	f, ok := t.FieldByName("Tags")
	if !ok {
		return nil
	}
	if f.Type != reflect.TypeFor[snapshot.Tags]() {
		panic(fmt.Sprintf("%s.Tags is a %s, not the snapshot.Tags the fake writes as a tagSet", t, f.Type))
	}
	return f.Index
}

func (f *estateFake) lists(action string, form url.Values) *pagedList {
	a := f.a
	switch action {
	case "DescribeVpcs":
		return listOf("vpcSet", a.VPCs, func(x *xmlOut, v snapshot.VPC) []string {
			vpcFields.write(x, v)
			x.el("ownerId", a.AccountID)
			if len(v.CIDRBlocks) > 0 {
				x.el("cidrBlock", v.CIDRBlocks[0])
			}
			x.items("cidrBlockAssociationSet", len(v.CIDRBlocks), func(i int) {
				x.el("cidrBlock", v.CIDRBlocks[i])
				x.b.WriteString("<cidrBlockState><state>associated</state></cidrBlockState>")
			})
			x.items("ipv6CidrBlockAssociationSet", len(v.IPv6CIDRBlocks), func(i int) {
				x.el("ipv6CidrBlock", v.IPv6CIDRBlocks[i])
				x.b.WriteString("<ipv6CidrBlockState><state>associated</state></ipv6CidrBlockState>")
			})
			return []string{v.ID}
		})
	case "DescribeSubnets":
		return listOf("subnetSet", a.Subnets, func(x *xmlOut, s snapshot.Subnet) []string {
			subnetFields.write(x, s)
			return nil
		})
	case "DescribeRouteTables":
		return listOf("routeTableSet", a.RouteTables, f.routeTable)
	case "DescribeInternetGateways":
		return listOf("internetGatewaySet", a.InternetGateways, func(x *xmlOut, g snapshot.InternetGateway) []string {
			internetGatewayFields.write(x, g)
			x.attachments("attachmentSet", g.Attachments)
			return nil
		})
	case "DescribeNatGateways":
		return listOf("natGatewaySet", a.NATGateways, func(x *xmlOut, n snapshot.NATGateway) []string {
			natGatewayFields.write(x, n)
			x.items("natGatewayAddressSet", len(n.Addresses), func(i int) { natAddressFields.write(x, n.Addresses[i]) })
			return nil
		})
	case "DescribeNetworkAcls":
		if a.NetworkACLs == nil {
			return nil
		}
		return listOf("networkAclSet", *a.NetworkACLs, f.networkACL)
	case "DescribeManagedPrefixLists":
		if a.PrefixLists == nil {
			return nil
		}
		return listOf("prefixListSet", *a.PrefixLists, func(x *xmlOut, l snapshot.PrefixList) []string {
			prefixListFields.write(x, l)
			return []string{l.ID}
		})
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
		return keyed(id, listOf("entrySet", entries, func(x *xmlOut, e snapshot.PrefixListEntry) []string {
			prefixListEntryFields.write(x, e)
			return nil
		}))
	case "DescribeSecurityGroups":
		return listOf("securityGroupInfo", a.SecurityGroups, func(x *xmlOut, g snapshot.SecurityGroup) []string {
			x.el("ownerId", a.AccountID)
			securityGroupFields.write(x, g)
			x.permissions("ipPermissions", g.Ingress)
			x.permissions("ipPermissionsEgress", g.Egress)
			return []string{g.ID}
		})
	case "DescribeSecurityGroupRules":
		return f.securityGroupRules(form)
	}
	if l := f.transitGatewayLists(action); l != nil {
		return l
	}
	return f.unpagedLists(action)
}

// transitGatewayLists are the answers of the transit gateway Describe calls.
func (f *estateFake) transitGatewayLists(action string) *pagedList {
	a := f.a
	switch action {
	case "DescribeTransitGateways":
		return listOf("transitGatewaySet", a.TransitGateways, func(x *xmlOut, g snapshot.TransitGateway) []string {
			transitGatewayFields.write(x, g)
			x.open("options")
			transitGatewayOptionFields.write(x, g)
			x.close("options")
			return nil
		})
	case "DescribeTransitGatewayAttachments":
		return listOf("transitGatewayAttachments", a.TransitGatewayAttachments, func(x *xmlOut, t snapshot.TransitGatewayAttachment) []string {
			transitGatewayAttachmentFields.write(x, t)
			if t.AssociatedRouteTableID != "" {
				x.b.WriteString("<association><transitGatewayRouteTableId>" + t.AssociatedRouteTableID + "</transitGatewayRouteTableId><state>associated</state></association>")
			}
			return nil
		})
	case "DescribeTransitGatewayVpcAttachments":
		var vpcAtts []snapshot.TransitGatewayAttachment
		for _, t := range a.TransitGatewayAttachments {
			if t.ResourceType == "vpc" && t.DNSSupport != nil {
				vpcAtts = append(vpcAtts, t)
			}
		}
		return listOf("transitGatewayVpcAttachments", vpcAtts, func(x *xmlOut, t snapshot.TransitGatewayAttachment) []string {
			transitGatewayVPCAttachmentFields.write(x, t)
			x.open("subnetIds")
			for _, s := range t.SubnetIDs {
				x.el("item", s)
			}
			x.close("subnetIds")
			x.open("options")
			x.el("dnsSupport", enable(*t.DNSSupport))
			x.el("securityGroupReferencingSupport", enable(t.SecurityGroupReferencingSupport != nil && *t.SecurityGroupReferencingSupport))
			x.close("options")
			return nil
		})
	case "DescribeTransitGatewayRouteTables":
		return listOf("transitGatewayRouteTables", a.TransitGatewayRouteTables, func(x *xmlOut, t snapshot.TransitGatewayRouteTable) []string {
			transitGatewayRouteTableFields.write(x, t)
			return []string{t.ID}
		})
	}
	return nil
}

// unpagedLists are the answers of the calls that do not page in the real API either
// (DescribeAddresses, DescribeVpnGateways, DescribeCustomerGateways and DescribeVpnConnections):
// one answer holds everything.
func (f *estateFake) unpagedLists(action string) *pagedList {
	a := f.a
	switch action {
	case "DescribeAddresses":
		return whole(listOf("addressesSet", a.ElasticIPs, func(x *xmlOut, e snapshot.ElasticIP) []string {
			elasticIPFields.write(x, e)
			return nil
		}))
	case "DescribeVpnGateways":
		return whole(listOf("vpnGatewaySet", a.VPNGateways, func(x *xmlOut, g snapshot.VPNGateway) []string {
			vpnGatewayFields.write(x, g)
			x.attachments("attachments", g.VPCAttachments)
			return nil
		}))
	case "DescribeCustomerGateways":
		return whole(listOf("customerGatewaySet", a.CustomerGateways, func(x *xmlOut, g snapshot.CustomerGateway) []string {
			customerGatewayFields.write(x, g)
			return nil
		}))
	case "DescribeVpnConnections":
		return whole(listOf("vpnConnectionSet", a.VPNConnections, f.vpnConnection))
	}
	return nil
}

// routeTable writes one VPC route table.
func (f *estateFake) routeTable(x *xmlOut, t snapshot.RouteTable) []string {
	routeTableFields.write(x, t)
	x.items("routeSet", len(t.Routes), func(i int) {
		r := t.Routes[i]
		routeFields.write(x, r)
		x.el(routeTargetElement[r.TargetType], r.TargetID)
	})
	x.items("associationSet", len(t.Associations), func(i int) {
		as := t.Associations[i]
		routeTableAssociationFields.write(x, as)
		x.el("routeTableId", t.ID)
		if as.State != "" {
			x.b.WriteString("<associationState><state>" + as.State + "</state></associationState>")
		}
	})
	x.items("propagatingVgwSet", len(t.PropagatingVGWs), func(i int) {
		x.el("gatewayId", t.PropagatingVGWs[i])
	})
	return nil
}

// networkACL writes one network ACL.
func (f *estateFake) networkACL(x *xmlOut, n snapshot.NetworkACL) []string {
	networkACLFields.write(x, n)
	x.el("ownerId", f.a.AccountID)
	x.items("entrySet", len(n.Entries), func(i int) {
		e := n.Entries[i]
		networkACLEntryFields.write(x, e)
		x.el("protocol", ipproto.AWSNumber(e.Protocol))
		if e.FromPort >= 0 {
			x.b.WriteString(fmt.Sprintf("<portRange><from>%d</from><to>%d</to></portRange>", e.FromPort, e.ToPort))
		}
	})
	x.items("associationSet", len(n.Associations), func(i int) {
		networkACLAssociationFields.write(x, n.Associations[i])
		x.el("networkAclId", n.ID)
	})
	return nil
}

// securityGroupRules answers DescribeSecurityGroupRules for the groups of its group-id filter
// (the collector asks by that filter); the page tokens are for that set of groups.
func (f *estateFake) securityGroupRules(form url.Values) *pagedList {
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
	for _, g := range f.a.SecurityGroups {
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
	return keyed(fmt.Sprintf("%x", h.Sum64()), listOf("securityGroupRuleSet", rules, func(x *xmlOut, r rule) []string {
		x.el("securityGroupRuleId", r.r.RuleID)
		x.el("groupId", r.group)
		x.el("isEgress", strconv.FormatBool(r.egress))
		x.rule(r.r)
		securityGroupRulePeerFields.write(x, r.r)
		if r.r.ReferencedGroupID != "" {
			x.b.WriteString("<referencedGroupInfo><groupId>" + r.r.ReferencedGroupID + "</groupId></referencedGroupInfo>")
		}
		return nil
	}))
}

// keyed gives a list the key its page tokens carry.
func keyed(key string, l *pagedList) *pagedList {
	l.key = key
	return l
}

// whole marks a list answered in one page, whatever the fake's page size.
func whole(l *pagedList) *pagedList {
	l.whole = true
	return l
}

func (f *estateFake) vpnConnection(x *xmlOut, c snapshot.VPNConnection) []string {
	vpnConnectionFields.write(x, c)
	x.open("options")
	vpnConnectionOptionFields.write(x, c)
	x.items("tunnelOptionSet", len(c.Tunnels), func(i int) {
		t := c.Tunnels[i]
		vpnTunnelOptionFields.write(x, t)
		x.el("preSharedKey", f.psk[t.OutsideIPAddress])
		x.values("ikeVersionSet", t.IKEVersions)
		x.values("phase1EncryptionAlgorithmSet", t.Phase1EncryptionAlgorithms)
		x.values("phase1IntegrityAlgorithmSet", t.Phase1IntegrityAlgorithms)
		x.values("phase1DHGroupNumberSet", itoas(t.Phase1DHGroupNumbers))
		x.values("phase2EncryptionAlgorithmSet", t.Phase2EncryptionAlgorithms)
		x.values("phase2IntegrityAlgorithmSet", t.Phase2IntegrityAlgorithms)
		x.values("phase2DHGroupNumberSet", itoas(t.Phase2DHGroupNumbers))
	})
	x.close("options")
	x.items("routes", len(c.Routes), func(i int) {
		vpnRouteFields.write(x, c.Routes[i])
	})
	x.items("vgwTelemetry", len(c.Tunnels), func(i int) { vpnTunnelTelemetryFields.write(x, c.Tunnels[i]) })
	return nil
}

func (f *estateFake) tgwRoutes(x *xmlOut, table string) {
	var routes []snapshot.TransitGatewayRoute
	for _, t := range f.a.TransitGatewayRouteTables {
		if t.ID == table {
			routes = append(routes, t.Routes...)
		}
	}
	x.items("routeSet", len(routes), func(i int) {
		r := routes[i]
		transitGatewayRouteFields.write(x, r)
		x.items("transitGatewayAttachments", len(r.Attachments), func(i int) {
			transitGatewayRouteAttachmentFields.write(x, r.Attachments[i])
		})
	})
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
	keys := slices.Sorted(maps.Keys(t))
	x.items("tagSet", len(keys), func(i int) {
		x.el("key", keys[i])
		x.el("value", t[keys[i]])
	})
}

func (x *xmlOut) values(set string, vs []string) {
	if len(vs) == 0 {
		return
	}
	x.items(set, len(vs), func(i int) { x.el("value", vs[i]) })
}

func (x *xmlOut) attachments(set string, atts []snapshot.GatewayVPCAttachment) {
	x.items(set, len(atts), func(i int) { gatewayAttachmentFields.write(x, atts[i]) })
}

// permissions writes each flattened rule as its own permission, which AWS also accepts and
// which flattens back to the same rules.
func (x *xmlOut) permissions(set string, rules []snapshot.SGRule) {
	x.items(set, len(rules), func(i int) {
		r := rules[i]
		x.rule(r)
		peer := func(list, field, value string) {
			if value == "" {
				return
			}
			x.items(list, 1, func(int) {
				x.el(field, value)
				x.el("description", r.Description)
			})
		}
		peer("ipRanges", "cidrIp", r.CIDRIPv4)
		peer("ipv6Ranges", "cidrIpv6", r.CIDRIPv6)
		peer("prefixListIds", "prefixListId", r.PrefixListID)
		peer("groups", "groupId", r.ReferencedGroupID)
	})
}

// rule writes a security group rule's protocol and ports, as a permission and a rule of
// DescribeSecurityGroupRules both carry them (-1, no port, left out).
func (x *xmlOut) rule(r snapshot.SGRule) {
	x.el("ipProtocol", wireProtocol(r.Protocol))
	if r.FromPort != -1 {
		x.el("fromPort", strconv.Itoa(r.FromPort))
	}
	if r.ToPort != -1 {
		x.el("toPort", strconv.Itoa(r.ToPort))
	}
}

// xmlFields is how fields of a T are written as EC2 Query XML, one element each, in the order
// of its spec: a list of element=Field words. A string is left out when empty, as AWS leaves
// out an unset string; a bool is always written (true or false, or enable or disable in the
// options blocks that spell it so), and so is a whole number, zero included, as AWS always
// sends them, except one whose word ends in "?" (element=Field?), which is left out when zero,
// as EC2 leaves out a number it may not report, such as a tunnel's lifetimes. The exception is
// in the spec, not read from the snapshot's JSON tags, so that changing how the snapshot is
// written cannot change what the fake answers. Tags are not fields: listOf ends each item with
// its tagSet.
type xmlFields[T any] struct {
	names    []string
	index    [][]int
	omitZero []bool
	boolean  func(bool) string
}

// fieldsOf reads spec for T. The specs are package variables, so a word that names no field
// of T, a field of a kind not written as one element, a "?" on a field that is not a whole
// number, or a Tags field listOf cannot write (see tagsField), panics when the test binary
// starts, naming the spec or the type, before any test runs.
func fieldsOf[T any](spec string) xmlFields[T] { return readFields[T](spec, strconv.FormatBool) }

// enablesOf is fieldsOf for an options block whose bools AWS spells enable or disable.
func enablesOf[T any](spec string) xmlFields[T] { return readFields[T](spec, enable) }

func readFields[T any](spec string, boolean func(bool) string) xmlFields[T] {
	t := reflect.TypeFor[T]()
	tagsField(t)
	out := xmlFields[T]{boolean: boolean}
	for _, word := range strings.Fields(spec) {
		name, field, _ := strings.Cut(word, "=")
		field, omitZero := strings.CutSuffix(field, "?")
		f, ok := t.FieldByName(field)
		if !ok || name == "" {
			panic(fmt.Sprintf("fields of %s %q: %q names no field", t, spec, word))
		}
		k := f.Type.Kind()
		number := k >= reflect.Int && k <= reflect.Int64
		if k != reflect.String && k != reflect.Bool && !number {
			panic(fmt.Sprintf("fields of %s %q: %s is a %s, not written as one element", t, spec, field, f.Type))
		}
		if omitZero && !number {
			panic(fmt.Sprintf("fields of %s %q: %s is a %s; only a whole number can be left out when zero (?)", t, spec, field, f.Type))
		}
		out.names = append(out.names, name)
		out.index = append(out.index, f.Index)
		out.omitZero = append(out.omitZero, omitZero)
	}
	return out
}

// write writes v's fields.
func (s xmlFields[T]) write(x *xmlOut, v T) {
	rv := reflect.ValueOf(v)
	for i, name := range s.names {
		switch f := rv.FieldByIndex(s.index[i]); {
		case f.Kind() == reflect.String:
			x.el(name, f.String())
		case f.Kind() == reflect.Bool:
			x.el(name, s.boolean(f.Bool()))
		case f.Int() != 0 || !s.omitZero[i]:
			x.el(name, strconv.FormatInt(f.Int(), 10))
		}
	}
}

// The fields of each item the fake answers with (see xmlFields); what is not a field of the
// item (an owner, a protocol number, nested sets) its writer adds around them.
var (
	vpcFields                           = fieldsOf[snapshot.VPC]("vpcId=ID state=State isDefault=IsDefault")
	subnetFields                        = fieldsOf[snapshot.Subnet]("subnetId=ID vpcId=VPCID cidrBlock=CIDRBlock availabilityZone=AvailabilityZone availabilityZoneId=AvailabilityZoneID state=State mapPublicIpOnLaunch=MapPublicIPOnLaunch")
	routeTableFields                    = fieldsOf[snapshot.RouteTable]("routeTableId=ID vpcId=VPCID")
	routeFields                         = fieldsOf[snapshot.Route]("destinationCidrBlock=DestinationCIDR destinationIpv6CidrBlock=DestinationIPv6CIDR destinationPrefixListId=DestinationPrefixListID state=State origin=Origin")
	routeTableAssociationFields         = fieldsOf[snapshot.RouteTableAssociation]("routeTableAssociationId=ID subnetId=SubnetID gatewayId=GatewayID main=Main")
	internetGatewayFields               = fieldsOf[snapshot.InternetGateway]("internetGatewayId=ID")
	gatewayAttachmentFields             = fieldsOf[snapshot.GatewayVPCAttachment]("vpcId=VPCID state=State")
	natGatewayFields                    = fieldsOf[snapshot.NATGateway]("natGatewayId=ID vpcId=VPCID subnetId=SubnetID state=State connectivityType=ConnectivityType")
	natAddressFields                    = fieldsOf[snapshot.NATAddress]("allocationId=AllocationID publicIp=PublicIP privateIp=PrivateIP")
	networkACLFields                    = fieldsOf[snapshot.NetworkACL]("networkAclId=ID vpcId=VPCID default=IsDefault")
	networkACLEntryFields               = fieldsOf[snapshot.NetworkACLEntry]("ruleNumber=RuleNumber ruleAction=RuleAction egress=Egress cidrBlock=CIDRBlock ipv6CidrBlock=IPv6CIDRBlock")
	networkACLAssociationFields         = fieldsOf[snapshot.NetworkACLAssociation]("networkAclAssociationId=ID subnetId=SubnetID")
	prefixListFields                    = fieldsOf[snapshot.PrefixList]("prefixListId=ID prefixListName=Name addressFamily=AddressFamily ownerId=OwnerID maxEntries=MaxEntries?")
	prefixListEntryFields               = fieldsOf[snapshot.PrefixListEntry]("cidr=CIDR description=Description")
	securityGroupFields                 = fieldsOf[snapshot.SecurityGroup]("groupId=ID groupName=Name groupDescription=Description vpcId=VPCID")
	securityGroupRulePeerFields         = fieldsOf[snapshot.SGRule]("cidrIpv4=CIDRIPv4 cidrIpv6=CIDRIPv6 prefixListId=PrefixListID")
	transitGatewayFields                = fieldsOf[snapshot.TransitGateway]("transitGatewayId=ID state=State")
	transitGatewayOptionFields          = enablesOf[snapshot.TransitGateway]("amazonSideAsn=AmazonSideASN autoAcceptSharedAttachments=AutoAcceptSharedAttachments defaultRouteTableAssociation=DefaultRouteTableAssociation associationDefaultRouteTableId=AssociationDefaultRouteTableID defaultRouteTablePropagation=DefaultRouteTablePropagation propagationDefaultRouteTableId=PropagationDefaultRouteTableID vpnEcmpSupport=VPNECMPSupport dnsSupport=DNSSupport securityGroupReferencingSupport=SecurityGroupReferencingSupport")
	transitGatewayAttachmentFields      = fieldsOf[snapshot.TransitGatewayAttachment]("transitGatewayAttachmentId=ID transitGatewayId=TransitGatewayID resourceType=ResourceType resourceId=ResourceID state=State")
	transitGatewayVPCAttachmentFields   = fieldsOf[snapshot.TransitGatewayAttachment]("transitGatewayAttachmentId=ID transitGatewayId=TransitGatewayID vpcId=ResourceID state=State")
	transitGatewayRouteTableFields      = fieldsOf[snapshot.TransitGatewayRouteTable]("transitGatewayRouteTableId=ID transitGatewayId=TransitGatewayID state=State defaultAssociationRouteTable=DefaultAssociationRouteTable defaultPropagationRouteTable=DefaultPropagationRouteTable")
	transitGatewayRouteFields           = fieldsOf[snapshot.TransitGatewayRoute]("destinationCidrBlock=DestinationCIDR prefixListId=PrefixListID type=Type state=State")
	transitGatewayRouteAttachmentFields = fieldsOf[snapshot.TransitGatewayRouteAttachment]("resourceId=ResourceID transitGatewayAttachmentId=AttachmentID resourceType=ResourceType")
	elasticIPFields                     = fieldsOf[snapshot.ElasticIP]("publicIp=PublicIP allocationId=AllocationID associationId=AssociationID domain=Domain instanceId=InstanceID networkInterfaceId=NetworkInterfaceID")
	vpnGatewayFields                    = fieldsOf[snapshot.VPNGateway]("vpnGatewayId=ID state=State type=Type amazonSideAsn=AmazonSideASN")
	customerGatewayFields               = fieldsOf[snapshot.CustomerGateway]("customerGatewayId=ID state=State type=Type ipAddress=IPAddress bgpAsn=BGPASN deviceName=DeviceName")
	vpnConnectionFields                 = fieldsOf[snapshot.VPNConnection]("vpnConnectionId=ID state=State type=Type customerGatewayId=CustomerGatewayID vpnGatewayId=VPNGatewayID transitGatewayId=TransitGatewayID")
	vpnConnectionOptionFields           = fieldsOf[snapshot.VPNConnection]("staticRoutesOnly=StaticRoutesOnly tunnelInsideIpVersion=TunnelInsideIPVersion outsideIpAddressType=OutsideIPAddressType localIpv4NetworkCidr=LocalIPv4NetworkCIDR remoteIpv4NetworkCidr=RemoteIPv4NetworkCIDR transportTransitGatewayAttachmentId=TransportTransitGatewayAttachmentID")
	vpnTunnelOptionFields               = fieldsOf[snapshot.VPNTunnel]("outsideIpAddress=OutsideIPAddress tunnelInsideCidr=InsideCIDR phase1LifetimeSeconds=Phase1LifetimeSeconds? phase2LifetimeSeconds=Phase2LifetimeSeconds? dpdTimeoutSeconds=DPDTimeoutSeconds? dpdTimeoutAction=DPDTimeoutAction")
	vpnRouteFields                      = fieldsOf[snapshot.VPNRoute]("destinationCidrBlock=DestinationCIDR source=Source state=State")
	vpnTunnelTelemetryFields            = fieldsOf[snapshot.VPNTunnel]("outsideIpAddress=OutsideIPAddress status=Status statusMessage=StatusMessage lastStatusChange=LastStatusChange acceptedRouteCount=AcceptedRouteCount")
)
