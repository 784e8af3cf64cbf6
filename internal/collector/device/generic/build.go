package generic

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/collector/device"
	"github.com/hybridcheck/hybridcheck/internal/ipproto"
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

// JSONSchema is a port's two shapes, for the generated schema.
func (Port) JSONSchema() map[string]any {
	return map[string]any{
		"anyOf": []any{
			map[string]any{"type": "integer", "minimum": 0, "maximum": 65535},
			map[string]any{"type": "string", "pattern": `^[0-9]{1,5}(-[0-9]{1,5})?$`},
		},
	}
}

// Protocol is a protocol name (protocolNames) or an IP protocol number, 6 or "6".
type Protocol string

// protocolNames are the protocol names a rule may give; numbers of named protocols become
// their names (ipproto.Canonical).
var protocolNames = []string{"any", "tcp", "udp", "tcp/udp", "icmp", "icmpv6", "esp", "ah", "gre"}

func (p *Protocol) decodeValue(path string, v any) error {
	var s string
	switch x := v.(type) {
	case json.Number:
		s = x.String()
	case string:
		s = x
	default:
		return fmt.Errorf("%s: want a protocol name or number, got %s", path, kindOf(v))
	}
	if n, err := strconv.Atoi(s); err == nil {
		if n < 0 || n > 255 {
			return fmt.Errorf("%s: %d is not an IP protocol number (0-255)", path, n)
		}
	} else if !slices.Contains(protocolNames, s) {
		return fmt.Errorf("%s: unknown value %q (one of %s, or a number 0-255)", path, s, strings.Join(protocolNames, ", "))
	}
	*p = Protocol(s)
	return nil
}

// JSONSchema is a protocol's shapes, for the generated schema.
func (Protocol) JSONSchema() map[string]any {
	names := make([]any, len(protocolNames))
	for i, n := range protocolNames {
		names[i] = n
	}
	return map[string]any{
		"description": "protocol name or IP protocol number; default any",
		"anyOf": []any{
			map[string]any{"type": "string", "enum": names},
			map[string]any{"type": "integer", "minimum": 0, "maximum": 255},
			map[string]any{"type": "string", "pattern": `^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$`},
		},
	}
}

// name is the protocol as the snapshot spells it: any when absent, named when it has a name.
func (p Protocol) name() string {
	if c, ok := ipproto.Canonical(string(p)); ok {
		return c
	}
	return cmp.Or(string(p), "any")
}

// cidr reads an IPv4 network the schema has accepted (cidr-or-address): a bare address is a
// /32, and host bits are cleared.
func cidr(path, s string) (string, error) {
	if !strings.Contains(s, "/") {
		s += "/32"
	}
	p, err := netip.ParsePrefix(s)
	if err != nil || !p.Addr().Is4() {
		return "", fmt.Errorf("%s: %q is not an IPv4 CIDR", path, s)
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

// builder carries what later sections check references against.
type builder struct {
	file       string
	salt       string
	aliases    map[string]Alias
	interfaces map[string]bool
	warnings   []string
}

func (f *File) device(name, salt string) (*snapshot.Device, []string, error) {
	b := &builder{file: name, salt: salt, aliases: map[string]Alias{}, interfaces: map[string]bool{}}
	dev := device.New(f.Hostname, "generic", snapshot.Firewall{Model: "generic"})
	dev.Hostname, dev.Version = f.Hostname, f.Version
	dev.WANAddresses = append(dev.WANAddresses, f.WANAddresses...)
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
		if b.interfaces[in.Name] {
			return fmt.Errorf("%s.name: interface %q is declared twice", p, in.Name)
		}
		b.interfaces[in.Name] = true
		if in.Device != "" {
			b.interfaces[in.Device] = true
		}
		out := snapshot.Interface{
			Name: in.Name, Description: in.Description, Device: in.Device, Enabled: in.Enabled == nil || *in.Enabled,
			Role: in.Role, Addresses: []string{}, Networks: []string{}, VLANID: in.VLANID, Parent: in.Parent,
			Gateway: in.Gateway, Location: b.loc(p),
		}
		for j, a := range in.Addresses {
			ap := fmt.Sprintf("%s.addresses[%d]", p, j)
			pfx, err := netip.ParsePrefix(a)
			if err != nil || !pfx.Addr().Is4() {
				return fmt.Errorf("%s: %q is not an IPv4 address with its prefix length, like 10.200.0.1/24", ap, a)
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
		if _, dup := b.aliases[a.Name]; dup {
			return fmt.Errorf("%s.name: alias %q is declared twice", p, a.Name)
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

// endpoints reads a rule's source and destination.
func (b *builder) endpoints(path string, source, destination Endpoint) (snapshot.Endpoint, snapshot.Endpoint, error) {
	src, err := b.endpoint(path+".source", source)
	if err != nil {
		return src, snapshot.Endpoint{}, err
	}
	dst, err := b.endpoint(path+".destination", destination)
	return src, dst, err
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
	dev.Firewall.DefaultAction = f.Firewall.DefaultAction
	chain := snapshot.Chain{Name: "filter", Rules: make([]snapshot.FirewallRule, 0, len(f.Firewall.Rules))}
	for i, r := range f.Firewall.Rules {
		p := fmt.Sprintf("firewall.rules[%d]", i)
		if err := b.interfaceNames(p+".interfaces", r.Interfaces); err != nil {
			return err
		}
		if err := b.interfaceNames(p+".out_interfaces", r.OutInterfaces); err != nil {
			return err
		}
		src, dst, err := b.endpoints(p, r.Source, r.Destination)
		if err != nil {
			return err
		}
		chain.Rules = append(chain.Rules, snapshot.FirewallRule{
			Index: i, Action: r.Action, Disabled: r.Disabled, Interfaces: r.Interfaces, OutInterfaces: r.OutInterfaces,
			Direction: cmp.Or(r.Direction, "any"), IPVersion: cmp.Or(r.IPVersion, "any"), Protocol: r.Protocol.name(), Source: src, Destination: dst,
			ICMPTypes: r.ICMPTypes, States: r.States, Description: r.Description, Location: b.loc(p),
		})
	}
	dev.Firewall.Chains = append(dev.Firewall.Chains, chain)
	return nil
}

func (b *builder) natSection(f *File, dev *snapshot.Device) error {
	dev.NAT.OutboundMode = cmp.Or(f.NAT.OutboundMode, "rules")
	for i, r := range f.NAT.Rules {
		p := fmt.Sprintf("nat.rules[%d]", i)
		if r.Interface != "" && len(b.interfaces) > 0 && !b.interfaces[r.Interface] {
			return fmt.Errorf("%s.interface: no interface named %q", p, r.Interface)
		}
		src, dst, err := b.endpoints(p, r.Source, r.Destination)
		if err != nil {
			return err
		}
		dev.NAT.Rules = append(dev.NAT.Rules, snapshot.NATRule{
			Index: i, Kind: r.Kind, Interface: r.Interface, Disabled: r.Disabled, NoNAT: r.NoNAT, Protocol: r.Protocol.name(),
			Source: src, Destination: dst, Translation: r.Translation, Description: r.Description, Location: b.loc(p),
		})
	}
	return nil
}

func proposals(list []Proposal) []snapshot.IPsecProposal {
	out := make([]snapshot.IPsecProposal, 0, len(list))
	for _, pr := range list {
		out = append(out, snapshot.IPsecProposal(pr))
	}
	return out
}

func (b *builder) ipsecSection(f *File, dev *snapshot.Device) error {
	phase1IDs := map[string]bool{}
	for i, ph := range f.IPsec.Phase1 {
		p := fmt.Sprintf("ipsec.phase1[%d]", i)
		if phase1IDs[ph.ID] {
			return fmt.Errorf("%s.id: phase 1 %q is declared twice", p, ph.ID)
		}
		phase1IDs[ph.ID] = true
		auth := cmp.Or(ph.AuthMethod, "pre_shared_key")
		if ph.PreSharedKey != "" && auth != "pre_shared_key" {
			return fmt.Errorf("%s.pre_shared_key: given with auth_method %s", p, auth)
		}
		if auth == "pre_shared_key" && ph.PreSharedKey == "" {
			b.warnings = append(b.warnings, p+": no pre_shared_key, so the key cannot be compared with the AWS tunnel's")
		}
		dev.IPsec.Phase1 = append(dev.IPsec.Phase1, snapshot.IPsecPhase1{
			ID: ph.ID, Disabled: ph.Disabled, Description: ph.Description, Interface: ph.Interface,
			RemoteGateway: ph.RemoteGateway, IKEVersion: ph.IKEVersion, AuthMethod: auth, Proposals: proposals(ph.Proposals),
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
		local, err := cidrList(p+".local_networks", ph.LocalNetworks)
		if err != nil {
			return err
		}
		remote, err := cidrList(p+".remote_networks", ph.RemoteNetworks)
		if err != nil {
			return err
		}
		dev.IPsec.Phase2 = append(dev.IPsec.Phase2, snapshot.IPsecPhase2{
			ID: ph.ID, Phase1ID: ph.Phase1ID, Disabled: ph.Disabled, Description: ph.Description, Mode: cmp.Or(ph.Mode, "tunnel"),
			LocalNetworks: local, RemoteNetworks: remote, LocalAddress: ph.LocalAddress, RemoteAddress: ph.RemoteAddress,
			Protocol: cmp.Or(ph.Protocol, "esp"), Proposals: proposals(ph.Proposals), PFSGroup: ph.PFSGroup, LifetimeSeconds: ph.LifetimeSeconds, Location: b.loc(p),
		})
	}
	return nil
}

func (b *builder) routeSection(f *File, dev *snapshot.Device) error {
	for i, r := range f.StaticRoutes {
		p := fmt.Sprintf("static_routes[%d]", i)
		dst, err := cidr(p+".destination", r.Destination)
		if err != nil {
			return err
		}
		dev.StaticRoutes = append(dev.StaticRoutes, snapshot.StaticRoute{
			Destination: dst, Gateway: r.Gateway, GatewayAddress: r.GatewayAddress, Interface: r.Interface,
			Disabled: r.Disabled, Description: r.Description, Location: b.loc(p),
		})
	}
	for _, g := range f.Gateways {
		dev.Gateways = append(dev.Gateways, snapshot.Gateway(g))
	}
	return nil
}

func (b *builder) bgpSection(f *File, dev *snapshot.Device) error {
	if f.BGP == nil {
		return nil
	}
	g := f.BGP
	nets, err := cidrList("bgp.networks", g.Networks)
	if err != nil {
		return err
	}
	out := &snapshot.BGP{Enabled: g.Enabled == nil || *g.Enabled, LocalASN: g.LocalASN, RouterID: g.RouterID, Neighbors: []snapshot.BGPNeighbor{}, Networks: nets}
	for _, n := range g.Neighbors {
		out.Neighbors = append(out.Neighbors, snapshot.BGPNeighbor{Address: n.Address, RemoteASN: n.RemoteASN, Enabled: n.Enabled == nil || *n.Enabled, Description: n.Description})
	}
	dev.BGP = out
	return nil
}
