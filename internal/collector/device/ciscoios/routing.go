package ciscoios

import (
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// staticRoute reads `ip route PREFIX MASK {NEXTHOP | INTERFACE [NEXTHOP]} [DISTANCE] [name N] ...`.
func (im *importer) staticRoute(l line) {
	w := l.words[2:]
	if len(w) > 0 && w[0] == "vrf" {
		im.warnf(l, "ip route vrf %s: VRF routes are not modelled", l.word(3))
		return
	}
	if len(w) > 0 && w[0] == "static" {
		return // `ip route static bfd ...` configures BFD, not a route
	}
	if len(w) < 3 {
		im.warnf(l, "ip route: want PREFIX MASK NEXT-HOP: ignored")
		return
	}
	a, err1 := netip.ParseAddr(w[0])
	m, err2 := netip.ParseAddr(w[1])
	bits, ok := maskBits(m)
	if err1 != nil || err2 != nil || !ok || !a.Is4() {
		im.warnf(l, "ip route %s %s: not an IPv4 prefix and mask: ignored", w[0], w[1])
		return
	}
	r := snapshot.StaticRoute{Destination: netip.PrefixFrom(a, bits).Masked().String(), Location: im.location(l, "ip route")}
	rest := w[2:]
	if gw, err := netip.ParseAddr(rest[0]); err == nil {
		r.GatewayAddress = gw.String()
		rest = rest[1:]
	} else {
		r.Interface = rest[0]
		rest = rest[1:]
		if len(rest) > 0 {
			if gw, err := netip.ParseAddr(rest[0]); err == nil {
				r.GatewayAddress = gw.String()
				rest = rest[1:]
			}
		}
		if !strings.HasPrefix(strings.ToLower(r.Interface), "null") && im.ifaceByKey[strings.ToLower(r.Interface)] == nil {
			im.warnf(l, "ip route %s: interface %s is not configured", r.Destination, r.Interface)
		}
	}
	for i := 0; i < len(rest); i++ {
		switch rest[i] {
		case "name":
			if i+1 < len(rest) {
				r.Description = rest[i+1]
				i++
			}
		case "track":
			im.warnf(l, "ip route %s: tracked (object %s): taken as installed", r.Destination, strings.Join(rest[i+1:], " "))
			i++
		}
	}
	if strings.HasPrefix(strings.ToLower(r.Interface), "null") {
		r.Description = strings.TrimSpace(r.Description + " (discard)")
	}
	if r.Destination == "0.0.0.0/0" {
		// The default route is the device's default gateway, as other importers record it:
		// as a static route it would cover every prefix a check asks about.
		im.defaults = append(im.defaults, r)
		return
	}
	im.dev.StaticRoutes = append(im.dev.StaticRoutes, r)
}

// bgp reads `router bgp ASN`: neighbours (direct or through a peer group), their activation
// for IPv4 unicast, network statements and redistribution of static and connected routes.
func (im *importer) bgp(b *block) {
	asn, err := strconv.ParseInt(b.word(2), 10, 64)
	if err != nil || asn <= 0 {
		im.warnf(b.head, "router bgp %q: not an AS number: ignored", b.word(2))
		return
	}
	if im.dev.BGP != nil {
		im.warnf(b.head, "a second router bgp: ignored")
		return
	}
	out := &snapshot.BGP{Enabled: true, LocalASN: asn, Neighbors: []snapshot.BGPNeighbor{}, Networks: []string{}}
	nb := &bgpNeighbors{byID: map[string]*bgpNeighbor{}, groups: map[string]bool{}, defaultIPv4: true}
	af := "ipv4"
	var redistribute []line
	var aggregates []string
	for _, c := range b.children {
		switch {
		case c.word(0) == "address-family":
			af = strings.Join(c.words[1:], " ")
			if strings.Contains(af, "vrf") {
				im.warnf(c, "router bgp: address-family %s: VRF BGP is not modelled", af)
			}
			continue
		case c.word(0) == "exit-address-family":
			af = "ipv4"
			continue
		}
		inIPv4 := af == "ipv4" || af == "ipv4 unicast"
		switch {
		case c.word(0) == "bgp" && c.word(1) == "router-id":
			out.RouterID = c.word(2)
		case c.word(0) == "network" && inIPv4:
			if p, ok := networkStatement(c); ok {
				out.Networks = append(out.Networks, p)
			} else {
				im.warnf(c, "router bgp: network %s: not an IPv4 prefix", strings.Join(c.words[1:], " "))
			}
		case c.word(0) == "aggregate-address" && inIPv4:
			// IOS advertises an aggregate while a more specific prefix is in the BGP table;
			// the components are taken to be the network statements it covers.
			if p, ok := networkStatement(line{words: []string{"network", c.word(1), "mask", c.word(2)}}); ok {
				aggregates = append(aggregates, p)
			} else {
				im.warnf(c, "router bgp: aggregate-address %s: not an IPv4 prefix and mask", strings.Join(c.words[1:], " "))
			}
		case c.word(0) == "redistribute" && inIPv4:
			redistribute = append(redistribute, c)
		default:
			im.neighborCommand(nb, c, inIPv4)
		}
	}
	out.Neighbors = nb.list()
	out.Networks = append(out.Networks, im.redistributed(redistribute)...)
	for _, a := range aggregates {
		if covered(a, out.Networks) {
			out.Networks = append(out.Networks, a)
		} else {
			im.warnf(b.head, "router bgp: aggregate-address %s covers no advertised prefix, so IOS does not advertise it", a)
		}
	}
	slices.Sort(out.Networks)
	out.Networks = slices.Compact(out.Networks)
	im.dev.BGP = out
}

// bgpNeighbor is a neighbour (or peer group) as configured, in the order first named.
type bgpNeighbor struct {
	remoteAS   int64
	group      string
	desc       string
	shutdown   bool
	activated  bool
	deactivate bool
}

type bgpNeighbors struct {
	byID        map[string]*bgpNeighbor
	order       []string
	groups      map[string]bool
	defaultIPv4 bool // false after `no bgp default ipv4-unicast`: neighbours need activate
}

func (nb *bgpNeighbors) get(id string) *bgpNeighbor {
	if n := nb.byID[id]; n != nil {
		return n
	}
	n := &bgpNeighbor{}
	nb.byID[id] = n
	nb.order = append(nb.order, id)
	return n
}

// neighborCommand reads the neighbour lines: remote-as, peer-group (definition and
// membership), description, shutdown, (no) activate in the IPv4 address family.
func (im *importer) neighborCommand(nb *bgpNeighbors, c line, inIPv4 bool) {
	switch {
	case c.text == "no bgp default ipv4-unicast":
		nb.defaultIPv4 = false
	case strings.HasPrefix(c.text, "no neighbor ") && c.word(3) == "activate" && inIPv4:
		nb.get(c.word(2)).deactivate = true
	case c.word(0) == "neighbor" && len(c.words) >= 3:
		id := c.word(1)
		switch c.word(2) {
		case "peer-group":
			if len(c.words) == 3 {
				nb.groups[id] = true
				nb.get(id)
			} else {
				nb.get(id).group = c.word(3)
			}
		case "remote-as":
			n, err := strconv.ParseInt(c.word(3), 10, 64)
			if err != nil {
				im.warnf(c, "router bgp: neighbor %s remote-as %q is not an AS number", id, c.word(3))
				return
			}
			nb.get(id).remoteAS = n
		case "description":
			nb.get(id).desc = strings.Join(c.words[3:], " ")
		case "shutdown":
			nb.get(id).shutdown = true
		case "activate":
			if inIPv4 {
				nb.get(id).activated = true
			}
		}
	}
}

// list resolves peer groups: a neighbour takes its group's remote-as and activation, and is
// enabled when not shut down, active for IPv4 and with a remote AS.
func (nb *bgpNeighbors) list() []snapshot.BGPNeighbor {
	out := []snapshot.BGPNeighbor{}
	for _, id := range nb.order {
		if nb.groups[id] {
			continue
		}
		if _, err := netip.ParseAddr(id); err != nil {
			continue
		}
		n := nb.byID[id]
		g := nb.byID[n.group]
		remote := n.remoteAS
		if remote == 0 && g != nil {
			remote = g.remoteAS
		}
		active := n.activated || (g != nil && g.activated) || (nb.defaultIPv4 && !n.deactivate)
		out = append(out, snapshot.BGPNeighbor{Address: id, RemoteASN: remote, Enabled: !n.shutdown && active && remote > 0, Description: n.desc})
	}
	return out
}

// networkStatement reads `network A [mask M]`; without a mask IOS takes the classful network.
func networkStatement(c line) (string, bool) {
	a, err := netip.ParseAddr(c.word(1))
	if err != nil || !a.Is4() {
		return "", false
	}
	bits := 0
	if c.word(2) == "mask" {
		m, err := netip.ParseAddr(c.word(3))
		b, ok := maskBits(m)
		if err != nil || !ok {
			return "", false
		}
		bits = b
	} else {
		switch first := a.As4()[0]; {
		case first < 128:
			bits = 8
		case first < 192:
			bits = 16
		default:
			bits = 24
		}
	}
	return netip.PrefixFrom(a, bits).Masked().String(), true
}

// redistributed resolves `redistribute static|connected` to prefixes; a route-map filter is
// not modelled, so the prefixes are those before it (with a warning).
func (im *importer) redistributed(lines []line) []string {
	var out []string
	for _, c := range lines {
		if slices.Contains(c.words, "route-map") {
			im.warnf(c, "router bgp: %s: the route-map is not modelled, every %s route is taken as advertised", c.text, c.word(1))
		}
		switch c.word(1) {
		case "static":
			for _, r := range im.dev.StaticRoutes {
				out = append(out, r.Destination)
			}
		case "connected":
			for _, ifc := range im.ifaces {
				if ifc.shutdown {
					continue
				}
				for _, p := range ifc.addresses {
					out = append(out, p.Masked().String())
				}
			}
		default:
			im.warnf(c, "router bgp: %s: routes from %s are not modelled", c.text, c.word(1))
		}
	}
	return out
}

// covered: some prefix of nets lies inside aggregate (and is more specific).
func covered(aggregate string, nets []string) bool {
	agg, err := netip.ParsePrefix(aggregate)
	if err != nil {
		return false
	}
	for _, n := range nets {
		if p, err := netip.ParsePrefix(n); err == nil && p.Bits() > agg.Bits() && agg.Contains(p.Addr()) {
			return true
		}
	}
	return false
}
