package hsds

import "github.com/google/uuid"

// namespace is the name space of every id the export derives. It is fixed
// so that a center keeps its ids from one export to the next, whatever
// else changes, and a receiver can update its rows in place.
var namespace = uuid.MustParse("6f1c2a5e-0b7d-5a8e-9c43-2d1e7b9a4f60")

// ID derives the id of a row of table from the key that names it in the
// directory (a center's id, "levels/iop", ...): a version 5 UUID, the
// same on every export.
func ID(table, key string) string {
	return uuid.NewSHA1(namespace, []byte(table+"\x00"+key)).String()
}
