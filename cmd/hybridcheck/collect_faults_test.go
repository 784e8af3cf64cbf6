package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/engine"
	"github.com/hybridcheck/hybridcheck/internal/snapshot"
)

// faultyEC2 answers every EC2 Query action with an empty, valid reply, except the actions it
// refuses (UnauthorizedOperation) and the one it never answers.
type faultyEC2 struct {
	denied map[string]bool
	hang   string
	// arrive, if set, is told of each action as its request arrives.
	arrive func(action string)
}

func (f *faultyEC2) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	form, _ := url.ParseQuery(string(body))
	action := form.Get("Action")
	if f.arrive != nil {
		f.arrive(action)
	}
	w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
	switch {
	case action == f.hang:
		<-r.Context().Done()
	case f.denied[action]:
		w.WriteHeader(403)
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>r</RequestID></Response>`)
	default:
		fmt.Fprintf(w, `<%sResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId></%sResponse>`, action, action)
	}
}

// serveFaulty starts f and points the standard credential chain at static test credentials,
// so `collect --aws --endpoint-url` reaches it as it would reach AWS.
func serveFaulty(t *testing.T, f *faultyEC2) string {
	t.Helper()
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	for k, v := range map[string]string{"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "",
		"AWS_PROFILE": "", "AWS_REGION": "us-east-1", "AWS_CONFIG_FILE": filepath.Join(t.TempDir(), "none"),
		"AWS_SHARED_CREDENTIALS_FILE": filepath.Join(t.TempDir(), "none"), "AWS_EC2_METADATA_DISABLED": "true"} {
		t.Setenv(k, v)
	}
	return srv.URL
}

// Ctrl-C in the middle of a collection: one line, exit 2, and nothing in the output folder,
// not the snapshot and not a temporary file.
func TestCollectInterruptedLeavesNoSnapshot(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	endpoint := serveFaulty(t, &faultyEC2{hang: "DescribeSubnets", arrive: func(action string) {
		if action == "DescribeSubnets" {
			cancel() // what the SIGINT handler in main does
		}
	}})
	dir := t.TempDir()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, stdin: strings.NewReader(""), stderrIsTerminal: true}
	code := run(ctx, e, []string{"collect", "--aws", "--endpoint-url", endpoint, "-o", filepath.Join(dir, "snap.json")})
	if code != 2 {
		t.Fatalf("exit %d, want 2; stderr %q", code, errb.String())
	}
	lines := strings.Split(strings.TrimSuffix(errb.String(), "\n"), "\n")
	if last := lines[len(lines)-1]; last != "hybridcheck collect: interrupted; no snapshot written" || strings.Contains(errb.String(), "goroutine") {
		t.Errorf("stderr does not end in the one-line message: %q", errb.String())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files left behind: %v", entries)
	}
	if out.Len() != 0 {
		t.Errorf("stdout: %q", out.String())
	}
}

// --timeout cuts off a call that never answers; the snapshot is still written and names it.
func TestCollectTimeoutRecordsTheHungCall(t *testing.T) {
	endpoint := serveFaulty(t, &faultyEC2{hang: "DescribeRouteTables"})
	out := filepath.Join(t.TempDir(), "snap.json")
	code, _, stderr := runCLI(t, "collect", "--aws", "--endpoint-url", endpoint, "--timeout", "300ms", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	l, err := snapshot.Load(out)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(l.Snapshot.Sources, func(s snapshot.Source) bool { return s.ID == "ec2:DescribeRouteTables" })
	if i < 0 || l.Snapshot.Sources[i].Status != "error" || !strings.Contains(l.Snapshot.Sources[i].Error, "no answer within 300ms") {
		t.Fatalf("hung call not recorded: %+v", l.Snapshot.Sources)
	}
}

func TestCollectBadTimeout(t *testing.T) {
	for _, v := range []string{"0s", "-1s", "soon"} {
		code, _, stderr := runCLI(t, "collect", "--aws", "--timeout", v)
		if code != 2 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "--timeout") {
			t.Errorf("--timeout %s: exit %d, stderr %q", v, code, stderr)
		}
	}
}

// The closing progress line counts the AWS API calls.
func TestCollectProgressCountsAPICalls(t *testing.T) {
	endpoint := serveFaulty(t, &faultyEC2{})
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, stdin: strings.NewReader(""), stderrIsTerminal: true}
	if code := run(context.Background(), e, []string{"collect", "--aws", "--endpoint-url", endpoint, "-o", filepath.Join(t.TempDir(), "s.json")}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(errb.String()), "\n")
	// No VPCs, groups or TGW route tables, so no per-VPC, per-group or per-table calls: one
	// call for each of the 16 region-wide actions (no prefix lists, so no entries calls).
	if last := lines[len(lines)-1]; !strings.Contains(last, "; 16 AWS API calls") {
		t.Errorf("closing line %q does not count the 16 calls", last)
	}
}

// A snapshot collected with one API refused can never look complete: HN-SNAP-01 fails and names
// the refused call.
func TestCollectWithOneAPIDeniedFailsSnap01(t *testing.T) {
	endpoint := serveFaulty(t, &faultyEC2{denied: map[string]bool{"DescribeNatGateways": true}})
	out := filepath.Join(t.TempDir(), "snap.json")
	if code, _, stderr := runCLI(t, "collect", "--aws", "--endpoint-url", endpoint, "-o", out); code != 0 {
		t.Fatalf("collect exit %d: %s", code, stderr)
	}
	l, err := snapshot.Load(out)
	if err != nil {
		t.Fatal(err)
	}
	eng, err := engine.New(context.Background(), engine.Options{Only: []string{"HN-SNAP-01"}})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := eng.Check(context.Background(), l)
	if err != nil {
		t.Fatal(err)
	}
	var failed []string
	for _, r := range rep.Results {
		if r.ID == "HN-SNAP-01" && r.Status == "fail" {
			failed = append(failed, r.Message)
		}
	}
	if len(failed) != 1 || !strings.Contains(failed[0], "ec2:DescribeNatGateways") || !strings.Contains(failed[0], "UnauthorizedOperation") {
		t.Fatalf("want one HN-SNAP-01 failure naming ec2:DescribeNatGateways, got %q", failed)
	}
}
