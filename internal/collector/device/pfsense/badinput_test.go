package pfsense

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hybridcheck/hybridcheck/internal/collector/device/devicetest"
)

func nested(depth int) string {
	return "<pfsense>" + strings.Repeat("<x>", depth-1) + strings.Repeat("</x>", depth-1) + "</pfsense>"
}

func TestBadInput(t *testing.T) {
	cases := []struct {
		name, xml, want string
	}{
		{"DTD with entity", "<?xml version=\"1.0\"?>\n<!DOCTYPE pfsense [<!ENTITY a \"aaaaaaaa\">]>\n<pfsense>&a;</pfsense>",
			"line 2: <!DOCTYPE> found: DTD and entity declarations are not allowed"},
		{"entity declaration alone", "<!ENTITY a SYSTEM \"file:///etc/passwd\"><pfsense/>", "line 1: <!ENTITY> found: DTD and entity declarations are not allowed"},
		{"undeclared entity", "<pfsense>\n<system>&xxe;</system>\n</pfsense>", "line 2: malformed XML"},
		{"unclosed element", "<pfsense>\n<filter>\n<rule>\n</filter>\n</pfsense>", "line 4: malformed XML: element <rule> closed by </filter>"},
		{"truncated file", "<pfsense>\n<filter>\n<rule>", "line 3: malformed XML: unexpected EOF"},
		{"too deep", nested(65), "line 1: elements nested deeper than 64 levels"},
		{"wrong root", "<config><system/></config>", "line 1: root element is <config>, want <pfsense>: not a pfsense config.xml"},
		{"no root", "<?xml version=\"1.0\"?>\n<!-- nothing -->\n", "no root element"},
		{"second root", "<pfsense/>\n<pfsense/>", "line 2: element <pfsense> after the root element"},
		{"text after root", "<pfsense/>\ntrailing", "line 2: text outside the root element"},
		{"unknown encoding", "<?xml version=\"1.0\" encoding=\"EBCDIC-US\"?><pfsense/>", "unsupported encoding \"EBCDIC-US\""},
		{"alias cycle", `<pfsense><aliases>
			<alias><name>A</name><type>network</type><address>10.0.0.0/8 B</address></alias>
			<alias><name>B</name><type>network</type><address>C</address></alias>
			<alias><name>C</name><type>network</type><address>A</address></alias>
			</aliases></pfsense>`, "alias cycle: A -> B -> C -> A"},
		{"alias naming itself", `<pfsense><aliases><alias><name>SELF</name><type>host</type><address>SELF</address></alias></aliases></pfsense>`,
			"alias cycle: SELF -> SELF"},
	}
	var chain strings.Builder
	chain.WriteString("<pfsense><aliases>")
	for i := range 70 {
		fmt.Fprintf(&chain, "<alias><name>N%d</name><type>network</type><address>N%d</address></alias>", i, i+1)
	}
	chain.WriteString("<alias><name>N70</name><type>network</type><address>10.0.0.0/8</address></alias></aliases></pfsense>")
	cases = append(cases, struct{ name, xml, want string }{"aliases nested too deep", chain.String(), `alias "N0": aliases nested deeper than 64 levels`})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := importConfig(pfSense, "bad.xml", []byte(tc.xml), testSalt)
			devicetest.OneLineError(t, err, tc.want)
		})
	}
}

func TestLimitsAccepted(t *testing.T) {
	if _, _, err := importConfig(pfSense, "deep.xml", []byte(nested(64)), testSalt); err != nil {
		t.Errorf("64 levels: %v", err)
	}
	latin1 := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><pfsense><system><hostname>gw</hostname></system>" +
		"<filter><rule><type>pass</type><interface>lan</interface><descr>Caf\xe9</descr></rule></filter></pfsense>"
	dev, _, err := importConfig(pfSense, "latin1.xml", []byte(latin1), testSalt)
	if err != nil {
		t.Fatalf("ISO-8859-1: %v", err)
	}
	if got := rules(dev)[0].Description; got != "Café" {
		t.Errorf("description %q, want Café", got)
	}
}

func TestElementLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a million-element document")
	}
	var b strings.Builder
	b.WriteString("<pfsense>")
	for range maxElements {
		b.WriteString("<x/>")
	}
	b.WriteString("</pfsense>")
	_, _, err := importConfig(pfSense, "big.xml", []byte(b.String()), testSalt)
	if err == nil || !strings.Contains(err.Error(), "more than 1000000 elements") {
		t.Errorf("error %v, want the element limit", err)
	}
}
