//go:build realdata

// The GPL-3.0 ciscoconfparse sample cannot be shipped in the repository: this test reads it
// from ../shared/realdata beside the work tree and runs with `make test-realdata` (CI runs
// it), never silently skipped by `make test`.

package ciscoios

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/collector/device/devicetest"
)

// The GPL-3.0 ciscoconfparse sample is not copied into testdata; it is read from the shared
// corpus when present. Dialer1 binds EXT_IN in (12 entries: "permit esp host any any" is not
// valid IOS, so it is warned and kept as an unmodelled match; plus the implicit deny) and
// EXT_OUT out (1 + implicit deny);
// NAT is the 5 entries of INTERNAL_NETWORKS overloaded on Dialer1 and one static port forward;
// warnings: the invalid entry, Dialer1's negotiated address, and CBAC (ip inspect EXT_OUT out);
// of the two ip routes the default (via Dialer1) is the default gateway, the other a route.
func TestRealConfigSample08(t *testing.T) {
	files := devicetest.RealFiles(t, filepath.Join("..", "..", "..", "..", "..", "shared", "realdata", "cisco-ios"), "ciscoconfparse__sample_08.ios")
	d, warnings := importFile(t, files[0])
	want := totals{interfaces: 9, enabled: 9, chains: 2, rules: 15, nat: 6, routes: 1, warnings: 3}
	if got := count(d, warnings); got != want {
		t.Errorf("got %+v\nwant %+v\nwarnings: %q", got, want, warnings)
	}
	for _, ch := range d.Firewall.Chains {
		for _, r := range ch.Rules {
			if r.Action == "block" && !strings.Contains(strings.Join(r.Unsupported, ";"), "ip inspect (CBAC)") {
				t.Errorf("%s: deny %q does not carry the CBAC doubt", ch.Name, r.Description)
			}
		}
	}
}
