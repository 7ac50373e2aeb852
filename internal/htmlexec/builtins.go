package htmlexec

import (
	"fmt"
	"reflect"
)

// builtin compiles a call of one of text/template's predefined functions.
// Those that take reflect.Value in text/template (and, or, not, the
// comparisons, len, index) get their arguments as they are; the printing
// ones are ordinary functions.
func builtin(name string, ops []operand) (command, bool) {
	switch name {
	case "and", "or":
		return andOr(name == "or", ops), true
	case "not":
		return valueFunc(ops, 1, 1, func(a []reflect.Value) reflect.Value { return reflect.ValueOf(!truth(a[0])) }), true
	case "eq":
		return valueFunc(ops, 1, -1, func(a []reflect.Value) reflect.Value { return reflect.ValueOf(eq(a[0], a[1:]...)) }), true
	case "ne":
		return valueFunc(ops, 2, 2, func(a []reflect.Value) reflect.Value { return reflect.ValueOf(!eq(a[0], a[1])) }), true
	case "lt", "le", "gt", "ge":
		return valueFunc(ops, 2, 2, func(a []reflect.Value) reflect.Value { return reflect.ValueOf(compare(name, a[0], a[1])) }), true
	case "len":
		return valueFunc(ops, 1, 1, func(a []reflect.Value) reflect.Value { return reflect.ValueOf(length(a[0])) }), true
	case "index":
		return valueFunc(ops, 1, -1, func(a []reflect.Value) reflect.Value { return index(a[0], a[1:]) }), true
	case "print":
		return printing(reflect.ValueOf(fmt.Sprint), ops), true
	case "printf":
		return printing(reflect.ValueOf(fmt.Sprintf), ops), true
	case "println":
		return printing(reflect.ValueOf(fmt.Sprintln), ops), true
	}
	return nil, false
}

// printing calls print, printf or println.
func printing(fn reflect.Value, ops []operand) command {
	return func(s *state, dot, final reflect.Value, hasFinal bool) reflect.Value {
		return callFunc(s, dot, fn, ops, final, hasFinal)
	}
}

// andOr returns the first argument that decides the outcome, evaluating
// no further, as text/template's special case does.
func andOr(isOr bool, ops []operand) command {
	return func(s *state, dot, final reflect.Value, hasFinal bool) reflect.Value {
		if len(ops) == 0 && !hasFinal {
			deferToHTMLTemplate()
		}
		var v reflect.Value
		for _, op := range ops {
			if v = op(s, dot, reflectValueType); truth(v) == isOr {
				return v
			}
		}
		if hasFinal {
			v = final
		}
		return v
	}
}

// valueFunc calls f with between lo and hi arguments (hi < 0: no limit),
// final last.
func valueFunc(ops []operand, lo, hi int, f func([]reflect.Value) reflect.Value) command {
	return func(s *state, dot, final reflect.Value, hasFinal bool) reflect.Value {
		n := len(ops)
		if hasFinal {
			n++
		}
		if n < lo || hi >= 0 && n > hi {
			deferToHTMLTemplate()
		}
		at := s.reserve(n)
		for i, op := range ops {
			s.stack[at+i] = op(s, dot, reflectValueType)
		}
		if hasFinal {
			s.stack[at+len(ops)] = final
		}
		out := f(s.stack[at : at+n])
		s.release(at)
		return out
	}
}

func truth(v reflect.Value) bool {
	t, _ := isTrue(indirectInterface(v))
	return t
}

type basic int

const (
	invalidKind basic = iota
	boolKind
	complexKind
	intKind
	floatKind
	stringKind
	uintKind
)

func basicKind(v reflect.Value) basic {
	switch v.Kind() {
	case reflect.Bool:
		return boolKind
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return intKind
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return uintKind
	case reflect.Float32, reflect.Float64:
		return floatKind
	case reflect.Complex64, reflect.Complex128:
		return complexKind
	case reflect.String:
		return stringKind
	}
	return invalidKind
}

// eq is text/template's eq; where that fails, eq defers.
func eq(a reflect.Value, others ...reflect.Value) bool {
	a = indirectInterface(a)
	ka := basicKind(a)
	for _, b := range others {
		b = indirectInterface(b)
		kb := basicKind(b)
		var truth bool
		switch {
		case ka == intKind && kb == uintKind:
			truth = a.Int() >= 0 && uint64(a.Int()) == b.Uint()
		case ka == uintKind && kb == intKind:
			truth = b.Int() >= 0 && a.Uint() == uint64(b.Int())
		case ka != kb:
			if a.IsValid() && b.IsValid() {
				deferToHTMLTemplate()
			}
		case ka == invalidKind:
			truth = eqOther(a, b)
		default:
			truth = eqBasic(ka, a, b)
		}
		if truth {
			return true
		}
	}
	return false
}

func eqBasic(k basic, a, b reflect.Value) bool {
	switch k {
	case boolKind:
		return a.Bool() == b.Bool()
	case complexKind:
		return a.Complex() == b.Complex()
	case floatKind:
		return a.Float() == b.Float()
	case intKind:
		return a.Int() == b.Int()
	case stringKind:
		return a.String() == b.String()
	}
	return a.Uint() == b.Uint()
}

// eqOther compares values that are not of a basic kind: nil with nil, or
// comparable values as interfaces.
func eqOther(a, b reflect.Value) bool {
	if a.Kind() != b.Kind() && a.IsValid() && b.IsValid() {
		deferToHTMLTemplate()
	}
	if isNil(a) || isNil(b) {
		return isNil(a) == isNil(b)
	}
	if !b.Type().Comparable() {
		deferToHTMLTemplate()
	}
	return a.Interface() == b.Interface() // a panic on incomparable values defers
}

func isNil(v reflect.Value) bool {
	if !v.IsValid() {
		return true
	}
	switch v.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return v.IsNil()
	}
	return false
}

// compare is text/template's lt, le, gt and ge.
func compare(op string, a, b reflect.Value) bool {
	a, b = indirectInterface(a), indirectInterface(b)
	less, equal := lessEqual(a, b)
	switch op {
	case "lt":
		return less
	case "le":
		return less || equal
	case "gt":
		return !less && !equal
	}
	return !less
}

func lessEqual(a, b reflect.Value) (less, equal bool) {
	ka, kb := basicKind(a), basicKind(b)
	switch {
	case ka == intKind && kb == uintKind:
		return a.Int() < 0 || uint64(a.Int()) < b.Uint(), a.Int() >= 0 && uint64(a.Int()) == b.Uint()
	case ka == uintKind && kb == intKind:
		return b.Int() >= 0 && a.Uint() < uint64(b.Int()), b.Int() >= 0 && a.Uint() == uint64(b.Int())
	case ka != kb || ka == invalidKind || ka == boolKind || ka == complexKind:
		deferToHTMLTemplate()
	case ka == floatKind:
		return a.Float() < b.Float(), a.Float() == b.Float()
	case ka == intKind:
		return a.Int() < b.Int(), a.Int() == b.Int()
	case ka == stringKind:
		return a.String() < b.String(), a.String() == b.String()
	}
	return a.Uint() < b.Uint(), a.Uint() == b.Uint()
}

func length(v reflect.Value) int {
	v, isNil := indirect(v)
	if isNil {
		deferToHTMLTemplate()
	}
	switch v.Kind() {
	case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice, reflect.String:
		return v.Len()
	}
	deferToHTMLTemplate()
	return 0
}

// index is text/template's index for slices, arrays and strings indexed by
// integers, and maps indexed by keys of their own type.
func index(item reflect.Value, indexes []reflect.Value) reflect.Value {
	item = indirectInterface(item)
	for _, i := range indexes {
		i = indirectInterface(i)
		var isNil bool
		if item, isNil = indirect(item); isNil || !item.IsValid() || !i.IsValid() {
			deferToHTMLTemplate()
		}
		switch item.Kind() {
		case reflect.Array, reflect.Slice, reflect.String:
			if basicKind(i) != intKind || i.Int() < 0 || i.Int() >= int64(item.Len()) {
				deferToHTMLTemplate()
			}
			item = item.Index(int(i.Int()))
		case reflect.Map:
			if !i.Type().AssignableTo(item.Type().Key()) {
				deferToHTMLTemplate()
			}
			if x := item.MapIndex(i); x.IsValid() {
				item = x
			} else {
				item = reflect.Zero(item.Type().Elem())
			}
		default:
			deferToHTMLTemplate()
		}
	}
	return item
}
