package testkit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

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
