package report

import (
	"strings"
)

// The HTML report's escaping: exactly what html/template applies in the places the report
// puts values (html_escape_test.go compares them with html/template on hostile input). Every
// value from a report reaches the page through one of these.

// htmlEscaper is html/template's htmlReplacementTable, which it uses for text, RCDATA (the
// title) and quoted attribute values alike: NUL, the quotes, &, + and the angle brackets.
var htmlEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// htmlEsc escapes a value for element text or a double-quoted attribute.
func htmlEsc(s string) string { return htmlEscaper.Replace(s) }

// urlAttr is a whole URL in a quoted href as html/template writes it: bytes outside RFC 3986's
// unreserved and reserved sets (and %) percent-encoded, then escaped for the attribute. Only
// http(s) URLs reach it (isURL), so html/template's filter of other schemes never applies.
func urlAttr(s string) string { return htmlEsc(percentEncode(s, true)) }

// urlFragmentAttr is a value written after a constant "#" in an href (a link to a finding on
// the page): html/template percent-encodes everything but the unreserved bytes there.
func urlFragmentAttr(s string) string { return htmlEsc(percentEncode(s, false)) }

// percentEncode is html/template's urlProcessor: unreserved bytes stay; with keepReserved
// (normalising a whole URL) the reserved ones and % stay too; any other byte becomes %xx.
func percentEncode(s string, keepReserved bool) string {
	const hex = "0123456789abcdef"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("-._~", c) >= 0:
			b.WriteByte(c)
		case keepReserved && strings.IndexByte("!#$&*+,/:;=?@[]%", c) >= 0:
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&0xf])
		}
	}
	return b.String()
}

// isURL: only http(s) references become links; anything else (a control number) stays text.
func isURL(s string) bool { return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://") }
