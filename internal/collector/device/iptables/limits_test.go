package iptables

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/collector/device"
)

// Issue 13 item 11: a 32 MB iptables-save of 580,000 rules took 70 s and 6.2 GB and wrote a
// snapshot check refused; 200,000 chained jumps took 2.3 GB. Reading stops at the rule and
// chain limits, at once and with one line naming the limit.
func TestRuleAndChainLimitsStopReadingEarly(t *testing.T) {
	var rules, chains strings.Builder
	rules.WriteString("*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n")
	for i := range device.MaxRules + 1 {
		fmt.Fprintf(&rules, "-A FORWARD -s 10.%d.%d.0/24 -p tcp --dport 443 -j ACCEPT\n", i>>8&255, i&255)
	}
	rules.WriteString("COMMIT\n")
	chains.WriteString("*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n")
	for i := range maxChains {
		fmt.Fprintf(&chains, ":C%d - [0:0]\n", i)
	}
	chains.WriteString("COMMIT\n")
	for _, c := range []struct{ name, text, want string }{
		{"rules", rules.String(), fmt.Sprintf("line %d: over %d rules, the limit per export", device.MaxRules+5, device.MaxRules)},
		{"chains", chains.String(), fmt.Sprintf("line %d: table filter: over %d chains, the limit per table", maxChains-3+5, maxChains)},
	} {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			_, _, err := Import("rules.v4", []byte(c.text), "")
			if err == nil || err.Error() != c.want {
				t.Fatalf("got %v, want %q", err, c.want)
			}
			if took := time.Since(start); took > 20*time.Second {
				t.Errorf("took %s to refuse", took)
			}
		})
	}
	// At the limits an export still imports.
	lines := strings.Split(rules.String(), "\n")
	atLimit := strings.Join(append(lines[:4+device.MaxRules:4+device.MaxRules], "COMMIT", ""), "\n")
	if _, _, err := Import("rules.v4", []byte(atLimit), ""); err != nil {
		t.Fatalf("%d rules: %v", device.MaxRules, err)
	}
}

// Issue 13 item 2 (file reading): an ipsec.secrets given as --device iptables: once printed its
// PSK line inside the error. Errors name the line, never its content.
func TestErrorsNeverQuoteTheFile(t *testing.T) {
	for _, text := range []string{
		"1.2.3.4 5.6.7.8 : PSK \"SuperSecretKey123\"\n",
		"*filter\n:INPUT ACCEPT [0:0] SuperSecretKey123 x\nCOMMIT\n",
		"*filter\n:INPUT ACCEPT [0:0]\nSuperSecretKey123 -A INPUT\nCOMMIT\n",
	} {
		_, _, err := Import("ipsec.secrets", []byte(text), "")
		if err == nil || strings.Contains(err.Error(), "SuperSecretKey123") {
			t.Errorf("error %v quotes the file", err)
		}
	}
}
