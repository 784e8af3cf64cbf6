package generic

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// Port is one port (443) or an inclusive range ("2379-2380").
type Port snapshot.PortRange

func (p *Port) decodeValue(path string, v any) error {
	var lo, hi string
	switch x := v.(type) {
	case json.Number:
		lo, hi = x.String(), x.String()
	case string:
		var isRange bool
		lo, hi, isRange = strings.Cut(x, "-")
		if !isRange {
			hi = lo
		}
	default:
		return fmt.Errorf("%s: want a port number or a range like \"2379-2380\", got %s", path, kindOf(v))
	}
	a, err1 := strconv.Atoi(strings.TrimSpace(lo))
	b, err2 := strconv.Atoi(strings.TrimSpace(hi))
	if err1 != nil || err2 != nil || a < 0 || b > 65535 || b < a {
		return fmt.Errorf("%s: %q is not a port (0-65535) or an ascending range", path, fmt.Sprint(v))
	}
	*p = Port{From: a, To: b}
	return nil
}

var (
	interfaceRoles = []string{"wan", "lan", "opt", "vlan", "vti", "ipsec", "loopback", "other"}
	aliasTypes     = []string{"host", "network", "port", "fqdn", "other"}
	ruleActions    = []string{"pass", "block", "reject"}
	directions     = []string{"in", "out", "any"}
	ipVersions     = []string{"inet", "inet6", "any"}
	protocols      = []string{"any", "tcp", "udp", "tcp/udp", "icmp", "icmpv6", "esp", "ah", "gre"}
	states         = []string{"new", "established", "related", "invalid", "untracked"}
	natKinds       = []string{"outbound", "snat", "masquerade", "port-forward", "dnat", "one-to-one", "other"}
	outboundModes  = []string{"automatic", "hybrid", "advanced", "disabled", "rules"}
	ikeVersions    = []string{"ikev1", "ikev2", "auto"}
	authMethods    = []string{"pre_shared_key", "rsasig", "eap-tls", "other"}
	phase2Modes    = []string{"tunnel", "transport", "vti"}
	ipsecProtocols = []string{"esp", "ah"}
	protocolByNum  = map[string]string{"1": "icmp", "6": "tcp", "17": "udp", "47": "gre", "50": "esp", "51": "ah", "58": "icmpv6"}
)

func oneOf(path, v string, allowed []string) error {
	if slices.Contains(allowed, v) {
		return nil
	}
	return fmt.Errorf("%s: unknown value %q (one of %s)", path, v, strings.Join(allowed, ", "))
}

func required(path, v string) error {
	if strings.TrimSpace(v) == "" {
		return fmt.Errorf("%s: required", path)
	}
	return nil
}

func ipv4(path, s string) error {
	a, err := netip.ParseAddr(s)
	if err != nil {
		return fmt.Errorf("%s: %q is not an IPv4 address", path, s)
	}
	if !a.Is4() {
		return fmt.Errorf("%s: %q is IPv6; an IPv4 address is required", path, s)
	}
	return nil
}

// cidr reads an IPv4 network; a bare address is a /32, and host bits are cleared.
func cidr(path, s string) (string, error) {
	if !strings.Contains(s, "/") {
		if err := ipv4(path, s); err != nil {
			return "", err
		}
		return s + "/32", nil
	}
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return "", fmt.Errorf("%s: %q is not an IPv4 CIDR", path, s)
	}
	if !p.Addr().Is4() {
		return "", fmt.Errorf("%s: %q is IPv6; an IPv4 CIDR is required", path, s)
	}
	return p.Masked().String(), nil
}

func cidrList(path string, list []string) ([]string, error) {
	out := make([]string, 0, len(list))
	for i, s := range list {
		c, err := cidr(fmt.Sprintf("%s[%d]", path, i), s)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// counts are named integer fields that must not be negative.
type counts []struct {
	field string
	v     int
}

func nonNegative(path string, cs counts) error {
	for _, c := range cs {
		if c.v < 0 {
			return fmt.Errorf("%s%s: %d is negative", path, c.field, c.v)
		}
	}
	return nil
}

func asn(path string, v int64) error {
	if v < 1 || v > 4294967295 {
		return fmt.Errorf("%s: %d is not an AS number (1-4294967295)", path, v)
	}
	return nil
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// builder carries what later sections check references against.
type builder struct {
	file       string
	salt       string
	aliases    map[string]Alias
	interfaces map[string]bool
	warnings   []string
}

func (f *File) device(name, salt string) (*snapshot.Device, []string, error) {
	if err := required("hostname", f.Hostname); err != nil {
		return nil, nil, err
	}
	b := &builder{file: name, salt: salt, aliases: map[string]Alias{}, interfaces: map[string]bool{}}
	dev := &snapshot.Device{
		Name: f.Hostname, Format: "generic", Hostname: f.Hostname, Version: f.Version,
		WANAddresses: []string{}, Interfaces: []snapshot.Interface{}, Aliases: []snapshot.Alias{},
		Firewall:     snapshot.Firewall{Model: "generic", Chains: []snapshot.Chain{}},
		NAT:          snapshot.NAT{Rules: []snapshot.NATRule{}},
		IPsec:        snapshot.IPsec{Phase1: []snapshot.IPsecPhase1{}, Phase2: []snapshot.IPsecPhase2{}},
		StaticRoutes: []snapshot.StaticRoute{}, Gateways: []snapshot.Gateway{},
	}
	for i, a := range f.WANAddresses {
		if err := ipv4(fmt.Sprintf("wan_addresses[%d]", i), a); err != nil {
			return nil, nil, err
		}
		dev.WANAddresses = append(dev.WANAddresses, a)
	}
	steps := []func(*File, *snapshot.Device) error{b.interfaceSection, b.aliasSection, b.firewallSection, b.natSection, b.ipsecSection, b.routeSection, b.bgpSection}
	for _, step := range steps {
		if err := step(f, dev); err != nil {
			return nil, nil, err
		}
	}
	return dev, b.warnings, nil
}

func (b *builder) loc(path string) *snapshot.Location {
	return &snapshot.Location{File: b.file, Path: path}
}

func (b *builder) interfaceSection(f *File, dev *snapshot.Device) error {
	for i, in := range f.Interfaces {
		p := fmt.Sprintf("interfaces[%d]", i)
		if err := required(p+".name", in.Name); err != nil {
			return err
		}
		if b.interfaces[in.Name] {
			return fmt.Errorf("%s.name: interface %q is declared twice", p, in.Name)
		}
		b.interfaces[in.Name] = true
		if in.Device != "" {
			b.interfaces[in.Device] = true
		}
		if err := oneOf(p+".role", in.Role, interfaceRoles); err != nil {
			return err
		}
		if in.VLANID < 0 || in.VLANID > 4095 {
			return fmt.Errorf("%s.vlan_id: %d is not a VLAN ID (0-4095)", p, in.VLANID)
		}
		out := snapshot.Interface{
			Name: in.Name, Description: in.Description, Device: in.Device, Enabled: in.Enabled == nil || *in.Enabled,
			Role: in.Role, Addresses: []string{}, Networks: []string{}, VLANID: in.VLANID, Parent: in.Parent,
			Gateway: in.Gateway, Location: b.loc(p),
		}
		for j, a := range in.Addresses {
			ap := fmt.Sprintf("%s.addresses[%d]", p, j)
			pfx, err := netip.ParsePrefix(a)
			if err != nil {
				return fmt.Errorf("%s: %q is not an IPv4 address with its prefix length, like 10.200.0.1/24", ap, a)
			}
			if !pfx.Addr().Is4() {
				return fmt.Errorf("%s: %q is IPv6; an IPv4 address is required", ap, a)
			}
			out.Addresses = append(out.Addresses, pfx.String())
			if n := pfx.Masked().String(); !slices.Contains(out.Networks, n) {
				out.Networks = append(out.Networks, n)
			}
		}
		dev.Interfaces = append(dev.Interfaces, out)
	}
	return nil
}

func (b *builder) aliasSection(f *File, dev *snapshot.Device) error {
	for i, a := range f.Aliases {
		p := fmt.Sprintf("aliases[%d]", i)
		if err := required(p+".name", a.Name); err != nil {
			return err
		}
		if _, dup := b.aliases[a.Name]; dup {
			return fmt.Errorf("%s.name: alias %q is declared twice", p, a.Name)
		}
		if err := oneOf(p+".type", a.Type, aliasTypes); err != nil {
			return err
		}
		cidrs, err := cidrList(p+".cidrs", a.CIDRs)
		if err != nil {
			return err
		}
		a.CIDRs = cidrs
		b.aliases[a.Name] = a
		out := snapshot.Alias{Name: a.Name, Type: a.Type, FQDNs: a.FQDNs, Description: a.Description, Ports: ports(a.Ports)}
		if len(cidrs) > 0 {
			out.CIDRs = cidrs
		}
		dev.Aliases = append(dev.Aliases, out)
	}
	return nil
}

func ports(list []Port) []snapshot.PortRange {
	if len(list) == 0 {
		return nil
	}
	out := make([]snapshot.PortRange, len(list))
	for i, p := range list {
		out[i] = snapshot.PortRange(p)
	}
	return out
}

func (b *builder) endpoint(path string, e Endpoint) (snapshot.Endpoint, error) {
	cidrs, err := cidrList(path+".cidrs", e.CIDRs)
	if err != nil {
		return snapshot.Endpoint{}, err
	}
	out := snapshot.Endpoint{Not: e.Not, Self: e.Self, FQDNs: e.FQDNs, Alias: e.Alias, Ports: ports(e.Ports)}
	if e.Alias != "" {
		a, ok := b.aliases[e.Alias]
		if !ok {
			return out, fmt.Errorf("%s.alias: no alias named %q", path, e.Alias)
		}
		cidrs = append(cidrs, a.CIDRs...)
		out.FQDNs = append(slices.Clone(out.FQDNs), a.FQDNs...)
		out.Ports = append(out.Ports, ports(a.Ports)...)
	}
	if len(cidrs) > 0 {
		out.CIDRs = cidrs
	}
	out.Any = len(out.CIDRs) == 0 && len(out.FQDNs) == 0 && !out.Self
	if out.Any && e.Not {
		return out, fmt.Errorf("%s.not: negates nothing; give cidrs, an alias, fqdns or self", path)
	}
	return out, nil
}

func (b *builder) protocol(path, v string) (string, error) {
	v = strings.ToLower(orDefault(v, "any"))
	if name, ok := protocolByNum[v]; ok {
		return name, nil
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 || n > 255 {
			return "", fmt.Errorf("%s: %d is not an IP protocol number (0-255)", path, n)
		}
		return v, nil
	}
	return v, oneOf(path, v, protocols)
}

func (b *builder) interfaceNames(path string, names []string) error {
	if len(b.interfaces) == 0 {
		return nil
	}
	for i, n := range names {
		if !b.interfaces[n] {
			return fmt.Errorf("%s[%d]: no interface named %q", path, i, n)
		}
	}
	return nil
}

func (b *builder) firewallSection(f *File, dev *snapshot.Device) error {
	if err := oneOf("firewall.default_action", f.Firewall.DefaultAction, []string{"pass", "block"}); err != nil {
		return err
	}
	dev.Firewall.DefaultAction = f.Firewall.DefaultAction
	chain := snapshot.Chain{Name: "filter", Rules: make([]snapshot.FirewallRule, 0, len(f.Firewall.Rules))}
	for i, r := range f.Firewall.Rules {
		p := fmt.Sprintf("firewall.rules[%d]", i)
		if err := oneOf(p+".action", r.Action, ruleActions); err != nil {
			return err
		}
		dir := orDefault(r.Direction, "any")
		if err := oneOf(p+".direction", dir, directions); err != nil {
			return err
		}
		ipv := orDefault(r.IPVersion, "any")
		if err := oneOf(p+".ip_version", ipv, ipVersions); err != nil {
			return err
		}
		proto, err := b.protocol(p+".protocol", r.Protocol)
		if err != nil {
			return err
		}
		for j, s := range r.States {
			if err := oneOf(fmt.Sprintf("%s.states[%d]", p, j), s, states); err != nil {
				return err
			}
		}
		for j, t := range r.ICMPTypes {
			if t < 0 || t > 255 {
				return fmt.Errorf("%s.icmp_types[%d]: %d is not an ICMP type (0-255)", p, j, t)
			}
		}
		if err := b.interfaceNames(p+".interfaces", r.Interfaces); err != nil {
			return err
		}
		if err := b.interfaceNames(p+".out_interfaces", r.OutInterfaces); err != nil {
			return err
		}
		src, err := b.endpoint(p+".source", r.Source)
		if err != nil {
			return err
		}
		dst, err := b.endpoint(p+".destination", r.Destination)
		if err != nil {
			return err
		}
		chain.Rules = append(chain.Rules, snapshot.FirewallRule{
			Index: i, Action: r.Action, Disabled: r.Disabled, Interfaces: r.Interfaces, OutInterfaces: r.OutInterfaces,
			Direction: dir, IPVersion: ipv, Protocol: proto, Source: src, Destination: dst,
			ICMPTypes: r.ICMPTypes, States: r.States, Description: r.Description, Location: b.loc(p),
		})
	}
	dev.Firewall.Chains = append(dev.Firewall.Chains, chain)
	return nil
}

func (b *builder) natSection(f *File, dev *snapshot.Device) error {
	mode := orDefault(f.NAT.OutboundMode, "rules")
	if err := oneOf("nat.outbound_mode", mode, outboundModes); err != nil {
		return err
	}
	dev.NAT.OutboundMode = mode
	for i, r := range f.NAT.Rules {
		p := fmt.Sprintf("nat.rules[%d]", i)
		if err := oneOf(p+".kind", r.Kind, natKinds); err != nil {
			return err
		}
		if r.Interface != "" && len(b.interfaces) > 0 && !b.interfaces[r.Interface] {
			return fmt.Errorf("%s.interface: no interface named %q", p, r.Interface)
		}
		proto, err := b.protocol(p+".protocol", r.Protocol)
		if err != nil {
			return err
		}
		src, err := b.endpoint(p+".source", r.Source)
		if err != nil {
			return err
		}
		dst, err := b.endpoint(p+".destination", r.Destination)
		if err != nil {
			return err
		}
		dev.NAT.Rules = append(dev.NAT.Rules, snapshot.NATRule{
			Index: i, Kind: r.Kind, Interface: r.Interface, Disabled: r.Disabled, NoNAT: r.NoNAT, Protocol: proto,
			Source: src, Destination: dst, Translation: r.Translation, Description: r.Description, Location: b.loc(p),
		})
	}
	return nil
}

func proposals(path string, list []Proposal) ([]snapshot.IPsecProposal, error) {
	out := make([]snapshot.IPsecProposal, 0, len(list))
	for i, pr := range list {
		p := fmt.Sprintf("%s[%d]", path, i)
		if err := required(p+".encryption", pr.Encryption); err != nil {
			return nil, err
		}
		if err := nonNegative(p, counts{{".key_length", pr.KeyLength}, {".dh_group", pr.DHGroup}}); err != nil {
			return nil, err
		}
		out = append(out, snapshot.IPsecProposal(pr))
	}
	return out, nil
}

func (b *builder) ipsecSection(f *File, dev *snapshot.Device) error {
	phase1IDs := map[string]bool{}
	for i, ph := range f.IPsec.Phase1 {
		p := fmt.Sprintf("ipsec.phase1[%d]", i)
		if err := required(p+".id", ph.ID); err != nil {
			return err
		}
		if phase1IDs[ph.ID] {
			return fmt.Errorf("%s.id: phase 1 %q is declared twice", p, ph.ID)
		}
		phase1IDs[ph.ID] = true
		if err := ipv4(p+".remote_gateway", ph.RemoteGateway); err != nil {
			return err
		}
		if err := oneOf(p+".ike_version", ph.IKEVersion, ikeVersions); err != nil {
			return err
		}
		auth := orDefault(ph.AuthMethod, "pre_shared_key")
		if err := oneOf(p+".auth_method", auth, authMethods); err != nil {
			return err
		}
		if ph.PreSharedKey != "" && auth != "pre_shared_key" {
			return fmt.Errorf("%s.pre_shared_key: given with auth_method %s", p, auth)
		}
		if auth == "pre_shared_key" && ph.PreSharedKey == "" {
			b.warnings = append(b.warnings, p+": no pre_shared_key, so the key cannot be compared with the AWS tunnel's")
		}
		props, err := proposals(p+".proposals", ph.Proposals)
		if err != nil {
			return err
		}
		if err := nonNegative(p, counts{{".lifetime_seconds", ph.LifetimeSeconds}, {".dpd_delay_seconds", ph.DPDDelaySeconds}, {".dpd_max_failures", ph.DPDMaxFailures}}); err != nil {
			return err
		}
		dev.IPsec.Phase1 = append(dev.IPsec.Phase1, snapshot.IPsecPhase1{
			ID: ph.ID, Disabled: ph.Disabled, Description: ph.Description, Interface: ph.Interface,
			RemoteGateway: ph.RemoteGateway, IKEVersion: ph.IKEVersion, AuthMethod: auth, Proposals: props,
			LifetimeSeconds: ph.LifetimeSeconds, DPDEnabled: ph.DPDEnabled, DPDDelaySeconds: ph.DPDDelaySeconds,
			DPDMaxFailures: ph.DPDMaxFailures, PSKFingerprint: snapshot.PSKFingerprint(b.salt, ph.PreSharedKey),
			Location: b.loc(p),
		})
	}
	for i, ph := range f.IPsec.Phase2 {
		p := fmt.Sprintf("ipsec.phase2[%d]", i)
		if !phase1IDs[ph.Phase1ID] {
			return fmt.Errorf("%s.phase1_id: no phase 1 with id %q", p, ph.Phase1ID)
		}
		mode := orDefault(ph.Mode, "tunnel")
		if err := oneOf(p+".mode", mode, phase2Modes); err != nil {
			return err
		}
		proto := orDefault(ph.Protocol, "esp")
		if err := oneOf(p+".protocol", proto, ipsecProtocols); err != nil {
			return err
		}
		local, err := cidrList(p+".local_networks", ph.LocalNetworks)
		if err != nil {
			return err
		}
		remote, err := cidrList(p+".remote_networks", ph.RemoteNetworks)
		if err != nil {
			return err
		}
		for _, a := range [][2]string{{".local_address", ph.LocalAddress}, {".remote_address", ph.RemoteAddress}} {
			if a[1] != "" {
				if err := ipv4(p+a[0], a[1]); err != nil {
					return err
				}
			}
		}
		props, err := proposals(p+".proposals", ph.Proposals)
		if err != nil {
			return err
		}
		if err := nonNegative(p, counts{{".pfs_group", ph.PFSGroup}, {".lifetime_seconds", ph.LifetimeSeconds}}); err != nil {
			return err
		}
		dev.IPsec.Phase2 = append(dev.IPsec.Phase2, snapshot.IPsecPhase2{
			ID: ph.ID, Phase1ID: ph.Phase1ID, Disabled: ph.Disabled, Description: ph.Description, Mode: mode,
			LocalNetworks: local, RemoteNetworks: remote, LocalAddress: ph.LocalAddress, RemoteAddress: ph.RemoteAddress,
			Protocol: proto, Proposals: props, PFSGroup: ph.PFSGroup, LifetimeSeconds: ph.LifetimeSeconds, Location: b.loc(p),
		})
	}
	return nil
}

func (b *builder) routeSection(f *File, dev *snapshot.Device) error {
	for i, r := range f.StaticRoutes {
		p := fmt.Sprintf("static_routes[%d]", i)
		if err := required(p+".destination", r.Destination); err != nil {
			return err
		}
		dst, err := cidr(p+".destination", r.Destination)
		if err != nil {
			return err
		}
		if r.GatewayAddress != "" {
			if err := ipv4(p+".gateway_address", r.GatewayAddress); err != nil {
				return err
			}
		}
		dev.StaticRoutes = append(dev.StaticRoutes, snapshot.StaticRoute{
			Destination: dst, Gateway: r.Gateway, GatewayAddress: r.GatewayAddress, Interface: r.Interface,
			Disabled: r.Disabled, Description: r.Description, Location: b.loc(p),
		})
	}
	for i, g := range f.Gateways {
		p := fmt.Sprintf("gateways[%d]", i)
		if err := required(p+".name", g.Name); err != nil {
			return err
		}
		if g.Address != "" {
			if err := ipv4(p+".address", g.Address); err != nil {
				return err
			}
		}
		dev.Gateways = append(dev.Gateways, snapshot.Gateway(g))
	}
	return nil
}

func (b *builder) bgpSection(f *File, dev *snapshot.Device) error {
	if f.BGP == nil {
		return nil
	}
	g := f.BGP
	if err := asn("bgp.local_asn", g.LocalASN); err != nil {
		return err
	}
	if g.RouterID != "" {
		if err := ipv4("bgp.router_id", g.RouterID); err != nil {
			return err
		}
	}
	nets, err := cidrList("bgp.networks", g.Networks)
	if err != nil {
		return err
	}
	out := &snapshot.BGP{Enabled: g.Enabled == nil || *g.Enabled, LocalASN: g.LocalASN, RouterID: g.RouterID, Neighbors: []snapshot.BGPNeighbor{}, Networks: nets}
	for i, n := range g.Neighbors {
		p := fmt.Sprintf("bgp.neighbors[%d]", i)
		if err := ipv4(p+".address", n.Address); err != nil {
			return err
		}
		if err := asn(p+".remote_asn", n.RemoteASN); err != nil {
			return err
		}
		out.Neighbors = append(out.Neighbors, snapshot.BGPNeighbor{Address: n.Address, RemoteASN: n.RemoteASN, Enabled: n.Enabled == nil || *n.Enabled, Description: n.Description})
	}
	dev.BGP = out
	return nil
}
