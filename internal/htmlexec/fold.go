package htmlexec

import (
	"reflect"
	"strings"
	"sync/atomic"
	"text/template/parse"
)

// Constant folding. A layout prints many values that are the same on every
// page: {{ T "call" }}, {{ rel "/levels/" }}, {{ asset "style.css" }}, the
// same text escaped for the same context. When the functions an action
// calls are pure (Options.Pure: the result depends on the arguments alone)
// and every argument is a literal, the action's output is the same on every
// execution of the program; it is worked out by the ordinary path on the
// first execution that finishes it and written from memory after that. An
// execution that defers stores nothing, so an error is met, and handed to
// html/template, each time as before.
//
// The escapers html/template adds are pure by construction: an escaped
// form depends only on the chain and the value (escape.go).

// isPure reports whether the function called name depends on its
// arguments alone.
func (c *compiler) isPure(name string) bool {
	return c.pure[name] || strings.HasPrefix(name, escaperPrefix)
}

// constantNode reports whether an argument node has the same value on every
// execution: a literal, or a parenthesized pipeline of pure calls of
// literals.
func (c *compiler) constantNode(n parse.Node) bool {
	switch n := n.(type) {
	case *parse.StringNode, *parse.BoolNode, *parse.NumberNode:
		return true
	case *parse.IdentifierNode: // a function called without arguments
		return c.pure[n.Ident]
	case *parse.PipeNode:
		return c.constantPipe(n.Cmds, n.Decl)
	}
	return false
}

// constantPipe reports whether a pipeline's commands always give the same
// value.
func (c *compiler) constantPipe(cmds []*parse.CommandNode, decl []*parse.VariableNode) bool {
	if len(cmds) == 0 || len(decl) > 0 {
		return false
	}
	for i, cmd := range cmds {
		if !c.constantCommand(cmd, i == 0) {
			return false
		}
	}
	return true
}

// constantCommand reports whether a command gives the same value whenever
// its input (the value before it in the pipeline, unless first) does.
func (c *compiler) constantCommand(cmd *parse.CommandNode, first bool) bool {
	switch n := cmd.Args[0].(type) {
	case *parse.IdentifierNode:
		if !c.isPure(n.Ident) {
			return false
		}
		for _, a := range cmd.Args[1:] {
			if !c.constantNode(a) {
				return false
			}
		}
		return true
	case *parse.StringNode, *parse.BoolNode, *parse.NumberNode:
		return first && len(cmd.Args) == 1
	case *parse.PipeNode:
		return first && len(cmd.Args) == 1 && c.constantNode(n)
	}
	return false
}

// foldValue remembers the value of a constant pipeline after its first
// evaluation.
func foldValue(v value) value {
	var memo atomic.Pointer[reflect.Value]
	return func(s *state, dot reflect.Value) reflect.Value {
		if p := memo.Load(); p != nil {
			return *p
		}
		out := v(s, dot)
		memo.Store(&out)
		return out
	}
}

// foldOutput remembers what a constant action writes after its first
// execution, and writes that from then on.
func foldOutput(st stmt) stmt {
	var memo atomic.Pointer[[]byte]
	return func(s *state, dot reflect.Value) flow {
		if p := memo.Load(); p != nil {
			s.w.Write(*p)
			return flowNext
		}
		start := s.w.Len()
		f := st(s, dot)
		out := append([]byte(nil), s.w.Bytes()[start:]...)
		memo.Store(&out)
		return f
	}
}
