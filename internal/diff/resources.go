package diff

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// Change is one resource that was added, removed or changed between the two snapshots.
type Change struct {
	// Kind is what changed: source, vpc, subnet, security-group, security-group-rule, route-table,
	// route, internet-gateway, nat-gateway, elastic-ip, transit-gateway-attachment,
	// transit-gateway-route, vpn-gateway, vpn-connection, vpn-tunnel, vpn-route, customer-gateway,
	// eks-cluster, device, firewall-rule, firewall-chain, nat-rule, ipsec-phase1,
	// ipsec-phase2, device-route.
	Kind string `json:"kind"`
	// Resource is the object that holds the item: a security group, a route table, a VPN
	// connection, a device and chain.
	Resource string `json:"resource"`
	// Item names the changed element inside Resource (a rule, a destination, a tunnel's
	// outside address); empty when the change is to Resource itself.
	Item   string `json:"item,omitempty"`
	Change string `json:"change"`
	Old    string `json:"old,omitempty"`
	New    string `json:"new,omitempty"`
}

// Change values.
const (
	Added     = "added"
	Removed   = "removed"
	Changed   = "changed"
	Reordered = "reordered"
)

// kindOrder is the order changes are listed in: AWS from the VPC outwards, then the devices.
var kindOrder = []string{
	"source", "eks-cluster", "vpc", "subnet", "internet-gateway", "nat-gateway", "elastic-ip",
	"security-group", "security-group-rule", "route-table", "route",
	"transit-gateway-attachment", "transit-gateway-route", "vpn-gateway", "customer-gateway", "vpn-connection", "vpn-tunnel", "vpn-route",
	"device", "firewall-chain", "firewall-rule", "nat-rule", "ipsec-phase1", "ipsec-phase2", "device-route",
}

func kindRank(k string) int {
	for i, v := range kindOrder {
		if v == k {
			return i
		}
	}
	return len(kindOrder)
}

// item is one comparable element: its identity and the description that, if it differs,
// makes it changed.
type item struct{ key, value string }

// collector gathers changes; compare is the only place a change is decided.
type collector struct{ changes []Change }

// compare diffs two lists of items of one resource by key with maps, so large estates stay
// linear. Items sharing a key on one side (two identical firewall rules) are told apart by
// their occurrence number.
func (c *collector) compare(kind, resource string, oldItems, newItems []item) {
	oldU, newU := uniqueKeys(oldItems), uniqueKeys(newItems)
	om, nm := indexItems(oldU), indexItems(newU)
	for _, it := range oldU {
		nv, ok := nm[it.key]
		switch {
		case !ok:
			c.add(Change{Kind: kind, Resource: resource, Item: it.key, Change: Removed, Old: beyondKey(it)})
		case nv != it.value:
			c.add(Change{Kind: kind, Resource: resource, Item: it.key, Change: Changed, Old: it.value, New: nv})
		}
	}
	for _, it := range newU {
		if _, ok := om[it.key]; !ok {
			c.add(Change{Kind: kind, Resource: resource, Item: it.key, Change: Added, New: beyondKey(it)})
		}
	}
}

// compareOrder reports a chain whose common rules now come in another order: rule order
// decides first-match firewalls, so a pure reorder can open or close a flow.
func (c *collector) compareOrder(kind, resource string, oldItems, newItems []item) {
	oldU, newU := uniqueKeys(oldItems), uniqueKeys(newItems)
	om, nm := indexItems(oldU), indexItems(newU)
	var oldSeq, newSeq []string
	for _, it := range oldU {
		if _, ok := nm[it.key]; ok {
			oldSeq = append(oldSeq, it.key)
		}
	}
	for _, it := range newU {
		if _, ok := om[it.key]; ok {
			newSeq = append(newSeq, it.key)
		}
	}
	if strings.Join(oldSeq, "\x00") != strings.Join(newSeq, "\x00") {
		c.add(Change{Kind: kind, Resource: resource, Change: Reordered, New: fmt.Sprintf("%d rules in common, in another order", len(oldSeq))})
	}
}

// beyondKey is an added or removed item's description, left out when the key already says
// all of it (a firewall rule without description is keyed by its own text).
func beyondKey(it item) string {
	if it.value == it.key {
		return ""
	}
	return it.value
}

func (c *collector) add(ch Change) { c.changes = append(c.changes, ch) }

// uniqueKeys numbers repeated keys ("key (2)") in list order.
func uniqueKeys(items []item) []item {
	seen := make(map[string]int, len(items))
	out := make([]item, len(items))
	for i, it := range items {
		seen[it.key]++
		if n := seen[it.key]; n > 1 {
			it.key = fmt.Sprintf("%s (%d)", it.key, n)
		}
		out[i] = it
	}
	return out
}

// indexItems maps the keys of items already made unique to their values.
func indexItems(items []item) map[string]string {
	m := make(map[string]string, len(items))
	for _, it := range items {
		m[it.key] = it.value
	}
	return m
}

// ResourceChanges lists what changed between two snapshots, in a stable order.
func ResourceChanges(oldSnap, newSnap *snapshot.Snapshot) []Change {
	c := &collector{}
	// A source that stopped answering explains failures (HN-SNAP-01) and missing resources.
	c.compare("source", "sources", mapItems(oldSnap.Sources, sourceItem), mapItems(newSnap.Sources, sourceItem))
	compareAWS(c, awsOf(oldSnap), awsOf(newSnap))
	compareDevices(c, oldSnap.Devices, newSnap.Devices)
	sort.SliceStable(c.changes, func(i, j int) bool {
		a, b := c.changes[i], c.changes[j]
		if ra, rb := kindRank(a.Kind), kindRank(b.Kind); ra != rb {
			return ra < rb
		}
		if a.Resource != b.Resource {
			return a.Resource < b.Resource
		}
		if a.Item != b.Item {
			return a.Item < b.Item
		}
		return a.Change < b.Change
	})
	if c.changes == nil {
		return []Change{}
	}
	return c.changes
}

func awsOf(s *snapshot.Snapshot) *snapshot.AWS {
	if s.AWS == nil {
		return &snapshot.AWS{}
	}
	return s.AWS
}

func compareAWS(c *collector, o, n *snapshot.AWS) {
	c.compare("eks-cluster", "cluster", clusterItems(o.EKSCluster), clusterItems(n.EKSCluster))

	c.compare("vpc", "vpcs", mapItems(o.VPCs, vpcItem), mapItems(n.VPCs, vpcItem))
	c.compare("subnet", "subnets", mapItems(o.Subnets, subnetItem), mapItems(n.Subnets, subnetItem))

	c.compare("internet-gateway", "internet-gateways", mapItems(o.InternetGateways, igwItem), mapItems(n.InternetGateways, igwItem))
	c.compare("nat-gateway", "nat-gateways", mapItems(o.NATGateways, natItem), mapItems(n.NATGateways, natItem))
	c.compare("elastic-ip", "elastic-ips", mapItems(o.ElasticIPs, eipItem), mapItems(n.ElasticIPs, eipItem))
	c.compare("transit-gateway-attachment", "transit-gateway-attachments", mapItems(o.TransitGatewayAttachments, tgwAttachmentItem), mapItems(n.TransitGatewayAttachments, tgwAttachmentItem))
	c.compare("vpn-gateway", "vpn-gateways", mapItems(o.VPNGateways, vgwItem), mapItems(n.VPNGateways, vgwItem))

	c.compare("security-group", "security-groups", mapItems(o.SecurityGroups, sgItem), mapItems(n.SecurityGroups, sgItem))
	oldSG, newSG := byID(o.SecurityGroups, func(g snapshot.SecurityGroup) string { return g.ID }), byID(n.SecurityGroups, func(g snapshot.SecurityGroup) string { return g.ID })
	for _, id := range unionKeys(oldSG, newSG) {
		c.compare("security-group-rule", id, sgRuleItems(oldSG[id]), sgRuleItems(newSG[id]))
	}

	c.compare("route-table", "route-tables", mapItems(o.RouteTables, routeTableItem), mapItems(n.RouteTables, routeTableItem))
	oldRT, newRT := byID(o.RouteTables, func(t snapshot.RouteTable) string { return t.ID }), byID(n.RouteTables, func(t snapshot.RouteTable) string { return t.ID })
	for _, id := range unionKeys(oldRT, newRT) {
		c.compare("route", id, mapItems(oldRT[id].Routes, routeItem), mapItems(newRT[id].Routes, routeItem))
	}
	oldTRT, newTRT := byID(o.TransitGatewayRouteTables, func(t snapshot.TransitGatewayRouteTable) string { return t.ID }), byID(n.TransitGatewayRouteTables, func(t snapshot.TransitGatewayRouteTable) string { return t.ID })
	for _, id := range unionKeys(oldTRT, newTRT) {
		c.compare("transit-gateway-route", id, mapItems(oldTRT[id].Routes, tgwRouteItem), mapItems(newTRT[id].Routes, tgwRouteItem))
	}

	c.compare("customer-gateway", "customer-gateways", mapItems(o.CustomerGateways, cgwItem), mapItems(n.CustomerGateways, cgwItem))
	c.compare("vpn-connection", "vpn-connections", mapItems(o.VPNConnections, vpnItem), mapItems(n.VPNConnections, vpnItem))
	oldVPN, newVPN := byID(o.VPNConnections, func(v snapshot.VPNConnection) string { return v.ID }), byID(n.VPNConnections, func(v snapshot.VPNConnection) string { return v.ID })
	for _, id := range unionKeys(oldVPN, newVPN) {
		c.compare("vpn-tunnel", id, mapItems(oldVPN[id].Tunnels, tunnelItem), mapItems(newVPN[id].Tunnels, tunnelItem))
		c.compare("vpn-route", id, mapItems(oldVPN[id].Routes, vpnRouteItem), mapItems(newVPN[id].Routes, vpnRouteItem))
	}
}

func compareDevices(c *collector, o, n []snapshot.Device) {
	c.compare("device", "devices", mapItems(o, deviceItem), mapItems(n, deviceItem))
	oldDev, newDev := byID(o, func(d snapshot.Device) string { return d.Name }), byID(n, func(d snapshot.Device) string { return d.Name })
	for _, name := range unionKeys(oldDev, newDev) {
		od, nd := oldDev[name], newDev[name]
		dev := "device " + name
		oldCh, newCh := chainsByName(od.Firewall.Chains), chainsByName(nd.Firewall.Chains)
		c.compare("firewall-chain", dev, chainItems(od.Firewall), chainItems(nd.Firewall))
		for _, ch := range unionKeys(oldCh, newCh) {
			res := dev + " chain " + ch
			oi, ni := mapItems(oldCh[ch].Rules, firewallRuleItem), mapItems(newCh[ch].Rules, firewallRuleItem)
			c.compare("firewall-rule", res, oi, ni)
			c.compareOrder("firewall-rule", res, oi, ni)
		}
		on, nn := mapItems(od.NAT.Rules, natRuleItem), mapItems(nd.NAT.Rules, natRuleItem)
		c.compare("nat-rule", dev, on, nn)
		c.compareOrder("nat-rule", dev, on, nn)
		c.compare("ipsec-phase1", dev, mapItems(od.IPsec.Phase1, phase1Item), mapItems(nd.IPsec.Phase1, phase1Item))
		c.compare("ipsec-phase2", dev, mapItems(od.IPsec.Phase2, phase2Item), mapItems(nd.IPsec.Phase2, phase2Item))
		c.compare("device-route", dev, mapItems(od.StaticRoutes, staticRouteItem), mapItems(nd.StaticRoutes, staticRouteItem))
	}
}

func mapItems[T any](list []T, f func(T) item) []item {
	out := make([]item, len(list))
	for i, v := range list {
		out[i] = f(v)
	}
	return out
}

func byID[T any](list []T, id func(T) string) map[string]T {
	m := make(map[string]T, len(list))
	for _, v := range list {
		m[id(v)] = v
	}
	return m
}

// bothKeys returns the keys of both maps, each once, in no particular order.
func bothKeys[K comparable, T any](a, b map[K]T) []K {
	keys := make([]K, 0, len(a)+len(b))
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	return keys
}

// unionKeys returns the keys of both maps, sorted.
func unionKeys[T any](a, b map[string]T) []string {
	keys := bothKeys(a, b)
	sort.Strings(keys)
	return keys
}

func sourceItem(s snapshot.Source) item {
	return item{key: strings.Join(nonEmpty(s.ID, s.Location), " "), value: strings.Join(nonEmpty(string(s.Status), fmt.Sprintf("%d items", s.Items), s.Error), ", ")}
}

func clusterItems(e *snapshot.EKSCluster) []item {
	if e == nil {
		return nil
	}
	return []item{{key: e.Name, value: fmt.Sprintf("status %s, vpc %s, subnets %s, security groups %s, remote nodes %s, remote pods %s, service %s",
		e.Status, e.VPCID, list(e.SubnetIDs), list(append([]string{e.ClusterSecurityGroupID}, e.SecurityGroupIDs...)),
		list(e.RemoteNodeNetworks), list(e.RemotePodNetworks), orNone(e.ServiceIPv4CIDR))}}
}

func vpcItem(v snapshot.VPC) item {
	return item{key: v.ID, value: fmt.Sprintf("%s, CIDRs %s, DNS support %s, DNS hostnames %s", v.State, list(v.CIDRBlocks), optBool(v.EnableDNSSupport), optBool(v.EnableDNSHostnames))}
}

func subnetItem(s snapshot.Subnet) item {
	return item{key: s.ID, value: fmt.Sprintf("%s in %s (%s), %s, public IPs on launch %t", s.CIDRBlock, s.VPCID, s.AvailabilityZone, s.State, s.MapPublicIPOnLaunch)}
}

func igwItem(g snapshot.InternetGateway) item {
	var att []string
	for _, a := range g.Attachments {
		att = append(att, a.VPCID+" "+a.State)
	}
	return item{key: g.ID, value: "attached to " + list(att)}
}

func natItem(g snapshot.NATGateway) item {
	var ips []string
	for _, a := range g.Addresses {
		ips = append(ips, strings.Join(nonEmpty(a.AllocationID, a.PublicIP), " "))
	}
	return item{key: g.ID, value: fmt.Sprintf("%s %s in %s, addresses %s", g.ConnectivityType, g.State, g.SubnetID, list(ips))}
}

func eipItem(e snapshot.ElasticIP) item {
	return item{key: e.AllocationID, value: fmt.Sprintf("%s, association %s", e.PublicIP, orNone(strings.Join(nonEmpty(e.AssociationID, e.InstanceID, e.NetworkInterfaceID), " ")))}
}

func tgwAttachmentItem(a snapshot.TransitGatewayAttachment) item {
	return item{key: a.ID, value: fmt.Sprintf("%s %s on %s, %s, route table %s, subnets %s", a.ResourceType, a.ResourceID, a.TransitGatewayID, a.State, orNone(a.AssociatedRouteTableID), list(a.SubnetIDs))}
}

func vgwItem(g snapshot.VPNGateway) item {
	var att []string
	for _, a := range g.VPCAttachments {
		att = append(att, a.VPCID+" "+a.State)
	}
	return item{key: g.ID, value: fmt.Sprintf("%s, ASN %d, attached to %s", g.State, g.AmazonSideASN, list(att))}
}

func sgItem(g snapshot.SecurityGroup) item {
	return item{key: g.ID, value: fmt.Sprintf("%s in %s", g.Name, g.VPCID)}
}

// sgRuleItems keys a rule by what it allows; its description is what may change in place.
func sgRuleItems(g snapshot.SecurityGroup) []item {
	out := make([]item, 0, len(g.Ingress)+len(g.Egress))
	for _, r := range g.Ingress {
		out = append(out, item{key: "ingress " + sgRuleText(r, "from"), value: quoted(r.Description)})
	}
	for _, r := range g.Egress {
		out = append(out, item{key: "egress " + sgRuleText(r, "to"), value: quoted(r.Description)})
	}
	return out
}

func sgRuleText(r snapshot.SGRule, dir string) string {
	peer := cmp.Or(r.CIDRIPv4, r.CIDRIPv6, r.PrefixListID, r.ReferencedGroupID)
	return fmt.Sprintf("%s %s %s %s", r.Protocol, portText(r.FromPort, r.ToPort), dir, orNone(peer))
}

func portText(from, to int) string {
	switch {
	case from == -1 && to == -1:
		return "all ports"
	case from == to:
		return "port " + strconv.Itoa(from)
	}
	return fmt.Sprintf("ports %d-%d", from, to)
}

func routeTableItem(t snapshot.RouteTable) item {
	var subnets []string
	for _, a := range t.Associations {
		if a.SubnetID != "" {
			subnets = append(subnets, a.SubnetID)
		}
	}
	return item{key: t.ID, value: fmt.Sprintf("vpc %s, main %t, subnets %s, propagating %s", t.VPCID, t.Main, list(subnets), list(t.PropagatingVGWs))}
}

func routeItem(r snapshot.Route) item {
	dest := cmp.Or(r.DestinationCIDR, r.DestinationIPv6CIDR, r.DestinationPrefixListID)
	return item{key: dest, value: fmt.Sprintf("%s %s (%s)", r.TargetType, r.TargetID, r.State)}
}

func tgwRouteItem(r snapshot.TransitGatewayRoute) item {
	var atts []string
	for _, a := range r.Attachments {
		atts = append(atts, a.AttachmentID+" "+a.ResourceType+" "+a.ResourceID)
	}
	return item{key: cmp.Or(r.DestinationCIDR, r.PrefixListID), value: fmt.Sprintf("%s via %s (%s)", r.Type, list(atts), r.State)}
}

func cgwItem(g snapshot.CustomerGateway) item {
	return item{key: g.ID, value: fmt.Sprintf("%s %s, IP %s, ASN %d", g.Type, g.State, g.IPAddress, g.BGPASN)}
}

func vpnItem(v snapshot.VPNConnection) item {
	gw := cmp.Or(v.VPNGatewayID, v.TransitGatewayID)
	return item{key: v.ID, value: fmt.Sprintf("%s %s, %s to %s, static routes only %t, local %s, remote %s",
		v.Type, v.State, v.CustomerGatewayID, orNone(gw), v.StaticRoutesOnly, orNone(v.LocalIPv4NetworkCIDR), orNone(v.RemoteIPv4NetworkCIDR))}
}

// tunnelItem leaves out the pre-shared key fingerprint (keyed with each snapshot's own salt, so
// it differs between any two snapshots) and the status message and time of the last change.
func tunnelItem(t snapshot.VPNTunnel) item {
	return item{key: t.OutsideIPAddress, value: fmt.Sprintf("status %s, inside %s, accepted routes %d, IKE %s, phase 1 %s/%s/%s %ds, phase 2 %s/%s/%s %ds, DPD %s %ds",
		orNone(t.Status), orNone(t.InsideCIDR), t.AcceptedRouteCount, list(t.IKEVersions),
		list(t.Phase1EncryptionAlgorithms), list(t.Phase1IntegrityAlgorithms), intList(t.Phase1DHGroupNumbers), t.Phase1LifetimeSeconds,
		list(t.Phase2EncryptionAlgorithms), list(t.Phase2IntegrityAlgorithms), intList(t.Phase2DHGroupNumbers), t.Phase2LifetimeSeconds,
		orNone(t.DPDTimeoutAction), t.DPDTimeoutSeconds)}
}

func vpnRouteItem(r snapshot.VPNRoute) item {
	return item{key: r.DestinationCIDR, value: r.State}
}

func deviceItem(d snapshot.Device) item {
	return item{key: d.Name, value: fmt.Sprintf("%s from %s, WAN %s, firewall %s default %s", d.Format, d.Source, list(d.WANAddresses), d.Firewall.Model, d.Firewall.DefaultAction)}
}

func chainsByName(chains []snapshot.Chain) map[string]snapshot.Chain {
	return byID(chains, chainName)
}

func chainName(c snapshot.Chain) string {
	return strings.Join(nonEmpty(c.Family, c.Table, c.Name), " ")
}

func chainItems(f snapshot.Firewall) []item {
	return mapItems(f.Chains, func(c snapshot.Chain) item {
		return item{key: chainName(c), value: fmt.Sprintf("hook %s priority %d policy %s", orNone(c.Hook), c.Priority, orNone(c.Policy))}
	})
}

// firewallRuleItem identifies a rule by its pf tracker when it has one (stable across edits),
// else by what it matches and does; the rule's position and file line are left out so that
// inserting one rule does not show every later rule as changed.
func firewallRuleItem(r snapshot.FirewallRule) item {
	match := ruleMatchText(r)
	value := strings.Join(nonEmpty(match, quoted(r.Description)), " ")
	if r.Tracker != "" {
		return item{key: "tracker " + r.Tracker, value: value}
	}
	return item{key: match, value: value}
}

func ruleMatchText(r snapshot.FirewallRule) string {
	parts := []string{r.Action}
	if r.JumpTarget != "" {
		parts = append(parts, r.JumpTarget)
	}
	for _, flag := range []struct {
		on   bool
		text string
	}{{r.Disabled, "disabled"}, {r.Quick, "quick"}, {r.Floating, "floating"}} {
		if flag.on {
			parts = append(parts, flag.text)
		}
	}
	parts = append(parts, r.Direction)
	if len(r.Interfaces) > 0 {
		parts = append(parts, "on "+list(r.Interfaces))
	}
	if len(r.OutInterfaces) > 0 {
		parts = append(parts, "out "+list(r.OutInterfaces))
	}
	parts = append(parts, r.IPVersion, r.Protocol, "from "+endpointText(r.Source), "to "+endpointText(r.Destination))
	if len(r.ICMPTypes) > 0 {
		parts = append(parts, "icmp "+intList(r.ICMPTypes))
	}
	if len(r.States) > 0 {
		parts = append(parts, "state "+list(r.States))
	}
	if len(r.Unsupported) > 0 {
		parts = append(parts, "unsupported "+list(r.Unsupported))
	}
	return strings.Join(parts, " ")
}

func endpointText(e snapshot.Endpoint) string {
	var addr string
	switch {
	case e.Any:
		addr = "any"
	case e.Self:
		addr = "self"
	default:
		addr = list(append(append([]string{}, e.CIDRs...), e.FQDNs...))
	}
	if e.Alias != "" {
		addr += " (" + e.Alias + ")"
	}
	if e.Not {
		addr = "!" + addr
	}
	if len(e.Ports) > 0 {
		var ps []string
		for _, p := range e.Ports {
			if p.From == p.To {
				ps = append(ps, strconv.Itoa(p.From))
			} else {
				ps = append(ps, fmt.Sprintf("%d-%d", p.From, p.To))
			}
		}
		addr += " port " + strings.Join(ps, ",")
	}
	return addr
}

func natRuleItem(r snapshot.NATRule) item {
	match := strings.Join(nonEmpty(r.Kind, boolText(r.Disabled, "disabled"), boolText(r.NoNAT, "no-nat"), "on "+orNone(r.Interface), r.Protocol,
		"from "+endpointText(r.Source), "to "+endpointText(r.Destination), "translate "+orNone(r.Translation)), " ")
	return item{key: match, value: strings.Join(nonEmpty(match, quoted(r.Description)), " ")}
}

func phase1Item(p snapshot.IPsecPhase1) item {
	return item{key: cmp.Or(p.ID, p.RemoteGateway), value: fmt.Sprintf("remote %s, %s, %s, disabled %t, proposals %s, lifetime %ds, DPD %t",
		p.RemoteGateway, p.IKEVersion, p.AuthMethod, p.Disabled, proposalsText(p.Proposals), p.LifetimeSeconds, p.DPDEnabled)}
}

func phase2Item(p snapshot.IPsecPhase2) item {
	selectors := fmt.Sprintf("%s %s -> %s", p.Mode, list(p.LocalNetworks), list(p.RemoteNetworks))
	if p.Mode == "vti" {
		selectors = fmt.Sprintf("vti %s -> %s", orNone(p.LocalAddress), orNone(p.RemoteAddress))
	}
	k := p.ID
	if k == "" {
		k = "phase1 " + p.Phase1ID + " " + selectors
	}
	return item{key: k, value: fmt.Sprintf("phase1 %s, %s, disabled %t, %s proposals %s, PFS %d, lifetime %ds",
		p.Phase1ID, selectors, p.Disabled, p.Protocol, proposalsText(p.Proposals), p.PFSGroup, p.LifetimeSeconds)}
}

func proposalsText(ps []snapshot.IPsecProposal) string {
	var out []string
	for _, p := range ps {
		s := p.Encryption
		if p.KeyLength > 0 {
			s += strconv.Itoa(p.KeyLength)
		}
		if p.Hash != "" {
			s += "-" + p.Hash
		}
		if p.DHGroup > 0 {
			s += "-dh" + strconv.Itoa(p.DHGroup)
		}
		out = append(out, s)
	}
	return list(out)
}

func staticRouteItem(r snapshot.StaticRoute) item {
	return item{key: r.Destination, value: fmt.Sprintf("via %s, disabled %t", orNone(cmp.Or(r.GatewayAddress, r.Gateway, r.Interface)), r.Disabled)}
}

func list(xs []string) string {
	xs = nonEmpty(xs...)
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, ",")
}

func intList(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	return list(s)
}

// nonEmpty drops the empty strings; callers pass their values one by one, so the variadic
// slice is the function's own to filter in place.
func nonEmpty(xs ...string) []string {
	return slices.DeleteFunc(xs, func(x string) bool { return x == "" })
}

// quoted marks a free-text description off from the structured text around it.
func quoted(s string) string {
	if s == "" {
		return ""
	}
	return strconv.Quote(s)
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func optBool(b *bool) string {
	if b == nil {
		return "unknown"
	}
	return strconv.FormatBool(*b)
}

func boolText(b bool, text string) string {
	if b {
		return text
	}
	return ""
}
