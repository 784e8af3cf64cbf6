package ciscoios

import (
	"fmt"
	"net/netip"
	"sort"
	"strconv"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// buildIPsec turns protected tunnel interfaces (route-based: phase 2 mode vti) and the entries
// of crypto maps (policy-based: the match address ACL is the traffic selector) into phase 1 and
// phase 2 entries, one phase 1 per tunnel or map entry.
func (im *importer) buildIPsec() {
	for _, ifc := range im.ifaces {
		if ifc.tunnel.profile == "" {
			continue
		}
		im.tunnelIPsec(ifc)
	}
	applied := map[string]bool{}
	for _, ifc := range im.ifaces {
		if ifc.cryptoMap != "" && !ifc.shutdown {
			applied[ifc.cryptoMap] = true
		}
	}
	names := make([]string, 0, len(im.crypto.maps))
	for n := range im.crypto.maps {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		entries := im.crypto.maps[n]
		sort.SliceStable(entries, func(i, j int) bool { return entries[i].seq < entries[j].seq })
		for _, e := range entries {
			im.mapEntryIPsec(e, !applied[n])
		}
	}
}

func (im *importer) tunnelIPsec(ifc *ciscoIface) {
	l := ifc.tunnel.protection
	prof := im.crypto.ipsecProfiles[ifc.tunnel.profile]
	if prof == nil {
		im.warnf(l, "interface %s: ipsec profile %s is not defined: tunnel not modelled", ifc.name, ifc.tunnel.profile)
		return
	}
	peer, err := netip.ParseAddr(ifc.tunnel.destination)
	if err != nil || !peer.Is4() {
		im.warnf(l, "interface %s: tunnel destination %q is not an IPv4 address: tunnel not modelled", ifc.name, ifc.tunnel.destination)
		return
	}
	source := ""
	if src := im.tunnelSourceIface(ifc.tunnel.source); src != nil {
		source = src.name
	}
	p1 := im.phase1(ifc.name, peer, prof, source, ifc.shutdown, l)
	p1.Description = ifc.description
	p2 := im.phase2(ifc.name, prof, l)
	p2.Disabled = ifc.shutdown
	p2.Description = ifc.description
	if ifc.tunnel.ipsecVTI() {
		p2.Mode = "vti"
		if len(ifc.addresses) > 0 {
			p2.LocalAddress = ifc.addresses[0].String()
			if remote, ok := otherEnd(ifc.addresses[0]); ok {
				p2.RemoteAddress = remote.String()
			}
		}
	} else {
		// GRE (or another carrier) protected by IPsec: the SA carries the tunnel's own packets
		// between its endpoints, not the traffic routed into it.
		p2.Mode = "transport"
		im.warnf(l, "interface %s: tunnel mode %s with IPsec protection: modelled as a transport-mode phase 2 of the tunnel packets", ifc.name, ifc.tunnel.mode)
	}
	im.dev.IPsec.Phase1 = append(im.dev.IPsec.Phase1, p1)
	im.dev.IPsec.Phase2 = append(im.dev.IPsec.Phase2, p2)
}

// otherEnd is the other usable address of a /30 or /31 point-to-point network (AWS tunnel
// inside networks are /30: the customer gateway has one host address, AWS the other).
func otherEnd(p netip.Prefix) (netip.Prefix, bool) {
	base := p.Masked().Addr().As4()
	own := p.Addr().As4()
	switch p.Bits() {
	case 30:
		other := base
		if own[3]-base[3] == 1 {
			other[3] = base[3] + 2
		} else {
			other[3] = base[3] + 1
		}
		return netip.PrefixFrom(netip.AddrFrom4(other), 30), true
	case 31:
		other := base
		if own == base {
			other[3]++
		}
		return netip.PrefixFrom(netip.AddrFrom4(other), 31), true
	}
	return netip.Prefix{}, false
}

func (im *importer) mapEntryIPsec(e *mapEntry, unapplied bool) {
	id := fmt.Sprintf("crypto map %s %d", e.name, e.seq)
	if e.dynamic == "gdoi" || e.dynamic == "ipsec-manual" {
		return
	}
	if e.dynamic != "" {
		im.warnf(e.l, "%s: dynamic map %s accepts peers that are not in the configuration: not modelled", id, e.dynamic)
		return
	}
	if len(e.peers) == 0 {
		im.warnf(e.l, "%s: no set peer: not modelled", id)
		return
	}
	peer, err := netip.ParseAddr(e.peers[0])
	if err != nil || !peer.Is4() {
		im.warnf(e.l, "%s: peer %q is not an IPv4 address: not modelled", id, e.peers[0])
		return
	}
	if len(e.peers) > 1 {
		im.warnf(e.l, "%s: backup peers %s are not modelled (the first, %s, is)", id, strings.Join(e.peers[1:], ", "), e.peers[0])
	}
	source := ""
	for _, ifc := range im.ifaces {
		if ifc.cryptoMap == e.name && !ifc.shutdown {
			source = ifc.name
			break
		}
	}
	p1 := im.phase1(id, peer, &e.profile, source, unapplied, e.l)
	p2 := im.phase2(id, &e.profile, e.l)
	p2.Disabled = unapplied
	p2.Mode = "tunnel"
	if unapplied {
		im.warnf(e.l, "%s: the map is applied to no enabled interface: taken as disabled", id)
	}
	a := im.acls[e.acl]
	switch {
	case e.acl == "":
		im.warnf(e.l, "%s: no match address: the traffic selectors are unknown", id)
	case a == nil:
		im.warnf(e.l, "%s: match address %s is not defined: the traffic selectors are unknown", id, e.acl)
	default:
		for _, ace := range a.entries {
			if ace.unreadable {
				continue // warned where it was read
			}
			if ace.action != "pass" {
				im.warnf(ace.l, "%s: deny entries of %s exclude traffic from the selectors: not modelled", id, e.acl)
				continue
			}
			if ace.protocol != "any" || len(ace.src.Ports)+len(ace.dst.Ports) > 0 {
				im.warnf(ace.l, "%s: the selector of %s is narrowed to protocol %s or ports: modelled as all traffic between the networks", id, e.acl, ace.protocol)
			}
			p2.LocalNetworks = append(p2.LocalNetworks, selectorCIDRs(ace.src)...)
			p2.RemoteNetworks = append(p2.RemoteNetworks, selectorCIDRs(ace.dst)...)
		}
	}
	im.dev.IPsec.Phase1 = append(im.dev.IPsec.Phase1, p1)
	im.dev.IPsec.Phase2 = append(im.dev.IPsec.Phase2, p2)
}

func selectorCIDRs(ep snapshot.Endpoint) []string {
	if ep.Any {
		return []string{"0.0.0.0/0"}
	}
	return ep.CIDRs
}

// phase1 builds the IKE side for a peer: IKEv2 when the profile names an IKEv2 profile, else
// IKEv1 with every isakmp policy (IOS offers them all, by priority).
func (im *importer) phase1(id string, peer netip.Addr, prof *ipsecProfile, source string, disabled bool, l line) snapshot.IPsecPhase1 {
	p := snapshot.IPsecPhase1{
		ID: id, Disabled: disabled, Interface: source, RemoteGateway: peer.String(),
		Proposals: []snapshot.IPsecProposal{}, Location: im.location(l, id),
	}
	if prof.ikev2Profile != "" {
		im.ikev2Phase1(&p, peer, prof.ikev2Profile, l)
		return p
	}
	c := im.crypto
	p.IKEVersion, p.AuthMethod, p.LifetimeSeconds = "ikev1", "rsasig", 0
	seen := map[snapshot.IPsecProposal]bool{}
	for _, pol := range c.isakmpPolicies {
		if !seen[pol.proposal] {
			// Two policies with the same algorithms are one proposal to the peer.
			seen[pol.proposal] = true
			p.Proposals = append(p.Proposals, pol.proposal)
		}
		p.LifetimeSeconds = max(p.LifetimeSeconds, pol.lifetime)
		if pol.auth == "pre_shared_key" {
			p.AuthMethod = "pre_shared_key"
		}
	}
	if len(c.isakmpPolicies) == 0 {
		p.LifetimeSeconds = defaultIKELifetime
		im.warnf(l, "%s: no crypto isakmp policy: the release's default policies are not modelled", id)
	}
	profName := prof.isakmpProfile
	if profName == "" {
		profName = matchingProfile(c.isakmpProfiles, peer)
	}
	var keyrings []string
	if ip := c.isakmpProfiles[profName]; ip != nil {
		keyrings = ip.keyrings
		if ip.dpd > 0 {
			p.DPDEnabled, p.DPDDelaySeconds = true, ip.dpd
		}
	} else {
		for n := range c.keyrings {
			keyrings = append(keyrings, n)
		}
		sort.Strings(keyrings)
	}
	if !p.DPDEnabled && c.keepalive[0] > 0 {
		p.DPDEnabled, p.DPDDelaySeconds = true, c.keepalive[0]
	}
	p.PSKFingerprint = bestKey(c.keyrings, append(keyrings, ""), peer)
	if p.AuthMethod == "pre_shared_key" && p.PSKFingerprint == "" {
		im.warnf(l, "%s: no pre-shared key for peer %s in keyrings %s or crypto isakmp key", id, peer, strings.Join(keyrings, ", "))
	}
	return p
}

func (im *importer) ikev2Phase1(p *snapshot.IPsecPhase1, peer netip.Addr, name string, l line) {
	c := im.crypto
	p.IKEVersion, p.AuthMethod, p.LifetimeSeconds = "ikev2", "pre_shared_key", defaultIKELifetime
	for _, names := range c.ikev2Policies {
		for _, n := range names {
			props, ok := c.ikev2Proposals[n]
			if !ok {
				im.warnf(c.ikev2PolicyLine, "crypto ikev2 policy: proposal %s is not defined", n)
			}
			p.Proposals = append(p.Proposals, props...)
		}
	}
	if len(c.ikev2Policies) == 0 {
		im.warnf(l, "%s: no crypto ikev2 policy: the release's default IKEv2 proposal is not modelled", p.ID)
	}
	prof := c.ikev2Profiles[name]
	if prof == nil {
		im.warnf(l, "%s: ikev2 profile %s is not defined", p.ID, name)
		return
	}
	p.LifetimeSeconds = prof.lifetime
	if prof.auth != "" && prof.auth != "pre-share" {
		p.AuthMethod = "rsasig"
	}
	if prof.dpd > 0 {
		p.DPDEnabled, p.DPDDelaySeconds = true, prof.dpd
	}
	p.PSKFingerprint = prof.remoteFP
	if p.PSKFingerprint == "" && prof.keyring != "" {
		p.PSKFingerprint = bestKey(c.ikev2Keyrings, []string{prof.keyring}, peer)
	}
	if p.AuthMethod == "pre_shared_key" && p.PSKFingerprint == "" {
		im.warnf(l, "%s: ikev2 profile %s has no pre-shared key for peer %s", p.ID, name, peer)
	}
}

// matchingProfile is the isakmp profile whose `match identity address` holds the peer.
func matchingProfile(profiles map[string]*isakmpProfile, peer netip.Addr) string {
	best, bits := "", -1
	for name, p := range profiles {
		for _, m := range p.match {
			if m.Contains(peer) && (m.Bits() > bits || m.Bits() == bits && name < best) {
				best, bits = name, m.Bits()
			}
		}
	}
	return best
}

// bestKey is the fingerprint of the most specific key for peer among the keyrings.
func bestKey(keyrings map[string][]pskEntry, names []string, peer netip.Addr) string {
	fp, bits := "", -1
	for _, n := range names {
		for _, e := range keyrings[n] {
			if e.peer.Contains(peer) && e.peer.Bits() > bits {
				fp, bits = e.fp, e.peer.Bits()
			}
		}
	}
	return fp
}

func (im *importer) phase2(id string, prof *ipsecProfile, l line) snapshot.IPsecPhase2 {
	p := snapshot.IPsecPhase2{
		ID: id, Phase1ID: id, Protocol: "esp", LocalNetworks: []string{}, RemoteNetworks: []string{},
		Proposals: []snapshot.IPsecProposal{}, PFSGroup: prof.pfs, LifetimeSeconds: prof.lifetime, Location: im.location(l, id),
	}
	if p.LifetimeSeconds <= 0 {
		p.LifetimeSeconds = im.crypto.globalLifetime
	}
	sets := prof.sets
	if len(sets) == 0 {
		im.warnf(l, "%s: no transform set: the release's default transform sets are not modelled", id)
	}
	for _, s := range sets {
		ts, ok := im.crypto.transformSets[s]
		if !ok {
			im.warnf(l, "%s: transform-set %s is not defined", id, s)
			continue
		}
		p.Proposals = append(p.Proposals, ts.proposals...)
		p.Protocol = ts.protocol
	}
	return p
}

// type7Key is the fixed key of IOS's reversible "type 7" password encoding.
const type7Key = "dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87"

// decodeType7 reverses a type 7 string (two decimal digits of offset, then hex bytes XORed
// with type7Key), so that a type 7 pre-shared key can be fingerprinted like a plain one.
func decodeType7(s string) (string, bool) {
	if len(s) < 4 || len(s)%2 != 0 {
		return "", false
	}
	seed, err := strconv.Atoi(s[:2])
	if err != nil || seed < 0 || seed >= len(type7Key) {
		return "", false
	}
	out := make([]byte, 0, (len(s)-2)/2)
	for i := 2; i < len(s); i += 2 {
		b, err := strconv.ParseUint(s[i:i+2], 16, 8)
		if err != nil {
			return "", false
		}
		out = append(out, byte(b)^type7Key[(seed+len(out))%len(type7Key)])
	}
	return string(out), true
}
