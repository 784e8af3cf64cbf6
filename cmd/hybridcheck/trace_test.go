package main

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

const vtiVariant = "../../testdata/variants/tgw_vti_bgp.json"

func TestTraceExitCodesAndMatrix(t *testing.T) {
	code, out, errs := runCLI(t, "trace", "--flow", "all", compliant)
	if code != 0 || errs != "" || strings.Count(out, "=> gets through") != 7 {
		t.Fatalf("compliant: exit %d, stderr %q\n%s", code, errs, out)
	}
	code, out, errs = runCLI(t, "trace", "--flow", "all", broken)
	if code != 1 || errs != "" {
		t.Fatalf("broken: exit %d, stderr %q\n%s", code, errs, out)
	}
	// The matrix names, per broken flow, the hop its seeded defect breaks.
	testkit.ContainsAll(t, "broken trace", out,
		"✗ kubelet                drop      hop 2 aws-nacl: denied by acl-0a1b2c3d4e5f60718 rule 90",
		"✗ node-to-control-plane  drop      hop 2 device-nat: translated",
		"✗ pod-to-control-plane   drop      hop 2 device-nat: translated to the interface address by pfSense's automatic outbound NAT",
		"✗ webhook                drop      hop 4 aws-route: route 0.0.0.0/0 -> nat-0327bf58440ab78b9",
		"✓ credentials            pass",
		"blocked by filter rule 17 (Block kubelet during maintenance)",
	)
	if code, out, _ := runCLI(t, "trace", "--flow", "kubelet", broken); code != 1 || !strings.Contains(out, "=> dropped at hop 2 (aws-nacl") {
		t.Errorf("kubelet on broken: exit %d\n%s", code, out)
	}
}

func TestTraceJSONOnTheRouteBasedVariant(t *testing.T) {
	code, out, errs := runCLI(t, "trace", "--flow", "kubelet", "--format", "json", vtiVariant)
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q\n%s", code, errs, out)
	}
	var doc struct {
		Traces []struct {
			Verdict   string `json:"verdict"`
			FirstStop int    `json:"first_stop"`
			Hops      []struct {
				Kind, Direction, What, Evidence, Verdict string
			} `json:"hops"`
		} `json:"traces"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Traces) != 1 {
		t.Fatalf("not the trace JSON: %v\n%s", err, out)
	}
	tr := doc.Traces[0]
	if tr.Verdict != "pass" || tr.FirstStop != -1 {
		t.Errorf("kubelet should get through: %+v", tr)
	}
	var vti, bgp bool
	for _, h := range tr.Hops {
		vti = vti || (h.Kind == "device-firewall" && strings.Contains(h.What, "in on opt2"))
		bgp = bgp || (h.Kind == "device-route" && h.Direction == "return" && strings.Contains(h.Evidence, "learned over BGP"))
	}
	if !vti || !bgp {
		t.Errorf("the trace should show the VTI ingress (%v) and the BGP-learned route (%v):\n%s", vti, bgp, out)
	}
}

func TestTraceCustomFlow(t *testing.T) {
	code, out, _ := runCLI(t, "trace", "--from", "pods", "--to", "control-plane", "--proto", "tcp", "--port", "443", broken)
	if code != 1 || !strings.Contains(out, "192.168.0.0/16") || !strings.Contains(out, "=> dropped") {
		t.Errorf("exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "trace", "--from", "10.200.0.0/24", "--to", "ssm.us-east-1.amazonaws.com", "--port", "443", compliant)
	if code != 0 || !strings.Contains(out, "NAT rule 2") {
		t.Errorf("exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "trace", "--from", "10.100.0.0/24", "--to", "10.200.1.0/24", "--proto", "icmp", "--icmp-type", "8", compliant)
	if code != 0 || !strings.Contains(out, "icmp type 8") {
		t.Errorf("exit %d\n%s", code, out)
	}
}

func TestTraceBadInputIsOneLineExit2(t *testing.T) {
	for _, args := range [][]string{
		{"trace", compliant},
		{"trace", "--flow", "kubelet"},
		{"trace", "--flow", "nope", compliant},
		{"trace", "--flow", "kubelet", "--from", "nodes", compliant},
		{"trace", "--from", "nodes", compliant},
		{"trace", "--from", "nodes", "--to", "vpc", "--proto", "sctp", "--port", "1", compliant},
		{"trace", "--from", "nodes", "--to", "vpc", "--port", "70000", compliant},
		{"trace", "--from", "somewhere", "--to", "vpc", "--port", "443", compliant},
		{"trace", "--flow", "all", "--format", "xml", compliant},
		{"trace", "--flow", "all", "../../testdata/does-not-exist.json"},
	} {
		code, out, errs := runCLI(t, args...)
		if code != 2 || out != "" || strings.Count(strings.TrimSpace(errs), "\n") != 0 || !strings.HasPrefix(errs, "hybridcheck trace: ") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
}

func TestTraceHelp(t *testing.T) {
	code, out, _ := runCLI(t, "trace", "--help")
	for _, want := range []string{"--flow", "kubelet", "credentials", "✓ passes, ✗ drops, ?", "Exits 0", "--format"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("help (exit %d) lacks %q:\n%s", code, want, out)
		}
	}
}

// The README's "Why is this flow broken?" shows real output: the block after the command
// is exactly what the command prints today.
func TestReadmeTraceOutputIsReal(t *testing.T) {
	readme := testkit.ReadText(t, "../../README.md")
	m := regexp.MustCompile("(?s)<!-- trace-example -->\n```console\n\\$ hybridcheck (trace [^\n]*)\n(.*?)```").FindStringSubmatch(readme)
	if m == nil {
		t.Fatal("README: the trace example (<!-- trace-example --> and a console block) is missing")
	}
	args := strings.Fields(m[1])
	for i, a := range args {
		if strings.HasPrefix(a, "snapshots/") {
			args[i] = "../../" + a
		}
	}
	_, out, _ := runCLI(t, args...)
	if out != m[2] {
		t.Errorf("README trace output is stale; the command prints:\n%s", out)
	}
}
