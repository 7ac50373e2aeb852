package htmlexec

import (
	"bytes"
	"errors"
	"html/template"
	"strings"
	"testing"
	"text/template/parse"
)

// TestHTMLTemplateBehaviours pins what htmlexec relies on in html/template
// that html/template does not document (see the package doc, "What it
// relies on in html/template"). A Go release that changes one of these
// fails here, before a site is built with it; the expected trees are
// written out by hand.
func TestHTMLTemplateBehaviours(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		check func(t *testing.T, tmpl *template.Template, unescaped string, unescapedTree *parse.Tree)
	}{
		{"escapes in place on the first execution", `<p title="{{.}}">{{.}}</p>`,
			func(t *testing.T, tmpl *template.Template, unescaped string, tree *parse.Tree) {
				if strings.Contains(unescaped, escaperPrefix) {
					t.Errorf("escapers before the first execution: %s", unescaped)
				}
				if tmpl.Lookup("page").Tree != tree {
					t.Error("the escaped tree is a new one: Compile would read the tree html/template does not run")
				}
				if got := tree.Root.String(); !strings.Contains(got, escaperPrefix) {
					t.Errorf("not escaped in place: %s", got)
				}
			}},
		{"escapers end each action, one command each", `<a href="{{.URL | lower}}" title="{{.Name}}">{{.Name}}</a>`,
			func(t *testing.T, tmpl *template.Template, _ string, _ *parse.Tree) {
				want := []struct{ rest, chain string }{
					{".URL | lower", "urlfilter urlnormalizer attrescaper"},
					{".Name", "attrescaper"},
					{".Name", "htmlescaper"},
				}
				actions := actionsOf(tmpl.Lookup("page").Tree)
				if len(actions) != len(want) {
					t.Fatalf("%d actions, want %d", len(actions), len(want))
				}
				for i, a := range actions {
					rest, chain := trailingEscapers(a.Pipe)
					got := (&parse.PipeNode{NodeType: parse.NodePipe, Cmds: rest}).String()
					if got != want[i].rest || strings.Join(chain, " ") != want[i].chain {
						t.Errorf("action %d is %s: %q then %v, want %q then %s", i, a, got, chain, want[i].rest, want[i].chain)
					}
					for _, cmd := range a.Pipe.Cmds[len(rest):] {
						if len(cmd.Args) != 1 || cmd.Args[0].Type() != parse.NodeIdentifier {
							t.Errorf("escaper command %s is not one identifier", cmd)
						}
					}
				}
			}},
		{"comments leave the text in the tree", `<p>a<!-- note -->b</p>{{.Name}}`,
			func(t *testing.T, tmpl *template.Template, _ string, _ *parse.Tree) {
				text, ok := tmpl.Lookup("page").Tree.Root.Nodes[0].(*parse.TextNode)
				if !ok || string(text.Text) != "<p>ab</p>" {
					t.Errorf("first node %s, want the text <p>ab</p>", tmpl.Lookup("page").Tree.Root.Nodes[0])
				}
			}},
		{"a template called in another context is a hidden copy", `{{define "t"}}{{.Name}}{{end}}<a title="{{template "t" .}}">x</a>`,
			func(t *testing.T, tmpl *template.Template, _ string, _ *parse.Tree) {
				var call *parse.TemplateNode
				for _, n := range tmpl.Lookup("page").Tree.Root.Nodes {
					if c, ok := n.(*parse.TemplateNode); ok {
						call = c
					}
				}
				if call == nil || !strings.HasPrefix(call.Name, "t$htmltemplate_") {
					t.Fatalf("call %v, want one of a copy named t$htmltemplate_...", call)
				}
				if c := tmpl.Lookup(call.Name); c != nil && c.Tree != nil && c.Tree.Root != nil {
					t.Errorf("Lookup(%q) gives the copy: Compile may now compile it, check that it is escaped for its context", call.Name)
				}
				compileRefuses(t, tmpl)
			}},
		{"predefined escapers are kept, html's arguments wrapped", `{{html .Name}}{{.Name | urlquery}}`,
			func(t *testing.T, tmpl *template.Template, _ string, _ *parse.Tree) {
				want := `{{_eval_args_ .Name | html}}{{.Name | urlquery | _html_template_htmlescaper}}`
				if got := tmpl.Lookup("page").Tree.Root.String(); got != want {
					t.Errorf("escaped tree %s, want %s", got, want)
				}
				compileRefuses(t, tmpl)
			}},
		{"a value escapes the same in a page and in a tiny template", `<div><p>intro</p><b>{{.Name}}</b></div>`,
			func(t *testing.T, tmpl *template.Template, _ string, _ *parse.Tree) {
				var page bytes.Buffer
				tmpl.Execute(&page, map[string]string{"Name": hostile})
				cx, ok := contextFor([]string{"htmlescaper"})
				if !ok {
					t.Fatal("no context for htmlescaper")
				}
				want := "<div><p>intro</p><b>" + newEscaper(cx).execute(hostile) + "</b></div>"
				if page.String() != want {
					t.Errorf("page %q, want %q", page.String(), want)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tmpl := template.Must(template.New("page").Funcs(testFuncs).Parse(tt.src))
			tree := tmpl.Lookup("page").Tree
			unescaped := tree.Root.String()
			data := map[string]string{"URL": "/A/", "Name": hostile}
			if err := tmpl.Execute(&bytes.Buffer{}, data); err != nil {
				t.Fatal(err)
			}
			tt.check(t, tmpl, unescaped, tree)
		})
	}
}

// hostile is a value every escaper changes.
const hostile = `<a href="x">O'Brien & +1</a>`

func actionsOf(tree *parse.Tree) []*parse.ActionNode {
	var out []*parse.ActionNode
	for _, n := range tree.Root.Nodes {
		if a, ok := n.(*parse.ActionNode); ok {
			out = append(out, a)
		}
	}
	return out
}

// compileRefuses fails unless Compile refuses tmpl as unsupported.
func compileRefuses(t *testing.T, tmpl *template.Template) {
	t.Helper()
	if _, err := Compile(tmpl, "page", Options{Funcs: testFuncs}); !errors.Is(err, ErrUnsupported) {
		t.Errorf("Compile: %v, want ErrUnsupported", err)
	}
}
