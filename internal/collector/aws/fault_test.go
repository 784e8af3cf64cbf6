package aws

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// The outcomes of a live collection, faults (issue 8) among them: each against the fake
// serving real EC2 XML answers.
func TestCollectionFaults(t *testing.T) {
	needRealdata(t)
	subnetsXML := realBody(t, "DescribeSubnets")
	intact := func(t *testing.T, res *Result) {
		t.Helper()
		if len(res.AWS.Subnets) == 0 || len(res.AWS.CustomerGateways) != 1 || len(res.AWS.VPNConnections) != 1 {
			t.Errorf("the rest of the snapshot was not kept: %d subnets, %d CGWs, %d VPNs",
				len(res.AWS.Subnets), len(res.AWS.CustomerGateways), len(res.AWS.VPNConnections))
		}
		if s := sourceByID(t, res.Sources, "ec2:DescribeSubnets"); s.Status != "ok" {
			t.Errorf("an unrelated call is %q", s.Status)
		}
	}
	cases := []struct {
		name    string
		setup   func(f *fakeAWS)
		timeout time.Duration
		check   func(t *testing.T, f *fakeAWS, res *Result)
	}{
		{
			name: "a call that keeps failing is recorded after the last attempt and the rest is kept",
			setup: func(f *fakeAWS) {
				f.ec2["DescribeVpcs"] = ec2Error(503, "RequestLimitExceeded", "Request limit exceeded.")
			},
			check: func(t *testing.T, f *fakeAWS, res *Result) {
				if n := f.count("DescribeVpcs"); n != maxAttempts {
					t.Errorf("want %d attempts, got %d", maxAttempts, n)
				}
				s := sourceByID(t, res.Sources, "ec2:DescribeVpcs")
				if s.Status != "error" || !strings.Contains(s.Error, "RequestLimitExceeded") {
					t.Errorf("failing call recorded as %+v", s)
				}
				// The attribute calls need the VPC IDs: never made, and said so.
				if a := sourceByID(t, res.Sources, "ec2:DescribeVpcAttribute"); a.Status != "error" || !strings.Contains(a.Error, "ec2:DescribeVpcs did not answer") {
					t.Errorf("the calls that depend on it are recorded as %+v", a)
				}
				if len(res.AWS.VPCs) != 0 {
					t.Errorf("VPCs from nowhere: %d", len(res.AWS.VPCs))
				}
				intact(t, res)
			},
		},
		{
			name: "AccessDenied on one API is recorded per call",
			setup: func(f *fakeAWS) {
				f.ec2["DescribeSecurityGroups"] = ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform this operation.")
				f.ec2["DescribeVpcAttribute"] = ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform this operation.")
			},
			check: func(t *testing.T, f *fakeAWS, res *Result) {
				for _, id := range []string{"ec2:DescribeSecurityGroups", "ec2:DescribeVpcAttribute"} {
					if s := sourceByID(t, res.Sources, id); s.Status != "error" || !strings.Contains(s.Error, "UnauthorizedOperation") {
						t.Errorf("%s recorded as %+v", id, s)
					}
				}
				if n := f.count("DescribeVpcAttribute"); n != 2 {
					t.Errorf("want both attributes of the one VPC asked, got %d calls", n)
				}
				if s := sourceByID(t, res.Sources, "ec2:DescribeSecurityGroupRules"); s.Status != "error" || !strings.Contains(s.Error, "not called") {
					t.Errorf("rules of unknown groups recorded as %+v", s)
				}
				if v := res.AWS.VPCs[0]; v.EnableDNSSupport != nil || v.EnableDNSHostnames != nil {
					t.Errorf("refused attributes have values: %v %v", v.EnableDNSSupport, v.EnableDNSHostnames)
				}
				intact(t, res)
			},
		},
		{
			name:    "a request that hangs is cut off by the timeout and recorded",
			setup:   func(f *fakeAWS) { f.hang = map[string]bool{"DescribeVpnGateways": true} },
			timeout: time.Second, // long enough that the calls that do answer never run over on a busy machine
			check: func(t *testing.T, f *fakeAWS, res *Result) {
				s := sourceByID(t, res.Sources, "ec2:DescribeVpnGateways")
				if s.Status != "error" || s.Error != "no answer within 1s (--timeout)" {
					t.Errorf("hung call recorded as %+v", s)
				}
				if len(res.AWS.VPNGateways) != 0 {
					t.Errorf("VPN gateways from a call that never answered")
				}
				intact(t, res)
			},
		},
		{
			name: "paging follows NextToken to the last page",
			setup: func(f *fakeAWS) {
				page1 := strings.Replace(subnetsXML, "</subnetSet>", "</subnetSet><nextToken>page-2</nextToken>", 1)
				page2 := strings.ReplaceAll(subnetsXML, "subnet-812910e8", "subnet-second-page")
				f.ec2["DescribeSubnets"] = func(form url.Values) (int, string) {
					if form.Get("NextToken") == "page-2" {
						return 200, page2
					}
					return 200, page1
				}
			},
			check: func(t *testing.T, f *fakeAWS, res *Result) {
				var ids []string
				for _, s := range res.AWS.Subnets {
					ids = append(ids, s.ID)
				}
				if !slices.Contains(ids, "subnet-812910e8") || !slices.Contains(ids, "subnet-second-page") {
					t.Errorf("want the subnets of both pages, got %v", ids)
				}
				if n := f.count("DescribeSubnets"); n != 2 {
					t.Errorf("want 2 DescribeSubnets pages fetched, got %d", n)
				}
				if s := sourceByID(t, res.Sources, "ec2:DescribeSubnets"); s.Items != len(ids) || s.Status != "ok" {
					t.Errorf("source %+v does not count both pages", s)
				}
			},
		},
		{
			name: "AccessDenied on one call marks it and keeps the rest",
			setup: func(f *fakeAWS) {
				f.ec2["DescribeVpnConnections"] = ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform this operation.")
			},
			check: func(t *testing.T, f *fakeAWS, res *Result) {
				s := sourceByID(t, res.Sources, "ec2:DescribeVpnConnections")
				if s.Status != "error" || !strings.Contains(s.Error, "UnauthorizedOperation") {
					t.Errorf("refused call recorded as %+v", s)
				}
				if len(res.AWS.VPNConnections) != 0 || len(res.AWS.VPCs) != 1 || len(res.AWS.CustomerGateways) != 1 {
					t.Errorf("the rest of the snapshot is not intact: %d VPCs, %d CGWs", len(res.AWS.VPCs), len(res.AWS.CustomerGateways))
				}
				if v := sourceByID(t, res.Sources, "ec2:DescribeVpcs"); v.Status != "ok" {
					t.Errorf("an unrelated call was marked %q", v.Status)
				}
			},
		},
		{
			name: "one of several per-VPC calls refused makes the source partial",
			setup: func(f *fakeAWS) {
				f.ec2["DescribeVpcAttribute"] = func(form url.Values) (int, string) {
					if form.Get("Attribute") == "enableDnsHostnames" {
						return ec2Error(403, "UnauthorizedOperation", "denied")(nil)
					}
					return 200, `<DescribeVpcAttributeResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><vpcId>vpc-8d2910e4</vpcId><enableDnsSupport><value>true</value></enableDnsSupport></DescribeVpcAttributeResponse>`
				}
			},
			check: func(t *testing.T, f *fakeAWS, res *Result) {
				if s := sourceByID(t, res.Sources, "ec2:DescribeVpcAttribute"); s.Status != "partial" {
					t.Errorf("want partial, got %+v", s)
				}
				v := res.AWS.VPCs[0]
				if v.EnableDNSSupport == nil || !*v.EnableDNSSupport || v.EnableDNSHostnames != nil {
					t.Errorf("want dns support true and hostnames unknown, got %v %v", v.EnableDNSSupport, v.EnableDNSHostnames)
				}
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeAWS(t)
			serveRealXML(f)
			tc.setup(f)
			tc.check(t, f, collectFromFake(t, f, Options{Salt: snapshot.NewSalt(), Timeout: tc.timeout}))
		})
	}
}

// Ctrl-C while a call is in flight stops the run at once: no result, the context's error.
func TestCancelledCollectionReturnsNoResult(t *testing.T) {
	needRealdata(t)
	f := newFakeAWS(t)
	serveRealXML(f)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f.hang = map[string]bool{"DescribeSubnets": true}
	f.arrive = func(action string) {
		if action == "DescribeSubnets" {
			cancel()
		}
	}
	clients, _ := startFake(t, f)
	res, err := Collect(ctx, clients, Options{Salt: snapshot.NewSalt()})
	if !errors.Is(err, context.Canceled) || res != nil {
		t.Fatalf("want no result and context.Canceled, got %v, %v", res, err)
	}
}

// A call that AWS throttles or cannot serve for a while is retried until AWS answers, and
// the answer is kept.
func TestFailedCallsAreRetriedUntilAnswered(t *testing.T) {
	needRealdata(t)
	vpcsXML := realBody(t, "DescribeVpcs")
	for _, tc := range []struct {
		failed, status int
		code, msg      string
	}{
		{3, 400, "RequestLimitExceeded", "slow down"},
		{2, 503, "Unavailable", "slow down"},
		{2, 503, "RequestLimitExceeded", "Request limit exceeded."},
	} {
		t.Run(fmt.Sprintf("HTTP %d %s", tc.status, tc.code), func(t *testing.T) {
			f := newFakeAWS(t)
			serveRealXML(f)
			f.ec2["DescribeVpcs"] = throttleThenAnswer(tc.failed, tc.status, tc.code, tc.msg, vpcsXML)
			res := collectFromFake(t, f, Options{Salt: snapshot.NewSalt()})
			if n := f.count("DescribeVpcs"); n != tc.failed+1 {
				t.Errorf("want %d failed attempts and 1 answer, got %d requests", tc.failed, n)
			}
			if s := sourceByID(t, res.Sources, "ec2:DescribeVpcs"); s.Status != "ok" || len(res.AWS.VPCs) != 1 {
				t.Errorf("failures not ridden out: %+v, %d VPCs", s, len(res.AWS.VPCs))
			}
		})
	}
}

// throttleThenAnswer fails the first n requests with the given status, code and message, then
// answers 200 with body.
func throttleThenAnswer(n, status int, code, msg, body string) func(url.Values) (int, string) {
	seen := 0
	return func(form url.Values) (int, string) {
		if seen < n {
			seen++
			return ec2Error(status, code, msg)(form)
		}
		return 200, body
	}
}
