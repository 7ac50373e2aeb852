package htmlexec

import (
	"fmt"
	"reflect"
	"text/template/parse"
)

// stmt executes one node of a template. It returns how control continues:
// on, or out of the innermost range by break or continue.
type stmt func(s *state, dot reflect.Value) flow

type flow uint8

const (
	flowNext flow = iota
	flowBreak
	flowContinue
)

// value evaluates a pipeline or an operand.
type value func(s *state, dot reflect.Value) reflect.Value

// compiler turns parse trees into closures. Variables are resolved while
// compiling, to slots of the template's frame, the way the parser scopes
// them; a variable text/template would not find at run time defers.
type compiler struct {
	lookup   func(name string) *parse.Tree
	funcs    map[string]reflect.Value
	methods  map[methodKey]*Method
	escapers escapers // by chain, shared by the program's actions
	tmpls    map[string]*tmpl
	calls    map[string]*Func // functions to call without reflection
	pure     map[string]bool  // functions whose result depends on their arguments alone (fold.go)

	scope []scopeVar // variables visible here, innermost last
	slots int        // slots the current template uses so far
}

type scopeVar struct {
	name string
	slot int
}

func unsupported(format string, args ...any) error {
	return fmt.Errorf(format+": %w", append(args, ErrUnsupported)...)
}

// template compiles the template called name, once.
func (c *compiler) template(name string) (*tmpl, error) {
	if t, ok := c.tmpls[name]; ok {
		return t, nil
	}
	// html/template keeps the copies of a template it escapes for another
	// context (a partial inside an attribute) out of sight.
	tree := c.lookup(name)
	if tree == nil || tree.Root == nil {
		return nil, unsupported("template %q, escaped for another context", name)
	}
	t := &tmpl{name: name}
	c.tmpls[name] = t // before the body, for recursive templates
	savedScope, savedSlots := c.scope, c.slots
	c.scope, c.slots = []scopeVar{{"$", 0}}, 1
	body, err := c.list(tree.Root)
	t.body, t.slots = body, c.slots
	c.scope, c.slots = savedScope, savedSlots
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", name, err)
	}
	return t, nil
}

// declare makes a new variable visible from here on.
func (c *compiler) declare(name string) int {
	slot := c.slots
	c.slots++
	c.scope = append(c.scope, scopeVar{name, slot})
	return slot
}

// resolve finds the slot of the innermost variable called name.
func (c *compiler) resolve(name string) (int, bool) {
	for i := len(c.scope) - 1; i >= 0; i-- {
		if c.scope[i].name == name {
			return c.scope[i].slot, true
		}
	}
	return 0, false
}

// branches compiles the body of an if, with or range, whose variables are
// in scope there only, and its else branch.
func (c *compiler) branches(body, elseList *parse.ListNode) (then, otherwise stmt, err error) {
	inner := len(c.scope)
	if then, err = c.list(body); err != nil {
		return nil, nil, err
	}
	c.scope = c.scope[:inner]
	if otherwise, err = c.list(elseList); err != nil {
		return nil, nil, err
	}
	return then, otherwise, nil
}

func (c *compiler) list(l *parse.ListNode) (stmt, error) {
	if l == nil {
		return func(*state, reflect.Value) flow { return flowNext }, nil
	}
	var stmts []stmt
	for _, n := range l.Nodes {
		st, err := c.node(n)
		if err != nil {
			return nil, err
		}
		if st != nil {
			stmts = append(stmts, st)
		}
	}
	return func(s *state, dot reflect.Value) flow {
		for _, st := range stmts {
			if f := st(s, dot); f != flowNext {
				return f
			}
		}
		return flowNext
	}, nil
}

func (c *compiler) node(n parse.Node) (stmt, error) {
	switch n := n.(type) {
	case *parse.TextNode:
		text := n.Text
		return func(s *state, _ reflect.Value) flow { s.w.Write(text); return flowNext }, nil
	case *parse.CommentNode:
		return nil, nil
	case *parse.ActionNode:
		return c.action(n)
	case *parse.IfNode:
		return c.ifOrWith(&n.BranchNode, false)
	case *parse.WithNode:
		return c.ifOrWith(&n.BranchNode, true)
	case *parse.RangeNode:
		return c.rangeNode(n)
	case *parse.TemplateNode:
		return c.templateCall(n)
	case *parse.BreakNode:
		return func(*state, reflect.Value) flow { return flowBreak }, nil
	case *parse.ContinueNode:
		return func(*state, reflect.Value) flow { return flowContinue }, nil
	case *parse.ListNode:
		return c.list(n)
	}
	return nil, unsupported("node %s", n)
}

// action prints its pipeline's value, or stores it in variables. The
// escapers html/template ends a printing pipeline with are applied as one
// chain, and their output written straight to the output.
func (c *compiler) action(n *parse.ActionNode) (stmt, error) {
	if len(n.Pipe.Decl) > 0 {
		pipe, err := c.pipeline(n.Pipe)
		if err != nil {
			return nil, err
		}
		set, err := c.declarations(n.Pipe)
		if err != nil {
			return nil, err
		}
		return func(s *state, dot reflect.Value) flow { set(s, pipe(s, dot)); return flowNext }, nil
	}
	st, err := c.printAction(n)
	if err != nil || !c.constantPipe(n.Pipe.Cmds, nil) {
		return st, err
	}
	return foldOutput(st), nil
}

// printAction compiles an action that prints its pipeline's value.
func (c *compiler) printAction(n *parse.ActionNode) (stmt, error) {
	rest, chain := trailingEscapers(n.Pipe)
	pipe, err := c.pipeline(&parse.PipeNode{NodeType: parse.NodePipe, Cmds: rest})
	if err != nil {
		return nil, err
	}
	if len(chain) == 0 {
		return func(s *state, dot reflect.Value) flow { printValue(s, pipe(s, dot)); return flowNext }, nil
	}
	esc, err := c.escapers.get(chain)
	if err != nil {
		return nil, err
	}
	return func(s *state, dot reflect.Value) flow {
		s.w.WriteString(esc.escape(pipe(s, dot)))
		return flowNext
	}, nil
}

// declarations compiles the variables a pipeline declares or assigns.
func (c *compiler) declarations(p *parse.PipeNode) (func(*state, reflect.Value), error) {
	slots := make([]int, len(p.Decl))
	for i, v := range p.Decl {
		if p.IsAssign {
			slot, ok := c.resolve(v.Ident[0])
			if !ok {
				return nil, unsupported("assignment to undeclared %s", v.Ident[0])
			}
			slots[i] = slot
		} else {
			slots[i] = c.declare(v.Ident[0])
		}
	}
	return func(s *state, v reflect.Value) {
		for _, slot := range slots {
			s.setVariable(slot, v)
		}
	}, nil
}

// ifOrWith compiles if and with, which differ only in that with sets dot.
// Variables of the pipeline are visible in both branches; those declared in
// the first branch are not visible in the else branch at run time.
func (c *compiler) ifOrWith(b *parse.BranchNode, with bool) (stmt, error) {
	mark := len(c.scope)
	defer func() { c.scope = c.scope[:mark] }()
	pipe, err := c.pipeline(b.Pipe)
	if err != nil {
		return nil, err
	}
	set := func(*state, reflect.Value) {}
	if len(b.Pipe.Decl) > 0 {
		if set, err = c.declarations(b.Pipe); err != nil {
			return nil, err
		}
	}
	then, otherwise, err := c.branches(b.List, b.ElseList)
	if err != nil {
		return nil, err
	}
	return func(s *state, dot reflect.Value) flow {
		v := pipe(s, dot)
		set(s, v)
		truth, ok := isTrue(indirectInterface(v))
		switch {
		case !ok:
			deferToHTMLTemplate()
		case !truth:
			return otherwise(s, dot)
		case with:
			return then(s, v)
		}
		return then(s, dot)
	}, nil
}

// templateCall compiles {{template "name" pipeline}}.
func (c *compiler) templateCall(n *parse.TemplateNode) (stmt, error) {
	if n.Pipe != nil && len(n.Pipe.Decl) > 0 {
		return nil, unsupported("variables in a template call")
	}
	pipe := func(*state, reflect.Value) reflect.Value { return reflect.Value{} }
	if n.Pipe != nil {
		var err error
		if pipe, err = c.pipeline(n.Pipe); err != nil {
			return nil, err
		}
	}
	t, err := c.template(n.Name)
	if err != nil {
		return nil, err
	}
	return func(s *state, dot reflect.Value) flow {
		s.call(t, pipe(s, dot))
		return flowNext
	}, nil
}
