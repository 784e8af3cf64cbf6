package awspath

import (
	"fmt"
	"math/bits"
	"net/netip"
	"slices"
	"strings"
)

// span is an inclusive range of IPv4 addresses as integers.
type span struct{ lo, hi uint64 }

// ipSet is a sorted list of disjoint, non-adjacent spans: a set of IPv4 addresses.
type ipSet []span

const top = 1<<32 - 1

// parseIPv4 parses an IPv4 CIDR; ok is false for an IPv6 one, err for anything else.
func parseIPv4(cidr string) (p netip.Prefix, ok bool, err error) {
	p, err = netip.ParsePrefix(strings.TrimSpace(cidr))
	if err != nil {
		return p, false, fmt.Errorf("%q is not a CIDR", cidr)
	}
	if !p.Addr().Is4() {
		return p, false, nil
	}
	return p.Masked(), true, nil
}

func prefixSpan(p netip.Prefix) span {
	a := p.Addr().As4()
	lo := uint64(a[0])<<24 | uint64(a[1])<<16 | uint64(a[2])<<8 | uint64(a[3])
	size := uint64(1) << (32 - p.Bits())
	return span{lo, lo + size - 1}
}

func setOf(ps ...netip.Prefix) ipSet {
	var in []span
	for _, p := range ps {
		in = append(in, prefixSpan(p))
	}
	return normalize(in)
}

func normalize(in []span) ipSet {
	if len(in) == 0 {
		return nil
	}
	s := slices.Clone(in)
	slices.SortFunc(s, func(a, b span) int {
		switch {
		case a.lo < b.lo:
			return -1
		case a.lo > b.lo:
			return 1
		}
		return 0
	})
	out := ipSet{s[0]}
	for _, x := range s[1:] {
		last := &out[len(out)-1]
		if x.lo <= last.hi+1 {
			last.hi = max(last.hi, x.hi)
			continue
		}
		out = append(out, x)
	}
	return out
}

func (a ipSet) union(b ipSet) ipSet { return normalize(append(slices.Clone(a), b...)) }

func (a ipSet) intersect(b ipSet) ipSet {
	var out []span
	for _, x := range a {
		for _, y := range b {
			lo, hi := max(x.lo, y.lo), min(x.hi, y.hi)
			if lo <= hi {
				out = append(out, span{lo, hi})
			}
		}
	}
	return normalize(out)
}

func (a ipSet) minus(b ipSet) ipSet {
	return a.intersect(b.complement())
}

func (a ipSet) complement() ipSet {
	var out []span
	next := uint64(0)
	for _, x := range a {
		if x.lo > next {
			out = append(out, span{next, x.lo - 1})
		}
		next = x.hi + 1
	}
	if next <= top {
		out = append(out, span{next, top})
	}
	return out
}

// cidrs writes the set as the fewest aligned CIDR blocks, in address order.
func (a ipSet) cidrs() []string {
	out := []string{}
	for _, x := range a {
		lo := x.lo
		for lo <= x.hi {
			// The largest aligned block that starts at lo and stays within the span.
			size := uint64(1) << 32
			if lo != 0 {
				size = uint64(1) << bits.TrailingZeros64(lo)
			}
			for size > x.hi-lo+1 {
				size >>= 1
			}
			out = append(out, fmt.Sprintf("%s/%d", ipv4String(lo), 32-bits.TrailingZeros64(size)))
			lo += size
		}
	}
	return out
}

func ipv4String(v uint64) string {
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}).String()
}

// parseSet parses IPv4 CIDRs into a set; IPv6 ones are skipped (hybrid nodes use IPv4).
func parseSet(cidrs []string) (ipSet, error) {
	var ps []netip.Prefix
	for _, c := range cidrs {
		p, ok, err := parseIPv4(c)
		if err != nil {
			return nil, err
		}
		if ok {
			ps = append(ps, p)
		}
	}
	return setOf(ps...), nil
}

func bytesReader(b []byte) *strings.Reader { return strings.NewReader(string(b)) }
