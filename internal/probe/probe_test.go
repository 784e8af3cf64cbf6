package probe

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// fakeResolver maps names to addresses; unknown names fail like NXDOMAIN.
type fakeResolver map[string][]string

func (f fakeResolver) LookupHost(_ context.Context, host string) ([]string, error) {
	if a, ok := f[host]; ok {
		return a, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

func TestProbeConnectsResolvesAndReportsFailures(t *testing.T) {
	port := testkit.OpenPort(t)
	closedPort := testkit.ClosedPort(t)

	res := fakeResolver{"eks.us-east-1.amazonaws.com": {"127.0.0.1"}, "ssm.us-east-1.amazonaws.com": {"127.0.0.1"}}
	targets := []Target{
		{Host: "eks.us-east-1.amazonaws.com", Port: port},
		{Host: "ssm.us-east-1.amazonaws.com", Port: closedPort},
		{Host: "nowhere.invalid", Port: port},
		{Host: "127.0.0.1", Port: port},
	}
	p := Run(context.Background(), targets, Options{Resolver: res, Timeout: 2 * time.Second, Now: func() time.Time { return time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC) }})
	if p.RunAt != "2026-11-26T08:00:00Z" || len(p.Results) != 4 {
		t.Fatalf("unexpected probe %+v", p)
	}
	if r := p.Results[0]; !r.Connected || r.Error != "" || len(r.Resolved) != 1 || r.LatencyMS < 0 {
		t.Errorf("open endpoint: %+v", r)
	}
	if r := p.Results[1]; r.Connected || !strings.HasPrefix(r.Error, "connect:") || len(r.Resolved) != 1 {
		t.Errorf("closed port: %+v", r)
	}
	if r := p.Results[2]; r.Connected || !strings.HasPrefix(r.Error, "resolve:") || len(r.Resolved) != 0 {
		t.Errorf("unresolvable name: %+v", r)
	}
	if r := p.Results[3]; !r.Connected || r.Resolved[0] != "127.0.0.1" {
		t.Errorf("literal address (the --vpc-target case): %+v", r)
	}
}

func TestProbeTimesOutAHangingConnect(t *testing.T) {
	hang := func(ctx context.Context, _, _ string) (net.Conn, error) {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	start := time.Now()
	p := Run(context.Background(), []Target{{Host: "127.0.0.1", Port: 443}}, Options{Dial: hang, Timeout: 100 * time.Millisecond})
	if time.Since(start) > 5*time.Second {
		t.Fatal("the probe did not honour its timeout")
	}
	if r := p.Results[0]; r.Connected || !strings.Contains(r.Error, context.DeadlineExceeded.Error()) {
		t.Fatalf("hanging connect: %+v", r)
	}
}

func TestParseProbeResults(t *testing.T) {
	good := `{"run_at": "2026-11-26T08:00:00Z", "host": "node-1", "results": [{"endpoint": "eks.us-east-1.amazonaws.com", "port": 443, "resolved": ["1.2.3.4"], "connected": true, "latency_ms": 12.5}]}`
	p, err := Parse("p.json", []byte(good))
	if err != nil || len(p.Results) != 1 || !p.Results[0].Connected {
		t.Fatalf("valid results refused: %v", err)
	}
	for name, bad := range map[string]string{
		"not json":      "nope",
		"unknown field": strings.Replace(good, `"host"`, `"hostname"`, 1),
		"bad time":      strings.Replace(good, "2026-11-26T08:00:00Z", "today", 1),
		"bad port":      strings.Replace(good, `"port": 443`, `"port": 70000`, 1),
		"no results":    `{"run_at": "2026-11-26T08:00:00Z", "results": []}`,
	} {
		if _, err := Parse("p.json", []byte(bad)); err == nil || !strings.HasPrefix(err.Error(), "p.json: ") {
			t.Errorf("%s: got %v, want an error naming p.json", name, err)
		}
	}
}
