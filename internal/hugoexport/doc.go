// Package hugoexport writes a treatment-center directory as a Hugo site, so
// that a maintainer who prefers Hugo can take the whole directory, centers
// included, and build it with `hugo -s OUT`. The site needs Hugo v0.146 or
// later (its template system) and is tested with v0.152.2.
//
// # What the export holds
//
//	hugo.toml                  title, baseURL, languageCode, the taxonomies,
//	                           and the helplines under [params]
//	content/                   the directory's content pages, byte for byte
//	content/centers/<id>.md    one page per center, TOML front matter only
//	content/care/, pay/, states/
//	                           one page per taxonomy term, with its title
//	data/facets.toml           content/facets.toml, for the facet labels
//	                           (site.Data.facets; hugo.toml's params.facets
//	                           keeps the facets' order and titles)
//	layouts/                   minimal layouts for every kind of page
//	static/                    static/ as it is (the layouts use style.css
//	                           and favicon.svg when they are there)
//	.hugo-export               the files the export wrote, with their hashes
//
// Hugo sees the same pages at the same URLs as the generator makes them:
// /, /about/, /levels/, /levels/<code>/, /centers/<id>/, /states/<st>/.
// content/facets.toml is not a page; it moves to data/, where Hugo reads
// TOML as data, rather than being published as a file of the home page.
//
// # A center's front matter
//
// Keys that Hugo reserves keep Hugo's meaning: title is the center's name,
// description a one-line summary, lastmod the verified date (when there is
// one, so that the sitemap carries it). The taxonomies are top-level keys,
// where Hugo reads terms. Every column of the CSV is under [params] with
// its validated, normalised value: id, name, street, city, state (upper
// case), zip, lat and lon (left out when unknown, as TOML has no null),
// phone and intake_phone as shown ("(555) 555-0100 ext. 12"), tel and
// intake_tel (the numbers for tel: links, without the scheme), website,
// levels and every facet column of content/facets.toml (as codes, in the
// site's order), verified (YYYY-MM-DD), source and source_id: the columns
// build.Vocabulary declares. Empty text is "", an empty list is []. The values are written by a TOML
// encoder, so any name or address survives the trip.
//
// # Taxonomies
//
// Each taxonomy claims /<plural>/ and /<plural>/<term>/, so none may be
// named after a folder the directory already uses:
//
//	care    levels of care (/care/<code>/). Not "levels": /levels/ and
//	        /levels/<code>/ are the guide and its explainer pages.
//	pay     payment options (/pay/<code>/), named like the search URL's
//	        pay= parameter, and unlike params.payment.
//	states  the lower-case USPS code (/states/<st>/): the terms' pages are
//	        the state pages at the URL the generator uses for them.
//
// A content page that would take one of these URLs stops the export.
//
// # Writing the folder
//
// The export is first written to a temporary folder next to OUT, then
// renamed into place, so a failed export leaves nothing half written. OUT
// may be missing, empty, or an earlier export; an earlier export is only
// replaced when it holds nothing else than what the export wrote (as listed
// with hashes in .hugo-export) and what Hugo makes when it builds it
// (public/, resources/, .hugo_build.lock). Anything else, or a file changed
// since, stops the export: the maintainer's own work is never removed.
package hugoexport
