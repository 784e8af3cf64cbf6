package main

import (
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// probe dials only loopback listeners the test starts.
func TestProbeCommand(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	open := "127.0.0.1:" + strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	out := filepath.Join(t.TempDir(), "probe.json")
	code, _, errs := runCLI(t, "probe", "--endpoint", open, "-o", out)
	if code != 0 || errs != "" {
		t.Fatalf("reachable endpoint: exit %d, stderr %q", code, errs)
	}
	var p struct {
		Results []struct {
			Endpoint  string `json:"endpoint"`
			Connected bool   `json:"connected"`
		} `json:"results"`
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &p); err != nil || len(p.Results) != 1 || !p.Results[0].Connected {
		t.Fatalf("unexpected probe output %s (%v)", data, err)
	}
	closed, _ := net.Listen("tcp", "127.0.0.1:0")
	dead := closed.Addr().String()
	closed.Close()
	code, _, errs = runCLI(t, "probe", "--endpoint", open, "--endpoint", dead, "--timeout", "2s")
	if code != 1 || !strings.Contains(errs, dead) || !strings.Contains(errs, "1 of 2 endpoints unreachable") {
		t.Fatalf("unreachable endpoint: exit %d, stderr %q", code, errs)
	}
}

func TestProbeUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"probe"},
		{"probe", "--endpoint", "host:99999"},
		{"probe", "--endpoint", "127.0.0.1:443", "--vpc-target", "not-an-ip"},
		{"probe", "--intent", filepath.Join(t.TempDir(), "missing.yaml")},
	} {
		code, _, errs := runCLI(t, args...)
		if code != 2 || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
}
