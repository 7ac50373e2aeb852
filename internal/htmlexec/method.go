package htmlexec

import "reflect"

// Method is a method that a compiled template calls directly rather than
// through reflection, which is most of the cost of a call. Make one with
// Method0 or Method1 from the method expression: Method0("URL",
// (*Center).URL). A method not given this way is called through
// reflection, with the same result.
type Method struct {
	recv reflect.Type
	name string
	arg  reflect.Type // the parameter's type, nil for none
	call func(recv, arg reflect.Value) reflect.Value
}

// Method0 is a method without parameters.
func Method0[T, R any](name string, f func(T) R) Method {
	return Method{recv: reflect.TypeFor[T](), name: name, call: func(recv, _ reflect.Value) reflect.Value {
		return reflect.ValueOf(f(recv.Interface().(T)))
	}}
}

// Method1 is a method with one parameter.
func Method1[T, A, R any](name string, f func(T, A) R) Method {
	return Method{recv: reflect.TypeFor[T](), name: name, arg: reflect.TypeFor[A](), call: func(recv, arg reflect.Value) reflect.Value {
		return reflect.ValueOf(f(recv.Interface().(T), arg.Interface().(A)))
	}}
}

type methodKey struct {
	recv reflect.Type
	name string
}

// direct calls m with the operands or the final value as its argument, as
// callFunc would call the method through reflection.
func (m *Method) direct(s *state, dot, recv reflect.Value, ops []operand, final reflect.Value, hasFinal bool) reflect.Value {
	var arg reflect.Value
	switch {
	case m.arg == nil && len(ops) == 0 && !hasFinal:
	case m.arg != nil && len(ops) == 1 && !hasFinal:
		arg = ops[0](s, dot, m.arg)
	case m.arg != nil && len(ops) == 0 && hasFinal:
		arg = validateType(final, m.arg)
	default:
		deferToHTMLTemplate()
	}
	if m.arg != nil && !arg.IsValid() {
		arg = reflect.Zero(m.arg) // a nil of an interface type
	}
	return m.call(recv, arg)
}

// Func is a function of the template's that a compiled template calls
// directly rather than through reflection. Make one with Func1 or Func1E
// from the same function the FuncMap holds under that name.
type Func struct {
	name string
	arg  reflect.Type
	call func(arg reflect.Value) (reflect.Value, error)
}

// Func1 is a function of one parameter.
func Func1[A, R any](name string, f func(A) R) Func {
	return Func{name: name, arg: reflect.TypeFor[A](), call: func(arg reflect.Value) (reflect.Value, error) {
		return reflect.ValueOf(f(argOf[A](arg))), nil
	}}
}

// Func1E is a function of one parameter that may fail.
func Func1E[A, R any](name string, f func(A) (R, error)) Func {
	return Func{name: name, arg: reflect.TypeFor[A](), call: func(arg reflect.Value) (reflect.Value, error) {
		out, err := f(argOf[A](arg))
		return reflect.ValueOf(out), err
	}}
}

// argOf is arg as a parameter of type A receives it; the invalid Value, a
// nil passed for an interface parameter, is A's zero value.
func argOf[A any](arg reflect.Value) A {
	if arg.IsValid() {
		if a, ok := arg.Interface().(A); ok {
			return a
		}
	}
	var zero A // a nil for an interface parameter
	return zero
}

// direct calls f with the operand or the final value as its argument, as
// callFunc would call it through reflection.
func (f *Func) direct(s *state, dot reflect.Value, ops []operand, final reflect.Value, hasFinal bool) reflect.Value {
	out, err := f.call(oneArg(s, dot, ops, final, hasFinal, f.arg))
	if err != nil {
		deferToHTMLTemplate()
	}
	return out
}
