package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/hybridcheck/hybridcheck/internal/s3store"
)

// stsRecorder forwards to moto and records the form of every STS AssumeRole call, so the test
// sees which role, external ID and session name reached STS.
type stsRecorder struct {
	mu      sync.Mutex
	assumed []url.Values
}

func (r *stsRecorder) proxy(t *testing.T, target string) string {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	forward := httputil.NewSingleHostReverseProxy(u)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(body))
		if form, err := url.ParseQuery(string(body)); err == nil && form.Get("Action") == "AssumeRole" {
			r.mu.Lock()
			r.assumed = append(r.assumed, form)
			r.mu.Unlock()
		}
		forward.ServeHTTP(w, req)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func motoS3(endpoint string) *s3.Client {
	cfg := aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("testing", "testing", "")}
	return s3.NewFromConfig(cfg, func(o *s3.Options) { o.BaseEndpoint = aws.String(endpoint); o.UsePathStyle = true })
}

// An organisation scan as examples/org-scan/ runs it: from the central account, collect three
// member accounts (each through an assumed role) in two regions into one encrypted S3 prefix,
// then one summary across every account's newest snapshot; check and diff --latest read s3://.
func TestOrgScanMoto(t *testing.T) {
	moto := startMoto(t)
	motoCredentials(t, "us-east-1")
	ctx := context.Background()
	bucket := motoS3(moto)
	rec := &stsRecorder{}
	endpoint := rec.proxy(t, moto)
	if _, err := bucket.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("org-scans")}); err != nil {
		t.Fatal(err)
	}
	accounts := []string{"111111111111", "222222222222", "333333333333"}
	for _, acct := range accounts {
		code, _, errs := runCLI(t, "collect", "--aws", "--endpoint-url", endpoint, "--role-arn", "arn:aws:iam::"+acct+":role/hybridcheck-read",
			"--external-id", "org-scan", "--region", "us-east-1,eu-west-1", "-o", "s3://org-scans/hybridcheck/"+acct+"/")
		if code != 0 {
			t.Fatalf("collect %s: exit %d: %s", acct, code, errs)
		}
		if n := strings.Count(errs, "collect: wrote s3://org-scans/hybridcheck/"+acct+"/"); n != 2 {
			t.Errorf("collect %s reported %d snapshots written, want 2 (one per region):\n%s", acct, n, errs)
		}
	}
	// The role is assumed for each region's collection (each resolves its clients afresh).
	if len(rec.assumed) != 2*len(accounts) {
		t.Fatalf("%d AssumeRole calls, want one per account and region (%d)", len(rec.assumed), 2*len(accounts))
	}
	for i, form := range rec.assumed {
		if form.Get("RoleArn") != "arn:aws:iam::"+accounts[i/2]+":role/hybridcheck-read" || form.Get("ExternalId") != "org-scan" || form.Get("RoleSessionName") != "hybridcheck" {
			t.Errorf("AssumeRole %d: %v", i, form)
		}
	}
	list, err := bucket.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("org-scans")})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Contents) != 6 {
		t.Fatalf("bucket holds %d objects, want 6 (3 accounts x 2 regions)", len(list.Contents))
	}
	for _, obj := range list.Contents {
		key := aws.ToString(obj.Key)
		got, err := bucket.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("org-scans"), Key: obj.Key})
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(got.Body)
		got.Body.Close()
		if got.ServerSideEncryption != s3types.ServerSideEncryptionAes256 {
			t.Errorf("%s: server-side encryption %q, want AES256", key, got.ServerSideEncryption)
		}
		var snap struct {
			AWS struct {
				AccountID string `json:"account_id"`
				Region    string `json:"region"`
			} `json:"aws"`
		}
		if err := json.Unmarshal(data, &snap); err != nil {
			t.Fatal(err)
		}
		// The key is hybridcheck/ACCOUNT/REGION/snapshot-TIME.json and the snapshot was collected
		// as the assumed role, in that account and region.
		parts := strings.Split(key, "/")
		if len(parts) != 4 || snap.AWS.AccountID != parts[1] || snap.AWS.Region != parts[2] {
			t.Errorf("%s holds account %q region %q", key, snap.AWS.AccountID, snap.AWS.Region)
		}
	}

	t.Setenv("AWS_ENDPOINT_URL", endpoint) // check, diff and report reach S3 through the standard chain
	code, out, errs := runCLI(t, "report", "--latest", "s3://org-scans/hybridcheck/", asOf)
	if code != 1 {
		t.Fatalf("report: exit %d (want 1: moto's empty estates fail), stderr %s\n%s", code, errs, out)
	}
	for _, acct := range accounts {
		for _, region := range []string{"us-east-1", "eu-west-1"} {
			if !strings.Contains(out, "| "+acct+" | "+region+" | ") {
				t.Errorf("summary has no row for %s %s:\n%s", acct, region, out)
			}
		}
	}
	if !strings.Contains(out, "Newest snapshot of each of 6 account/region folders") {
		t.Errorf("summary header:\n%s", out)
	}
	code, page, errs := runCLI(t, "report", "--latest", "s3://org-scans/hybridcheck/", "--format", "html", asOf)
	if code != 1 || !strings.Contains(page, "<td>333333333333</td><td>eu-west-1</td>") {
		t.Errorf("report --format html: exit %d %s\n%s", code, errs, page)
	}

	key := "s3://org-scans/" + aws.ToString(list.Contents[0].Key)
	if code, out, errs := runCLI(t, "check", key, asOf); code != 1 || !strings.Contains(out, key) {
		t.Errorf("check %s: exit %d, stderr %s\n%s", key, code, errs, out)
	}

	// A second collection of one account and region: diff --latest compares the two.
	folder := "s3://org-scans/hybridcheck/111111111111/us-east-1/"
	if code, _, errs := runCLI(t, "collect", "--aws", "--endpoint-url", endpoint, "--role-arn", "arn:aws:iam::111111111111:role/hybridcheck-read",
		"--region", "us-east-1", "-o", folder); code != 0 {
		t.Fatalf("second collect: exit %d: %s", code, errs)
	}
	if code, out, errs := runCLI(t, "diff", "--latest", folder, asOf); code != 0 || errs != "" {
		t.Errorf("diff --latest %s: exit %d, stderr %s\n%s", folder, code, errs, out)
	}
}

// Two snapshots with the same collection time never overwrite each other in S3: the second
// gets the -2 name, and the first keeps its bytes.
func TestS3NeverOverwritesMoto(t *testing.T) {
	endpoint := startMoto(t)
	motoCredentials(t, "us-east-1")
	ctx := context.Background()
	if _, err := motoS3(endpoint).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("scan-bucket")}); err != nil {
		t.Fatal(err)
	}
	store, err := s3store.New(ctx, s3store.Options{Endpoint: endpoint})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	prefix := s3store.Location{Bucket: "scan-bucket", Key: "scans/"}
	first, err := store.PutNew(ctx, prefix, at, []byte(`{"n":1}`), "")
	if err != nil {
		t.Fatal(err)
	}
	second, err := store.PutNew(ctx, prefix, at, []byte(`{"n":2}`), "")
	if err != nil {
		t.Fatal(err)
	}
	if first.Key != "scans/snapshot-20261120T093000Z.json" || second.Key != "scans/snapshot-20261120T093000Z-2.json" {
		t.Errorf("keys %s and %s", first.Key, second.Key)
	}
	data, err := store.Get(ctx, first)
	if err != nil || string(data) != `{"n":1}` {
		t.Errorf("first snapshot now holds %q (%v)", data, err)
	}
	older, newer, err := store.Latest(ctx, prefix)
	if err != nil || older != first || newer != second {
		t.Errorf("Latest: %v %v %v", older, newer, err)
	}
}
