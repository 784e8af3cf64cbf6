package device

import "testing"

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"chain INPUT":      "chain INPUT",
		"bad\nname":        `bad\nname`,
		"\x1b[31mred":      `\x1b[31mred`,
		"Ünïcode stays":    "Ünïcode stays",
		"tab\there, quote": `tab\there, quote`,
	} {
		if got := Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
}
