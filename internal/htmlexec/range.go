package htmlexec

import (
	"cmp"
	"reflect"
	"slices"
	"text/template/parse"
)

// rangeNode compiles {{range}}: over slices, arrays, maps with string or
// integer keys (in key order, as text/template sorts them) and integers.
// Anything else, and a range that assigns rather than declares its
// variables, defers to html/template.
func (c *compiler) rangeNode(n *parse.RangeNode) (stmt, error) {
	if n.Pipe.IsAssign && len(n.Pipe.Decl) > 0 {
		return nil, unsupported("range assigning to variables")
	}
	mark := len(c.scope)
	defer func() { c.scope = c.scope[:mark] }()
	pipe, err := c.pipeline(n.Pipe)
	if err != nil {
		return nil, err
	}
	var slots []int
	for _, v := range n.Pipe.Decl {
		slots = append(slots, c.declare(v.Ident[0]))
	}
	body, otherwise, err := c.branches(n.List, n.ElseList)
	if err != nil {
		return nil, err
	}
	r := &ranger{slots: slots, body: body}
	return func(s *state, dot reflect.Value) flow {
		v := pipe(s, dot)
		for _, slot := range slots { // as evalPipeline pushes them, before the first element
			s.setVariable(slot, v)
		}
		if r.over(s, v) {
			return flowNext
		}
		return otherwise(s, dot)
	}, nil
}

// ranger runs the body of a range for each element.
type ranger struct {
	slots []int
	body  stmt
}

// over runs the body for every element of v and reports whether there
// was one.
func (r *ranger) over(s *state, v reflect.Value) bool {
	v, _ = indirect(v)
	switch v.Kind() {
	case reflect.Array, reflect.Slice:
		for i := range v.Len() {
			if r.once(s, reflect.ValueOf(i), v.Index(i)) == flowBreak {
				break
			}
		}
		return v.Len() > 0
	case reflect.Map:
		return r.overMap(s, v)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if len(r.slots) > 1 {
			deferToHTMLTemplate()
		}
		n := v.Int()
		for i := int64(0); i < n; i++ {
			e := reflect.New(v.Type()).Elem()
			e.SetInt(i)
			if r.once(s, reflect.Value{}, e) == flowBreak {
				break
			}
		}
		return n > 0
	case reflect.Invalid:
		return false
	}
	deferToHTMLTemplate()
	return false
}

func (r *ranger) overMap(s *state, m reflect.Value) bool {
	keys := m.MapKeys()
	switch m.Type().Key().Kind() {
	case reflect.String:
		slices.SortFunc(keys, func(a, b reflect.Value) int { return cmp.Compare(a.String(), b.String()) })
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		slices.SortFunc(keys, func(a, b reflect.Value) int { return cmp.Compare(a.Int(), b.Int()) })
	default:
		deferToHTMLTemplate()
	}
	for _, k := range keys {
		if r.once(s, k, m.MapIndex(k)) == flowBreak {
			break
		}
	}
	return len(keys) > 0
}

// once runs the body for one element, with the range's variables set.
func (r *ranger) once(s *state, index, elem reflect.Value) flow {
	switch len(r.slots) {
	case 1:
		s.setVariable(r.slots[0], elem)
	case 2:
		s.setVariable(r.slots[0], index)
		s.setVariable(r.slots[1], elem)
	}
	return r.body(s, elem)
}
