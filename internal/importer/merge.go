package importer

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// merge brings the imported rows into the table by the merge rules (see
// the package doc) and records in rep what became of each.
func merge(path string, t *table, imported []map[string]string, source string, prune bool, rep *Report) error {
	bySID, err := indexSourceIDs(path, t)
	if err != nil {
		return err
	}
	for _, r := range imported {
		for col := range r {
			t.ensure(col)
		}
	}
	idCol := t.ensure("id")
	taken := map[string]bool{}
	for _, row := range t.rows {
		taken[row[idCol]] = true
	}
	seen := map[int]bool{}
	var fresh []map[string]string
	for _, r := range imported {
		i, ok := bySID[r["source_id"]]
		if !ok {
			fresh = append(fresh, r)
			continue
		}
		seen[i] = true
		if update(t, t.rows[i], r) {
			rep.Updated = append(rep.Updated, t.rows[i][idCol])
		} else {
			rep.Unchanged = append(rep.Unchanged, t.rows[i][idCol])
		}
	}
	fresh = leaveOutOwn(fresh, taken, rep)
	addFresh(t, fresh, taken, rep)
	keepOrPrune(t, bySID, seen, source, prune, rep)
	slices.SortStableFunc(t.rows, func(a, b []string) int { return cmp.Compare(a[idCol], b[idCol]) })
	for _, list := range [][]string{rep.Added, rep.Updated, rep.Unchanged, rep.Gone} {
		slices.Sort(list)
	}
	return nil
}

// indexSourceIDs finds each existing row by its source_id; two rows with
// the same one are an error, since an import could not tell them apart.
func indexSourceIDs(path string, t *table) (map[string]int, error) {
	bySID := map[string]int{}
	var errs []string
	for i, row := range t.rows {
		sid := strings.TrimSpace(t.get(row, "source_id"))
		if sid == "" {
			continue
		}
		if j, dup := bySID[sid]; dup {
			errs = append(errs, fmt.Sprintf("%s:%d: source_id %q is also on line %d; remove one of the two rows",
				path, t.lines[i], sid, t.lines[j]))
			continue
		}
		bySID[sid] = i
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return bySID, nil
}

// update writes the source's values into a matched row, keeping its id,
// its verified date and every column the source has no value for, and
// tells whether anything changed.
func update(t *table, row []string, r map[string]string) bool {
	changed := false
	for col, v := range r {
		if v == "" || col == "id" || col == "verified" {
			continue
		}
		i := t.col[col]
		if row[i] != v {
			row[i] = v
			changed = true
		}
	}
	return changed
}

// addFresh gives the new facilities their ids, in an order that depends
// only on the facilities themselves, and appends them.
func addFresh(t *table, fresh []map[string]string, taken map[string]bool, rep *Report) {
	type item struct {
		base string
		r    map[string]string
	}
	items := make([]item, len(fresh))
	for i, r := range fresh {
		items[i] = item{or(r["id"], slug(r["name"]+" "+r["city"], maxID)), r}
	}
	slices.SortFunc(items, func(a, b item) int {
		return cmp.Or(cmp.Compare(a.base, b.base), cmp.Compare(a.r["source_id"], b.r["source_id"]))
	})
	for _, it := range items {
		row := make([]string, len(t.header))
		for col, v := range it.r {
			row[t.col[col]] = v
		}
		id := it.r["id"]
		if !validID(id) || taken[id] {
			id = newID(it.r["name"], it.r["city"], taken)
		}
		taken[id] = true
		row[t.col["id"]] = id
		t.rows = append(t.rows, row)
		rep.Added = append(rep.Added, id)
	}
}

// keepOrPrune reports the rows of this source whose facility the import
// did not bring, and removes them when asked to. Rows another source
// brought are not gone because this one lacks them.
func keepOrPrune(t *table, bySID map[string]int, seen map[int]bool, source string, prune bool, rep *Report) {
	rep.Pruned = prune
	drop := map[int]bool{}
	for _, i := range bySID {
		if !seen[i] && t.get(t.rows[i], "source") == source {
			rep.Gone = append(rep.Gone, t.get(t.rows[i], "id"))
			drop[i] = prune
		}
	}
	if !prune {
		return
	}
	kept := t.rows[:0]
	for i, row := range t.rows {
		if !drop[i] {
			kept = append(kept, row)
		}
	}
	t.rows = kept
}

// outOwnRow is why a directory's own row, imported from its HSDS export,
// is left out when the CSV has a row of that id.
const outOwnRow = "already in the CSV under its id, as a row without a source_id, which an import never changes"

// leaveOutOwn leaves out the rows without a source_id (a directory's own
// rows, from its HSDS export) whose id the CSV already has: the merge
// rules never touch such a row, and a copy under a new id would list the
// center twice.
func leaveOutOwn(fresh []map[string]string, taken map[string]bool, rep *Report) []map[string]string {
	kept := fresh[:0]
	for _, r := range fresh {
		if r["source_id"] == "" && r["id"] != "" && taken[r["id"]] {
			rep.leftOut(outOwnRow)
			continue
		}
		kept = append(kept, r)
	}
	return kept
}

// validID is the CSV's rule for an id: [a-z0-9]+(-[a-z0-9]+)*, at most
// maxID characters.
func validID(id string) bool {
	return id != "" && len(id) <= maxID && slug(id, maxID) == id
}
