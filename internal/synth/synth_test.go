package synth

import (
	"bytes"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

func base(t testing.TB) *snapshot.Snapshot {
	l, err := snapshot.Load("../../snapshots/reference-compliant.json")
	if err != nil {
		t.Fatal(err)
	}
	return l.Snapshot
}

func TestGenerateIsDeterministicValidAndSized(t *testing.T) {
	a, err := Generate(base(t), 10, 7)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Generate(base(t), 10, 7)
	da, err := snapshot.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	db, _ := snapshot.Marshal(b)
	if !bytes.Equal(da, db) {
		t.Fatal("same scale and seed gave different estates")
	}
	if _, err := snapshot.Parse("scale10", da); err != nil {
		t.Fatalf("generated snapshot is invalid: %v", err)
	}
	sz := SizesAt(10)
	if got := len(a.AWS.VPCs); got != sz.VPCs {
		t.Errorf("VPCs: %d, want %d", got, sz.VPCs)
	}
	if got := len(a.AWS.SecurityGroups); got < sz.SecurityGroups*9/10 {
		t.Errorf("security groups: %d, want about %d", got, sz.SecurityGroups)
	}
	if got := len(a.AWS.VPNConnections); got != sz.VPNConnections {
		t.Errorf("VPN connections: %d, want %d", got, sz.VPNConnections)
	}
	seen := map[string]bool{}
	for _, v := range a.AWS.VPCs {
		for _, c := range v.CIDRBlocks {
			if seen[c] {
				t.Errorf("VPC CIDR %s used twice", c)
			}
			seen[c] = true
		}
	}
	if !seen["10.100.0.0/16"] {
		t.Error("the hybrid cluster VPC is missing from the estate")
	}
}

func TestScaleOneIsTheReference(t *testing.T) {
	b := base(t)
	s, err := Generate(b, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	x, _ := snapshot.Marshal(b)
	y, _ := snapshot.Marshal(s)
	if !bytes.Equal(x, y) {
		t.Fatal("scale 1 differs from the reference")
	}
}
