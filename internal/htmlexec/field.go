package htmlexec

import (
	"reflect"
	"sync/atomic"
)

// field is one name of a chain like .Center.URL: a method, a struct field
// or a map key, depending on the value it is applied to. How the name
// resolves on a type is worked out once and cached.
type field struct {
	name    string
	methods map[methodKey]*Method        // the methods to call directly
	cache   atomic.Pointer[[]resolution] // copied on write, so readers need no lock
}

// resolution is how a field name resolves on one type (the type a method
// is looked up on: *T for an addressable T).
type resolution struct {
	typ    reflect.Type
	method int     // index in typ's method set, or -1
	direct *Method // the method, to call without reflection
	index  []int   // struct field, when not a method
	isMap  bool
}

// maxResolutions bounds the cache of one field; past it, lookups are made
// afresh each time, which is merely slower.
const maxResolutions = 8

// get applies the name to recv, as text/template's evalField does.
func (f *field) get(s *state, dot, recv reflect.Value, args []operand, final reflect.Value, hasFinal bool) reflect.Value {
	if !recv.IsValid() {
		deferToHTMLTemplate()
	}
	v, isNil := indirect(recv)
	if v.Kind() == reflect.Interface && isNil {
		deferToHTMLTemplate()
	}
	ptr := v
	if ptr.Kind() != reflect.Interface && ptr.Kind() != reflect.Pointer && ptr.CanAddr() {
		ptr = ptr.Addr()
	}
	r := f.resolve(ptr.Type())
	if r.direct != nil && !isNil {
		return r.direct.direct(s, dot, ptr, args, final, hasFinal)
	}
	if r.method >= 0 {
		return callFunc(s, dot, ptr.Method(r.method), args, final, hasFinal)
	}
	if len(args) > 0 || hasFinal || isNil {
		deferToHTMLTemplate()
	}
	switch {
	case len(r.index) == 1:
		return v.Field(r.index[0])
	case r.index != nil:
		fv, err := v.FieldByIndexErr(r.index)
		if err != nil {
			deferToHTMLTemplate()
		}
		return fv
	case r.isMap:
		res := v.MapIndex(reflect.ValueOf(f.name))
		if !res.IsValid() {
			deferToHTMLTemplate() // what happens depends on the template's missingkey option
		}
		return res
	}
	deferToHTMLTemplate()
	return reflect.Value{}
}

// resolve finds, or works out and caches, how the name resolves on typ.
func (f *field) resolve(typ reflect.Type) resolution {
	cached := f.cache.Load()
	if cached != nil {
		for _, r := range *cached {
			if r.typ == typ {
				return r
			}
		}
	}
	r := resolution{typ: typ, method: -1}
	if m, ok := typ.MethodByName(f.name); ok {
		r.method = m.Index
		r.direct = f.methods[methodKey{typ, f.name}]
	} else {
		elem := typ
		if elem.Kind() == reflect.Pointer {
			elem = elem.Elem()
		}
		switch elem.Kind() {
		case reflect.Struct:
			if sf, ok := elem.FieldByName(f.name); ok && sf.IsExported() {
				r.index = sf.Index
			}
		case reflect.Map:
			r.isMap = reflect.TypeFor[string]().AssignableTo(elem.Key())
		}
	}
	if cached == nil || len(*cached) < maxResolutions {
		var next []resolution
		if cached != nil {
			next = append(next, *cached...)
		}
		next = append(next, r)
		f.cache.Store(&next)
	}
	return r
}
