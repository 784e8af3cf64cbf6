package lint

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// moduleRoot is the folder of go.mod, three levels above this package.
const moduleRoot = "../../.."

// maxFunctionLines is the house limit on a function's length (CONVENTIONS.md "Readable code").
const maxFunctionLines = 100

// sourceFile is one parsed non-test Go file of the module.
type sourceFile struct {
	path string
	fset *token.FileSet
	file *ast.File
}

// moduleSources parses every non-test Go file of the module, skipping testdata and hidden
// folders (which hold inputs, not code).
func moduleSources(t *testing.T) []sourceFile {
	t.Helper()
	var out []sourceFile
	fset := token.NewFileSet()
	err := filepath.WalkDir(moduleRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != moduleRoot && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(moduleRoot, path)
		out = append(out, sourceFile{path: filepath.ToSlash(rel), fset: fset, file: f})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 100 {
		t.Fatalf("found only %d Go files under %s; is the module root right?", len(out), moduleRoot)
	}
	return out
}

// TestExportedIdentifiersHaveDocComments lists every exported type, function, method of an
// exported type, constant and variable without a doc comment. A comment on a grouped
// const/var/type block covers its members.
func TestExportedIdentifiersHaveDocComments(t *testing.T) {
	var missing []string
	for _, src := range moduleSources(t) {
		missing = append(missing, undocumented(src)...)
	}
	if len(missing) > 0 {
		t.Errorf("%d exported identifiers have no doc comment (say what each is and why):\n%s", len(missing), strings.Join(missing, "\n"))
	}
}

func undocumented(src sourceFile) []string {
	var out []string
	report := func(pos token.Pos, kind, name string) {
		out = append(out, src.path+":"+strconv.Itoa(src.fset.Position(pos).Line)+": "+kind+" "+name)
	}
	for _, decl := range src.file.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if d.Doc == nil && d.Name.IsExported() && receiverExported(d) {
				report(d.Pos(), "func", funcName(d))
			}
		case *ast.GenDecl:
			if d.Doc != nil || d.Tok == token.IMPORT {
				continue
			}
			for _, spec := range d.Specs {
				switch s := spec.(type) {
				case *ast.TypeSpec:
					if s.Doc == nil && s.Name.IsExported() {
						report(s.Pos(), "type", s.Name.Name)
					}
				case *ast.ValueSpec:
					if s.Doc != nil || s.Comment != nil {
						continue
					}
					for _, n := range s.Names {
						if n.IsExported() {
							report(n.Pos(), d.Tok.String(), n.Name)
						}
					}
				}
			}
		}
	}
	return out
}

// receiverExported is true for plain functions and for methods whose receiver type is
// exported; a method of an unexported type is not part of the package's surface.
func receiverExported(d *ast.FuncDecl) bool {
	if d.Recv == nil || len(d.Recv.List) == 0 {
		return true
	}
	return ast.IsExported(receiverName(d.Recv.List[0].Type))
}

func receiverName(expr ast.Expr) string {
	switch e := expr.(type) {
	case *ast.StarExpr:
		return receiverName(e.X)
	case *ast.IndexExpr:
		return receiverName(e.X)
	case *ast.IndexListExpr:
		return receiverName(e.X)
	case *ast.Ident:
		return e.Name
	}
	return ""
}

func funcName(d *ast.FuncDecl) string {
	if d.Recv == nil || len(d.Recv.List) == 0 {
		return d.Name.Name
	}
	return receiverName(d.Recv.List[0].Type) + "." + d.Name.Name
}

// TestPackagesHaveADocComment: every package says what it is for (go doc shows it first).
func TestPackagesHaveADocComment(t *testing.T) {
	documented := map[string]bool{}
	for _, src := range moduleSources(t) {
		dir := filepath.Dir(src.path)
		if _, seen := documented[dir]; !seen {
			documented[dir] = false
		}
		if src.file.Doc != nil {
			documented[dir] = true
		}
	}
	var missing []string
	for dir, ok := range documented {
		if !ok {
			missing = append(missing, dir)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("packages without a package doc comment (// Package x ... above the package clause):\n%s", strings.Join(missing, "\n"))
	}
}

// TestFunctionsAreUnder100Lines lists every function or method of non-test code longer than
// the house limit; split such a function along its natural steps.
func TestFunctionsAreUnder100Lines(t *testing.T) {
	var long []string
	for _, src := range moduleSources(t) {
		for _, decl := range src.file.Decls {
			d, ok := decl.(*ast.FuncDecl)
			if !ok || d.Body == nil {
				continue
			}
			start, end := src.fset.Position(d.Pos()).Line, src.fset.Position(d.End()).Line
			if n := end - start + 1; n > maxFunctionLines {
				long = append(long, src.path+":"+strconv.Itoa(start)+": "+funcName(d)+" has "+strconv.Itoa(n)+" lines")
			}
		}
	}
	if len(long) > 0 {
		t.Errorf("functions over %d lines:\n%s", maxFunctionLines, strings.Join(long, "\n"))
	}
}
