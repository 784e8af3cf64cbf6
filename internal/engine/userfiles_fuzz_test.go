package engine

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
)

// secretLike is a run that could be a key, hash or token: 12 characters or more without
// spaces, holding a digit or an upper-case letter (OPA's own message words are lower case).
var secretLike = regexp.MustCompile(`[^\s]{12,}`)

// FuzzParsePolicy feeds arbitrary bytes as a user .rego file: parsing never panics nor hangs, an
// error is one line starting with the file name, and it quotes no secret-like run of the content.
func FuzzParsePolicy(f *testing.F) {
	for _, seed := range []string{
		"package acme\n\nx := 1\n",
		"root:$6$CANARYhash0123456789:19000:0:99999:7:::\n",
		"AWS_SECRET_ACCESS_KEY=CANARY0123456789abc\x00HOME=/root\x00",
		"package acme\n\nimport CANARY0123456789abc.x\n",
		"# METADATA\n# title: \"CANARY0123456789abc\n# custom: {{\npackage acme\n",
		"# METADATA\n# custom:\n#   id: [CANARY0123456789abc]\npackage acme\n",
		"package acme\n\nx := `CANARY0123456789abc\n",
		"",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		const name = "dir/x.rego"
		var m *ast.Module
		var err error
		done := make(chan struct{})
		go func() {
			defer close(done)
			m, err = parsePolicy(name, src)
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("parsing %d bytes took over 5s", len(src))
		}
		if err == nil {
			if m == nil {
				t.Fatal("no module and no error")
			}
			return
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, name+":") || strings.Contains(msg, "\n") {
			t.Fatalf("error %q: want one line starting with %s:", msg, name)
		}
		for _, run := range secretLike.FindAllString(strings.TrimPrefix(msg, name), -1) {
			if strings.ContainsAny(run, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") && strings.Contains(string(src), run) {
				t.Fatalf("error %q quotes %q from the file", msg, run)
			}
		}
	})
}
