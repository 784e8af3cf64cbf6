package atomicfile

import (
	"bufio"
	"errors"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

func TestWriteReplacesAtomicallyWithMode0600(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "report.json")
	if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(p, []byte("new")); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(p)
	st, _ := os.Stat(p)
	if string(data) != "new" || st.Mode().Perm() != 0o600 {
		t.Fatalf("got %q mode %v", data, st.Mode().Perm())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("temporary files left: %v", entries)
	}
}

func TestWriteErrorsNameThePathPlainly(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ path, want string }{
		{dir, "is a directory"},
		{filepath.Join(dir, "missing", "x.json"), "does not exist"},
	} {
		err := Write(c.path, []byte("x"))
		if err == nil || !strings.HasPrefix(err.Error(), c.path+": ") || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "tmp-") {
			t.Errorf("%s: got %v, want %q", c.path, err, c.want)
		}
	}
}

// Issue 13 item 3: -o /dev/null once became a 0600 regular file holding the report (as root),
// or failed (as anyone else). A character device is written through and stays a device.
func TestWriteNeverReplacesACharacterDevice(t *testing.T) {
	if err := Write("/dev/null", []byte("report")); err != nil {
		t.Fatal(err)
	}
	st, err := os.Lstat("/dev/null")
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("/dev/null is now %v (%v)", st.Mode(), err)
	}
}

// /dev/stdout and /dev/fd/N name this process's descriptors: the bytes must reach the descriptor.
func TestWriteGoesThroughAProcessDescriptor(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	path := "/dev/fd/" + strconv.Itoa(int(w.Fd()))
	if err := Write(path, []byte("report\n")); err != nil {
		t.Fatal(err)
	}
	w.Close()
	got, _ := io.ReadAll(r)
	if string(got) != "report\n" {
		t.Fatalf("pipe got %q", got)
	}
}

func TestWriteGoesThroughAFIFOAndKeepsIt(t *testing.T) {
	p := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Fatal(err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(p)
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- string(b)
	}()
	if err := Write(p, []byte("report")); err != nil {
		t.Fatal(err)
	}
	select {
	case s := <-got:
		if s != "report" {
			t.Fatalf("reader got %q", s)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("reader got nothing")
	}
	if st, _ := os.Lstat(p); st.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("FIFO replaced by %v", st.Mode())
	}
}

// A symlink stays a symlink: the file it points to gets the report.
func TestWriteThroughASymlinkReplacesItsTarget(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.json")
	link := filepath.Join(dir, "link.json")
	os.WriteFile(target, []byte("old"), 0o600)
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := Write(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Lstat(link); st.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("symlink replaced by %v", st.Mode())
	}
	if b, _ := os.ReadFile(target); string(b) != "new" {
		t.Fatalf("target holds %q", b)
	}
	dangling := filepath.Join(dir, "dangling.json")
	os.Symlink(filepath.Join(dir, "nowhere"), dangling)
	if err := Write(dangling, []byte("x")); err == nil || !strings.Contains(err.Error(), "symlink to a missing file") {
		t.Fatalf("dangling symlink: %v", err)
	}
	if st, _ := os.Lstat(dangling); st.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("dangling symlink replaced by %v", st.Mode())
	}
}

func TestWriteRefusesASocket(t *testing.T) {
	p := filepath.Join(t.TempDir(), "s")
	l, err := net.Listen("unix", p)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if err := Write(p, []byte("x")); err == nil || !strings.Contains(err.Error(), "not a regular file (a socket)") {
		t.Fatalf("got %v", err)
	}
}

// Issue 13 item 9: concurrent writers of one new name: exactly one wins, the others are told
// the name exists, and the winner's bytes are intact.
func TestCreateIsExclusiveUnderConcurrency(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "snapshot.json")
	const n = 16
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			errs[i] = Create(p, []byte(strings.Repeat(strconv.Itoa(i%10), 1<<16)))
		})
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case !errors.Is(err, ErrExist):
			t.Errorf("unexpected error %v", err)
		}
	}
	if won != 1 {
		t.Fatalf("%d writers won, want 1", won)
	}
	b, _ := os.ReadFile(p)
	if len(b) != 1<<16 || strings.Count(b2s(b), b2s(b[:1])) != len(b) {
		t.Fatal("winner's bytes mixed with another writer's")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("files left: %v", entries)
	}
}

func b2s(b []byte) string { return string(b) }

// Issue 13 item 12: the temporary file of a killed write is removed by the next write to that
// folder; one a live writer holds is left alone.
func TestWriteRemovesStaleTemporaryFilesOnly(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, ".report.json.tmp-123456")
	os.WriteFile(stale, []byte("half a rep"), 0o600)
	other := filepath.Join(dir, "notes.tmp-1") // not hidden: not ours
	os.WriteFile(other, []byte("x"), 0o600)
	userHidden := filepath.Join(dir, ".notes.tmp-draft") // no random digits: not ours
	os.WriteFile(userHidden, []byte("x"), 0o600)
	readable := filepath.Join(dir, ".x.json.tmp-42") // mode 0644: not made by this package
	os.WriteFile(readable, []byte("x"), 0o644)
	live, err := createTemp(dir, "snapshot.json")
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if err := Write(filepath.Join(dir, "report.json"), []byte("x")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stale temporary file kept: %v", err)
	}
	for _, keep := range []string{other, userHidden, readable, live.Name()} {
		if _, err := os.Stat(keep); err != nil {
			t.Errorf("%s removed: %v", keep, err)
		}
	}
}

// A killed process drops its lock: its temporary file is stale to the next writer.
func TestTemporaryFileOfAKilledWriterIsStale(t *testing.T) {
	if os.Getenv("ATOMICFILE_HOLD") != "" {
		f, err := createTemp(os.Getenv("ATOMICFILE_HOLD"), "r.json")
		if err != nil {
			os.Exit(3)
		}
		os.Stdout.WriteString(f.Name() + "\n")
		time.Sleep(time.Minute)
		return
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestTemporaryFileOfAKilledWriterIsStale$")
	cmd.Env = append(os.Environ(), "ATOMICFILE_HOLD="+dir)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	name := strings.TrimSpace(line)
	if stale(name) {
		t.Fatal("a live writer's temporary file counts as stale")
	}
	cmd.Process.Kill()
	cmd.Wait()
	if !stale(name) {
		t.Fatal("a killed writer's temporary file does not count as stale")
	}
}

// `-o /dev/stdout >> log` appends: the descriptor is written as it is open, not reopened at
// offset 0 over what the log already held.
func TestWriteToADescriptorKeepsItsAppendMode(t *testing.T) {
	p := filepath.Join(t.TempDir(), "log")
	os.WriteFile(p, []byte("first\n"), 0o600)
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := Write("/dev/fd/"+strconv.Itoa(int(f.Fd())), []byte("report\n")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "first\nreport\n" {
		t.Fatalf("log holds %q", b)
	}
}

// The cleaner recognises the names createTemp really makes (os.CreateTemp's random part).
func TestCreatedTemporaryNamesAreRecognised(t *testing.T) {
	f, err := createTemp(t.TempDir(), "report.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if name := filepath.Base(f.Name()); !isTempName(name) {
		t.Fatalf("%s is not recognised as a temporary file", name)
	}
}
