package htmlexec

import (
	"reflect"
	"strings"
	"text/template/parse"
)

// command evaluates one command of a pipeline; final is the value of the
// command before it, passed as the last argument, when hasFinal.
type command func(s *state, dot, final reflect.Value, hasFinal bool) reflect.Value

// operand evaluates an argument for a parameter of type typ, as
// text/template's evalArg does; typ is nil where any value will do.
type operand func(s *state, dot reflect.Value, typ reflect.Type) reflect.Value

func (c *compiler) pipeline(p *parse.PipeNode) (value, error) {
	if p == nil {
		return func(*state, reflect.Value) reflect.Value { return reflect.Value{} }, nil
	}
	cmds := make([]command, len(p.Cmds))
	for i, cmd := range p.Cmds {
		var err error
		if cmds[i], err = c.command(cmd); err != nil {
			return nil, err
		}
	}
	run := func(s *state, dot reflect.Value) reflect.Value {
		var v reflect.Value
		for i, cmd := range cmds {
			v = cmd(s, dot, v, i > 0)
			if v.Kind() == reflect.Interface && v.Type().NumMethod() == 0 {
				v = reflect.ValueOf(v.Interface()) // as text/template digs into interface{} values
			}
		}
		return v
	}
	if c.constantPipe(p.Cmds, p.Decl) {
		return foldValue(run), nil
	}
	return run, nil
}

func (c *compiler) command(cmd *parse.CommandNode) (command, error) {
	args := cmd.Args[1:]
	switch n := cmd.Args[0].(type) {
	case *parse.FieldNode:
		return c.fieldChain(nil, n.Ident, args)
	case *parse.ChainNode:
		return c.chain(n, args)
	case *parse.VariableNode:
		return c.variableCommand(n, args)
	case *parse.IdentifierNode:
		return c.function(n.Ident, args)
	case *parse.PipeNode:
		if len(args) > 0 || len(n.Decl) > 0 {
			return nil, unsupported("arguments to a parenthesized pipeline")
		}
		pipe, err := c.pipeline(n)
		if err != nil {
			return nil, err
		}
		return literal(len(args), func(s *state, dot reflect.Value) reflect.Value { return pipe(s, dot) }), nil
	case *parse.DotNode:
		return literal(len(args), func(_ *state, dot reflect.Value) reflect.Value { return dot }), nil
	case *parse.BoolNode:
		v := reflect.ValueOf(n.True)
		return literal(len(args), func(*state, reflect.Value) reflect.Value { return v }), nil
	case *parse.StringNode:
		v := reflect.ValueOf(n.Text)
		return literal(len(args), func(*state, reflect.Value) reflect.Value { return v }), nil
	case *parse.NumberNode:
		v, ok := idealConstant(n)
		if !ok {
			return nil, unsupported("number %s", n)
		}
		return literal(len(args), func(*state, reflect.Value) reflect.Value { return v }), nil
	}
	return nil, unsupported("command %s", cmd)
}

// literal is a command that is not a function: it takes no arguments.
func literal(nargs int, v value) command {
	if nargs > 0 {
		return func(*state, reflect.Value, reflect.Value, bool) reflect.Value {
			deferToHTMLTemplate()
			return reflect.Value{}
		}
	}
	return func(s *state, dot, _ reflect.Value, hasFinal bool) reflect.Value {
		if hasFinal {
			deferToHTMLTemplate()
		}
		return v(s, dot)
	}
}

// variableCommand compiles $x or $x.Field.Method args.
func (c *compiler) variableCommand(n *parse.VariableNode, args []parse.Node) (command, error) {
	get := c.variable(n.Ident[0])
	if len(n.Ident) == 1 {
		return literal(len(args), get), nil
	}
	return c.fieldChain(get, n.Ident[1:], args)
}

// variable reads a variable; one the compiler cannot place defers.
func (c *compiler) variable(name string) value {
	slot, ok := c.resolve(name)
	if !ok {
		return func(*state, reflect.Value) reflect.Value { deferToHTMLTemplate(); return reflect.Value{} }
	}
	return func(s *state, _ reflect.Value) reflect.Value { return s.variable(slot) }
}

// chain compiles (pipeline).Field...
func (c *compiler) chain(n *parse.ChainNode, args []parse.Node) (command, error) {
	var recv value
	switch inner := n.Node.(type) {
	case *parse.PipeNode:
		if len(inner.Decl) > 0 {
			return nil, unsupported("variables in a chained pipeline")
		}
		pipe, err := c.pipeline(inner)
		if err != nil {
			return nil, err
		}
		recv = pipe
	case *parse.FieldNode, *parse.VariableNode, *parse.IdentifierNode, *parse.DotNode:
		op, err := c.operand(inner)
		if err != nil {
			return nil, err
		}
		recv = func(s *state, dot reflect.Value) reflect.Value { return op(s, dot, nil) }
	default:
		return nil, unsupported("chain on %s", n.Node)
	}
	if len(n.Field) == 0 {
		return nil, unsupported("empty chain")
	}
	return c.fieldChain(recv, n.Field, args)
}

// fieldChain compiles .A.B.C args, starting from recv (dot when nil).
// Only the last name gets the arguments and the final value.
func (c *compiler) fieldChain(recv value, idents []string, args []parse.Node) (command, error) {
	ops := make([]operand, len(args))
	for i, a := range args {
		var err error
		if ops[i], err = c.operand(a); err != nil {
			return nil, err
		}
	}
	fields := make([]*field, len(idents))
	for i, id := range idents {
		fields[i] = &field{name: id, methods: c.methods}
	}
	last := len(fields) - 1
	return func(s *state, dot, final reflect.Value, hasFinal bool) reflect.Value {
		v := dot
		if recv != nil {
			v = recv(s, dot)
		}
		for _, f := range fields[:last] {
			v = f.get(s, dot, v, nil, reflect.Value{}, false)
		}
		return fields[last].get(s, dot, v, ops, final, hasFinal)
	}, nil
}

// operand compiles an argument node, as text/template's evalArg treats it.
func (c *compiler) operand(n parse.Node) (operand, error) {
	switch n := n.(type) {
	case *parse.DotNode:
		return func(_ *state, dot reflect.Value, typ reflect.Type) reflect.Value { return validateType(dot, typ) }, nil
	case *parse.NilNode:
		return func(_ *state, _ reflect.Value, typ reflect.Type) reflect.Value {
			if typ == reflectValueType {
				return reflect.Value{}
			}
			if typ == nil || !canBeNil(typ) {
				deferToHTMLTemplate()
			}
			return reflect.Zero(typ)
		}, nil
	case *parse.FieldNode, *parse.VariableNode, *parse.PipeNode, *parse.IdentifierNode, *parse.ChainNode:
		cmd, err := c.command(&parse.CommandNode{NodeType: parse.NodeCommand, Args: []parse.Node{n}})
		if err != nil {
			return nil, err
		}
		return func(s *state, dot reflect.Value, typ reflect.Type) reflect.Value {
			return validateType(cmd(s, dot, reflect.Value{}, false), typ)
		}, nil
	case *parse.BoolNode, *parse.StringNode, *parse.NumberNode:
		return constantOperand(n)
	}
	return nil, unsupported("argument %s", n)
}

// constantOperand converts a literal to the parameter's type, or keeps its
// own type for an interface{} parameter.
func constantOperand(n parse.Node) (operand, error) {
	var ideal reflect.Value
	switch n := n.(type) {
	case *parse.BoolNode:
		ideal = reflect.ValueOf(n.True)
	case *parse.StringNode:
		ideal = reflect.ValueOf(n.Text)
	case *parse.NumberNode:
		var ok bool
		if ideal, ok = idealConstant(n); !ok {
			return nil, unsupported("number %s", n)
		}
	}
	num, _ := n.(*parse.NumberNode)
	return func(_ *state, _ reflect.Value, typ reflect.Type) reflect.Value {
		if typ == nil || typ == ideal.Type() || typ.Kind() == reflect.Interface && typ.NumMethod() == 0 || typ == reflectValueType {
			return ideal // a literal of the parameter's own type is itself
		}
		v := reflect.New(typ).Elem()
		switch {
		case typ.Kind() == reflect.String && ideal.Kind() == reflect.String:
			v.SetString(ideal.String())
		case typ.Kind() == reflect.Bool && ideal.Kind() == reflect.Bool:
			v.SetBool(ideal.Bool())
		case num != nil && isIntKind(typ.Kind()) && num.IsInt:
			v.SetInt(num.Int64)
		case num != nil && (typ.Kind() == reflect.Float64 || typ.Kind() == reflect.Float32) && num.IsFloat:
			v.SetFloat(num.Float64)
		default:
			deferToHTMLTemplate()
		}
		return v
	}, nil
}

func isIntKind(k reflect.Kind) bool {
	switch k {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return true
	}
	return false
}

// idealConstant gives a number the type its syntax implies, as
// text/template does when nothing else says.
func idealConstant(n *parse.NumberNode) (reflect.Value, bool) {
	switch {
	case n.IsComplex:
		return reflect.ValueOf(n.Complex128), true
	case n.IsFloat && !isHexInt(n.Text) && !isRuneInt(n.Text) && strings.ContainsAny(n.Text, ".eEpP"):
		return reflect.ValueOf(n.Float64), true
	case n.IsInt:
		i := int(n.Int64)
		if int64(i) != n.Int64 {
			return reflect.Value{}, false
		}
		return reflect.ValueOf(i), true
	}
	return reflect.Value{}, false
}

func isRuneInt(s string) bool { return len(s) > 0 && s[0] == '\'' }

func isHexInt(s string) bool {
	return len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && !strings.ContainsAny(s, "pP")
}

// validateType checks that v may be passed as typ, making the conversions
// text/template makes; anything it would reject defers.
//
// The builtins that take reflect.Value in text/template take their
// arguments here as they are: for typ reflectValueType, v is returned.
func validateType(v reflect.Value, typ reflect.Type) reflect.Value {
	if typ == reflectValueType {
		return v
	}
	if !v.IsValid() {
		if typ == nil {
			return reflect.Value{}
		}
		if canBeNil(typ) {
			return reflect.Zero(typ)
		}
		deferToHTMLTemplate()
	}
	if typ == nil || v.Type().AssignableTo(typ) {
		return v
	}
	if v.Kind() == reflect.Interface && !v.IsNil() {
		if e := v.Elem(); e.Type().AssignableTo(typ) {
			return e
		}
		v = v.Elem()
	}
	switch {
	case v.Kind() == reflect.Pointer && v.Type().Elem().AssignableTo(typ):
		if v.IsNil() {
			deferToHTMLTemplate()
		}
		return v.Elem()
	case reflect.PointerTo(v.Type()).AssignableTo(typ) && v.CanAddr():
		return v.Addr()
	}
	deferToHTMLTemplate()
	return v
}

func canBeNil(typ reflect.Type) bool {
	switch typ.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return true
	case reflect.Struct:
		return typ == reflectValueType
	}
	return false
}

var reflectValueType = reflect.TypeFor[reflect.Value]()

// indirect follows pointers and interfaces down to a value, or to nil.
func indirect(v reflect.Value) (rv reflect.Value, isNil bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

// indirectInterface is the value inside an interface, or the zero Value.
func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface {
		return v
	}
	if v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}
