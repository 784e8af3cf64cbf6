package testkit

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// OpenPort starts a loopback TCP listener that accepts and closes every connection until the
// test ends, and returns its port: an endpoint a probe reaches.
func OpenPort(t testing.TB) int {
	t.Helper()
	ln := listen(t)
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	return ln.Addr().(*net.TCPAddr).Port
}

// ClosedPort returns a loopback port that was free a moment ago and that nothing listens on:
// an endpoint a probe cannot reach.
func ClosedPort(t testing.TB) int {
	t.Helper()
	ln := listen(t)
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	return port
}

func listen(t testing.TB) net.Listener {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return ln
}

// ReadFile returns the content of the file at path, failing the test if it cannot be read.
func ReadFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// ReadText is ReadFile as text: a document such as ../../README.md that a test holds to the
// code.
func ReadText(t testing.TB, path string) string {
	t.Helper()
	return string(ReadFile(t, path))
}

// ContainsAll fails the test, once for each, on every want that text lacks; what names the
// text in the message, which shows the text whole.
func ContainsAll(t testing.TB, what, text string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(text, want) {
			t.Errorf("%s lacks %q:\n%s", what, want, text)
		}
	}
}

// WriteFile writes content to the file at path (making the folders above it), failing the
// test if it cannot, and returns path: an input a test feeds the code under test.
func WriteFile(t testing.TB, path string, content []byte) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, content, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
