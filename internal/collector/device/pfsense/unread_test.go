package pfsense

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// Issue 13 item 10: a phase 1 value the importer cannot read once became a default with the
// source ok (lifetime abc, -5 or 99999999999999999999 became 28800, dhgroup
// 99999999999999999999 became 9223372036854775807, ikev9 became ikev1). Now the value is left
// out, the phase 1 names it in unread, and the source carries a warning.
func TestUnreadablePhase1ValuesAreLeftOutAndWarned(t *testing.T) {
	phase1 := func(inner string) string {
		return `<pfsense>` + ifacesXML + `<ipsec><phase1><ikeid>1</ikeid><interface>wan</interface>` +
			`<remote-gateway>52.44.108.101</remote-gateway>` + inner + `</phase1></ipsec></pfsense>`
	}
	enc := `<encryption><item><encryption-algorithm><name>aes</name><keylen>256</keylen></encryption-algorithm>` +
		`<hash-algorithm>sha256</hash-algorithm><dhgroup>%s</dhgroup></item></encryption>`
	for _, c := range []struct {
		name, inner string
		unread      []string
		warning     string
	}{
		{"lifetime abc", `<iketype>ikev2</iketype><lifetime>abc</lifetime>`, []string{"lifetime_seconds"}, "lifetime is not a whole number"},
		{"lifetime -5", `<iketype>ikev2</iketype><lifetime>-5</lifetime>`, []string{"lifetime_seconds"}, "lifetime is not a whole number"},
		{"lifetime huge", `<iketype>ikev2</iketype><lifetime>99999999999999999999</lifetime>`, []string{"lifetime_seconds"}, "lifetime is not a whole number"},
		{"ikev9", `<iketype>ikev9</iketype><lifetime>28800</lifetime>`, []string{"ike_version"}, "iketype is not ikev1, ikev2 or auto"},
		{"huge dhgroup", `<iketype>ikev2</iketype>` + strings.Replace(enc, "%s", "99999999999999999999", 1), []string{"dh_group"}, "dhgroup is not a DH group number"},
		{"pre-2.4.4 dhgroup list", `<iketype>ikev2</iketype><encryption-algorithm><name>aes</name></encryption-algorithm><dhgroup>14,x</dhgroup>`, []string{"dh_group"}, "dhgroup is not a DH group number"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dev, warnings := importString(t, pfSense, phase1(c.inner))
			validInSnapshot(t, dev, pfSense.root())
			p := dev.IPsec.Phase1[0]
			if !reflect.DeepEqual(p.Unread, c.unread) {
				t.Errorf("unread = %v, want %v", p.Unread, c.unread)
			}
			if !slices.ContainsFunc(warnings, func(w string) bool { return strings.HasPrefix(w, "ipsec/phase1[1]: "+c.warning) }) {
				t.Errorf("warnings = %q", warnings)
			}
			for _, field := range c.unread {
				switch field {
				case "lifetime_seconds":
					if p.LifetimeSeconds != 0 {
						t.Errorf("lifetime %d from an unreadable value", p.LifetimeSeconds)
					}
				case "ike_version":
					if p.IKEVersion != "" {
						t.Errorf("ike_version %q from an unreadable value", p.IKEVersion)
					}
				case "dh_group":
					for _, pr := range p.Proposals {
						if pr.DHGroup > 65535 {
							t.Errorf("DH group %d from an unreadable value", pr.DHGroup)
						}
					}
				}
			}
		})
	}
	// Readable values are unchanged: an empty lifetime is strongSwan's 28800, no iketype is IKEv1.
	dev, warnings := importString(t, pfSense, phase1(strings.Replace(enc, "%s", "14", 1)))
	if p := dev.IPsec.Phase1[0]; p.Unread != nil || p.LifetimeSeconds != 28800 || p.IKEVersion != "ikev1" || p.Proposals[0].DHGroup != 14 {
		t.Errorf("readable phase 1 = %+v, warnings %q", p, warnings)
	}
}

// The same holds for phase 2: an unreadable lifetime or pfsgroup is named, warned and left at 0.
func TestUnreadablePhase2ValuesAreLeftOutAndWarned(t *testing.T) {
	xml := `<pfsense>` + ifacesXML + `<ipsec><phase1><ikeid>1</ikeid><iketype>ikev2</iketype><remote-gateway>52.44.108.101</remote-gateway></phase1>` +
		`<phase2><ikeid>1</ikeid><uniqid>p2a</uniqid><mode>tunnel</mode><localid><type>lan</type></localid>` +
		`<remoteid><type>network</type><address>10.100.0.0</address><netbits>16</netbits></remoteid>` +
		`<pfsgroup>99999999999999999999</pfsgroup><lifetime>-1</lifetime></phase2></ipsec></pfsense>`
	dev, warnings := importString(t, pfSense, xml)
	validInSnapshot(t, dev, pfSense.root())
	p := dev.IPsec.Phase2[0]
	if !reflect.DeepEqual(p.Unread, []string{"lifetime_seconds", "pfs_group"}) || p.PFSGroup != 0 || p.LifetimeSeconds != 0 {
		t.Errorf("phase 2 = %+v", p)
	}
	for _, want := range []string{"ipsec/phase2[1]: lifetime is not", "ipsec/phase2[1]: pfsgroup is not"} {
		if !slices.ContainsFunc(warnings, func(w string) bool { return strings.HasPrefix(w, want) }) {
			t.Errorf("no warning %q in %q", want, warnings)
		}
	}
}
