// Package hsds writes a directory as an Open Referral Human Services Data
// Specification (HSDS) 3.0 tabular data package, and reads such packages
// for the importer.
//
// # The specification
//
// spec/datapackage.json is the specification's own descriptor (CC BY-SA
// 4.0, spec/NOTICE.md), embedded: the one declaration of every table,
// field, constraint and foreign key. The export writes each table's header
// in its order and copies its schema into the package's datapackage.json;
// the tests validate against it.
//
// # Export (export.go, table.go, write.go)
//
// Each center becomes one organization, service, location, service at
// location and physical address, its phones, the organization_identifier
// that holds its id, and an attribute linking its service to the taxonomy
// term of each level and option; options that are languages also become
// language rows with ISO 639 codes (languages.go). Levels are one
// taxonomy, each facet another. Every id is ID(table, key), a version 5
// UUID of the center's id (or "column/code" for terms) under a fixed name
// space (ids.go). Only dates are written, never datetimes. Publish writes
// the files to a temporary folder and renames it into place.
//
// # Reading (read.go, places.go)
//
// Read takes the tables that the descriptor lists under the
// specification's names; Places joins them into one Place per location,
// with its organization, services, address, phones, terms and languages,
// and warns of ids that name no row. Mapping terms to codes is the
// importer's (internal/importer/hsds.go), through the site's synonyms.
//
// docs/hsds.md is the user's guide, with the table of what maps to what.
package hsds
