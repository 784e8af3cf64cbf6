package linux

import (
	"net/netip"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// conn is one IKE connection as any of the three IPsec configs describe it, before it is
// mapped to the model: swanctl connections, strongSwan ipsec.conf and Libreswan ipsec.conf
// conns all become this.
type conn struct {
	name      string
	loc       *snapshot.Location
	disabled  bool
	localAddr string
	remote    string
	// localIDs and remoteIDs are the identities a secret may be selected by: the IKE IDs and
	// the addresses.
	localIDs, remoteIDs []string
	ikeVersion          string
	auth                string
	proposals           []snapshot.IPsecProposal
	lifetime            int
	dpdDelay            int
	dpdMaxFail          int
	children            []child
}

// child is one CHILD_SA (phase 2) of a connection.
type child struct {
	name      string
	loc       *snapshot.Location
	localTS   []string
	remoteTS  []string
	transport bool
	proposals []snapshot.IPsecProposal
	pfs       int
	lifetime  int
	protocol  string
	// A route-based child: the mark or XFRM interface ID binding it to its VTI/XFRM interface,
	// the interface name where the config names it, and the inside addresses where it gives them.
	mark      string
	ifName    string
	localVTI  string
	remoteVTI string
}

func (c *child) routeBased() bool { return c.mark != "" || c.ifName != "" }

// secret is a pre-shared key with the identities it is selected by. The key itself lives only
// until the fingerprint is taken.
type secret struct {
	ids []string
	key string
}

// pickSecret chooses the PSK for a connection as the daemons do, simplified: a secret naming
// both the remote and the local identity beats one naming the remote, which beats one naming
// only the local identity, which beats one naming none (a wildcard); among equals the first
// wins. A secret naming identities of which none is the connection's is not a candidate.
func pickSecret(secrets []secret, c *conn) (string, bool) {
	best, bestScore := "", -1
	for _, s := range secrets {
		score := 0
		if len(s.ids) > 0 {
			l, r := anyIn(s.ids, c.localIDs), anyIn(s.ids, c.remoteIDs)
			if !l && !r {
				continue
			}
			if r {
				score += 2
			}
			if l {
				score++
			}
		}
		if score > bestScore {
			best, bestScore = s.key, score
		}
	}
	return best, bestScore >= 0
}

func anyIn(ids, names []string) bool {
	for _, id := range ids {
		id = strings.TrimPrefix(id, "@")
		if id == "%any" || id == "%any6" || id == "0.0.0.0" {
			return true
		}
		for _, n := range names {
			if strings.TrimPrefix(n, "@") == id {
				return true
			}
		}
	}
	return false
}

// toModel maps the connections to phase 1 and phase 2 entries. ifaces are the interfaces read
// from `ip -j addr show`, to resolve route-based children to their VTI/XFRM interface.
func (im *importer) toModel(conns []*conn, secrets []secret) snapshot.IPsec {
	out := snapshot.IPsec{Phase1: []snapshot.IPsecPhase1{}, Phase2: []snapshot.IPsecPhase2{}}
	for _, c := range conns {
		p1 := snapshot.IPsecPhase1{
			ID: c.name, Disabled: c.disabled, RemoteGateway: c.remote, IKEVersion: c.ikeVersion,
			AuthMethod: c.auth, Proposals: c.proposals, LifetimeSeconds: c.lifetime,
			DPDEnabled: c.dpdDelay > 0, DPDDelaySeconds: c.dpdDelay, DPDMaxFailures: c.dpdMaxFail,
			Location: c.loc, Interface: im.interfaceOf(c.localAddr),
		}
		if p1.Proposals == nil {
			p1.Proposals = []snapshot.IPsecProposal{}
		}
		if c.auth == "pre_shared_key" {
			key, ok := pickSecret(secrets, c)
			if ok {
				// The key is read only to be replaced by its keyed fingerprint; it is never kept.
				p1.PSKFingerprint = snapshot.PSKFingerprint(im.salt, key)
			} else if im.sawSecrets {
				im.warnf("%s: connection %q authenticates with a PSK but no secret matches its identities", locString(c.loc), c.name)
			}
		}
		out.Phase1 = append(out.Phase1, p1)
		for _, ch := range c.children {
			out.Phase2 = append(out.Phase2, im.phase2(c, ch))
		}
	}
	return out
}

func (im *importer) phase2(c *conn, ch child) snapshot.IPsecPhase2 {
	p := snapshot.IPsecPhase2{
		ID: c.name + "/" + ch.name, Phase1ID: c.name, Disabled: c.disabled, Mode: "tunnel",
		LocalNetworks: []string{}, RemoteNetworks: []string{}, Protocol: ch.protocol,
		Proposals: ch.proposals, PFSGroup: ch.pfs, LifetimeSeconds: ch.lifetime, Location: ch.loc,
	}
	if p.Proposals == nil {
		p.Proposals = []snapshot.IPsecProposal{}
	}
	if p.Protocol == "" {
		p.Protocol = "esp"
	}
	switch {
	case ch.transport:
		p.Mode = "transport"
	case ch.routeBased():
		p.Mode = "vti"
		p.Mark = ch.mark
		ifc := im.vtiInterface(ch)
		if ifc == nil {
			im.warnf("%s: route-based child %q (mark/if_id %q) has no VTI or XFRM interface in the ip addr output: inside addresses unknown", locString(ch.loc), p.ID, ch.mark)
			p.LocalAddress, p.RemoteAddress = ch.localVTI, ch.remoteVTI
			break
		}
		p.Interface = ifc.Name
		p.LocalAddress, p.RemoteAddress = ch.localVTI, ch.remoteVTI
		if p.LocalAddress == "" && len(ifc.Addresses) > 0 {
			p.LocalAddress = ifc.Addresses[0]
		}
		if p.RemoteAddress == "" {
			p.RemoteAddress = im.peers[ifc.Name]
		}
		if p.RemoteAddress == "" && p.LocalAddress != "" {
			p.RemoteAddress = otherHost(p.LocalAddress)
		}
	default:
		p.LocalNetworks = im.selectors(ch.localTS, ch.loc)
		p.RemoteNetworks = im.selectors(ch.remoteTS, ch.loc)
	}
	return p
}

// selectors keeps the IPv4 traffic selectors as networks; IPv6 ones are not modelled.
func (im *importer) selectors(ts []string, loc *snapshot.Location) []string {
	out := []string{}
	for _, t := range ts {
		t = strings.TrimSpace(t)
		if i := strings.IndexByte(t, '['); i >= 0 {
			im.warnf("%s: traffic selector %q: protocol/port restriction not modelled", locString(loc), t)
			t = t[:i]
		}
		if t == "" || t == "%dynamic" {
			continue
		}
		pfx, err := netip.ParsePrefix(t)
		if err != nil {
			a, aerr := netip.ParseAddr(t)
			if aerr != nil {
				im.warnf("%s: traffic selector %q is not a network", locString(loc), t)
				continue
			}
			pfx = netip.PrefixFrom(a, a.BitLen())
		}
		if !pfx.Addr().Is4() {
			continue
		}
		out = append(out, pfx.Masked().String())
	}
	return out
}

// otherHost returns the other host of a /30 or /31 inside network ("169.254.10.2/30" ->
// "169.254.10.1/30"), as AWS tunnels use; "" for larger networks, where it cannot be told.
func otherHost(local string) string {
	pfx, err := netip.ParsePrefix(local)
	if err != nil || !pfx.Addr().Is4() {
		return ""
	}
	a := pfx.Addr().As4()
	switch pfx.Bits() {
	case 31:
		a[3] ^= 1
	case 30:
		switch a[3] & 3 {
		case 1:
			a[3]++
		case 2:
			a[3]--
		default:
			return ""
		}
	default:
		return ""
	}
	return netip.PrefixFrom(netip.AddrFrom4(a), pfx.Bits()).String()
}
