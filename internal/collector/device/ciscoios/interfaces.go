package ciscoios

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// ciscoIface is an interface as configured, before roles are decided.
type ciscoIface struct {
	head        line
	name        string
	description string
	shutdown    bool
	addresses   []netip.Prefix
	vlan        int
	natInside   bool
	natOutside  bool
	accessGroup map[string]line // direction -> the `ip access-group` line
	tunnel      tunnelConfig
	cryptoMap   string
	vrf         string
}

// tunnelConfig is a Tunnel interface's transport: source (address or interface), destination,
// mode (gre ip by default) and the IPsec profile protecting it.
type tunnelConfig struct {
	source, destination, mode, profile string
	protection                         line
}

func (t tunnelConfig) ipsecVTI() bool { return t.mode == "ipsec ipv4" }

func (im *importer) iface(b *block) {
	name := strings.Join(b.head.words[1:], "")
	if name == "" {
		im.warnf(b.head, "interface without a name: ignored")
		return
	}
	ifc := &ciscoIface{head: b.head, name: name, accessGroup: map[string]line{}, tunnel: tunnelConfig{mode: "gre ip"}}
	for _, c := range b.children {
		im.ifaceCommand(ifc, c)
	}
	im.ifaces = append(im.ifaces, ifc)
	im.ifaceByKey[strings.ToLower(name)] = ifc
}

func (im *importer) ifaceCommand(ifc *ciscoIface, c line) {
	w := c.words
	switch {
	case w[0] == "description":
		ifc.description = strings.TrimSpace(strings.TrimPrefix(c.text, "description"))
	case w[0] == "shutdown":
		ifc.shutdown = true
	case c.text == "no shutdown":
		ifc.shutdown = false
	case w[0] == "ip" && c.word(1) == "address":
		im.ifaceAddress(ifc, c)
	case w[0] == "encapsulation" && strings.EqualFold(c.word(1), "dot1q"):
		if n, err := strconv.Atoi(c.word(2)); err == nil && n >= 0 && n <= 4095 {
			ifc.vlan = n
		} else {
			im.warnf(c, "interface %s: VLAN ID %q is not 0-4095", ifc.name, c.word(2))
		}
	case w[0] == "ip" && c.word(1) == "nat":
		switch c.word(2) {
		case "inside":
			ifc.natInside = true
		case "outside":
			ifc.natOutside = true
		case "enable":
			im.warnf(c, "interface %s: NAT Virtual Interface (ip nat enable) not modelled", ifc.name)
		}
	case w[0] == "ip" && c.word(1) == "access-group":
		dir := c.word(3)
		if dir != "in" && dir != "out" {
			im.warnf(c, "interface %s: ip access-group %s has no direction in or out: ignored", ifc.name, c.word(2))
			return
		}
		ifc.accessGroup[dir] = c
	case w[0] == "ip" && c.word(1) == "inspect":
		im.inspect = append(im.inspect, ifc.name+" ("+c.text+")")
		im.stateful(c)
	case w[0] == "zone-member" && c.word(1) == "security":
		im.zoneMember = append(im.zoneMember, ifc.name+" (zone "+c.word(2)+")")
		im.stateful(c)
	case w[0] == "tunnel":
		im.tunnelCommand(ifc, c)
	case w[0] == "crypto" && c.word(1) == "map":
		ifc.cryptoMap = c.word(2)
	case (w[0] == "vrf" && c.word(1) == "forwarding") || (w[0] == "ip" && c.word(1) == "vrf" && c.word(2) == "forwarding"):
		ifc.vrf = w[len(w)-1]
		im.warnf(c, "interface %s is in VRF %s: VRFs are not modelled, the interface is taken as in the global table", ifc.name, ifc.vrf)
	case w[0] == "ip" && c.word(1) == "unnumbered":
		im.warnf(c, "interface %s: ip unnumbered %s: the borrowed address is not modelled", ifc.name, c.word(2))
	}
}

func (im *importer) ifaceAddress(ifc *ciscoIface, c line) {
	switch c.word(2) {
	case "dhcp", "negotiated", "pool":
		im.warnf(c, "interface %s: address from %s is not in the configuration", ifc.name, c.word(2))
		return
	}
	a, err1 := netip.ParseAddr(c.word(2))
	m, err2 := netip.ParseAddr(c.word(3))
	bits, ok := maskBits(m)
	if p, err := netip.ParsePrefix(c.word(2)); err == nil && p.Addr().Is4() {
		a, bits, ok, err1, err2 = p.Addr(), p.Bits(), true, nil, nil
	}
	if err1 != nil || err2 != nil || !ok || !a.Is4() {
		im.warnf(c, "interface %s: ip address %q is not ADDRESS MASK: ignored", ifc.name, strings.Join(c.words[2:], " "))
		return
	}
	p := netip.PrefixFrom(a, bits)
	if c.word(4) == "secondary" || c.word(3) == "secondary" {
		ifc.addresses = append(ifc.addresses, p)
		return
	}
	// A second primary replaces the first, as IOS does when the command is entered again.
	var secondaries []netip.Prefix
	if len(ifc.addresses) > 1 {
		secondaries = ifc.addresses[1:]
	}
	ifc.addresses = append([]netip.Prefix{p}, secondaries...)
}

func (im *importer) tunnelCommand(ifc *ciscoIface, c line) {
	switch c.word(1) {
	case "source":
		ifc.tunnel.source = c.word(2)
	case "destination":
		ifc.tunnel.destination = c.word(2)
	case "mode":
		ifc.tunnel.mode = strings.Join(c.words[2:], " ")
	case "protection":
		if c.word(2) == "ipsec" && c.word(3) == "profile" {
			ifc.tunnel.profile = c.word(4)
			ifc.tunnel.protection = c
		}
	case "vrf":
		im.warnf(c, "interface %s: tunnel vrf %s: the transport VRF is not modelled", ifc.name, c.word(2))
	}
}

// tunnelSourceIface is the interface a tunnel's source names, by name or by address.
func (im *importer) tunnelSourceIface(src string) *ciscoIface {
	if ifc := im.ifaceByKey[strings.ToLower(src)]; ifc != nil {
		return ifc
	}
	if a, err := netip.ParseAddr(src); err == nil {
		for _, ifc := range im.ifaces {
			for _, p := range ifc.addresses {
				if p.Addr() == a {
					return ifc
				}
			}
		}
	}
	return nil
}

// connectedIface is the interface whose network holds a.
func (im *importer) connectedIface(a netip.Addr) *ciscoIface {
	for _, ifc := range im.ifaces {
		for _, p := range ifc.addresses {
			if p.Masked().Contains(a) && !ifc.shutdown {
				return ifc
			}
		}
	}
	return nil
}

// wanIfaces are the internet-facing interfaces: NAT outside, tunnel sources, interfaces with
// a crypto map, and the interface of the default route.
func (im *importer) wanIfaces() map[*ciscoIface]bool {
	wan := map[*ciscoIface]bool{}
	for _, ifc := range im.ifaces {
		if ifc.natOutside || ifc.cryptoMap != "" {
			wan[ifc] = true
		}
		if ifc.tunnel.source != "" && ifc.tunnel.profile != "" {
			if src := im.tunnelSourceIface(ifc.tunnel.source); src != nil {
				wan[src] = true
			}
		}
	}
	for _, r := range im.defaults {
		if ifc := im.ifaceByKey[strings.ToLower(r.Interface)]; ifc != nil {
			wan[ifc] = true
		} else if a, err := netip.ParseAddr(r.GatewayAddress); err == nil {
			if ifc := im.connectedIface(a); ifc != nil {
				wan[ifc] = true
			}
		}
	}
	return wan
}

// finishInterfaces decides roles and writes the interfaces, WAN addresses and the default
// gateway.
func (im *importer) finishInterfaces() {
	wan := im.wanIfaces()
	for _, ifc := range im.ifaces {
		out := snapshot.Interface{
			Name: ifc.name, Description: ifc.description, Device: ifc.name, Enabled: !ifc.shutdown,
			Addresses: []string{}, Networks: []string{}, Location: im.location(ifc.head, "interface "+ifc.name),
		}
		for _, p := range ifc.addresses {
			out.Addresses = append(out.Addresses, p.String())
			out.Networks = append(out.Networks, p.Masked().String())
		}
		lower := strings.ToLower(ifc.name)
		parent, _, sub := strings.Cut(ifc.name, ".")
		switch {
		case strings.HasPrefix(lower, "loopback"):
			out.Role = "loopback"
		case strings.HasPrefix(lower, "tunnel") && ifc.tunnel.ipsecVTI() && ifc.tunnel.profile != "":
			out.Role = "vti"
		case wan[ifc]:
			out.Role = "wan"
		case ifc.vlan > 0 && sub:
			out.Role = "vlan"
		case len(ifc.addresses) > 0 && !strings.HasPrefix(lower, "tunnel") && !strings.HasPrefix(lower, "null"):
			out.Role = "lan"
		default:
			out.Role = "other"
		}
		if ifc.vlan > 0 && sub {
			out.VLANID, out.Parent = ifc.vlan, parent
		}
		if wan[ifc] && !ifc.shutdown {
			for _, p := range ifc.addresses {
				im.dev.WANAddresses = append(im.dev.WANAddresses, p.Addr().String())
			}
		}
		im.dev.Interfaces = append(im.dev.Interfaces, out)
	}
	// The first default route in the config is the gateway; others are kept as static routes.
	if len(im.defaults) > 0 {
		r := im.defaults[0]
		g := snapshot.Gateway{Name: "default", Address: r.GatewayAddress, Interface: r.Interface, Default: true}
		if a, err := netip.ParseAddr(r.GatewayAddress); err == nil && g.Interface == "" {
			if ifc := im.connectedIface(a); ifc != nil {
				g.Interface = ifc.name
			}
		}
		im.dev.Gateways = append(im.dev.Gateways, g)
	}
}
