package inputfile

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hybridcheck/hybridcheck/internal/testkit"
)

// Issue 13 item 4: a FIFO nobody writes to is refused at once, not waited on forever.
func TestFIFOWithoutWriterIsRefusedAtOnce(t *testing.T) {
	p := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, err := Read(p, 1<<20, "a snapshot"); done <- err }()
	select {
	case err := <-done:
		if err == nil || err.Error() != p+": not a regular file (a FIFO); give a snapshot" {
			t.Fatalf("got %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Read blocked on a FIFO with no writer")
	}
}

func TestReadRefusesWhatIsNotARegularFileAndHoldsTheLimit(t *testing.T) {
	dir := t.TempDir()
	big := testkit.WriteFile(t, filepath.Join(dir, "big"), []byte("12345"))
	ok := testkit.WriteFile(t, filepath.Join(dir, "ok"), []byte("1234"))
	for _, c := range []struct{ path, want string }{
		{dir, "is a directory, not an intent file"},
		{"/dev/zero", "not a regular file (a character device)"},
		{big, "file is 5 bytes, over the 4-byte limit for an intent file"},
		{filepath.Join(dir, "missing"), "no such file or directory"},
	} {
		_, err := Read(c.path, 4, "an intent file")
		if err == nil || !strings.HasPrefix(err.Error(), c.path+": ") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.path, err, c.want)
		}
	}
	if data, err := Read(ok, 4, "an intent file"); err != nil || string(data) != "1234" {
		t.Fatalf("got %q, %v", data, err)
	}
}

// Load hands the parser the file's name and content, and a file Read refuses never reaches it.
func TestLoadParsesWhatReadAccepts(t *testing.T) {
	dir := t.TempDir()
	ok := testkit.WriteFile(t, filepath.Join(dir, "ok"), []byte("1234"))
	parse := func(name string, data []byte) (string, error) { return name + "=" + string(data), nil }
	if got, err := Load(ok, 4, "a test file", parse); err != nil || got != ok+"=1234" {
		t.Errorf("Load(ok) = %q, %v", got, err)
	}
	parsed := false
	_, err := Load(dir, 4, "a test file", func(string, []byte) (string, error) { parsed = true; return "", nil })
	if err == nil || !strings.Contains(err.Error(), "is a directory, not a test file") || parsed {
		t.Errorf("Load(dir) = %v (parsed %v); want Read's refusal and no parse", err, parsed)
	}
}
