package device

import (
	"strconv"
	"strings"
	"unicode"
)

// Printable escapes control characters as Go escapes (\n, \x1b): names and arguments come
// from the export, and an importer's error or warning must stay on one line and cannot move
// the user's cursor.
func Printable(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	q := strconv.Quote(s)
	return q[1 : len(q)-1]
}
