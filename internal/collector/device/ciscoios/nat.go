package ciscoios

import (
	"net/netip"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// natRule reads `ip nat inside source ...`. A list or route-map selects what is translated:
// its deny entries are NAT exemptions, its permit entries translate (IOS evaluates the list in
// order, so a deny above a permit exempts that traffic). Static entries map one address (or
// port) to another. `ip nat outside source` and pools' address ranges are recorded as
// translations of kind other or by pool name.
func (im *importer) natRule(b *block, blocks []*block) {
	l := b.head
	switch {
	case l.word(2) == "pool" || l.word(2) == "translation" || l.word(2) == "log" || l.word(2) == "service":
		return
	case l.word(2) == "outside" && l.word(3) == "source":
		im.addNAT(snapshot.NATRule{Kind: "other", Protocol: "any", Source: snapshot.Endpoint{Any: true}, Destination: snapshot.Endpoint{Any: true},
			Description: "ip nat outside source (not modelled)", Location: im.location(l, "ip nat outside source")})
		im.warnf(l, "ip nat outside source: translation of outside addresses not modelled")
		return
	case l.word(2) != "inside" || l.word(3) != "source":
		return
	}
	w := l.words[4:]
	if len(w) == 0 {
		return
	}
	switch w[0] {
	case "static":
		im.staticNAT(l, w[1:])
	case "list", "route-map":
		im.dynamicNAT(l, w, blocks)
	default:
		im.warnf(l, "ip nat inside source %s: not modelled", w[0])
	}
}

func (im *importer) outsideIface() string {
	for _, ifc := range im.ifaces {
		if ifc.natOutside && !ifc.shutdown {
			return ifc.name
		}
	}
	return ""
}

func (im *importer) dynamicNAT(l line, w []string, blocks []*block) {
	kind, name := w[0], ""
	if len(w) > 1 {
		name = w[1]
	}
	translation, iface := "", im.outsideIface()
	for i := 2; i < len(w); i++ {
		switch w[i] {
		case "interface":
			if i+1 < len(w) {
				iface = w[i+1]
				translation = "interface-address"
			}
		case "pool":
			if i+1 < len(w) {
				translation = "pool " + w[i+1]
			}
		case "vrf":
			im.warnf(l, "ip nat inside source: VRF-aware NAT not modelled")
		}
	}
	var lists []string
	if kind == "list" {
		lists = []string{name}
	} else {
		lists = routeMapACLs(blocks, name)
		if len(lists) == 0 {
			im.warnf(l, "ip nat inside source route-map %s: no `match ip address` ACL found: not modelled", name)
			return
		}
	}
	for _, ln := range lists {
		a := im.acls[ln]
		if a == nil {
			im.warnf(l, "ip nat inside source %s %s: access list %s is not defined: nothing translated", kind, name, ln)
			continue
		}
		for i, e := range a.entries {
			if e.unreadable {
				continue // warned where it was read; what it selects is not known
			}
			r := snapshot.NATRule{
				Kind: "outbound", Interface: iface, NoNAT: e.action == "block", Protocol: e.protocol,
				Source: e.src, Destination: e.dst, Translation: translation,
				Description: "ip nat inside source " + kind + " " + name + " (" + ln + " entry " + itoa(i+1) + ")",
				Location:    im.location(e.l, "ip nat inside source "+kind+" "+name),
			}
			if r.NoNAT {
				r.Translation = ""
			}
			if len(e.unsupported) > 0 && !e.unreadable {
				im.warnf(e.l, "access list %s used by NAT: %s not modelled", ln, strings.Join(e.unsupported, ", "))
			}
			im.addNAT(r)
		}
	}
}

// routeMapACLs lists the ACLs a route-map's permit entries match (`match ip address A B`).
func routeMapACLs(blocks []*block, name string) []string {
	var out []string
	for _, b := range blocks {
		if b.word(0) != "route-map" || b.word(1) != name || b.word(2) == "deny" {
			continue
		}
		for _, c := range b.children {
			if c.word(0) == "match" && c.word(1) == "ip" && c.word(2) == "address" && c.word(3) != "prefix-list" {
				out = append(out, c.words[3:]...)
			}
		}
	}
	return out
}

// staticNAT reads `static [tcp|udp] LOCAL [LPORT] {GLOBAL | interface IF} [GPORT] ...`.
func (im *importer) staticNAT(l line, w []string) {
	proto := "any"
	if len(w) > 0 && (w[0] == "tcp" || w[0] == "udp") {
		proto, w = w[0], w[1:]
	}
	if len(w) == 0 {
		return
	}
	local, err := netip.ParseAddr(w[0])
	if err != nil || !local.Is4() {
		if w[0] == "network" {
			im.warnf(l, "ip nat inside source static network: not modelled")
		}
		return
	}
	r := snapshot.NATRule{Kind: "one-to-one", Protocol: proto, Source: snapshot.Endpoint{CIDRs: []string{netip.PrefixFrom(local, 32).String()}},
		Destination: snapshot.Endpoint{Any: true}, Interface: im.outsideIface(), Location: im.location(l, "ip nat inside source static")}
	rest := w[1:]
	if proto != "any" && len(rest) > 0 {
		rest = rest[1:] // the local port
	}
	if len(rest) > 0 && rest[0] == "interface" && len(rest) > 1 {
		r.Translation, r.Interface = "interface-address", rest[1]
	} else if len(rest) > 0 {
		r.Translation = rest[0]
	}
	if proto != "any" {
		// A static port mapping forwards one outside port inward: a port forward.
		r.Kind, r.Description = "port-forward", "ip nat inside source static "+proto
		r.Destination, r.Source = snapshot.Endpoint{Any: true}, snapshot.Endpoint{Any: true}
		r.Translation = local.String()
	}
	im.addNAT(r)
}

func (im *importer) addNAT(r snapshot.NATRule) {
	r.Index = len(im.dev.NAT.Rules)
	im.dev.NAT.Rules = append(im.dev.NAT.Rules, r)
}

func itoa(n int) string {
	const digits = "0123456789"
	if n < 10 {
		return digits[n : n+1]
	}
	return itoa(n/10) + digits[n%10:n%10+1]
}
