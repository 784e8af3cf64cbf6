package report

import (
	"html/template"
	"strings"
	"testing"
)

// The HTML report escapes as html/template would (it no longer uses it, see HTML): text,
// quoted attributes, RCDATA (the title), http(s) hrefs and in-page fragment links, compared
// with html/template itself on hostile input.
func TestHTMLEscapingMatchesHTMLTemplate(t *testing.T) {
	tmpl := template.Must(template.New("t").Parse(`<p>{{.}}</p><i class="x {{.}}"></i><title>{{.}}</title>`))
	link := template.Must(template.New("u").Parse(`<a href="{{.}}">`))
	fragment := template.Must(template.New("f").Parse(`<a href="#{{.}}">`))
	inputs := []string{
		"", "plain", `<script>alert("x")</script> & | *bold*`, "a+b=c", "it's", "nul\x00byte",
		"ümlaut → ∞", "tab\tnew\nline", "{{.}}", "&amp;", "a > b < c",
	}
	for _, in := range inputs {
		var want strings.Builder
		if err := tmpl.Execute(&want, in); err != nil {
			t.Fatal(err)
		}
		e := htmlEsc(in)
		if got := "<p>" + e + `</p><i class="x ` + e + `"></i><title>` + e + "</title>"; got != want.String() {
			t.Errorf("%q: got %s, html/template %s", in, got, want.String())
		}
	}
	for _, u := range []string{
		"https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-networking.html#hybrid-nodes-networking-on-prem",
		"https://example.com/a b?q=1&r='x'(y)+z#frag",
		"http://example.com/ü%20\"quoted\"<tag>",
		"https://example.com/nul\x00byte/\xff{braces}|pipe\\back`tick`^caret",
	} {
		var want strings.Builder
		if err := link.Execute(&want, u); err != nil {
			t.Fatal(err)
		}
		if got := `<a href="` + urlAttr(u) + `">`; got != want.String() {
			t.Errorf("%q: got %s, html/template %s", u, got, want.String())
		}
	}
	for _, in := range append(inputs, "f-0123456789abcdef", "a/b?c=d&e#f", "100%", "~-._!*'()") {
		var want strings.Builder
		if err := fragment.Execute(&want, in); err != nil {
			t.Fatal(err)
		}
		if got := `<a href="#` + urlFragmentAttr(in) + `">`; got != want.String() {
			t.Errorf("fragment %q: got %s, html/template %s", in, got, want.String())
		}
	}
}
