package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	sh "github.com/aws/aws-sdk-go-v2/service/securityhub"
	shtypes "github.com/aws/aws-sdk-go-v2/service/securityhub/types"

	"github.com/hybridcheck/hybridcheck/internal/report"
	"github.com/hybridcheck/hybridcheck/internal/securityhub"
	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// motoCredentials points the SDK's default chain at fixed test keys and nothing else, and its
// region at region; with region "" the chain has none, so that a command run without --region
// fails rather than take one from the developer's environment.
func motoCredentials(t *testing.T, region string) {
	t.Setenv("AWS_ACCESS_KEY_ID", "testing")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "testing")
	t.Setenv("AWS_SESSION_TOKEN", "")
	t.Setenv("AWS_PROFILE", "")
	t.Setenv("AWS_REGION", region)
	t.Setenv("AWS_DEFAULT_REGION", "")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
}

func motoSecurityHub(endpoint string) *sh.Client {
	cfg := aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("testing", "testing", "")}
	return sh.NewFromConfig(cfg, func(o *sh.Options) { o.BaseEndpoint = aws.String(endpoint) })
}

func allFindings(t *testing.T, c *sh.Client) map[string]shtypes.AwsSecurityFinding {
	t.Helper()
	out := map[string]shtypes.AwsSecurityFinding{}
	p := sh.NewGetFindingsPaginator(c, &sh.GetFindingsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range page.Findings {
			if _, dup := out[aws.ToString(f.Id)]; dup {
				t.Errorf("Security Hub holds finding %s twice", aws.ToString(f.Id))
			}
			out[aws.ToString(f.Id)] = f
		}
	}
	return out
}

// check --format asff, then publish it into moto's Security Hub: every finding arrives with
// its compliance status, severity and resource; publishing a later snapshot of the same estate
// updates those findings instead of adding new ones.
func TestPublishSecurityHubMoto(t *testing.T) {
	endpoint := startMoto(t)
	motoCredentials(t, "us-east-1")
	hub := motoSecurityHub(endpoint)
	if _, err := hub.EnableSecurityHub(context.Background(), &sh.EnableSecurityHubInput{}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	asffPath := filepath.Join(dir, "findings.asff.json")
	if code, _, errs := runCLI(t, "check", broken, asOf, "--format", "asff", "-o", asffPath); code != 1 {
		t.Fatalf("check --format asff: exit %d: %s", code, errs)
	}
	var doc struct{ Findings []map[string]any }
	data, _ := os.ReadFile(asffPath)
	if err := json.Unmarshal(data, &doc); err != nil || len(doc.Findings) == 0 {
		t.Fatalf("ASFF output: %v (%d findings)", err, len(doc.Findings))
	}
	code, out, errs := runCLI(t, "publish", "--securityhub", asffPath, "--endpoint-url", endpoint)
	if code != 0 || !strings.Contains(out, fmt.Sprintf("published %d findings to Security Hub in us-east-1 (1 BatchImportFindings calls)", len(doc.Findings))) {
		t.Fatalf("publish: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	first := allFindings(t, hub)
	if len(first) != len(doc.Findings) {
		t.Fatalf("Security Hub holds %d findings, want %d", len(first), len(doc.Findings))
	}
	vpc := first["hybridcheck/111122223333/us-east-1/HN-VPC-02/"+fingerprintPrefix("HN-VPC-02", "vpc-0518d3603257bf85d")]
	if vpc.Compliance == nil || vpc.Compliance.Status != shtypes.ComplianceStatusFailed || vpc.Severity == nil || vpc.Severity.Label != shtypes.SeverityLabelHigh ||
		len(vpc.Resources) != 1 || aws.ToString(vpc.Resources[0].Id) != "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-0518d3603257bf85d" || aws.ToString(vpc.Resources[0].Type) != "AwsEc2Vpc" {
		t.Errorf("HN-VPC-02 finding as Security Hub holds it: %+v", vpc)
	}

	// A later collection of the same estate: same Ids, later UpdatedAt, no new findings.
	later := filepath.Join(dir, "later.json")
	snap, _ := os.ReadFile(broken)
	testkit.WriteFile(t, later, []byte(strings.Replace(string(snap), `"collected_at": "2026-11-20T09:30:00Z"`, `"collected_at": "2026-11-25T09:30:00Z"`, 1)))
	if code, out, errs := runCLI(t, "publish", "--snapshot", later, "--as-of", "2026-11-26T00:00:00Z", "--endpoint-url", endpoint); code != 0 {
		t.Fatalf("publish --snapshot: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	second := allFindings(t, hub)
	if len(second) != len(first) {
		t.Fatalf("after the second import Security Hub holds %d findings, want the same %d (updated, not duplicated)", len(second), len(first))
	}
	for id, f := range second {
		if _, ok := first[id]; !ok {
			t.Errorf("second import added %s", id)
		}
		if got := aws.ToString(f.UpdatedAt); got != "2026-11-25T09:30:00Z" {
			t.Errorf("%s: UpdatedAt %s, want the later snapshot's 2026-11-25T09:30:00Z", id, got)
		}
	}
}

// recordingHub forwards to Security Hub and records each batch's size.
type recordingHub struct {
	securityhub.API
	batches []int
}

func (r *recordingHub) BatchImportFindings(ctx context.Context, in *sh.BatchImportFindingsInput, opts ...func(*sh.Options)) (*sh.BatchImportFindingsOutput, error) {
	r.batches = append(r.batches, len(in.Findings))
	return r.API.BatchImportFindings(ctx, in, opts...)
}

// 250 findings go in batches of 100, 100 and 50, and all arrive.
func TestPublishBatchesMoto(t *testing.T) {
	endpoint := startMoto(t)
	motoCredentials(t, "us-east-1")
	hub := motoSecurityHub(endpoint)
	code, out, _ := runCLI(t, "check", broken, asOf, "--format", "asff")
	if code != 1 {
		t.Fatalf("check: exit %d", code)
	}
	one, err := securityhub.Decode("check output", []byte(out))
	if err != nil {
		t.Fatal(err)
	}
	var many []shtypes.AwsSecurityFinding
	for i := range 250 {
		f := one[i%len(one)]
		f.Id = aws.String(fmt.Sprintf("%s/copy-%d", aws.ToString(f.Id), i))
		many = append(many, f)
	}
	rec := &recordingHub{API: hub}
	res, err := securityhub.Import(context.Background(), many, func(string) (securityhub.API, error) { return rec, nil })
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(rec.batches) != "[100 100 50]" || res.Findings != 250 || res.Calls != 3 {
		t.Errorf("batches %v, %d findings in %d calls; want [100 100 50], 250 in 3", rec.batches, res.Findings, res.Calls)
	}
	if n := len(allFindings(t, hub)); n != 250 {
		t.Errorf("Security Hub holds %d findings, want 250", n)
	}
}

func fingerprintPrefix(check, resource string) string {
	return report.Fingerprint(check, resource)[:32]
}
