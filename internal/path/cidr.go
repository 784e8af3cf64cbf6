package path

import (
	"net/netip"
	"sort"
)

// prefixes parses IPv4 CIDRs (or bare addresses, as /32), dropping what is not IPv4: the
// path engine follows IPv4 flows only, like the AWS path model and the device evaluator.
func prefixes(cidrs []string) []netip.Prefix {
	var out []netip.Prefix
	for _, c := range cidrs {
		if p, ok := parsePrefix(c); ok {
			out = append(out, p)
		}
	}
	return out
}

func parsePrefix(c string) (netip.Prefix, bool) {
	if p, err := netip.ParsePrefix(c); err == nil && p.Addr().Is4() {
		return p.Masked(), true
	}
	if a, err := netip.ParseAddr(c); err == nil && a.Is4() {
		return netip.PrefixFrom(a, 32), true
	}
	return netip.Prefix{}, false
}

// uncovered is the part of p that no prefix of by holds, as the fewest CIDRs.
func uncovered(p netip.Prefix, by []netip.Prefix) []netip.Prefix {
	overlapping := false
	for _, q := range by {
		if q.Bits() <= p.Bits() && q.Contains(p.Addr()) {
			return nil
		}
		if q.Overlaps(p) {
			overlapping = true
		}
	}
	if !overlapping {
		return []netip.Prefix{p}
	}
	lo, hi := halves(p)
	return append(uncovered(lo, by), uncovered(hi, by)...)
}

// halves splits p into its two children (p is never a /32 here: a /32 either is held by an
// overlapping prefix or overlaps none).
func halves(p netip.Prefix) (netip.Prefix, netip.Prefix) {
	bits := p.Bits() + 1
	lo := netip.PrefixFrom(p.Addr(), bits)
	a := p.Addr().As4()
	n := uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3])
	n |= 1 << (32 - bits)
	hi := netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}), bits)
	return lo, hi
}

// gaps is what of cidrs the prefixes of by leave uncovered, as strings.
func gaps(cidrs []string, by []string) []string {
	b := prefixes(by)
	var out []string
	for _, p := range prefixes(cidrs) {
		for _, g := range uncovered(p, b) {
			out = append(out, g.String())
		}
	}
	sort.Strings(out)
	return out
}

// within: every address of cidrs lies in by.
func within(cidrs, by []string) bool { return len(gaps(cidrs, by)) == 0 }

// meets: some address of cidrs lies in by.
func meets(cidrs, by []string) bool {
	return spansOf(prefixes(by)).meetsAny(prefixes(cidrs))
}

// span is an inclusive range of IPv4 addresses as numbers.
type span struct{ lo, hi uint32 }

// spans are sorted, disjoint address ranges: whether a prefix meets a list of thousands of
// CIDRs is one binary search instead of a comparison with each.
type spans []span

func spanOf(p netip.Prefix) span {
	a := p.Masked().Addr().As4()
	lo := uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3])
	return span{lo, lo | uint32(uint64(1)<<(32-p.Bits())-1)}
}

// spansOf merges prefixes into sorted, disjoint ranges.
func spansOf(ps []netip.Prefix) spans {
	out := make(spans, 0, len(ps))
	for _, p := range ps {
		out = append(out, spanOf(p))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].lo < out[j].lo })
	merged := out[:0]
	for _, s := range out {
		if n := len(merged); n > 0 && s.lo <= merged[n-1].hi {
			merged[n-1].hi = max(merged[n-1].hi, s.hi)
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

// meets: some address of p lies in the ranges.
func (ss spans) meets(p netip.Prefix) bool {
	s := spanOf(p)
	// The first range that ends at or after s.lo is the only one that can hold s's start.
	i := sort.Search(len(ss), func(i int) bool { return ss[i].hi >= s.lo })
	return i < len(ss) && ss[i].lo <= s.hi
}

func (ss spans) meetsAny(ps []netip.Prefix) bool {
	for _, p := range ps {
		if ss.meets(p) {
			return true
		}
	}
	return false
}
