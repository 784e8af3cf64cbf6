package ciscoios

import (
	"net/netip"
	"sort"
	"strconv"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// Defaults IOS applies when a command is absent.
const (
	defaultIKELifetime   = 86400
	defaultIPsecLifetime = 3600
)

// pskEntry is a keyring's key for a peer prefix, already reduced to its keyed fingerprint.
type pskEntry struct {
	peer netip.Prefix
	fp   string
}

type isakmpPolicy struct {
	priority int
	proposal snapshot.IPsecProposal
	auth     string
	lifetime int
}

type isakmpProfile struct {
	keyrings  []string
	match     []netip.Prefix
	dpd, dpdR int
}

type ikev2Profile struct {
	match     []netip.Prefix
	remoteFP  string
	keyring   string
	auth      string
	dpd, dpdR int
	lifetime  int
}

type transformSet struct {
	proposals []snapshot.IPsecProposal
	protocol  string
	mode      string
}

type ipsecProfile struct {
	sets          []string
	pfs           int
	lifetime      int
	isakmpProfile string
	ikev2Profile  string
}

type mapEntry struct {
	l       line
	name    string
	seq     int
	peers   []string
	acl     string
	dynamic string
	profile ipsecProfile
}

// cryptoConfig is everything under `crypto`: IKE keys, policies and profiles, IPsec
// transform sets, profiles and maps.
type cryptoConfig struct {
	keyrings        map[string][]pskEntry // "" holds the global `crypto isakmp key` entries
	ikev2Keyrings   map[string][]pskEntry
	isakmpPolicies  []isakmpPolicy
	isakmpProfiles  map[string]*isakmpProfile
	keepalive       [2]int
	ikev2Proposals  map[string][]snapshot.IPsecProposal
	ikev2Policies   [][]string
	ikev2Profiles   map[string]*ikev2Profile
	transformSets   map[string]transformSet
	ipsecProfiles   map[string]*ipsecProfile
	maps            map[string][]*mapEntry
	dynamicMaps     map[string][]*mapEntry
	globalLifetime  int
	ikev2PolicyLine line
}

func newCryptoConfig() *cryptoConfig {
	return &cryptoConfig{
		keyrings: map[string][]pskEntry{}, ikev2Keyrings: map[string][]pskEntry{},
		isakmpProfiles: map[string]*isakmpProfile{}, ikev2Proposals: map[string][]snapshot.IPsecProposal{},
		ikev2Profiles: map[string]*ikev2Profile{}, transformSets: map[string]transformSet{},
		ipsecProfiles: map[string]*ipsecProfile{}, maps: map[string][]*mapEntry{}, dynamicMaps: map[string][]*mapEntry{},
		globalLifetime: defaultIPsecLifetime,
	}
}

// cryptoBlock dispatches one `crypto ...` block.
func (im *importer) cryptoBlock(b *block) {
	c := im.crypto
	switch w1, w2 := b.word(1), b.word(2); {
	case w1 == "keyring":
		im.keyring(b)
	case w1 == "isakmp" && w2 == "key":
		im.isakmpKey(b.head)
	case w1 == "isakmp" && w2 == "policy":
		im.isakmpPolicy(b)
	case w1 == "isakmp" && w2 == "profile":
		im.isakmpProfile(b)
	case w1 == "isakmp" && w2 == "keepalive":
		c.keepalive[0], _ = strconv.Atoi(b.word(3))
		c.keepalive[1], _ = strconv.Atoi(b.word(4))
		if c.keepalive[1] == 0 {
			c.keepalive[1] = 2 // IOS retries every 2 s when no retry interval is given
		}
	case w1 == "ikev2" && w2 == "keyring":
		im.ikev2Keyring(b)
	case w1 == "ikev2" && w2 == "proposal":
		im.ikev2Proposal(b)
	case w1 == "ikev2" && w2 == "policy":
		var names []string
		for _, l := range b.children {
			if l.word(0) == "proposal" {
				names = append(names, l.words[1:]...)
			}
		}
		c.ikev2Policies = append(c.ikev2Policies, names)
		c.ikev2PolicyLine = b.head
	case w1 == "ikev2" && w2 == "profile":
		im.ikev2Profile(b)
	case w1 == "ipsec" && w2 == "transform-set":
		im.transformSet(b)
	case w1 == "ipsec" && w2 == "profile":
		p := &ipsecProfile{lifetime: -1}
		for _, l := range b.children {
			im.setCommand(p, l)
		}
		c.ipsecProfiles[b.word(3)] = p
	case w1 == "ipsec" && w2 == "security-association" && b.word(3) == "lifetime" && b.word(4) == "seconds":
		if n, err := strconv.Atoi(b.word(5)); err == nil && n > 0 {
			c.globalLifetime = n
		}
	case w1 == "map" || w1 == "dynamic-map":
		im.cryptoMap(b)
	}
}

// secret returns the key that follows a `key` keyword (with an optional type 0/6/7), decoding
// type 7, or ok false for a type 6 (AES-encrypted) key that cannot be fingerprinted. The key
// lives only in this call and the fingerprint computed from it.
func secret(words []string) (key string, typ string) {
	if len(words) >= 2 && (words[0] == "0" || words[0] == "6" || words[0] == "7") {
		typ, words = words[0], words[1:]
	}
	if len(words) == 0 {
		return "", typ
	}
	if typ == "7" {
		if plain, ok := decodeType7(words[0]); ok {
			return plain, typ
		}
		return "", typ
	}
	if typ == "6" {
		return "", typ
	}
	return words[0], typ
}

func (im *importer) fingerprint(l line, words []string, what string) string {
	key, typ := secret(words)
	if key == "" {
		if typ == "6" {
			im.warnf(l, "%s: the key is type 6 (encrypted with the router's master key): no fingerprint, so it cannot be compared with AWS's", what)
		} else {
			im.warnf(l, "%s: no readable key", what)
		}
		return ""
	}
	return snapshot.PSKFingerprint(im.salt, key)
}

// peerPrefix reads "A [MASK]" at words[i:].
func peerPrefix(words []string, i int) (netip.Prefix, bool) {
	if i >= len(words) {
		return netip.Prefix{}, false
	}
	a, err := netip.ParseAddr(words[i])
	if err != nil || !a.Is4() {
		if p, err := netip.ParsePrefix(words[i]); err == nil && p.Addr().Is4() {
			return p.Masked(), true
		}
		return netip.Prefix{}, false
	}
	if i+1 < len(words) {
		if m, err := netip.ParseAddr(words[i+1]); err == nil {
			if bits, ok := maskBits(m); ok {
				return netip.PrefixFrom(a, bits).Masked(), true
			}
		}
	}
	return netip.PrefixFrom(a, 32), true
}

func indexOf(words []string, w string) int {
	for i, x := range words {
		if x == w {
			return i
		}
	}
	return -1
}

// keyring reads `crypto keyring NAME` with `pre-shared-key address A [MASK] key K` lines.
func (im *importer) keyring(b *block) {
	name := b.word(2)
	for _, l := range b.children {
		if l.word(0) != "pre-shared-key" {
			continue
		}
		k := indexOf(l.words, "key")
		if l.word(1) != "address" || k < 0 {
			im.warnf(l, "crypto keyring %s: pre-shared-key by %s is not modelled (only by address)", name, l.word(1))
			continue
		}
		peer, ok := peerPrefix(l.words[:k], 2)
		if !ok {
			im.warnf(l, "crypto keyring %s: pre-shared-key peer is not an IPv4 address", name)
			continue
		}
		if fp := im.fingerprint(l, l.words[k+1:], "crypto keyring "+name); fp != "" {
			im.crypto.keyrings[name] = append(im.crypto.keyrings[name], pskEntry{peer, fp})
		}
	}
}

// isakmpKey reads the global `crypto isakmp key [0|6|7] K address A [MASK]`.
func (im *importer) isakmpKey(l line) {
	a := indexOf(l.words, "address")
	if a < 0 {
		im.warnf(l, "crypto isakmp key by %s is not modelled (only by address)", "hostname")
		return
	}
	peer, ok := peerPrefix(l.words, a+1)
	if !ok {
		im.warnf(l, "crypto isakmp key: peer is not an IPv4 address")
		return
	}
	if fp := im.fingerprint(l, l.words[3:a], "crypto isakmp key"); fp != "" {
		im.crypto.keyrings[""] = append(im.crypto.keyrings[""], pskEntry{peer, fp})
	}
}

func (im *importer) isakmpPolicy(b *block) {
	prio, _ := strconv.Atoi(b.word(3))
	// IOS defaults: DES, SHA-1, RSA signatures, group 1, one day.
	p := isakmpPolicy{priority: prio, proposal: snapshot.IPsecProposal{Encryption: "des", Hash: "sha1", DHGroup: 1}, auth: "rsasig", lifetime: defaultIKELifetime}
	for _, l := range b.children {
		switch l.word(0) {
		case "encr", "encryption":
			p.proposal.Encryption, p.proposal.KeyLength = ikeCipher(l.word(1), l.word(2))
		case "hash":
			p.proposal.Hash = hashName(l.word(1))
		case "group":
			p.proposal.DHGroup, _ = strconv.Atoi(l.word(1))
		case "lifetime":
			if n, err := strconv.Atoi(l.word(1)); err == nil && n > 0 {
				p.lifetime = n
			}
		case "authentication":
			switch l.word(1) {
			case "pre-share":
				p.auth = "pre_shared_key"
			case "rsa-sig", "rsa-encr", "ecdsa-sig":
				p.auth = "rsasig"
			default:
				p.auth = "other"
			}
		}
	}
	im.crypto.isakmpPolicies = append(im.crypto.isakmpPolicies, p)
	sort.SliceStable(im.crypto.isakmpPolicies, func(i, j int) bool {
		return im.crypto.isakmpPolicies[i].priority < im.crypto.isakmpPolicies[j].priority
	})
}

func ikeCipher(name, bits string) (string, int) {
	switch name {
	case "aes":
		n, err := strconv.Atoi(bits)
		if err != nil {
			n = 128
		}
		return "aes", n
	case "3des", "des":
		return name, 0
	}
	return name, 0
}

func hashName(h string) string {
	switch h {
	case "sha", "sha1":
		return "sha1"
	}
	return h
}

func (im *importer) isakmpProfile(b *block) {
	p := &isakmpProfile{}
	for _, l := range b.children {
		switch {
		case l.word(0) == "keyring":
			p.keyrings = append(p.keyrings, l.word(1))
		case l.word(0) == "match" && l.word(1) == "identity" && l.word(2) == "address":
			if pr, ok := peerPrefix(l.words, 3); ok {
				p.match = append(p.match, pr)
			}
		case l.word(0) == "keepalive":
			p.dpd, _ = strconv.Atoi(l.word(1))
			if l.word(2) == "retry" {
				p.dpdR, _ = strconv.Atoi(l.word(3))
			}
		}
	}
	im.crypto.isakmpProfiles[b.word(3)] = p
}

// ikev2Keyring reads `crypto ikev2 keyring NAME` with `peer` sub-blocks holding `address` and
// `pre-shared-key [local|remote] [0|6|7] K`; the remote (or only) key is the peer's.
func (im *importer) ikev2Keyring(b *block) {
	name := b.word(3)
	var peers []netip.Prefix
	var fp string
	flush := func() {
		if fp != "" {
			for _, p := range peers {
				im.crypto.ikev2Keyrings[name] = append(im.crypto.ikev2Keyrings[name], pskEntry{p, fp})
			}
		}
		peers, fp = nil, ""
	}
	for _, l := range b.children {
		switch l.word(0) {
		case "peer":
			flush()
		case "address":
			if p, ok := peerPrefix(l.words, 1); ok {
				peers = append(peers, p)
			} else {
				im.warnf(l, "crypto ikev2 keyring %s: peer address is not IPv4: not modelled", name)
			}
		case "pre-shared-key":
			w := l.words[1:]
			if len(w) > 0 && w[0] == "local" {
				continue // the key this router presents; AWS checks the same single key
			}
			if len(w) > 0 && w[0] == "remote" {
				w = w[1:]
			}
			fp = im.fingerprint(l, w, "crypto ikev2 keyring "+name)
		}
	}
	flush()
}

func (im *importer) ikev2Proposal(b *block) {
	var encs []snapshot.IPsecProposal
	var hashes []string
	var groups []int
	for _, l := range b.children {
		switch l.word(0) {
		case "encryption":
			for _, e := range l.words[1:] {
				name, bits := ikev2Cipher(e)
				encs = append(encs, snapshot.IPsecProposal{Encryption: name, KeyLength: bits})
			}
		case "integrity":
			for _, h := range l.words[1:] {
				hashes = append(hashes, hashName(h))
			}
		case "group":
			for _, g := range l.words[1:] {
				if n, err := strconv.Atoi(g); err == nil {
					groups = append(groups, n)
				}
			}
		}
	}
	im.crypto.ikev2Proposals[b.word(3)] = crossProposals(encs, hashes, groups)
}

func ikev2Cipher(e string) (string, int) {
	switch {
	case strings.HasPrefix(e, "aes-cbc-"):
		n, _ := strconv.Atoi(strings.TrimPrefix(e, "aes-cbc-"))
		return "aes", n
	case strings.HasPrefix(e, "aes-gcm-"):
		n, _ := strconv.Atoi(strings.TrimPrefix(e, "aes-gcm-"))
		return "aes-gcm", n
	}
	return e, 0
}

func crossProposals(encs []snapshot.IPsecProposal, hashes []string, groups []int) []snapshot.IPsecProposal {
	if len(hashes) == 0 {
		hashes = []string{""}
	}
	if len(groups) == 0 {
		groups = []int{0}
	}
	var out []snapshot.IPsecProposal
	for _, e := range encs {
		for _, h := range hashes {
			if strings.Contains(e.Encryption, "gcm") {
				h = "" // AEAD: the integrity line is for the PRF only
			}
			for _, g := range groups {
				out = append(out, snapshot.IPsecProposal{Encryption: e.Encryption, KeyLength: e.KeyLength, Hash: h, DHGroup: g})
			}
		}
	}
	// AEAD proposals repeat once per integrity line; keep one of each.
	uniq := out[:0]
	seen := map[snapshot.IPsecProposal]bool{}
	for _, p := range out {
		if !seen[p] {
			seen[p] = true
			uniq = append(uniq, p)
		}
	}
	return uniq
}

func (im *importer) ikev2Profile(b *block) {
	name := b.word(3)
	p := &ikev2Profile{lifetime: defaultIKELifetime}
	for _, l := range b.children {
		switch {
		case l.word(0) == "match" && l.word(1) == "identity" && l.word(2) == "remote" && l.word(3) == "address":
			if pr, ok := peerPrefix(l.words, 4); ok {
				p.match = append(p.match, pr)
			}
		case l.word(0) == "authentication" && l.word(1) == "remote":
			p.auth = l.word(2)
			if k := indexOf(l.words, "key"); k > 0 {
				p.remoteFP = im.fingerprint(l, l.words[k+1:], "crypto ikev2 profile "+name)
			}
		case l.word(0) == "keyring" && l.word(1) == "local":
			p.keyring = l.word(2)
		case l.word(0) == "dpd":
			p.dpd, _ = strconv.Atoi(l.word(1))
			p.dpdR, _ = strconv.Atoi(l.word(2))
		case l.word(0) == "lifetime":
			if n, err := strconv.Atoi(l.word(1)); err == nil && n > 0 {
				p.lifetime = n
			}
		}
	}
	im.crypto.ikev2Profiles[name] = p
}

// transformSet reads `crypto ipsec transform-set NAME T1 [BITS] [T2] ...` and its mode.
func (im *importer) transformSet(b *block) {
	ts := transformSet{protocol: "esp", mode: "tunnel"}
	enc := snapshot.IPsecProposal{}
	hash := ""
	var w []string
	if len(b.head.words) > 4 {
		w = b.head.words[4:]
	}
	for i := 0; i < len(w); i++ {
		t := w[i]
		bits := 0
		if i+1 < len(w) && isNumber(w[i+1]) {
			bits, _ = strconv.Atoi(w[i+1])
			i++
		}
		switch t {
		case "esp-aes":
			enc = snapshot.IPsecProposal{Encryption: "aes", KeyLength: orDefault(bits, 128)}
		case "esp-gcm":
			enc = snapshot.IPsecProposal{Encryption: "aes-gcm", KeyLength: orDefault(bits, 128)}
		case "esp-gmac":
			enc = snapshot.IPsecProposal{Encryption: "aes-gmac", KeyLength: orDefault(bits, 128)}
		case "esp-3des", "esp-des", "esp-null", "esp-seal":
			enc = snapshot.IPsecProposal{Encryption: strings.TrimPrefix(t, "esp-")}
		case "esp-sha-hmac", "ah-sha-hmac":
			hash = "sha1"
		case "esp-sha256-hmac", "ah-sha256-hmac":
			hash = "sha256"
		case "esp-sha384-hmac", "ah-sha384-hmac":
			hash = "sha384"
		case "esp-sha512-hmac", "ah-sha512-hmac":
			hash = "sha512"
		case "esp-md5-hmac", "ah-md5-hmac":
			hash = "md5"
		}
		if strings.HasPrefix(t, "ah-") && enc.Encryption == "" {
			ts.protocol = "ah"
		}
	}
	if enc.Encryption != "" || hash != "" {
		enc.Hash = hash
		ts.proposals = []snapshot.IPsecProposal{enc}
	}
	for _, l := range b.children {
		if l.word(0) == "mode" {
			ts.mode = l.word(1)
		}
	}
	im.crypto.transformSets[b.word(3)] = ts
}

func orDefault(n, def int) int {
	if n == 0 {
		return def
	}
	return n
}

// setCommand reads the `set` lines shared by IPsec profiles and crypto map entries.
func (im *importer) setCommand(p *ipsecProfile, l line) {
	if l.word(0) != "set" {
		return
	}
	w := l.words[1:]
	if len(w) == 0 {
		return
	}
	if len(w) > 1 && (w[0] == "ikev1" || w[0] == "ikev2") && w[1] == "transform-set" {
		w = w[1:] // ASA-style `set ikev1 transform-set`
	}
	switch w[0] {
	case "transform-set":
		p.sets = append(p.sets, w[1:]...)
	case "pfs":
		p.pfs = 1 // `set pfs` alone is group 1
		if g := strings.TrimPrefix(l.word(2), "group"); g != "" {
			p.pfs, _ = strconv.Atoi(g)
		}
	case "security-association":
		if l.word(2) == "lifetime" && l.word(3) == "seconds" {
			p.lifetime, _ = strconv.Atoi(l.word(4))
		}
	case "isakmp-profile":
		p.isakmpProfile = l.word(2)
	case "ikev2-profile":
		p.ikev2Profile = l.word(2)
	}
}

// cryptoMap reads `crypto map NAME SEQ ipsec-isakmp [dynamic DMAP]` and `crypto dynamic-map
// NAME SEQ` entries; `crypto map NAME local-address IF` and similar lines are ignored.
func (im *importer) cryptoMap(b *block) {
	seq, err := strconv.Atoi(b.word(3))
	if err != nil {
		return
	}
	registry := im.crypto.maps
	if b.word(1) == "dynamic-map" {
		registry = im.crypto.dynamicMaps
	}
	// ASA-style one-line entries (`crypto map M 10 set peer A`) add to the entry of that
	// sequence number.
	var e *mapEntry
	for _, x := range registry[b.word(2)] {
		if x.seq == seq {
			e = x
		}
	}
	children := b.children
	if w := b.word(4); w == "set" || w == "match" {
		children = append([]line{{n: b.head.n, text: strings.Join(b.head.words[4:], " "), words: b.head.words[4:]}}, children...)
	}
	if e == nil {
		e = &mapEntry{l: b.head, name: b.word(2), seq: seq, profile: ipsecProfile{lifetime: -1}}
		registry[e.name] = append(registry[e.name], e)
	}
	if i := indexOf(b.head.words, "dynamic"); i > 0 && b.word(1) == "map" {
		e.dynamic = b.word(i + 1)
	}
	if b.word(4) == "gdoi" || b.word(4) == "ipsec-manual" {
		im.warnf(b.head, "crypto map %s %d: %s entries are not modelled", e.name, seq, b.word(4))
		e.dynamic = b.word(4)
		return
	}
	for _, l := range children {
		switch {
		case l.word(0) == "set" && l.word(1) == "peer":
			e.peers = append(e.peers, l.word(2))
		case l.word(0) == "match" && l.word(1) == "address":
			e.acl = l.word(2)
		default:
			im.setCommand(&e.profile, l)
		}
	}
}
