package format

import (
	"slices"
	"strings"
	"testing"
)

func TestRegistryKeepsOrderAndRefusesUnknownNames(t *testing.T) {
	r := New[func() string]("a test document").
		Add("text", func() string { return "T" }).
		Add("json", func() string { return "J" })
	if got := r.Names(); !slices.Equal(got, []string{"text", "json"}) {
		t.Fatalf("names %v, want registration order", got)
	}
	f, err := r.Get("json")
	if err != nil || f() != "J" {
		t.Fatalf("json: %v", err)
	}
	if _, err := r.Get("xml"); err == nil || !strings.Contains(err.Error(), `unknown format "xml" (one of text, json)`) {
		t.Fatalf("unknown format: %v", err)
	}
	if h := r.Help(); h != "output format: text, json" {
		t.Fatalf("help %q", h)
	}
}

func TestRegistryRefusesADuplicate(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("a format registered twice must panic")
		}
	}()
	New[int]("x").Add("text", 1).Add("text", 2)
}
