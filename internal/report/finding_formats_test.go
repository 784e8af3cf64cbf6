package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/schemagen"
)

// compileSchema compiles the JSON schema at path with format assertions on (URIs, times).
func compileSchema(t *testing.T, path string) *jsonschema.Schema {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sch, err := schemagen.Compile(filepath.Base(path), data, true)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func validateJSON(t *testing.T, sch *jsonschema.Schema, data []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return sch.Validate(inst)
}

// Both reference snapshots' ASFF and OCSF outputs (the golden files TestReferenceGolden keeps in
// step with the policies) and the synthetic report with every status validate against the
// formats' schemas; the schemas reject what the formats forbid.
func TestFindingFormatsValidate(t *testing.T) {
	for _, tc := range []struct {
		format, schema, suffix string
		bad                    []string
	}{
		{"asff", "asff.schema.json", ".asff.json", []string{
			`{"Findings":[{"SchemaVersion":"2018-10-08"}]}`,
			strings.Replace(string(render(t, ASFF{}, goldenReport(), Options{})), `"Label": "CRITICAL"`, `"Label": "SEVERE"`, 1),
			strings.Replace(string(render(t, ASFF{}, goldenReport(), Options{})), `"AwsAccountId"`, `"AwsAccountID"`, 1),
		}},
		{"ocsf", "ocsf-compliance-finding-1.3.0.schema.json", ".ocsf.json", []string{
			`[{"class_uid":2003}]`,
			strings.Replace(string(render(t, OCSF{}, goldenReport(), Options{})), `"class_uid": 2003`, `"class_uid": 2001`, 1),
			strings.Replace(string(render(t, OCSF{}, goldenReport(), Options{})), `"time": 1795167000000`, `"time": "2026-11-20T09:30:00Z"`, 1),
		}},
	} {
		sch := compileSchema(t, filepath.Join("testdata", "schemas", tc.schema))
		for _, name := range []string{"reference-compliant", "reference-broken"} {
			data, err := os.ReadFile(filepath.Join("testdata", name+tc.suffix))
			if err != nil {
				t.Fatal(err)
			}
			if err := validateJSON(t, sch, data); err != nil {
				t.Errorf("%s%s does not validate: %v", name, tc.suffix, err)
			}
		}
		if err := validateJSON(t, sch, render(t, mustGet(t, tc.format), goldenReport(), Options{})); err != nil {
			t.Errorf("%s of the report with every status does not validate: %v", tc.format, err)
		}
		for i, b := range tc.bad {
			if validateJSON(t, sch, []byte(b)) == nil {
				t.Errorf("%s schema accepted invalid document %d", tc.format, i)
			}
		}
	}
}

func mustGet(t *testing.T, format string) Renderer {
	t.Helper()
	r, err := Get(format)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func asffByCheck(t *testing.T, rep *result.Report) map[string]ASFFFinding {
	t.Helper()
	doc, err := NewASFF(rep)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]ASFFFinding{}
	for _, f := range doc.Findings {
		out[f.ProductFields["hybridcheck/CheckId"]+" "+f.ProductFields["hybridcheck/Resource"]] = f
	}
	return out
}

func TestASFFFindings(t *testing.T) {
	byKey := asffByCheck(t, goldenReport())
	for key, f := range byKey {
		if result.Status(f.ProductFields["hybridcheck/Status"]) == result.Pass || result.Status(f.ProductFields["hybridcheck/Status"]) == result.NotApplicable {
			t.Errorf("%s: passing and not applicable results are not findings", key)
		}
	}
	for _, tc := range []struct {
		key, compliance, workflow, resourceType, resourceID string
	}{
		{"HN-VPC-02 vpc-0518d3603257bf85d", "WARNING", "NEW", "AwsEc2Vpc", "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-0518d3603257bf85d"},
		{"HN-IPS-03 device:edge-fw", "NOT_AVAILABLE", "NEW", "Other", "device:edge-fw"},
		{"HN-SNAP-01 ec2:DescribeVpnConnections", "FAILED", "NEW", "Other", "ec2:DescribeVpnConnections"},
	} {
		f, ok := byKey[tc.key]
		if !ok {
			t.Errorf("no finding for %s; have %v", tc.key, keys(byKey))
			continue
		}
		if f.Compliance.Status != tc.compliance || f.Workflow.Status != tc.workflow || f.Resources[0].Type != tc.resourceType || f.Resources[0].ID != tc.resourceID {
			t.Errorf("%s: compliance %s workflow %s resource %s %s; want %s %s %s %s", tc.key, f.Compliance.Status, f.Workflow.Status,
				f.Resources[0].Type, f.Resources[0].ID, tc.compliance, tc.workflow, tc.resourceType, tc.resourceID)
		}
		if f.AwsAccountID != "111122223333" || f.Region != "us-east-1" || f.ProductArn != "arn:aws:securityhub:us-east-1:111122223333:product/111122223333/default" {
			t.Errorf("%s: account %s region %s product %s", tc.key, f.AwsAccountID, f.Region, f.ProductArn)
		}
	}
	var waived *ASFFFinding
	for _, f := range byKey {
		if result.Status(f.ProductFields["hybridcheck/Status"]) == result.Waived {
			waived = &f
		}
	}
	if waived == nil || waived.Workflow.Status != "SUPPRESSED" || waived.Compliance.Status != "FAILED" || waived.Note == nil ||
		!strings.Contains(waived.Note.Text, "reserved for the DR site") || waived.Note.UpdatedBy != "netsec@example.com" {
		t.Errorf("the waived result should be a suppressed FAILED finding with the justification as its note: %+v", waived)
	}
}

// A later run with other messages and times keeps each finding's Id (Security Hub updates it),
// and findings in other accounts or for other resources get other Ids.
func TestASFFIdsStable(t *testing.T) {
	a := asffByCheck(t, goldenReport())
	later := goldenReport()
	later.Snapshot.CollectedAt = "2026-12-01T00:00:00Z"
	for i := range later.Results {
		later.Results[i].Message += " (seen again)"
	}
	b := asffByCheck(t, later)
	other := goldenReport()
	other.Snapshot.AWSAccountID = "444455556666"
	c := asffByCheck(t, other)
	ids := map[string]bool{}
	for key, f := range a {
		if b[key].ID != f.ID {
			t.Errorf("%s: Id changed between runs: %s then %s", key, f.ID, b[key].ID)
		}
		if b[key].UpdatedAt != "2026-12-01T00:00:00Z" {
			t.Errorf("%s: UpdatedAt %s, want the later snapshot's time", key, b[key].UpdatedAt)
		}
		if c[key].ID == f.ID {
			t.Errorf("%s: same Id in another account", key)
		}
		if ids[f.ID] {
			t.Errorf("Id %s used twice in one report", f.ID)
		}
		ids[f.ID] = true
	}
}

func TestASFFNeedsAccount(t *testing.T) {
	rep := goldenReport()
	rep.Snapshot.AWSAccountID = ""
	err := ASFF{}.Render(&bytes.Buffer{}, rep, Options{})
	if err == nil || !strings.Contains(err.Error(), "aws.account_id") || !strings.Contains(err.Error(), rep.Snapshot.Path) {
		t.Errorf("ASFF without an account: %v", err)
	}
	// OCSF does not need one: a device-only snapshot still yields findings, without the cloud profile.
	var buf bytes.Buffer
	rep.Snapshot.AWSRegion = ""
	if err := (OCSF{}).Render(&buf, rep, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := validateJSON(t, compileSchema(t, filepath.Join("testdata", "schemas", "ocsf-compliance-finding-1.3.0.schema.json")), buf.Bytes()); err != nil || strings.Contains(buf.String(), `"cloud"`) {
		t.Errorf("OCSF without AWS: %v\n%s", err, buf.String())
	}
}

func TestOCSFEvents(t *testing.T) {
	var events []map[string]any
	if err := json.Unmarshal(render(t, OCSF{}, goldenReport(), Options{}), &events); err != nil {
		t.Fatal(err)
	}
	asff := asffByCheck(t, goldenReport())
	got := map[string]map[string]any{}
	for _, ev := range events {
		comp := ev["compliance"].(map[string]any)
		res := ev["resources"].([]any)[0].(map[string]any)
		got[comp["control"].(string)+" "+res["name"].(string)] = ev
	}
	if len(got) != len(asff) {
		t.Errorf("OCSF has %d events, ASFF %d findings: want one each per failing, unknown, erroring or waived result", len(got), len(asff))
	}
	for _, tc := range []struct {
		key                string
		complianceStatusID float64
		findingStatusID    float64
		severityID         float64
		resourceUID        string
	}{
		{"HN-VPC-02 vpc-0518d3603257bf85d", 2, 1, 4, "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-0518d3603257bf85d"},
		{"HN-SNAP-01 ec2:DescribeVpnConnections", 3, 1, 4, "ec2:DescribeVpnConnections"},
	} {
		ev, ok := got[tc.key]
		if !ok {
			t.Errorf("no OCSF event for %s", tc.key)
			continue
		}
		comp := ev["compliance"].(map[string]any)
		res := ev["resources"].([]any)[0].(map[string]any)
		info := ev["finding_info"].(map[string]any)
		if comp["status_id"] != tc.complianceStatusID || ev["status_id"] != tc.findingStatusID || ev["severity_id"] != tc.severityID || res["uid"] != tc.resourceUID {
			t.Errorf("%s: compliance.status_id %v status_id %v severity_id %v resource %v", tc.key, comp["status_id"], ev["status_id"], ev["severity_id"], res["uid"])
		}
		if info["uid"] != asff[tc.key].ID {
			t.Errorf("%s: finding_info.uid %v differs from the ASFF Id %s", tc.key, info["uid"], asff[tc.key].ID)
		}
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
