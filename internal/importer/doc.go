// Package importer reads SAMHSA's treatment locator exports, its National
// Directory workbook, HSDS 3.0 data packages and any spreadsheet export,
// maps them into the directory's columns and merges them into the centers
// CSV.
//
// An import runs in four steps, each with its own file:
//
//	read    (findtreatment.go, nsumhss.go, hsds.go, csvsource.go)  a source's rows as Facilities
//	map     (mapping.go, fields.go)                       labels to level and facet codes, fields tidied
//	merge   (merge.go, table.go, ids.go)                  into the existing rows, matched by source_id
//	write   (table.go, report.go)                         the CSV replaced atomically, the report
//
// Nothing is written unless every input was read without error. Each
// error names its file and the place in it (a line and column, a JSON
// row, a sheet cell) and says how to fix it.
//
// # Mapping
//
// A source's labels become codes only through the Vocabulary: the
// synonyms of the levels of care and facet options in content/. A label
// that maps to nothing is counted in the report, never guessed at, so a
// maintainer changes a mapping by adding a synonym, not by changing Go.
//
// # Merge rules
//
// A facility matches an existing row by source_id. A matched row keeps
// its id, its verified date and every column the source has no value for;
// a new facility gets an id made from its name and city, with a suffix
// when that id is taken. Rows without a source_id are the maintainer's
// own and are never changed. Rows whose facility is gone from the source
// are kept and reported, or removed with Prune. Rows are written sorted by
// id, so importing the same data twice gives the same bytes.
package importer
