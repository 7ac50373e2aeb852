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
