package linux

import (
	"maps"
	"net/netip"
	"slices"
	"sort"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// bgp maps FRR's `router bgp` to the model: neighbours (peer-group settings inherited), the
// networks the device advertises (network statements, and redistributed static, kernel and
// connected routes, each through its route-map), and per neighbour what an outbound route-map
// or prefix-list lets through.
func (im *importer) bgp(cfg *frrConfig) {
	b := cfg.bgp
	if b == nil {
		return
	}
	out := &snapshot.BGP{Enabled: true, LocalASN: b.asn, RouterID: b.routerID, Neighbors: []snapshot.BGPNeighbor{}, Networks: []string{}}
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out.Networks = append(out.Networks, p)
		}
	}
	for _, n := range b.networks {
		add(n)
	}
	for _, proto := range slices.Sorted(maps.Keys(b.redistribute)) {
		rm := b.redistribute[proto]
		for _, p := range im.redistributed(cfg, proto) {
			if rm != "" {
				ok, err := cfg.routeMapVerdict(rm, netip.MustParsePrefix(p))
				if err != nil {
					im.warnf("%s: redistribute %s route-map %s: %v: %s taken as advertised", locString(b.loc), proto, rm, err, p)
				} else if !ok {
					continue
				}
			}
			add(p)
		}
	}
	for _, name := range b.order {
		nb := b.neighbors[name]
		if nb.isGroup {
			continue
		}
		if n, ok := im.neighbor(cfg, b, nb, out.Networks); ok {
			out.Neighbors = append(out.Neighbors, n)
		}
	}
	im.dev.BGP = out
}

// redistributed lists the IPv4 prefixes a `redistribute PROTO` statement brings in.
func (im *importer) redistributed(cfg *frrConfig, proto string) []string {
	var out []string
	switch proto {
	case "static":
		for _, r := range cfg.statics {
			out = append(out, r.Destination)
		}
	case "kernel":
		for _, r := range im.dev.StaticRoutes {
			if r.Description == "" && r.Destination != "0.0.0.0/0" {
				out = append(out, r.Destination)
			}
		}
	case "connected":
		for _, ifc := range im.dev.Interfaces {
			if ifc.Role == "loopback" {
				continue
			}
			out = append(out, ifc.Networks...)
		}
	default:
		im.warnf("%s: redistribute %s: not modelled", locString(cfg.bgp.loc), proto)
	}
	sort.Strings(out)
	return out
}

func (im *importer) neighbor(cfg *frrConfig, b *frrBGP, nb *frrNeighbor, networks []string) (snapshot.BGPNeighbor, bool) {
	// Settings the neighbour lacks come from its peer group.
	if g := b.neighbors[nb.peerGroup]; nb.peerGroup != "" && g != nil {
		merged := *g
		merged.name, merged.loc, merged.isGroup = nb.name, nb.loc, false
		if nb.remoteAS != "" {
			merged.remoteAS = nb.remoteAS
		}
		if nb.description != "" {
			merged.description = nb.description
		}
		if nb.routeMapOut != "" {
			merged.routeMapOut = nb.routeMapOut
		}
		if nb.prefixListOut != "" {
			merged.prefixListOut = nb.prefixListOut
		}
		if nb.activate != nil {
			merged.activate = nb.activate
		}
		merged.shutdown = merged.shutdown || nb.shutdown
		merged.unmodelled = append(append([]string{}, g.unmodelled...), nb.unmodelled...)
		nb = &merged
	}
	if _, err := netip.ParseAddr(nb.name); err != nil {
		im.warnf("%s: neighbor %q is not an IP address (an interface or an unfilled template?): not modelled", locString(nb.loc), nb.name)
		return snapshot.BGPNeighbor{}, false
	}
	n := snapshot.BGPNeighbor{Address: nb.name, Description: nb.description, Enabled: !nb.shutdown, Location: nb.loc}
	switch nb.remoteAS {
	case "internal":
		n.RemoteASN = b.asn
	case "external", "":
		im.warnf("%s: neighbor %s: remote-as %q: the AS number is not in the config", locString(nb.loc), nb.name, nb.remoteAS)
	default:
		asn, err := parseASN(nb.remoteAS)
		if err != nil {
			im.warnf("%s: neighbor %s: remote-as %q is not a number (an unfilled template?)", locString(nb.loc), nb.name, nb.remoteAS)
		}
		n.RemoteASN = asn
	}
	// IPv4 unicast is on by default unless `no bgp default ipv4-unicast`; `activate` turns it on.
	if nb.activate != nil && !*nb.activate || nb.activate == nil && b.noDefaultIPv4 {
		n.Enabled = false
	}
	im.exportFilter(cfg, nb, &n, networks)
	return n, true
}

// exportFilter works out what an outbound route-map and/or prefix-list lets through to the
// neighbour; both must permit a prefix.
func (im *importer) exportFilter(cfg *frrConfig, nb *frrNeighbor, n *snapshot.BGPNeighbor, networks []string) {
	if len(nb.unmodelled) > 0 {
		n.ExportFilter = strings.Join(nb.unmodelled, ", ")
		n.AdvertisedUnknown = strings.Join(nb.unmodelled, ", ") + " not modelled"
		im.warnf("%s: neighbor %s: what it is sent is unknown: %s", locString(nb.loc), nb.name, n.AdvertisedUnknown)
		return
	}
	if nb.routeMapOut == "" && nb.prefixListOut == "" {
		return
	}
	switch {
	case nb.routeMapOut != "" && nb.prefixListOut != "":
		n.ExportFilter = "route-map " + nb.routeMapOut + ", prefix-list " + nb.prefixListOut
	case nb.routeMapOut != "":
		n.ExportFilter = "route-map " + nb.routeMapOut
	default:
		n.ExportFilter = "prefix-list " + nb.prefixListOut
	}
	var adv []string
	for _, p := range networks {
		pfx := netip.MustParsePrefix(p)
		ok := true
		if nb.prefixListOut != "" {
			v, err := cfg.prefixListVerdict(nb.prefixListOut, pfx)
			if err != nil {
				n.AdvertisedUnknown = err.Error()
				return
			}
			ok = v
		}
		if ok && nb.routeMapOut != "" {
			v, err := cfg.routeMapVerdict(nb.routeMapOut, pfx)
			if err != nil {
				n.AdvertisedUnknown = err.Error()
				im.warnf("%s: neighbor %s: what it is sent is unknown: %v", locString(nb.loc), nb.name, err)
				return
			}
			ok = v
		}
		if ok {
			adv = append(adv, p)
		}
	}
	n.Advertised = adv
}
