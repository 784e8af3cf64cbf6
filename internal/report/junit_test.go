package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/result"
)

var junitSchemaPath = filepath.Join("..", "..", "testdata", "schemas", "junit.xsd")

// xmlNode is a generic element tree, to check the output against the schema's structure
// without trusting our own structs.
type xmlNode struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []xmlNode  `xml:",any"`
	Text    string     `xml:",chardata"`
}

func (n xmlNode) attr(name string) (string, bool) {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// junitStructureErrors checks what junit.xsd requires of a document, the way xmllint would
// on a machine that lacks it.
func junitStructureErrors(data []byte) []string {
	var root xmlNode
	if err := xml.Unmarshal(data, &root); err != nil {
		return []string{"not XML: " + err.Error()}
	}
	var errs []string
	fail := func(format string, a ...any) { errs = append(errs, strings.TrimSpace(sprintf(format, a...))) }
	if root.XMLName.Local != "testsuites" || len(root.Attrs) != 0 {
		fail("root is <%s> with %d attributes, want <testsuites> without any", root.XMLName.Local, len(root.Attrs))
	}
	stamp := regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}$`)
	for i, s := range root.Nodes {
		if s.XMLName.Local != "testsuite" {
			fail("child %d is <%s>", i, s.XMLName.Local)
			continue
		}
		for _, a := range []string{"package", "id", "name", "timestamp", "hostname", "tests", "failures", "errors", "time"} {
			if v, ok := s.attr(a); !ok || v == "" {
				fail("testsuite %d lacks %s", i, a)
			}
		}
		if id, _ := s.attr("id"); id != strconv.Itoa(i) {
			fail("testsuite %d has id %q", i, id)
		}
		if ts, _ := s.attr("timestamp"); !stamp.MatchString(ts) {
			fail("testsuite %d timestamp %q is not a zone-less date-time", i, ts)
		}
		var names []string
		for _, c := range s.Nodes {
			names = append(names, c.XMLName.Local)
		}
		seq := strings.Join(names, " ")
		if !regexp.MustCompile(`^properties( testcase)* system-out system-err$`).MatchString(seq) {
			fail("testsuite %d children %q, want properties, testcase*, system-out, system-err", i, seq)
		}
		counts := map[string]int{}
		for _, c := range s.Nodes {
			switch c.XMLName.Local {
			case "properties":
				for _, p := range c.Nodes {
					if n, _ := p.attr("name"); p.XMLName.Local != "property" || n == "" {
						fail("bad property %v", p)
					}
					if _, ok := p.attr("value"); !ok {
						fail("property without value")
					}
				}
			case "testcase":
				counts["tests"]++
				for _, a := range []string{"name", "classname", "time"} {
					if v, _ := c.attr(a); v == "" || v != strings.Join(strings.Fields(v), " ") {
						fail("testcase %q has attribute %s %q (must be a non-empty token)", names, a, v)
					}
				}
				if len(c.Nodes) > 1 {
					fail("testcase has %d outcome elements, at most one allowed", len(c.Nodes))
				}
				for _, o := range c.Nodes {
					switch o.XMLName.Local {
					case "failure", "error":
						if _, ok := o.attr("type"); !ok {
							fail("<%s> without type", o.XMLName.Local)
						}
						counts[o.XMLName.Local]++
					case "skipped":
						counts["skipped"]++
					default:
						fail("unexpected <%s> in testcase", o.XMLName.Local)
					}
				}
			}
		}
		for attr, key := range map[string]string{"tests": "tests", "failures": "failure", "errors": "error", "skipped": "skipped"} {
			if v, _ := s.attr(attr); v != strconv.Itoa(counts[key]) {
				fail("testsuite %d %s=%q but has %d", i, attr, v, counts[key])
			}
		}
	}
	return errs
}

func sprintf(format string, a ...any) string { return fmt.Sprintf(format, a...) }

func TestJUnitStructure(t *testing.T) {
	tests := []struct {
		name    string
		doc     []byte
		wantErr string
	}{
		{"golden report", render(t, JUnit{}, goldenReport(), Options{}), ""},
		{"empty report", render(t, JUnit{}, &result.Report{Snapshot: result.SnapshotInfo{CollectedAt: "2026-01-02T03:04:05Z"}}, Options{}), ""},
		// The checker must be able to fail.
		{"missing system-err", []byte(`<testsuites><testsuite package="p" id="0" name="n" timestamp="2026-01-02T03:04:05" hostname="h" tests="0" failures="0" errors="0" time="0"><properties></properties><system-out></system-out></testsuite></testsuites>`), "children"},
		{"zoned timestamp", []byte(`<testsuites><testsuite package="p" id="0" name="n" timestamp="2026-01-02T03:04:05Z" hostname="h" tests="0" failures="0" errors="0" time="0"><properties></properties><system-out></system-out><system-err></system-err></testsuite></testsuites>`), "zone-less"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := junitStructureErrors(tt.doc)
			if tt.wantErr == "" && len(errs) > 0 {
				t.Errorf("structure errors: %v", errs)
			}
			if tt.wantErr != "" && !strings.Contains(strings.Join(errs, "\n"), tt.wantErr) {
				t.Errorf("errors %v, want one mentioning %q", errs, tt.wantErr)
			}
		})
	}
}

// TestJUnitGoldenFilesValidateXSD validates the golden files with xmllint against junit.xsd.
// make test installs xmllint (Debian: libxml2-utils) when it is missing; without it the test
// fails rather than skips.
func TestJUnitGoldenFilesValidateXSD(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Fatal("xmllint not installed: run make test, which installs it, or apt-get install libxml2-utils")
	}
	if _, err := os.Stat(junitSchemaPath); err != nil {
		t.Fatalf("junit.xsd missing: %v", err)
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.junit.xml"))
	if len(files) == 0 {
		t.Fatal("no golden JUnit files")
	}
	for _, f := range files {
		out, err := exec.Command(xmllint, "--noout", "--schema", junitSchemaPath, f).CombinedOutput()
		if err != nil {
			t.Errorf("%s does not validate against junit.xsd: %v\n%s", f, err, out)
		}
	}
}

func TestJUnitOutcomes(t *testing.T) {
	var doc struct {
		Suites []struct {
			Name  string `xml:"name,attr"`
			Cases []struct {
				Name    string `xml:"name,attr"`
				Failure *struct {
					Message string `xml:"message,attr"`
					Type    string `xml:"type,attr"`
					Text    string `xml:",chardata"`
				} `xml:"failure"`
				Skipped *struct {
					Message string `xml:"message,attr"`
				} `xml:"skipped"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	data := render(t, JUnit{}, goldenReport(), Options{})
	if err := xml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, s := range doc.Suites {
		for _, c := range s.Cases {
			switch c.Name {
			case "HN-FW-01 device:edge-fw":
				found[c.Name] = true
				if c.Failure == nil || c.Failure.Type != "critical" || !strings.Contains(c.Failure.Text, "at exports/edge-fw/config.xml:212") || !strings.Contains(c.Failure.Text, "rule: block in on WAN") {
					t.Errorf("HN-FW-01 failure lacks severity, location or evidence: %+v", c.Failure)
				}
			case "HN-VPC-10 eipalloc-0a1b2c3d":
				found[c.Name] = true
				if c.Skipped == nil || !strings.Contains(c.Skipped.Message, "expires 2027-03-31") {
					t.Errorf("waived case %+v", c.Skipped)
				}
			}
		}
	}
	if len(found) != 2 {
		t.Errorf("cases found: %v", found)
	}
	if err := (JUnit{}).Render(&bytes.Buffer{}, &result.Report{Snapshot: result.SnapshotInfo{CollectedAt: "last week"}}, Options{}); err == nil || !strings.Contains(err.Error(), `"last week"`) {
		t.Errorf("bad collected_at: error %v", err)
	}
}
