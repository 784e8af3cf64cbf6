package flow

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"math/bits"
	"net/netip"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unsafe"
)

// The address space of a flow is IPv4 (0 .. 2^32-1) followed by one point per destination
// name the flow asks about, so host names and addresses share one set arithmetic.
const (
	ipv4Max   uint64 = 1<<32 - 1
	namesBase uint64 = 1 << 32
)

// span is an inclusive range of points.
type span struct{ lo, hi uint64 }

// addrSet is a set of points as sorted, disjoint, non-adjacent spans, so union, intersection
// and difference are linear merges whatever the number of addresses.
type addrSet []span

func (a addrSet) empty() bool { return len(a) == 0 }

// key is a compact identity for grouping pieces with equal sets: the spans' bounds as bytes,
// one allocation whatever the number of spans (pieces are grouped by it on every walk step).
func (a addrSet) key() string {
	b := make([]byte, 0, 16*len(a))
	for _, s := range a {
		b = binary.LittleEndian.AppendUint64(b, s.lo)
		b = binary.LittleEndian.AppendUint64(b, s.hi)
	}
	if len(b) == 0 {
		return ""
	}
	// b is never written again: the string may share its bytes.
	return unsafe.String(&b[0], len(b))
}

// normalize sorts and merges arbitrary spans.
func normalize(in []span) addrSet {
	if len(in) == 0 {
		return nil
	}
	if len(in) == 1 {
		return addrSet{in[0]}
	}
	slices.SortFunc(in, func(a, b span) int { return cmp.Compare(a.lo, b.lo) })
	out := addrSet{in[0]}
	for _, s := range in[1:] {
		last := &out[len(out)-1]
		if s.lo <= last.hi+1 {
			if s.hi > last.hi {
				last.hi = s.hi
			}
			continue
		}
		out = append(out, s)
	}
	return out
}

func (a addrSet) union(b addrSet) addrSet {
	if len(a) == 0 {
		return b
	}
	if len(b) == 0 {
		return a
	}
	out := make(addrSet, 0, len(a)+len(b))
	i, j := 0, 0
	push := func(s span) {
		if n := len(out); n > 0 && s.lo <= out[n-1].hi+1 {
			if s.hi > out[n-1].hi {
				out[n-1].hi = s.hi
			}
			return
		}
		out = append(out, s)
	}
	for i < len(a) || j < len(b) {
		if j >= len(b) || (i < len(a) && a[i].lo <= b[j].lo) {
			push(a[i])
			i++
		} else {
			push(b[j])
			j++
		}
	}
	return out
}

func (a addrSet) intersect(b addrSet) addrSet {
	var out addrSet
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		lo := max(a[i].lo, b[j].lo)
		hi := min(a[i].hi, b[j].hi)
		if lo <= hi {
			out = append(out, span{lo, hi})
		}
		if a[i].hi < b[j].hi {
			i++
		} else {
			j++
		}
	}
	return out
}

func (a addrSet) minus(b addrSet) addrSet {
	if len(b) == 0 || len(a) == 0 {
		return a
	}
	var out addrSet
	j := 0
	for _, s := range a {
		lo := s.lo
		for j < len(b) && b[j].hi < lo {
			j++
		}
		k := j
		cut := false
		for k < len(b) && b[k].lo <= s.hi {
			if b[k].lo > lo {
				out = append(out, span{lo, b[k].lo - 1})
			}
			if b[k].hi >= s.hi {
				cut = true
				break
			}
			lo = b[k].hi + 1
			k++
		}
		if !cut {
			out = append(out, span{lo, s.hi})
		}
	}
	return out
}

// complement within the universe [0, top].
func (a addrSet) complement(top uint64) addrSet {
	return addrSet{{0, top}}.minus(a)
}

// contains reports whether b is a subset of a.
func (a addrSet) contains(b addrSet) bool { return b.minus(a).empty() }

// parseIPv4Prefix reads a CIDR or a bare address. ok is false for IPv6, which an IPv4 flow
// never touches; err is set for text that is no address at all.
func parseIPv4Prefix(text string) (s span, ok bool, err error) {
	text = strings.TrimSpace(text)
	var p netip.Prefix
	if strings.Contains(text, "/") {
		p, err = netip.ParsePrefix(text)
	} else {
		var a netip.Addr
		a, err = netip.ParseAddr(text)
		if err == nil {
			p = netip.PrefixFrom(a, a.BitLen())
		}
	}
	if err != nil {
		return span{}, false, fmt.Errorf("%q is not an IP address or CIDR", text)
	}
	if p.Addr().Is4In6() {
		p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
	}
	if !p.Addr().Is4() {
		return span{}, false, nil
	}
	p = p.Masked()
	b := p.Addr().As4()
	lo := uint64(b[0])<<24 | uint64(b[1])<<16 | uint64(b[2])<<8 | uint64(b[3])
	hi := lo | (1<<(32-p.Bits()) - 1)
	return span{lo, hi}, true, nil
}

func ipv4String(v uint64) string {
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}).String()
}

// cidrs prints the IPv4 part of the set as the minimal list of CIDR blocks.
func (a addrSet) cidrs() []string {
	var out []string
	for _, s := range a {
		if s.lo > ipv4Max {
			break
		}
		lo, hi := s.lo, min(s.hi, ipv4Max)
		for lo <= hi {
			// The largest aligned block starting at lo that does not pass hi.
			size := 32
			if lo != 0 {
				size = bits.TrailingZeros64(lo)
			}
			size = min(size, 32)
			for size > 0 && lo+(1<<size)-1 > hi {
				size--
			}
			out = append(out, ipv4String(lo)+"/"+strconv.Itoa(32-size))
			lo += 1 << size
			if lo == 0 || lo > ipv4Max {
				break
			}
		}
	}
	return out
}

// names lists the destination names in the set, by their index in the flow.
func (a addrSet) names(all []string) []string {
	var out []string
	for _, s := range a {
		if s.hi < namesBase {
			continue
		}
		for v := max(s.lo, namesBase); v <= s.hi && v-namesBase < uint64(len(all)); v++ {
			out = append(out, all[v-namesBase])
		}
	}
	sort.Strings(out)
	return out
}

func (a addrSet) equal(b addrSet) bool { return slices.Equal(a, b) }
