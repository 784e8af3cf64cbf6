package ciscoios

import (
	"reflect"
	"testing"
)

// An ACL entry's protocol: IOS's own names (ip, ahp, ipinip, nos, pcp), protocol keywords and
// numbers as the snapshot spells them (ipproto), 0 as ip; anything else is any with a note, so
// the evaluator answers unknown instead of guessing.
func TestACLProtocol(t *testing.T) {
	var im importer
	for _, c := range []struct {
		word, want  string
		unsupported []string
	}{
		{"ip", "any", nil}, {"0", "any", nil}, {"ahp", "ah", nil}, {"ipinip", "4", nil}, {"pcp", "108", nil},
		{"tcp", "tcp", nil}, {"6", "tcp", nil}, {"50", "esp", nil}, {"eigrp", "88", nil}, {"ospf", "89", nil},
		{"58", "icmpv6", nil}, {"112", "112", nil},
		{"frobnicate", "any", []string{"protocol frobnicate"}},
	} {
		got, unsupported := im.protocol(&wordReader{words: []string{c.word}})
		if got != c.want || !reflect.DeepEqual(unsupported, c.unsupported) {
			t.Errorf("%s: got %q %q, want %q %q", c.word, got, unsupported, c.want, c.unsupported)
		}
	}
}
