package linux

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// dhGroups maps strongSwan and Libreswan key exchange names to IANA DH group numbers.
var dhGroups = map[string]int{
	"modp768": 1, "modp1024": 2, "modp1536": 5, "modp2048": 14, "modp3072": 15, "modp4096": 16,
	"modp6144": 17, "modp8192": 18, "ecp256": 19, "ecp384": 20, "ecp521": 21, "modp1024s160": 22,
	"modp2048s224": 23, "modp2048s256": 24, "ecp192": 25, "ecp224": 26, "ecp224bp": 27,
	"ecp256bp": 28, "ecp384bp": 29, "ecp512bp": 30, "curve25519": 31, "x25519": 31,
	"curve448": 32, "x448": 32,
	// Libreswan spellings.
	"ecp_256": 19, "ecp_384": 20, "ecp_521": 21, "dh22": 22, "dh23": 23, "dh24": 24,
	"dh31": 31, "dh19": 19, "dh20": 20, "dh21": 21, "dh2": 2, "dh5": 5, "dh14": 14, "dh15": 15,
	"dh16": 16, "dh17": 17, "dh18": 18,
}

// hashes maps integrity (and PRF) names to the model's hash names, as pfSense names them.
var hashes = map[string]string{
	"md5": "md5", "md5_128": "md5", "sha1": "sha1", "sha": "sha1", "sha1_160": "sha1",
	"sha256": "sha256", "sha2_256": "sha256", "sha2": "sha256", "sha256_96": "sha256_96",
	"sha384": "sha384", "sha2_384": "sha384", "sha512": "sha512", "sha2_512": "sha512",
	"aesxcbc": "aesxcbc", "aes_xcbc": "aesxcbc", "aescmac": "aescmac",
}

// cipher is one encryption algorithm of a proposal: model name and key length.
type cipher struct {
	name   string
	keyLen int
}

// parseCipher reads strongSwan (aes256, aes128gcm16, 3des, chacha20poly1305) and Libreswan
// (aes_gcm256, aes_gcm_c_128, aes) cipher names. GCM with a 16-byte ICV becomes aes<N>gcm as
// pfSense names it; a shorter ICV (8 or 12 bytes, which AWS does not offer) becomes aesgcm<ICV>,
// so that no check mistakes it for AES-GCM-16. ok is false for a name that is not a cipher.
func parseCipher(tok string, libreswan bool) (c []cipher, ok bool) {
	t := strings.ToLower(tok)
	switch t {
	case "3des", "des", "blowfish", "cast128", "chacha20poly1305", "chacha20_poly1305", "camellia", "serpent", "twofish":
		return []cipher{{name: strings.ReplaceAll(t, "_", "")}}, true
	case "aes":
		if libreswan {
			// Libreswan proposes both key lengths for a bare "aes".
			return []cipher{{"aes", 256}, {"aes", 128}}, true
		}
		return []cipher{{"aes", 128}}, true
	case "aes_gcm", "aes_gcm_c", "aes_gcm16", "aesgcm":
		return []cipher{{"aes256gcm", 256}, {"aes128gcm", 128}}, true
	}
	t = strings.TrimPrefix(t, "aes_")
	t = strings.TrimPrefix(t, "aes")
	if t == tok {
		return nil, false
	}
	// Left: 256 | gcm256 | gcm_c_256 | gcm_c256 | 128gcm16 | 128gcm128 | gcm_a_128 | ctr...
	icv := 16
	gcm := false
	if i := strings.Index(t, "gcm"); i >= 0 {
		gcm = true
		rest := t[i+3:]
		pre := t[:i]
		rest = strings.TrimPrefix(rest, "_")
		switch {
		case strings.HasPrefix(rest, "a"):
			icv, rest = 8, strings.TrimPrefix(rest[1:], "_")
		case strings.HasPrefix(rest, "b"):
			icv, rest = 12, strings.TrimPrefix(rest[1:], "_")
		case strings.HasPrefix(rest, "c"):
			icv, rest = 16, strings.TrimPrefix(rest[1:], "_")
		}
		if pre != "" {
			// strongSwan: aes<keylen>gcm<icv bits or bytes>
			switch rest {
			case "8", "64":
				icv = 8
			case "12", "96":
				icv = 12
			case "16", "128", "":
				icv = 16
			default:
				return nil, false
			}
			rest = pre
		}
		t = rest
	} else if strings.HasPrefix(t, "ctr") || strings.HasPrefix(t, "ccm") || strings.HasPrefix(t, "cmac") || strings.HasPrefix(t, "xcbc") {
		return nil, false
	}
	n, err := strconv.Atoi(t)
	if err != nil || (n != 128 && n != 192 && n != 256) {
		return nil, false
	}
	switch {
	case !gcm:
		return []cipher{{"aes", n}}, true
	case icv == 16:
		return []cipher{{fmt.Sprintf("aes%dgcm", n), n}}, true
	default:
		return []cipher{{fmt.Sprintf("aesgcm%d", icv), n}}, true
	}
}

// parseProposals reads a comma-separated proposal list, strongSwan style
// (aes128-sha256-modp2048, aes256gcm16-prfsha384-ecp384) or Libreswan style
// (aes256-sha2_256;modp2048, aes_gcm256-null). Each proposal may list several algorithms of a
// kind; the result is their cross product, as the daemons expand them. phase2 proposals keep
// their DH group only in pfs. unknown collects tokens that name no algorithm.
func parseProposals(list string, libreswan bool) (out []snapshot.IPsecProposal, pfs int, unknown []string) {
	for _, prop := range strings.Split(list, ",") {
		prop = strings.TrimSuffix(strings.TrimSpace(prop), "!")
		if prop == "" {
			continue
		}
		var ciphers []cipher
		var hs []string
		var groups []int
		for _, tok := range strings.FieldsFunc(prop, func(r rune) bool { return r == '-' || r == ';' || r == '+' }) {
			tl := strings.ToLower(tok)
			if cs, ok := parseCipher(tl, libreswan); ok {
				ciphers = append(ciphers, cs...)
				continue
			}
			if h, ok := hashes[strings.TrimPrefix(tl, "prf")]; ok {
				if !strings.HasPrefix(tl, "prf") {
					hs = append(hs, h)
				}
				continue
			}
			if g, ok := dhGroups[tl]; ok {
				groups = append(groups, g)
				continue
			}
			switch tl {
			case "esn", "noesn", "null", "none":
				continue
			}
			unknown = append(unknown, tok)
		}
		if len(ciphers) == 0 {
			continue
		}
		if len(hs) == 0 {
			hs = []string{""}
		}
		if len(groups) == 0 {
			groups = []int{0}
		} else if pfs == 0 {
			pfs = groups[0]
		}
		for _, c := range ciphers {
			for _, h := range hs {
				for _, g := range groups {
					p := snapshot.IPsecProposal{Encryption: c.name, KeyLength: c.keyLen, Hash: h, DHGroup: g}
					if strings.Contains(c.name, "gcm") || strings.HasPrefix(c.name, "chacha") {
						// AEAD ciphers carry their own integrity check.
						p.Hash = ""
					}
					if !containsProposal(out, p) {
						out = append(out, p)
					}
				}
			}
		}
	}
	return out, pfs, unknown
}

func containsProposal(list []snapshot.IPsecProposal, p snapshot.IPsecProposal) bool {
	for _, q := range list {
		if q == p {
			return true
		}
	}
	return false
}

// withoutDH drops the DH groups of phase 2 proposals (they are the PFS group, kept apart).
func withoutDH(in []snapshot.IPsecProposal) []snapshot.IPsecProposal {
	out := []snapshot.IPsecProposal{}
	for _, p := range in {
		p.DHGroup = 0
		if !containsProposal(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// parseDuration reads a strongSwan/Libreswan time value: seconds, or a number with s, m, h or d.
func parseDuration(v string) (int, bool) {
	v = strings.TrimSpace(strings.ToLower(v))
	if v == "" {
		return 0, false
	}
	mult := 1
	switch v[len(v)-1] {
	case 's':
		v = v[:len(v)-1]
	case 'm':
		mult, v = 60, v[:len(v)-1]
	case 'h':
		mult, v = 3600, v[:len(v)-1]
	case 'd':
		mult, v = 86400, v[:len(v)-1]
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 100*365*86400 {
		return 0, false
	}
	return n * mult, true
}
