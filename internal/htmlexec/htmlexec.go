package htmlexec

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"sync"
	"text/template/parse"
)

// ErrUnsupported reports that a template uses something Compile does not
// handle; execute it with html/template instead.
var ErrUnsupported = errors.New("not supported by htmlexec")

// errDefer is the panic value that stops an execution which html/template
// must redo.
var errDefer = errors.New("htmlexec: defer to html/template")

// maxDepth bounds template recursion, as text/template does; past it the
// execution defers to html/template, which reports the error.
const maxDepth = 10000

// Program is a template compiled for fast execution. It may be executed by
// several goroutines at once.
type Program struct {
	root *tmpl
}

// tmpl is one compiled template of the set.
type tmpl struct {
	name  string
	body  stmt
	slots int // variables, $ included
}

// Options are what Compile needs besides the template.
type Options struct {
	// Funcs are the functions the template was parsed with.
	Funcs template.FuncMap
	// Methods are methods of the data to call without reflection.
	Methods []Method
	// Calls are functions of Funcs to call without reflection; each must
	// be the function Funcs holds under its name.
	Calls []Func
	// Pure names the functions whose result depends on their arguments
	// alone, for as long as the program is used: an action that calls
	// only these, with literal arguments, is worked out once (fold.go).
	Pure []string
}

// Compile compiles the template name of t. html/template must already have
// escaped it, which it does on the first execution: run it once with
// ExecuteTemplate before compiling.
func Compile(t *template.Template, name string, o Options) (*Program, error) {
	return compileTrees(func(name string) *parse.Tree {
		if x := t.Lookup(name); x != nil {
			return x.Tree
		}
		return nil
	}, name, o)
}

// compileTrees compiles the template name of the set that lookup finds.
// Tests give it text/template's trees, to hold the evaluation to
// text/template's without escaping in between.
func compileTrees(lookup func(name string) *parse.Tree, name string, o Options) (*Program, error) {
	c := &compiler{
		lookup:   lookup,
		funcs:    map[string]reflect.Value{},
		methods:  map[methodKey]*Method{},
		tmpls:    map[string]*tmpl{},
		escapers: escapers{},
		pure:     map[string]bool{},
		calls:    map[string]*Func{},
	}
	if err := c.options(o); err != nil {
		return nil, err
	}
	if c.lookup(name) == nil {
		return nil, fmt.Errorf("no template %q: %w", name, ErrUnsupported)
	}
	root, err := c.template(name)
	if err != nil {
		return nil, err
	}
	return &Program{root: root}, nil
}

func (c *compiler) options(o Options) error {
	for name, f := range o.Funcs {
		v := reflect.ValueOf(f)
		if v.Kind() != reflect.Func || !goodResults(v.Type()) {
			return fmt.Errorf("function %s: %w", name, ErrUnsupported)
		}
		c.funcs[name] = v
	}
	for i := range o.Methods {
		m := &o.Methods[i]
		if _, ok := m.recv.MethodByName(m.name); !ok {
			return fmt.Errorf("%s has no method %s", m.recv, m.name)
		}
		c.methods[methodKey{m.recv, m.name}] = m
	}
	for i := range o.Calls {
		f := &o.Calls[i]
		fn, ok := c.funcs[f.name]
		if !ok || fn.Type().NumIn() != 1 || fn.Type().IsVariadic() || fn.Type().In(0) != f.arg {
			return fmt.Errorf("function %s: no function of one %s parameter in Funcs", f.name, f.arg)
		}
		c.calls[f.name] = f
	}
	for _, name := range o.Pure {
		c.pure[name] = true
	}
	return nil
}

// Execute runs p with data as dot, appending to buf. On error buf holds
// part of the output, to be thrown away.
func (p *Program) Execute(buf *bytes.Buffer, data any) (err error) {
	s := states.Get().(*state)
	s.w = buf
	defer func() {
		s.reset()
		states.Put(s)
		if r := recover(); r != nil {
			if e, ok := r.(error); ok && errors.Is(e, errDefer) {
				err = e
				return
			}
			err = fmt.Errorf("htmlexec: %v: %w", r, errDefer)
		}
	}()
	s.call(p.root, reflect.ValueOf(data))
	return nil
}

// state is one execution: where output goes and the variables of the
// templates being executed, each call's above its caller's, and above
// them the arguments of the function being called (reserve).
type state struct {
	w     *bytes.Buffer
	stack []reflect.Value
	base  int // where the current call's variables start
	depth int
}

// states are kept for the next execution: a page's state and stack would
// otherwise be garbage the moment it is drawn.
var states = sync.Pool{New: func() any { return &state{stack: make([]reflect.Value, 0, 32)} }}

// reset empties s for another execution, dropping what it referred to.
func (s *state) reset() {
	clear(s.stack[:cap(s.stack)])
	s.stack, s.w, s.base, s.depth = s.stack[:0], nil, 0, 0
}

// reserve makes room for n arguments on top of the stack and returns
// where they start; the caller sets s.stack[at+i], which stays valid
// while arguments of nested calls come and go above it, and gives the room
// back with release(at) once the call returns.
func (s *state) reserve(n int) int {
	at := len(s.stack)
	for range n {
		s.stack = append(s.stack, reflect.Value{})
	}
	return at
}

// release gives back the room reserve made at at.
func (s *state) release(at int) {
	clear(s.stack[at:])
	s.stack = s.stack[:at]
}

// call executes t with dot, in a frame of its own: template calls inherit
// no variables.
func (s *state) call(t *tmpl, dot reflect.Value) {
	if s.depth == maxDepth {
		panic(errDefer)
	}
	base := len(s.stack)
	for range t.slots {
		s.stack = append(s.stack, reflect.Value{})
	}
	s.stack[base] = dot
	savedBase := s.base
	s.base = base
	s.depth++
	t.body(s, dot)
	s.depth--
	s.base = savedBase
	clear(s.stack[base:])
	s.stack = s.stack[:base]
}

func (s *state) variable(slot int) reflect.Value { return s.stack[s.base+slot] }

func (s *state) setVariable(slot int, v reflect.Value) { s.stack[s.base+slot] = v }

// deferToHTMLTemplate stops the execution; see the package doc.
func deferToHTMLTemplate() { panic(errDefer) }
