package report

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// sarifSchemaPath is the SARIF 2.1.0 subset written for these tests (testdata/README.md says why
// it is not the OASIS file).
var sarifSchemaPath = filepath.Join("..", "..", "testdata", "schemas", "sarif-subset.schema.json")

// TestSARIFGoldenFilesValidate validates every golden SARIF file against the SARIF 2.1.0 schema,
// with format assertions on (URIs, for one).
func TestSARIFGoldenFilesValidate(t *testing.T) {
	sch := compileSchema(t, sarifSchemaPath)
	files, err := filepath.Glob(filepath.Join("testdata", "*.sarif"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden SARIF files found (%v)", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := validateJSON(t, sch, data); err != nil {
				t.Errorf("%s does not validate: %v", f, err)
			}
		})
	}
	// The validator must be able to reject: a log without runs is invalid.
	if validateJSON(t, sch, []byte(`{"version":"2.1.0"}`)) == nil {
		t.Error("schema accepted a SARIF log without runs")
	}
	// Nor does the written subset accept a level, a property or a URI the specification does not.
	for _, doc := range []string{
		`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"level":"fatal"}]}]}`,
		`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"severity":"high"}]}]}`,
		`{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x","informationUri":"not a uri"}}}]}`,
	} {
		if validateJSON(t, sch, []byte(doc)) == nil {
			t.Errorf("schema accepted %s", doc)
		}
	}
}

type sarifDoc struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID                   string `json:"id"`
					DefaultConfiguration struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
					Properties map[string]any `json:"properties"`
					Help       struct {
						Text string `json:"text"`
					} `json:"help"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID              string            `json:"ruleId"`
			RuleIndex           int               `json:"ruleIndex"`
			Kind                string            `json:"kind"`
			Level               string            `json:"level"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Suppressions        []map[string]any  `json:"suppressions"`
			Properties          map[string]any    `json:"properties"`
			Locations           []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region *struct {
						StartLine int `json:"startLine"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
		} `json:"results"`
	} `json:"runs"`
}

func decodeSARIF(t *testing.T, data []byte) sarifDoc {
	t.Helper()
	var d sarifDoc
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(d.Runs))
	}
	return d
}

func TestSARIFContent(t *testing.T) {
	rep := goldenReport()
	d := decodeSARIF(t, render(t, SARIF{}, rep, Options{}))
	run := d.Runs[0]
	rules := run.Tool.Driver.Rules
	if len(rules) != 14 {
		t.Errorf("%d rules, want one per check (14)", len(rules))
	}
	ruleLevel := map[string]string{}
	ruleSev := map[string]any{}
	for _, r := range rules {
		ruleLevel[r.ID] = r.DefaultConfiguration.Level
		ruleSev[r.ID] = r.Properties["security-severity"]
		if r.Help.Text == "" {
			t.Errorf("rule %s has no help text", r.ID)
		}
	}
	levels := []struct {
		id, level string
		sev       any
	}{
		{"HN-SG-01", "error", "9.5"}, {"HN-VPC-03", "error", "8.0"}, {"HN-IPS-03", "warning", "5.5"},
		{"HN-VPC-10", "note", "3.0"}, {"HN-FW-05", "note", nil},
	}
	for _, tt := range levels {
		if ruleLevel[tt.id] != tt.level || ruleSev[tt.id] != tt.sev {
			t.Errorf("rule %s: level %q security-severity %v, want %q %v", tt.id, ruleLevel[tt.id], ruleSev[tt.id], tt.level, tt.sev)
		}
	}
	// 5 failures, 1 error, 1 unknown, 1 waiver; passes and n/a are not results.
	if len(run.Results) != 8 {
		t.Errorf("%d results, want 8", len(run.Results))
	}
	for _, res := range run.Results {
		if rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s points at rule %d (%s)", res.RuleID, res.RuleIndex, rules[res.RuleIndex].ID)
		}
		if len(res.Locations) == 0 {
			t.Errorf("result %s has no location", res.RuleID)
		}
		switch res.RuleID {
		case "HN-FW-01":
			loc := res.Locations[0].PhysicalLocation
			if loc.ArtifactLocation.URI != "exports/edge-fw/config.xml" || loc.Region == nil || loc.Region.StartLine != 212 {
				t.Errorf("HN-FW-01 location %+v, want the device export at line 212", loc)
			}
		case "HN-VPC-03":
			if got := res.Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "snapshots/2026-11-20T093000Z.json" {
				t.Errorf("HN-VPC-03 points at %q, want the snapshot", got)
			}
		case "HN-VPC-10":
			if len(res.Suppressions) != 1 || res.Suppressions[0]["state"] != "accepted" {
				t.Errorf("waived result suppressions %v", res.Suppressions)
			}
		case "HN-VPC-02":
			if res.Kind != "review" || res.Level != "none" || res.Properties["status"] != "unknown" {
				t.Errorf("unknown result kind %q level %q properties %v, want review/none and status unknown", res.Kind, res.Level, res.Properties)
			}
		case "HN-IPS-03":
			if res.Kind != "review" || res.Level != "none" {
				t.Errorf("error result kind %q level %q, want review/none", res.Kind, res.Level)
			}
		}
	}
}

// TestSARIFFingerprintIgnoresMessage: code scanning must keep tracking a finding whose message
// wording changed, and must tell two resources apart.
func TestSARIFFingerprintIgnoresMessage(t *testing.T) {
	fp := func(rep func(r *sarifDoc) string, mutate func(msg *string, res *string)) string {
		g := goldenReport()
		mutate(&g.Results[1].Message, &g.Results[1].Resource)
		d := decodeSARIF(t, render(t, SARIF{}, g, Options{}))
		return rep(&d)
	}
	of := func(d *sarifDoc) string {
		for _, r := range d.Runs[0].Results {
			if r.RuleID == "HN-VPC-03" {
				return r.PartialFingerprints[FingerprintKey]
			}
		}
		return ""
	}
	base := fp(of, func(*string, *string) {})
	reworded := fp(of, func(m *string, _ *string) { *m = "DNS hostnames are off" })
	other := fp(of, func(_ *string, r *string) { *r = "vpc-0000000000000000" })
	if base == "" || base != reworded {
		t.Errorf("fingerprint changed with the message: %q vs %q", base, reworded)
	}
	if base == other {
		t.Error("two resources share a fingerprint")
	}
}

func TestFileURI(t *testing.T) {
	checkMappings(t, "fileURI", fileURI, []mapping{
		{"snapshots/a.json", "snapshots/a.json"},
		{"exports/my fw/config.xml", "exports/my%20fw/config.xml"},
		{"/var/lib/hybridcheck/s.json", "file:///var/lib/hybridcheck/s.json"},
		{"c:weird/path", "./c:weird/path"},
	})
}
