package aws

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// subnetPage is one DescribeSubnets page holding one subnet, continued by token.
func subnetPage(n int64, token string) string {
	return fmt.Sprintf(`<DescribeSubnetsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId>`+
		`<subnetSet><item><subnetId>subnet-%d</subnetId><vpcId>vpc-1</vpcId><cidrBlock>10.0.%d.0/24</cidrBlock></item></subnetSet>`+
		`<nextToken>%s</nextToken></DescribeSubnetsResponse>`, n, n%250, token)
}

// Issue 13 item 7: an endpoint that repeats its NextToken once made 45,097 requests in 200 s
// with --timeout ignored. The chain stops at the repeat, keeps the pages it got and records
// the source as incomplete; the rest of the run goes on.
func TestPaginationStopsOnARepeatedToken(t *testing.T) {
	for _, c := range []struct {
		name  string
		token func(n int64) string
	}{
		{"same token every page", func(int64) string { return "again" }},
		{"two tokens in turn", func(n int64) string { return []string{"a", "b"}[n%2] }},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFakeAWS(t)
			var n atomic.Int64
			f.ec2["DescribeSubnets"] = func(url.Values) (int, string) {
				i := n.Add(1)
				return 200, subnetPage(i, c.token(i))
			}
			clients, _ := startFake(t, f)
			res, err := Collect(bounded(t), clients, Options{Salt: snapshot.NewSalt(), Timeout: 5 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			if got := f.count("DescribeSubnets"); got > 3 {
				t.Errorf("%d requests for a looping token, want at most 3", got)
			}
			s := sourceByID(t, res.Sources, "ec2:DescribeSubnets")
			if s.Status == "ok" || !strings.Contains(s.Error, "repeated a NextToken") {
				t.Errorf("source recorded as %+v", s)
			}
		})
	}
}

// A fresh token on every page, answered at once, is stopped by the chain's total deadline
// (chainTimeouts × --timeout), not followed for ever.
func TestPaginationStopsAtTheChainDeadline(t *testing.T) {
	f := newFakeAWS(t)
	var n atomic.Int64
	f.ec2["DescribeSubnets"] = func(url.Values) (int, string) {
		i := n.Add(1)
		time.Sleep(5 * time.Millisecond)
		return 200, subnetPage(i, fmt.Sprintf("t%d", i))
	}
	clients, _ := startFake(t, f)
	start := time.Now()
	// The per-page timeout is far above a page's 5 ms, so that a loaded machine cannot make
	// the first page itself time out; the chain deadline (10 timeouts) still comes first.
	res, err := Collect(bounded(t), clients, Options{Salt: snapshot.NewSalt(), Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("took %s", took)
	}
	s := sourceByID(t, res.Sources, "ec2:DescribeSubnets")
	if s.Status != "partial" || !strings.Contains(s.Error, "over 2s for all pages") || s.Items == 0 {
		t.Errorf("source recorded as %+v", s)
	}
}

// Direct Connect pages by hand; the same guard holds there.
func TestDirectConnectPaginationStopsOnARepeatedToken(t *testing.T) {
	f := newFakeAWS(t)
	f.dx["DescribeDirectConnectGateways"] = `{"directConnectGateways":[{"directConnectGatewayId":"dxgw-1"}],"nextToken":"again"}`
	f.dx["DescribeDirectConnectGatewayAssociations"] = `{"directConnectGatewayAssociations":[],"nextToken":"same"}`
	clients, _ := startFake(t, f)
	res, err := Collect(bounded(t), clients, Options{Salt: snapshot.NewSalt(), DirectConnect: true, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"directconnect:DescribeDirectConnectGateways", "directconnect:DescribeDirectConnectGatewayAssociations"} {
		if s := sourceByID(t, res.Sources, id); s.Status == "ok" || !strings.Contains(s.Error, "repeated a NextToken") {
			t.Errorf("%s recorded as %+v", id, s)
		}
	}
	if got := f.count("DescribeDirectConnectGateways"); got > 3 {
		t.Errorf("%d gateway requests", got)
	}
}

// bounded is a context that ends the run after 20 s, so a pagination loop fails the test
// instead of hanging it.
func bounded(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}
