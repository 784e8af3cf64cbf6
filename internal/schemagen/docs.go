package schemagen

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"strings"
)

// Docs are the doc comments of a package's struct types, each folded to one line: Types by
// type name, Fields by type name and then field name.
type Docs struct {
	Types  map[string]string
	Fields map[string]map[string]string
}

// ReadDocs parses the non-test Go files of the package in dir (at generation time, by the test
// that writes the schema) and collects the doc comments of its types and their fields.
func ReadDocs(dir string) (Docs, error) {
	docs := Docs{Types: map[string]string{}, Fields: map[string]map[string]string{}}
	notTest := func(fi fs.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }
	pkgs, err := parser.ParseDir(token.NewFileSet(), dir, notTest, parser.ParseComments)
	if err != nil {
		return docs, err
	}
	for _, pkg := range pkgs {
		for _, f := range pkg.Files {
			for _, decl := range f.Decls {
				gd, ok := decl.(*ast.GenDecl)
				if !ok || gd.Tok != token.TYPE {
					continue
				}
				for _, spec := range gd.Specs {
					collectType(docs, gd, spec.(*ast.TypeSpec))
				}
			}
		}
	}
	return docs, nil
}

func collectType(docs Docs, gd *ast.GenDecl, ts *ast.TypeSpec) {
	doc := ts.Doc
	if doc == nil && len(gd.Specs) == 1 {
		doc = gd.Doc
	}
	if doc != nil {
		docs.Types[ts.Name.Name] = oneLine(doc.Text())
	}
	st, ok := ts.Type.(*ast.StructType)
	if !ok {
		return
	}
	fields := map[string]string{}
	for _, field := range st.Fields.List {
		if field.Doc == nil {
			continue
		}
		for _, n := range field.Names {
			fields[n.Name] = oneLine(field.Doc.Text())
		}
	}
	docs.Fields[ts.Name.Name] = fields
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
