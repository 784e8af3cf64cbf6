// Package probe checks from a host in a hybrid node subnet what the guide's validation steps
// check by hand: each required AWS endpoint resolves and accepts a TCP connection on 443.
package probe

import (
	"context"
	"fmt"
	"net"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// Target is one endpoint to probe: a host name (or address) and a TCP port.
type Target struct {
	Host string
	Port int
}

// Options say how to probe. Resolver and Dial default to the system's; tests replace them so
// that every connection goes to a loopback listener the test owns.
type Options struct {
	Timeout  time.Duration
	Resolver interface {
		LookupHost(ctx context.Context, host string) ([]string, error)
	}
	Dial func(ctx context.Context, network, address string) (net.Conn, error)
	// Now stamps the probe; defaults to time.Now.
	Now func() time.Time
	// Host names the machine the probe ran on (for evidence).
	Host string
}

// maxParallel bounds concurrent probes: a dozen endpoints need no more, and a firewall that
// drops packets then costs one timeout, not one per endpoint in sequence.
const maxParallel = 8

// Run probes every target concurrently and returns the results in the targets' order.
func Run(ctx context.Context, targets []Target, o Options) *snapshot.Probe {
	if o.Timeout <= 0 {
		o.Timeout = 5 * time.Second
	}
	if o.Resolver == nil {
		o.Resolver = net.DefaultResolver
	}
	if o.Dial == nil {
		o.Dial = (&net.Dialer{}).DialContext
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	p := &snapshot.Probe{RunAt: o.Now().UTC().Format(time.RFC3339), Host: o.Host, Results: make([]snapshot.ProbeResult, len(targets))}
	sem := make(chan struct{}, maxParallel)
	var wg sync.WaitGroup
	for i, t := range targets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			p.Results[i] = probeOne(ctx, t, o)
		}()
	}
	wg.Wait()
	return p
}

func probeOne(ctx context.Context, t Target, o Options) snapshot.ProbeResult {
	r := snapshot.ProbeResult{Endpoint: t.Host, Port: t.Port}
	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	addrs := []string{t.Host}
	if net.ParseIP(t.Host) == nil {
		var err error
		addrs, err = o.Resolver.LookupHost(ctx, t.Host)
		if err != nil {
			r.Error = "resolve: " + err.Error()
			return r
		}
		if len(addrs) == 0 {
			r.Error = "resolve: no addresses"
			return r
		}
	}
	sort.Strings(addrs)
	r.Resolved = addrs
	// The first address that accepts a connection is enough: clients try them in turn.
	var lastErr error
	for _, a := range addrs {
		start := time.Now()
		conn, err := o.Dial(ctx, "tcp", net.JoinHostPort(a, strconv.Itoa(t.Port)))
		if err == nil {
			r.LatencyMS = float64(time.Since(start).Microseconds()) / 1000
			r.Connected = true
			conn.Close()
			return r
		}
		lastErr = err
	}
	r.Error = fmt.Sprintf("connect: %v", lastErr)
	return r
}
