package engine

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hybridcheck/hybridcheck/internal/inputfile"
)

// maxPolicyFile bounds one user .rego file; the largest built-in policy is a few KiB.
const maxPolicyFile = 4 << 20

// readUserDir parses the .rego files of one --policy-dir. The folder may come from a pull
// request, so it is read as untrusted: only regular files inside it are opened (os.Root refuses
// a symlink that leads out of it), a FIFO, socket or device is refused before it is opened for
// reading, and the open never blocks. No error quotes a file's content: a file that is not Rego
// (a symlink to /etc/shadow planted inside the folder, say) is named with its line only.
func readUserDir(dir string) (map[string]*ast.Module, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("--policy-dir %s: %v", dir, inputfile.UnwrapPath(err))
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("--policy-dir %s: not a directory", dir)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("--policy-dir %s: %v", dir, inputfile.UnwrapPath(err))
	}
	defer root.Close()
	var rels []string
	err = fs.WalkDir(root.FS(), ".", func(rel string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("%s: %v", filepath.Join(dir, rel), inputfile.UnwrapPath(err))
		}
		// A symlinked folder is not followed (WalkDir reports it as a link, not a folder).
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".rego") {
			rels = append(rels, rel)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(rels) == 0 {
		return nil, fmt.Errorf("--policy-dir %s: no .rego files", dir)
	}
	sort.Strings(rels)
	out := make(map[string]*ast.Module, len(rels))
	for _, rel := range rels {
		name := filepath.Clean(filepath.Join(dir, rel))
		src, err := readPolicyFile(root, rel)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		m, err := parsePolicy(name, src)
		if err != nil {
			return nil, err
		}
		out[name] = m
	}
	return out, nil
}

// readPolicyFile reads one regular file inside root, refusing links out of it and special
// files without blocking on them.
func readPolicyFile(root *os.Root, rel string) ([]byte, error) {
	info, err := root.Lstat(rel)
	if err != nil {
		return nil, inputfile.UnwrapPath(err)
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		if info, err = root.Stat(rel); err != nil {
			return nil, fmt.Errorf("symlink that leads out of the policy folder or to nothing (%v); only files inside it are read", inputfile.UnwrapPath(err))
		}
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s); only regular .rego files are read", inputfile.Kind(info.Mode()))
	}
	// O_NONBLOCK: a FIFO swapped in after the check above must not hang the run.
	f, err := root.OpenFile(rel, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, inputfile.UnwrapPath(err)
	}
	defer f.Close()
	if info, err = f.Stat(); err != nil {
		return nil, inputfile.UnwrapPath(err)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s); only regular .rego files are read", inputfile.Kind(info.Mode()))
	}
	src, err := io.ReadAll(io.LimitReader(f, maxPolicyFile+1))
	if err != nil {
		return nil, inputfile.UnwrapPath(err)
	}
	if len(src) > maxPolicyFile {
		return nil, fmt.Errorf("larger than the %d MiB limit for a policy file", maxPolicyFile>>20)
	}
	return src, nil
}

// parsePolicy parses one user file's content. Errors are one line, file:line first, and quote
// nothing of the content.
func parsePolicy(name string, src []byte) (*ast.Module, error) {
	if i := bytes.IndexByte(src, 0); i >= 0 || !utf8.Valid(src) {
		return nil, fmt.Errorf("%s: not a UTF-8 text file, so not Rego", name)
	}
	m, err := ast.ParseModuleWithOpts(name, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
	if err != nil {
		return nil, parseError(name, src, err)
	}
	if m == nil {
		return nil, fmt.Errorf("%s:1: rego_parse_error: empty module", name)
	}
	return m, nil
}

// quoted matches what OPA's parse messages may quote from the source: "got: TEXT" endings and
// quoted or back-quoted fragments (YAML METADATA errors).
var quoted = regexp.MustCompile("(, )?got: .*$|`[^`]*`|\"[^\"]*\"|'[^']*'")

// parseError is the first parse error as file:line: message, with anything the message quotes
// from the source removed: the file may be anything a pull request planted.
func parseError(name string, src []byte, err error) error {
	var errs ast.Errors
	var one *ast.Error
	switch {
	case errors.As(err, &errs) && len(errs) > 0:
	case errors.As(err, &one):
		errs = ast.Errors{one}
	default:
		return fmt.Errorf("%s: cannot parse as Rego", name)
	}
	e := errs[0]
	row := 1
	if e.Location != nil && e.Location.Row > 0 {
		row = e.Location.Row
	}
	msg := strings.TrimSpace(quoted.ReplaceAllString(e.Message, "…"))
	msg = strings.ReplaceAll(msg, "\n", " ")
	msg = scrubSource(msg, src)
	more := ""
	if len(errs) > 1 {
		more = fmt.Sprintf(" (and %d more errors)", len(errs)-1)
	}
	return fmt.Errorf("%s:%d: %s: %s%s", name, row, e.Code, msg, more)
}

// sourceWord is a fragment a message could have copied from the source.
var sourceWord = regexp.MustCompile(`[^\s,;:(){}\[\]]{6,}`)

// scrubSource removes from msg every fragment of six or more characters that also occurs in
// src, except plain lowercase words (OPA's own vocabulary: "expected", "terminated"), so no
// key, hash or token of the file can travel in a message.
func scrubSource(msg string, src []byte) string {
	return sourceWord.ReplaceAllStringFunc(msg, func(w string) string {
		if strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") == "" || !bytes.Contains(src, []byte(w)) {
			return w
		}
		return "…"
	})
}
