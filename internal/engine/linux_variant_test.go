package engine

import (
	"context"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/collector/device"
	_ "github.com/hybridcheck/hybridcheck/internal/collector/device/linux"
	"github.com/hybridcheck/hybridcheck/internal/fixture"
	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// linuxVariant is the tgw_bgp variant with its edge device replaced by the Linux gateway
// folder dir imported with --device linux:DIR (nftables, swanctl, ip -j addr/route, FRR).
// The fixture's salt is used, so the swanctl PSKs fingerprint to the tunnels' fingerprints.
func linuxVariant(t *testing.T, dir string, edit func(*snapshot.Device)) *snapshot.Loaded {
	t.Helper()
	doc := variantDocuments(t)["tgw_bgp"].(map[string]any)
	salt, _ := doc["fingerprint_salt"].(string)
	dev, src, err := device.Import("linux", filepath.Join("..", "..", "testdata", "linux", dir), salt)
	if err != nil {
		t.Fatal(err)
	}
	if len(src.Warnings) > 0 {
		t.Errorf("%s imports with warnings: %v", dir, src.Warnings)
	}
	// Paths in evidence are the folder's, as a user would give it.
	dev.Source = "testdata/linux/" + dir
	if edit != nil {
		edit(dev)
	}
	// The fixture's device source becomes the folder's.
	src.Location = dev.Source
	return fixture.Parse(t, dir, fixture.WithDevice(t, doc, dev, src))
}

// evaluatorGaps are the checks the Linux gateway fails only because the on-prem flow evaluator
// does not derive a packet's ingress and egress from route-based IPsec (VTI interfaces bound by
// marks) and BGP sessions: it needs the route to the VPC that FRR installed in the kernel
// (`ip -j route show`: 10.100.0.0/16 via 169.254.10.1 dev vti1 proto bgp). With that route the
// gateway passes everything (evaluatorGaps is empty); TestLinuxGatewayWithoutItsBGPRoute proves
// that it passes without it too, the evaluator learning the route from FRR's sessions to the
// tunnels' inside addresses.
var evaluatorGaps = map[string]bool{}

// bgpRouteGaps are the checks that fail when the folder lacks the kernel's BGP-installed route
// to the VPC: none, since swanctl (VTI marks), ip addr (the VTIs) and FRR (the sessions to the
// tunnels' inside addresses) say where the VPC is and the evaluator follows them (issue 12).
var bgpRouteGaps = []string{}

func TestLinuxGatewayWithoutItsBGPRoute(t *testing.T) {
	e := newEngine(t, Options{Now: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)})
	dropBGPRoutes := func(d *snapshot.Device) {
		var kept []snapshot.StaticRoute
		for _, r := range d.StaticRoutes {
			if r.Description != "installed by bgp" {
				kept = append(kept, r)
			}
		}
		if len(kept) == len(d.StaticRoutes) {
			t.Fatal("the gateway has no BGP-installed route to drop")
		}
		d.StaticRoutes = kept
	}
	rep, err := e.Check(context.Background(), linuxVariant(t, "gateway", dropBGPRoutes))
	if err != nil {
		t.Fatal(err)
	}
	ids := slices.Sorted(maps.Keys(testkit.Failing(rep)))
	if strings.Join(ids, ",") != strings.Join(bgpRouteGaps, ",") {
		t.Errorf("without the BGP-installed route failing: %v; recorded gaps: %v", ids, bgpRouteGaps)
	}
}

func TestLinuxGatewayVariantPasses(t *testing.T) {
	e := newEngine(t, Options{Now: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)})
	rep, err := e.Check(context.Background(), linuxVariant(t, "gateway", nil))
	if err != nil {
		t.Fatal(err)
	}
	failing := map[string]bool{}
	for _, r := range rep.Results {
		if r.Status == result.Fail || r.Status == result.Error {
			failing[r.ID] = true
			if !evaluatorGaps[r.ID] {
				t.Errorf("%s %s on %s: %s", r.ID, r.Status, r.Resource, r.Message)
			}
		}
	}
	for id := range evaluatorGaps {
		if !failing[id] {
			t.Errorf("%s passes now: drop it from evaluatorGaps", id)
		}
	}
}

// TestLinuxGatewayBrokenFailsExactlyItsDefects imports testdata/linux/gateway-broken, a copy of
// the gateway with the defects listed in its defects.json, and expects exactly those checks to
// fail (beside the evaluator gaps the good gateway has too).
func TestLinuxGatewayBrokenFailsExactlyItsDefects(t *testing.T) {
	want := map[string]bool{}
	for _, d := range fixture.ReadDefects(t, filepath.Join("..", "..", "testdata", "linux", "gateway-broken.defects.json")) {
		want[d.Check] = true
	}
	for id := range evaluatorGaps {
		want[id] = true
	}
	e := newEngine(t, Options{Now: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)})
	rep, err := e.Check(context.Background(), linuxVariant(t, "gateway-broken", nil))
	if err != nil {
		t.Fatal(err)
	}
	got := testkit.FailingBesidesPaths(rep)
	var missing, extra []string
	for id := range want {
		if !got[id] {
			missing = append(missing, id)
		}
	}
	for id := range got {
		if !want[id] {
			extra = append(extra, id)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing)+len(extra) > 0 {
		t.Errorf("defects not caught: %s; failures not listed as defects: %s", strings.Join(missing, ", "), strings.Join(extra, ", "))
	}
}
