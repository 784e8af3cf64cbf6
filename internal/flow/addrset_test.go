package flow

import (
	"math/rand"
	"strings"
	"testing"
)

func TestMinimalCIDRs(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{[]string{"10.0.0.0/24", "10.0.1.0/24"}, "10.0.0.0/23"},
		{[]string{"10.0.0.1/24"}, "10.0.0.0/24"},
		{[]string{"0.0.0.0/0", "10.0.0.0/8"}, "0.0.0.0/0"},
		{[]string{"10.0.0.1", "10.0.0.2", "10.0.0.3"}, "10.0.0.1/32,10.0.0.2/31"},
		{[]string{"255.255.255.255/32", "255.255.255.254"}, "255.255.255.254/31"},
		{[]string{"::ffff:10.0.0.0/104"}, "10.0.0.0/8"},
	}
	for _, tc := range tests {
		spans, err := flowAddrs("sources", tc.in)
		if err != nil {
			t.Fatalf("%v: %v", tc.in, err)
		}
		if got := strings.Join(normalize(spans).cidrs(), ","); got != tc.want {
			t.Errorf("%v: got %s, want %s", tc.in, got, tc.want)
		}
	}
}

// TestSetAlgebra compares union, intersection, difference and complement with a bitmap on a
// small universe.
func TestSetAlgebra(t *testing.T) {
	const top = 63
	rng := rand.New(rand.NewSource(1))
	random := func() (addrSet, uint64) {
		var spans []span
		var bits uint64
		for range rng.Intn(5) {
			lo := uint64(rng.Intn(top + 1))
			hi := min(lo+uint64(rng.Intn(12)), top)
			spans = append(spans, span{lo, hi})
			for v := lo; v <= hi; v++ {
				bits |= 1 << v
			}
		}
		return normalize(spans), bits
	}
	bitsOf := func(s addrSet) uint64 {
		var bits uint64
		for i, sp := range s {
			if sp.lo > sp.hi || (i > 0 && s[i-1].hi+1 >= sp.lo) {
				t.Fatalf("set %v is not sorted, disjoint and non-adjacent", s)
			}
			for v := sp.lo; v <= sp.hi; v++ {
				bits |= 1 << v
			}
		}
		return bits
	}
	for range 2000 {
		a, ab := random()
		b, bb := random()
		if got := bitsOf(a.union(b)); got != ab|bb {
			t.Fatalf("%v ∪ %v = %v", a, b, a.union(b))
		}
		if got := bitsOf(a.intersect(b)); got != ab&bb {
			t.Fatalf("%v ∩ %v = %v", a, b, a.intersect(b))
		}
		if got := bitsOf(a.minus(b)); got != ab&^bb {
			t.Fatalf("%v − %v = %v", a, b, a.minus(b))
		}
		if got := bitsOf(a.complement(top)); got != ^ab {
			t.Fatalf("complement of %v = %v", a, a.complement(top))
		}
		if a.contains(b) != (bb&^ab == 0) {
			t.Fatalf("%v contains %v: %v", a, b, a.contains(b))
		}
	}
}
