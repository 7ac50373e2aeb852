package build

import (
	"encoding/binary"
	"slices"
	"sync"
)

// setTable hands out one slice for each distinct set of levels, or of one
// facet's options, that centers list. Tens of thousands of centers list a
// few hundred distinct sets, so sharing their slices spares the build
// hundreds of thousands of small objects that the collector would scan
// at each collection. A slice handed out is never changed: its capacity
// is its length, so an append makes a copy.
type setTable[T any] struct {
	mu sync.Mutex
	m  map[string][]T
}

// share returns the table's slice equal to set, whose elements have the
// places place gives them in their vocabulary (levels in order, a facet's
// options), making it from set the first time. An empty set is nil.
func (t *setTable[T]) share(set []T, place func(T) int) []T {
	if len(set) == 0 {
		return nil
	}
	var buf [64]byte
	key := buf[:0]
	for _, x := range set {
		key = binary.AppendUvarint(key, uint64(place(x)))
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if s, ok := t.m[string(key)]; ok {
		return s
	}
	if t.m == nil {
		t.m = map[string][]T{}
	}
	s := slices.Clip(slices.Clone(set))
	t.m[string(key)] = s
	return s
}

// levelPlace and optionPlace are the places share keys sets by.
func levelPlace(l *Level) int   { return l.pos }
func optionPlace(o *Option) int { return o.index }

// vocabularySets are the shared sets of one vocabulary: its levels, and
// each facet's options by the facet's place.
type vocabularySets struct {
	levels  setTable[*Level]
	options []setTable[*Option]
}

// setKey names a shared set by where its elements are: each set is one
// slice, made once and never changed.
type setKey[T any] struct {
	first *T
	n     int
}

// translatedSet is set, a shared set, with each element as tr gives it
// in another language: worked out once for each set and kept in done (a
// map of setKey to []T), or each time if done is nil.
func translatedSet[T any](done *sync.Map, set []T, tr func(T) T) []T {
	key := setKey[T]{&set[0], len(set)}
	if done != nil {
		if t, ok := done.Load(key); ok {
			return t.([]T)
		}
	}
	t := make([]T, len(set))
	for i, x := range set {
		t[i] = tr(x)
	}
	if done != nil {
		done.Store(key, t)
	}
	return t
}
