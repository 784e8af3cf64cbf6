package pfsense

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

func (im *importer) importStaticRoutes() []snapshot.StaticRoute {
	out := []snapshot.StaticRoute{}
	for i, e := range im.root.path("staticroutes").all("route") {
		if e.empty() {
			continue
		}
		path := itemPath("staticroutes/route", i)
		base := snapshot.StaticRoute{
			Gateway:     e.get("gateway"),
			Disabled:    e.flag("disabled"),
			Description: e.get("descr"),
			Location:    im.location(e, path),
		}
		if gw, ok := im.gateways[base.Gateway]; ok {
			base.GatewayAddress, base.Interface = gw.Address, gw.Interface
		} else if _, ok := parseIP(base.Gateway); ok {
			base.GatewayAddress = base.Gateway
		} else if base.Gateway != "" {
			im.warnf("%s: gateway %q is not defined in <gateways> (a gateway group or a dynamic gateway): address unknown", path, base.Gateway)
		}
		network := e.get("network")
		dests, ok := parseAddressEntry(network)
		if !ok {
			// pfSense accepts a host or network alias as the destination: one route per entry.
			a, d := im.aliases.lookup(network)
			switch {
			case a == nil:
				im.warnf("%s: destination %q is neither a network nor an alias: route skipped", path, network)
				continue
			case d.dynamic != "":
				im.warnf("%s: destination alias %q: %s: route skipped", path, network, d.dynamic)
				continue
			}
			dests = a.CIDRs
			if len(a.FQDNs) > 0 {
				im.warnf("%s: destination alias %q holds host names, resolved only at run time: not modelled", path, network)
			}
		}
		dests, v6 := splitFamilies(dests)
		if len(v6) > 0 {
			im.warnf("%s: IPv6 destinations not modelled: %s", path, strings.Join(v6, ", "))
		}
		for _, d := range dests {
			r := base
			r.Destination = d
			out = append(out, r)
		}
	}
	return out
}

// importBGP reads the FRR package: pfSense's <installedpackages><frrbgp>/<frrbgpneighbors>
// or OPNsense's <OPNsense><quagga><bgp>. It returns nil when neither is configured.
func (im *importer) importBGP() *snapshot.BGP {
	if b := im.root.path("OPNsense", "quagga", "bgp"); b != nil && !b.empty() {
		return im.opnsenseBGP(b)
	}
	pkgs := im.root.path("installedpackages")
	bgp := pkgs.path("frrbgp", "config")
	if bgp == nil {
		return nil
	}
	out := &snapshot.BGP{
		Enabled:   pkgs.path("frr", "config").flag("enable") && bgp.flag("enable"),
		RouterID:  bgp.get("routerid"),
		Neighbors: []snapshot.BGPNeighbor{},
		Networks:  []string{},
	}
	if out.RouterID == "" {
		out.RouterID = pkgs.path("frr", "config").get("routerid")
	}
	out.LocalASN = im.asn(bgp.get("asnum"), "installedpackages/frrbgp")
	for _, row := range bgp.all("row") {
		out.Networks = append(out.Networks, im.bgpNetwork(row.get("distributeroutevalue"), "installedpackages/frrbgp")...)
	}
	if pkgs.path("frrglobalraw", "config").get("bgpd") != "" {
		im.warnf("installedpackages/frrglobalraw: raw bgpd configuration replaces the GUI settings and is not modelled")
	}
	// Peer groups are named neighbors whose settings (remote AS) members inherit.
	groupASN := map[string]string{}
	neighbors := pkgs.path("frrbgpneighbors").all("config")
	for _, n := range neighbors {
		if _, err := netip.ParseAddr(n.get("peer")); err != nil {
			groupASN[n.get("peer")] = n.get("asnum")
		}
	}
	for i, n := range neighbors {
		peer := n.get("peer")
		if _, err := netip.ParseAddr(peer); err != nil {
			continue
		}
		asn := n.get("asnum")
		if asn == "" {
			asn = groupASN[n.get("peergroup")]
		}
		out.Neighbors = append(out.Neighbors, snapshot.BGPNeighbor{
			Address:     peer,
			RemoteASN:   im.asn(asn, itemPath("installedpackages/frrbgpneighbors/config", i)),
			Enabled:     out.Enabled && !n.flag("shutdown"),
			Description: n.get("descr"),
		})
	}
	return out
}

func (im *importer) opnsenseBGP(b *element) *snapshot.BGP {
	general := im.root.path("OPNsense", "quagga", "general")
	out := &snapshot.BGP{
		Enabled:   b.flag("enabled") && (general == nil || general.flag("enabled")),
		LocalASN:  im.asn(b.get("asnumber"), "OPNsense/quagga/bgp"),
		RouterID:  b.get("routerid"),
		Neighbors: []snapshot.BGPNeighbor{},
		Networks:  []string{},
	}
	for _, n := range splitList(b.get("networks")) {
		out.Networks = append(out.Networks, im.bgpNetwork(n, "OPNsense/quagga/bgp")...)
	}
	for i, n := range b.path("neighbors").all("neighbor") {
		if n.empty() {
			continue
		}
		out.Neighbors = append(out.Neighbors, snapshot.BGPNeighbor{
			Address:     n.get("address"),
			RemoteASN:   im.asn(n.get("remoteas"), itemPath("OPNsense/quagga/bgp/neighbors/neighbor", i)),
			Enabled:     out.Enabled && (!n.has("enabled") || n.flag("enabled")),
			Description: n.get("description"),
		})
	}
	return out
}

// bgpNetwork reads an advertised prefix; IPv6 prefixes are outside the model.
func (im *importer) bgpNetwork(n, path string) []string {
	if n == "" {
		return nil
	}
	cidrs, ok := parseAddressEntry(n)
	if !ok {
		im.warnf("%s: advertised network %q is not a network", path, n)
		return nil
	}
	v4, v6 := splitFamilies(cidrs)
	if len(v6) > 0 {
		im.warnf("%s: IPv6 network %s not modelled", path, n)
	}
	return v4
}

func (im *importer) asn(s, path string) int64 {
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 1 || n > 4294967295 {
		im.warnf("%s: AS number %q is not 1-4294967295", path, s)
		return 0
	}
	return n
}
