// Package htmlexec executes html/template templates several times faster
// than html/template does, with the same output.
//
// html/template rewrites each template once, on its first execution, so
// that every action ends in a chain of escaper functions; text/template
// then walks that tree for every page, looking up every field, method and
// function by name and calling each of them through reflection. For a site
// of tens of thousands of pages drawn from a few layouts, that walk is most
// of the build. Compile turns the rewritten tree into Go closures instead:
// names are resolved once per type and cached.
//
// # What is the same, and what is not
//
// A Program gives the bytes html/template gives, or an error. It covers the
// common path only: when a template does something it does not handle (a
// construct Compile does not know, a missing map key, a nil pointer, a
// function that fails or panics, a value of a kind it does not expect) it
// stops and Execute returns an error, and the caller executes the template
// with html/template, which then produces its own output or its own error
// message. Execute never returns output that html/template would not.
//
// Two options save more: Options.Calls and Options.Methods name functions
// and methods to call without reflection (Func1, Method0 and the like), and
// Options.Pure names the functions whose result depends on their
// arguments alone, so that an action calling only those with literal
// arguments, {{ T "call" }}, is worked out on the first execution that
// finishes it and written from memory afterwards (fold.go).
//
// # Escaping
//
// htmlexec does no escaping of its own: every value is escaped by
// html/template, by executing a tiny template whose one action has the
// same escaper chain (see escape.go). Only the calls around it are saved,
// each shortcut held to html/template by tests and fuzzing: a plain string
// made of characters that the chain is proven to leave alone is written as
// it is, as is a value of the type the chain trusts (template.HTML in
// text); in HTML text and attributes a plain string without '+' is escaped
// by the standard library's template.HTMLEscapeString; and the escaped
// form of other strings is remembered, since a site shows the same names
// on many pages. A chain that no tiny template is known to produce makes
// Compile fail with ErrUnsupported.
//
// # What it relies on in html/template
//
// Package html/template documents none of the following; htmlexec relies
// on each, and TestHTMLTemplateBehaviours (relies_test.go) fails on a Go
// release that changes one, so that it is noticed before a site is built
// with it. Most changes would only make Compile refuse a layout, which the
// build then draws with html/template and names in a warning; the tests
// are there for the ones that would not.
//
//   - Escaping happens in place, once, on the first execution: the
//     *parse.Tree that Template.Lookup returns is rewritten, and Compile
//     reads it. Before that execution the tree has no escapers.
//   - Each printing action of the escaped tree ends with the escapers as
//     commands of their own, one identifier each with no arguments, named
//     "_html_template_" and the escaper ("_html_template_attrescaper"),
//     after the commands the template's author wrote. The chain for each
//     context is the one listed in escape.go (TestContexts proves each
//     row), and the escaped form of a value depends only on the chain and
//     the value, so that a tiny template with the same chain escapes it
//     the same way.
//   - Text is rewritten in the tree too: HTML comments are removed from
//     text nodes there, not while writing, so that writing a text node's
//     bytes as they are gives html/template's output.
//   - A template called in a context other than the one it starts in is
//     escaped into a copy whose name has "$htmltemplate_" in it, and the
//     call is renamed; Lookup does not give that copy, so Compile refuses
//     the layout rather than compile the unescaped original.
//   - The predefined escapers html and urlquery are kept, and html/template
//     wraps the arguments of html in "_eval_args_"; Compile knows neither
//     as a function of its own and refuses them.
//
// Beyond escaping, htmlexec re-implements text/template's evaluation:
// field, method and map lookup, the truth of a value, the comparison
// functions, range over slices, maps in key order and integers. Those
// rules are held to html/template by TestSameAsHTMLTemplate, and every
// page of the example site and of a synthetic site with hostile data by
// internal/build's tests.
package htmlexec
