package htmlexec

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	ttemplate "text/template"
	"text/template/parse"
)

// The cases here hold htmlexec's evaluation to text/template's with no
// escaping in between: the templates are text/template's own, so every
// action prints its value as text/template prints it (printValue), which
// an escaped html/template tree never lets happen.

// kinds has a field of each kind the comparisons and printing treat apart.
type kinds struct {
	I8     int8
	I64    int64
	U      uint
	F32    float32
	C      complex128
	B      bool
	Fn     func() string
	Ch     chan int
	P, Q   *place
	Nil    *place
	Tags   []string
	Map    map[string]int
	NilMap map[string]int
	PS     ptrStringer
	Err    error
	Arr    [2]int
	Any    any
	NilAny any
}

// ptrStringer is a fmt.Stringer through its pointer only: text/template
// prints an addressable one with its String method.
type ptrStringer struct{ n int }

func (p *ptrStringer) String() string { return fmt.Sprintf("ptr#%d", p.n) }

func kindsData() *kinds {
	p := testData()
	return &kinds{
		I8: -3, I64: 1 << 40, U: 7, F32: 1.5, C: 2 + 3i, B: true,
		Fn: func() string { return "fn" }, Ch: make(chan int),
		P: p, Q: p.Inner, Tags: []string{"a", "b"}, Map: map[string]int{"b": 2, "a": 1},
		PS: ptrStringer{4}, Err: errors.New("an error"), Arr: [2]int{5, 6}, Any: 3,
	}
}

var textFuncs = ttemplate.FuncMap{
	"add64": func(a, b int64) int64 { return a + b },
	"i8":    func(i int8) int8 { return i },
	"i16":   func(i int16) int16 { return i },
	"i32":   func(i int32) int32 { return i },
	"half":  func(f float32) float32 { return f / 2 },
	"u8":    func(u uint8) uint8 { return u },
	"same":  func(s string) string { return s },
	"value": func(p place) string { return p.City },
	"byPtr": func(p *ptrStringer) string { return p.String() },
	"int":   func(i int) int { return i * 2 },
	"any":   func(a any) string { return fmt.Sprintf("%T", a) },
}

var textCases = []struct{ name, src string }{
	// printValue and printableValue
	{"print basic kinds", `{{.I8}} {{.I64}} {{.U}} {{.F32}} {{.C}} {{.B}} {{.Any}}`},
	{"print composites", `{{.Tags}} {{.Map}} {{.Arr}} {{.NilMap}} {{.P.Embedded}}`},
	{"print nil values", `{{.Nil}} {{.NilAny}} {{.P.Inner.Props}}`},
	{"print a Stringer through its pointer", `{{.PS}}`},
	{"print an error", `{{.Err}}`},
	{"print a string as it is", `{{.P.Name}} {{"<b>"}}`},
	{"print a func defers", `{{.Fn}}`},
	{"print a chan defers", `{{.Ch}}`},
	// eq on values of no basic kind: eqOther and isNil
	{"eq same pointer", `{{eq .P .P}} {{eq .P .Q}} {{eq .P.Inner .Q}}`},
	{"eq nil pointers", `{{eq .Nil .Nil}} {{eq .P .Nil}} {{eq .Nil .P}}`},
	{"eq nil maps and interfaces", `{{eq .NilMap .NilMap}} {{eq .NilAny .NilAny}}`},
	{"eq a nil map with a map", `{{eq .NilMap .Map}}`},
	{"eq arrays", `{{eq .Arr .Arr}}`},
	{"eq with an untyped nil", `{{eq .Nil nil}}`},
	{"eq several", `{{eq .Nil .P .Nil}} {{eq .P .Q .P}}`},
	{"eq uncomparable defers", `{{eq .Tags .Tags}}`},
	{"eq of different kinds defers", `{{eq .P .Tags}}`},
	{"eq int with uint", `{{eq .Any .U}} {{eq .U 7}} {{eq -1 .U}}`},
	{"eq floats bools complexes", `{{eq .F32 1.5}} {{eq .B true}} {{eq .C .C}}`},
	{"ne", `{{ne .I8 3}} {{ne .P.Name .Q.Name}}`},
	// comparisons
	{"lt le gt ge", `{{lt .I8 0}} {{le .U 7}} {{gt .F32 1.0}} {{ge "b" "a"}} {{lt .U .Any}} {{gt .Any .U}}`},
	{"lt of bools defers", `{{lt .B .B}}`},
	// constants for typed parameters: isIntKind
	{"int constants for typed parameters", `{{i8 -3}} {{i16 300}} {{i32 70000}} {{add64 1 2}}`},
	{"float constants for a float32 parameter", `{{half 3.0}} {{half 1}}`},
	{"an int constant for a uint parameter defers", `{{u8 3}}`},
	{"a string constant for an int parameter defers", `{{i8 "x"}}`},
	{"a field for a typed parameter", `{{add64 .I64 2}} {{same .P.City}}`},
	// lengths and indexes
	{"len and index", `{{len .Map}} {{len .Arr}} {{index .Arr 1}} {{index .Map "b"}} {{index .Map "zz"}}`},
	{"len of a nil pointer defers", `{{len .Nil}}`},
	{"index out of range defers", `{{index .Tags 5}}`},
	// truth
	{"truth of kinds", `{{if .C}}c{{end}}{{if .Fn}}f{{end}}{{if .Arr}}a{{end}}{{if .NilMap}}m{{end}}{{if .F32}}x{{end}}{{if .U}}u{{end}}`},
	// arguments converted for their parameters: validateType
	{"a pointer for a value parameter", `{{value .P}} {{value .P.Inner}}`},
	{"an addressable value for a pointer parameter", `{{byPtr .PS}}`},
	{"an interface's value for its type", `{{int .Any}} {{any .Any}} {{any .NilAny}} {{any nil}}`},
	{"a nil pointer for a value parameter defers", `{{value .Nil}}`},
	{"a wrong type defers", `{{int .Tags}}`},
	{"nil for an int parameter defers", `{{int nil}}`},
	// chains and literals
	{"chains", `{{(.P).Name}} {{(.P.Inner).City}} {{$x := .P}}{{$x.Inner.City}} {{$.P.City}} {{(index .Tags 0)}}`},
	{"a pipeline's last value", `{{.P.City | same}} {{3 | int}} {{.I64 | add64 1}}`},
	{"a result of the wrong type defers", `{{"x" | print | len | int | i8}}`},
	{"range over an int kind", `{{range .I8}}never{{end}}{{range $i, $k := .Map}}{{$i}}={{$k}} {{end}}`},
}

// compileText compiles text/template's tree of src, unescaped.
func compileText(t *testing.T, src string) (*ttemplate.Template, *Program) {
	t.Helper()
	tmpl := ttemplate.Must(ttemplate.New("page").Option("missingkey=error").Funcs(textFuncs).Parse(src))
	p, err := compileTrees(func(name string) *parse.Tree {
		if x := tmpl.Lookup(name); x != nil {
			return x.Tree
		}
		return nil
	}, "page", Options{Funcs: map[string]any(textFuncs)})
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	return tmpl, p
}

func TestSameAsTextTemplate(t *testing.T) {
	for _, tc := range textCases {
		t.Run(tc.name, func(t *testing.T) {
			tmpl, p := compileText(t, tc.src)
			var want, got bytes.Buffer
			wantErr := tmpl.Execute(&want, kindsData())
			gotErr := p.Execute(&got, kindsData())
			defers := strings.HasSuffix(tc.name, "defers")
			switch {
			case gotErr != nil && defers:
			case gotErr != nil:
				t.Fatalf("execute: %v (text/template: %q, %v)", gotErr, want.String(), wantErr)
			case wantErr != nil:
				t.Fatalf("text/template failed with %v, htmlexec gave %q", wantErr, got.String())
			case got.String() != want.String():
				t.Errorf("htmlexec:      %q\ntext/template: %q", got.String(), want.String())
			case defers:
				t.Errorf("did not defer: %q", got.String())
			}
		})
	}
}
