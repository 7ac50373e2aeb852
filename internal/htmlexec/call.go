package htmlexec

import (
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"text/template/parse"
)

var errorType = reflect.TypeFor[error]()

// goodResults reports whether a function returns what a template function
// must: one value, or a value and an error.
func goodResults(typ reflect.Type) bool {
	switch typ.NumOut() {
	case 1:
		return true
	case 2:
		return typ.Out(1) == errorType
	}
	return false
}

// function compiles a call of a function by name: a builtin, an escaper
// html/template added, or one of the template's functions.
func (c *compiler) function(name string, args []parse.Node) (command, error) {
	ops := make([]operand, len(args))
	for i, a := range args {
		var err error
		if ops[i], err = c.operand(a); err != nil {
			return nil, err
		}
	}
	if strings.HasPrefix(name, escaperPrefix) || name == "_eval_args_" {
		return c.escaperCommand(name, ops)
	}
	if f, ok := c.calls[name]; ok {
		return func(s *state, dot, final reflect.Value, hasFinal bool) reflect.Value {
			return f.direct(s, dot, ops, final, hasFinal)
		}, nil
	}
	if fn, ok := c.funcs[name]; ok { // the template's own functions shadow builtins
		return userFunc(fn, ops), nil
	}
	if b, ok := builtin(name, ops); ok {
		return b, nil
	}
	return nil, unsupported("function %s", name)
}

// userFunc calls one of the template's functions. Functions taking and
// returning strings, the common case, are called without reflection.
func userFunc(fn reflect.Value, ops []operand) command {
	if f, ok := fn.Interface().(func(string) string); ok && len(ops) <= 1 {
		return stringFunc(ops, func(s string) (string, error) { return f(s), nil })
	}
	if f, ok := fn.Interface().(func(string) (string, error)); ok && len(ops) <= 1 {
		return stringFunc(ops, f)
	}
	switch f := fn.Interface().(type) {
	case func(string, any, string) (template.HTML, error): // a partial, say
		return typedCall(fn, ops, func(a []reflect.Value) (reflect.Value, error) {
			out, err := f(a[0].String(), anyOf(a[1]), a[2].String())
			return reflect.ValueOf(out), err
		})
	case func(...any) (map[string]any, error): // a dict
		return typedCall(fn, ops, func(a []reflect.Value) (reflect.Value, error) {
			args := make([]any, len(a))
			for i, v := range a {
				args[i] = anyOf(v)
			}
			out, err := f(args...)
			return reflect.ValueOf(out), err
		})
	case func(string, ...any) (string, error): // a text by key, as Hugo's T
		return typedCall(fn, ops, func(a []reflect.Value) (reflect.Value, error) {
			args := make([]any, len(a)-1)
			for i, v := range a[1:] {
				args[i] = anyOf(v)
			}
			out, err := f(a[0].String(), args...)
			return reflect.ValueOf(out), err
		})
	case func(float64) string:
		return oneArgFunc(ops, reflect.TypeFor[float64](), func(v reflect.Value) string { return f(v.Float()) })
	case func(int) string:
		return oneArgFunc(ops, reflect.TypeFor[int](), func(v reflect.Value) string { return f(int(v.Int())) })
	}
	return func(s *state, dot, final reflect.Value, hasFinal bool) reflect.Value {
		return callFunc(s, dot, fn, ops, final, hasFinal)
	}
}

var stringType = reflect.TypeFor[string]()

// stringFunc calls a func(string) string without reflection: the
// argument, validated for a string parameter, can only be a string.
func stringFunc(ops []operand, f func(string) (string, error)) command {
	return func(s *state, dot, final reflect.Value, hasFinal bool) reflect.Value {
		out, err := f(oneArg(s, dot, ops, final, hasFinal, stringType).String())
		if err != nil {
			deferToHTMLTemplate()
		}
		return reflect.ValueOf(out)
	}
}

// oneArg is the one argument of a call, an operand or the final value,
// evaluated for a parameter of type typ.
func oneArg(s *state, dot reflect.Value, ops []operand, final reflect.Value, hasFinal bool, typ reflect.Type) reflect.Value {
	switch {
	case len(ops) == 1 && !hasFinal:
		return ops[0](s, dot, typ)
	case len(ops) == 0 && hasFinal:
		return validateType(final, typ)
	}
	deferToHTMLTemplate()
	return reflect.Value{}
}

// oneArgFunc calls a function of one basic parameter without reflection.
func oneArgFunc(ops []operand, typ reflect.Type, f func(reflect.Value) string) command {
	return func(s *state, dot, final reflect.Value, hasFinal bool) reflect.Value {
		arg := oneArg(s, dot, ops, final, hasFinal, typ)
		if arg.Type() != typ {
			deferToHTMLTemplate()
		}
		return reflect.ValueOf(f(arg))
	}
}

// typedCall calls fn, whose type the caller knows, through call, with the
// arguments evaluated as for callFunc but without reflect.Value.Call.
func typedCall(fn reflect.Value, ops []operand, call func([]reflect.Value) (reflect.Value, error)) command {
	return func(s *state, dot, final reflect.Value, hasFinal bool) reflect.Value {
		at, args := evalArgs(s, dot, fn.Type(), ops, final, hasFinal)
		out, err := call(args)
		s.release(at)
		if err != nil {
			deferToHTMLTemplate()
		}
		return out
	}
}

// anyOf is v as a parameter of type any receives it: nil for no value.
func anyOf(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	return v.Interface()
}

// callFunc calls fun with the arguments evaluated for its parameters and
// final last, as text/template's evalCall does.
func callFunc(s *state, dot, fun reflect.Value, ops []operand, final reflect.Value, hasFinal bool) reflect.Value {
	typ := fun.Type()
	if !goodResults(typ) {
		deferToHTMLTemplate()
	}
	at, args := evalArgs(s, dot, typ, ops, final, hasFinal)
	out := fun.Call(args) // a panic stops the execution, which then defers
	s.release(at)
	if len(out) == 2 && !out[1].IsNil() {
		deferToHTMLTemplate()
	}
	if out[0].Type() == reflectValueType {
		return out[0].Interface().(reflect.Value)
	}
	return out[0]
}

// evalArgs evaluates the arguments of a call of a function of type typ,
// final last, as text/template's evalCall does. They are on s's stack,
// from at on: release(at) once the call returns.
func evalArgs(s *state, dot reflect.Value, typ reflect.Type, ops []operand, final reflect.Value, hasFinal bool) (at int, argv []reflect.Value) {
	numIn := len(ops)
	if hasFinal {
		numIn++
	}
	numFixed := len(ops)
	if typ.IsVariadic() {
		numFixed = typ.NumIn() - 1
		if numIn < numFixed {
			deferToHTMLTemplate()
		}
	} else if numIn != typ.NumIn() {
		deferToHTMLTemplate()
	}
	at = s.reserve(numIn)
	i := 0
	for ; i < numFixed && i < len(ops); i++ {
		s.stack[at+i] = ops[i](s, dot, typ.In(i))
	}
	if typ.IsVariadic() {
		elem := typ.In(typ.NumIn() - 1).Elem()
		for ; i < len(ops); i++ {
			s.stack[at+i] = ops[i](s, dot, elem)
		}
	}
	if hasFinal {
		t := typ.In(typ.NumIn() - 1)
		if typ.IsVariadic() {
			if numIn-1 < numFixed {
				t = typ.In(numIn - 1)
			} else {
				t = t.Elem()
			}
		}
		s.stack[at+i] = validateType(final, t)
	}
	return at, s.stack[at : at+numIn]
}

// printValue writes v as text/template prints the value of an action.
func printValue(s *state, v reflect.Value) {
	if v.Kind() == reflect.String && v.Type() == stringType {
		s.w.WriteString(v.String())
		return
	}
	p, ok := printableValue(v)
	if !ok {
		deferToHTMLTemplate()
	}
	fmt.Fprint(s.w, p)
}

var fmtStringerType = reflect.TypeFor[fmt.Stringer]()

func printableValue(v reflect.Value) (any, bool) {
	if v.Kind() == reflect.Pointer {
		v, _ = indirect(v)
	}
	if !v.IsValid() {
		return "<no value>", true
	}
	if !v.Type().Implements(errorType) && !v.Type().Implements(fmtStringerType) {
		if v.CanAddr() && (reflect.PointerTo(v.Type()).Implements(errorType) || reflect.PointerTo(v.Type()).Implements(fmtStringerType)) {
			v = v.Addr()
		} else {
			switch v.Kind() {
			case reflect.Chan, reflect.Func:
				return nil, false
			}
		}
	}
	return v.Interface(), true
}

// isTrue is text/template's truth: not the zero value of its type.
func isTrue(v reflect.Value) (truth, ok bool) {
	if !v.IsValid() {
		return false, true
	}
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() > 0, true
	case reflect.Bool:
		return v.Bool(), true
	case reflect.Complex64, reflect.Complex128:
		return v.Complex() != 0, true
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		return !v.IsNil(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() != 0, true
	case reflect.Float32, reflect.Float64:
		return v.Float() != 0, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() != 0, true
	case reflect.Struct:
		return true, true
	}
	return false, false
}
