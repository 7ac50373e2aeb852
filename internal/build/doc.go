// Package build turns a directory site folder into a static site.
//
// A build runs in four steps, each with its own file:
//
//	Load    (site.go, content.go, data.go, csvread.go, fields.go)  read and validate everything into a Site
//	model   (site.go, geo.go, citypages.go)  derive states, cities and nearest neighbours
//	Render  (render.go, layouts.go, funcs.go, jobs.go, sitemap.go)  execute the layouts; every file goes to an Output
//	publish (write.go, fs_linux.go)          DirWriter stages changed files and commits them
//
// The cache of the last build (cache*.go) is entered at one seam,
// readCenters (cache_read.go); without it Load reads the CSV with
// parseCenters alone. docs/architecture.md lists every fast path beside
// the plain path and the test that holds the two equal.
//
// Load reports every problem it finds, as Errors sorted by position, and
// nothing is rendered unless there are none. Render streams files to its
// Output; DirWriter, the only code that touches the output folder, moves
// them into place only when the whole build has succeeded.
//
// # The site folder
//
// The site is read through an fs.FS rooted at the site folder:
//
//	site.toml           settings (Config): title, base_url, helplines, [data] paths
//	content/            Markdown with TOML front matter between +++ lines
//	data/centers.csv    the centers (the path can be changed in site.toml or by -data)
//	layouts/            html/template files
//	static/             files published as they are, with a content hash in the name
//	i18n/               interface text, one <lang>.toml per language
//
// # Content
//
// Every content file starts with TOML front matter between "+++" lines,
// then Markdown rendered by goldmark with the extensions Hugo enables by
// default (tables, strikethrough, autolinks, task lists, definition lists,
// footnotes, typographer) and heading ids. Raw HTML in Markdown is not
// rendered and links with unsafe schemes are dropped, as in Hugo.
//
// content/_index.md is the home page; its title heads the search form and
// its body, "How this search works", follows the results. content/levels/_index.md is the level-of-care guide at
// /levels/. Any other file becomes a page at the URL Hugo would give it:
// content/a/b.md at /a/b/, content/a/_index.md at /a/. URLs under
// /centers/, /states/, /levels/ and /search/ belong to the generator.
// A page with draft = true is skipped.
//
// # Levels of care
//
// Each content/levels/<code>.md other than _index.md is a level of care;
// the file name is its code in the CSV and in URLs. Front matter:
//
//	title       the name shown everywhere
//	weight      1 for the most intensive; the ladder is drawn in this order
//	asam        the ASAM Criteria level, e.g. "2.1"
//	setting     where the person lives during it
//	hours       how much time it takes
//	for_whom    who it suits
//	short       one line, shown by the search form's "What is this?"
//	synonyms    other spellings accepted in the CSV (matched without regard to case)
//	step_down   the code of the next lower level
//
// Adding a file adds the level to the search form, the ladders, the guide,
// the center pages and the CSV validation.
//
// # Facets
//
// content/facets.toml declares every filter besides the level of care
// (facets.go). Each top-level table is a Facet, named after its CSV column,
// with param (the URL parameter, default the column), title, about and
// accepts; each sub-table an Option keyed by its code, with label, about,
// synonyms and only (what a center listing it alone says). label_<lang>,
// about_<lang> and title_<lang> are kept by language. The order of the file
// is the order shown. A file of [payment.<code>] tables alone, the older
// form, still reads (payment keeps pay=, medications med=).
//
// # Languages
//
// Config.Languages lists the site's languages, the default first
// (languages.go); with one, or none, nothing below shows. Each is a
// Language: its Dict, i18n/<lang>.toml in Hugo's format (i18n.go: a text
// or a table of plural forms, each text a text/template), and its
// translated content, content/**/<name>.<lang>.md, filed by the page it
// translates. Site.inLanguage makes the site as a language shows it:
// content, levels, facets, title and helplines in that language, the same
// centers, states and counts. Render draws each language with a renderer
// of its own (langrender.go), whose layouts are parsed with functions that
// speak its language (T, day, month) and lead to its pages (rel and abs
// put /<lang> in front); assets, the search index and the page keys are
// shared, keys taking the language in. Only the default language draws
// 404.html, which offers the others; the sitemap lists every language.
// A key the default language has and another lacks is an error; a
// translation without its page, and a page without its translation, are
// warnings.
//
// # Columns and the vocabulary
//
// The CSV columns are declared once (columns.go): the fixed ones in a table
// saying how each is read, validated, written back as text and where its
// field is, and one column per facet made from content/facets.toml. The
// loader, the cache codec, the page keys, gen diff (package csvdiff), the
// example-data generator and the Hugo export follow that declaration, and
// a test fails when a Center field has no column. Vocabulary (vocabulary.go)
// holds the columns, levels and facets with their synonyms: the CSV loader
// matches codes, titles, labels and synonyms without regard to case and
// surrounding spaces; Match, for importers, also ignores accents, spacing
// and punctuation, and a synonym listed under several options gives all.
//
// # Data
//
// data/centers.csv follows docs/csv.md: a header naming the columns in any
// order and case, RFC 4180 quoting, a byte-order mark and CRLF accepted,
// multi-valued fields separated by ";". encoding/csv reads the records;
// every value is then checked, column by column, with the position of its field, so each
// error reads path:line:column: message, with the physical line of the
// file even after a quoted line break. An unknown code suggests the
// nearest known one, or says why (a state name, a ZIP code that lost its
// leading zero, values joined by "," rather than ";"), and names the
// spreadsheet row where it differs from the line (hints.go). An unknown
// column is a warning, printed once with a count. A center without
// lat/lon is placed at its ZIP code's centroid from data/zips.csv and
// marked Approximate, so that distance searches find it (centroid.go);
// the build says how many, and an unknown ZIP code as well is an error.
// site.toml's problems are reported all at once, each at its line with a
// suggestion (settings.go).
//
// # Layouts
//
// Layouts are html/template files named as in Hugo. baseof.html is the
// frame of every page and executes the block "main", which each page
// layout defines. Files under _partials/ are shared and are called with
// {{ template "_partials/name.html" . }}. Pages look their layout up in
// order and the first that exists wins:
//
//	home            home.html
//	guide           levels/section.html, section.html
//	level           levels/page.html, page.html
//	center          centers/page.html, page.html
//	state           states/page.html, page.html
//	city            states/city.html (only when a state has city pages)
//	state index     states/section.html, section.html
//	content page    page.html (a section's _index.md: section.html first)
//	not found       404.html
//
// A missing layout is an error naming what was looked for; a reference to
// a missing key is an error (missingkey=error). Layouts reach the data
// through the view: .Site, .Kind, .URL, .Title, .Description, .Page,
// .Center, .Nearby, .Level, .State, .City, and these functions:
//
//	rel "/path/"     the path under the base URL's path (sites may live in a sub-folder),
//	                 in the page's language (/es/path/ on a Spanish page)
//	abs "/path/"     the absolute URL under the base URL, in the page's language
//	relRoot "/x"     the path under the base URL's path, in no language
//	T "key" data     the text of key in the page's language (i18n/<lang>.toml)
//	Tin "es" "key"   the text of key in another language (the 404 page)
//	day, month       a YYYY-MM-DD date as the page's language writes it
//	local levels     a center's levels in the page's language
//	languages, twins the site's languages; a page's URL in each (Twin)
//	messages         the search page's text for app.js, as JSON
//	asset "app.js"   the published, content-hashed path of a static file
//	jsonld center    schema.org JSON-LD for a center page
//	directions c     a map link with directions to a center
//	miles, comma, dict, lower
//	partialCached "_partials/name.html" data key
//
// Everything from the data is escaped by html/template. Websites are
// limited to http and https when the CSV is read; tel: links are built
// from digits only.
//
// # Listings people can trust
//
// The build date is Config.Now, or today (freshness.go). A center whose
// verified date is older than stale_after_days, or missing, is Stale, and
// its card and page say to call first (_partials/checked.html); only the
// stale flag enters the page keys, so a new day redraws only the pages of
// centers that turned stale. Site.StaleCenters is the call list of gen
// stale (package calllist). [report] (report.go) picks how "Report a
// problem" reaches the maintainer: a Netlify form, a mailto: link with
// subject and body (ReportConfig.MailtoURL) or a form URL. A state with more
// than city_pages_over centers lists its cities, each with a page of its
// own keyed by its centers (citypages.go), so that no page grows with the
// size of a state.
//
// # Compiled layouts
//
// html/template spends most of a page walking its tree and calling every
// field, method, function and escaper through reflection. A page layout
// is therefore compiled (execute.go, package htmlexec) once html/template
// has escaped it: the escaped tree becomes Go closures, and each escaper
// chain is applied by html/template itself, through a tiny template in
// the same context (<a href="{{.}}">), with proven shortcuts for values
// that need no escaping and a memo for values seen before. The layout is
// compiled on a small page (the smallest state), and used only if it draws
// that page byte for byte as html/template does; any construct or escaper
// chain it does not know, and any page it cannot finish, goes to
// html/template. Tests hold every page of the example site and of a
// synthetic site with hostile data to html/template's bytes.
//
// It never does so silently (engine.go): a layout it cannot compile, or
// pages it hands back, are a warning naming the layout, once per build.
// Config.HTMLTemplateOnly (gen -htmltemplate) turns it off, and
// Config.CompareEngines (gen check) draws every page with both engines and
// fails on the first difference.
//
// # Static files
//
// Every file of static/ is published with the first eight hex digits of
// its SHA-256 in its name, under assets/ (style.css as assets/style.3f9c2a1b.css), so hosts can
// cache it for a year, except names that browsers and hosts look for
// exactly: favicon.ico, _headers, _redirects, .nojekyll, CNAME and
// anything under .well-known/.
//
// # Output
//
// Pages are folders with an index.html (/centers/x/ is
// centers/x/index.html), plus 404.html, sitemap.xml (a sitemap index over
// numbered sitemaps past 50,000 URLs) and robots.txt. The same input gives
// byte-identical files.
//
// DirWriter compares each file with the one published; unchanged files are
// not touched. Changed files are written to a staging folder inside the
// output folder and renamed into place only by Commit, after the whole
// build succeeded, so a failed build leaves the output folder as it was.
// Each rename is atomic: a build killed at any moment leaves complete
// files, and the next build finishes the job. The manifest .gen-manifest
// lists the files of the last build so that stale ones are removed, and
// files the generator did not make are never touched. Commit flushes the
// staged files, writes a manifest naming the files of both builds, moves
// the new files in, then the replacing ones, removes the stale files (never
// through a link, never outside the folder) and writes the new manifest:
// at every moment every page is whole and every link resolves. A build
// holds a flock on the output folder from NewDirWriter to Commit or Abort
// (lock_linux.go), so two builds never publish into one folder at once.
// On Linux its system calls are made relative to the output and
// staging folders, held open (fs_linux.go); elsewhere through package os.
//
// # Reading the site
//
// cmd/gen opens the site folder with OpenSite (sitefs.go), an os.Root:
// a symbolic link that leads out of the site is an error naming it. Input
// is bounded before it is parsed (limits.go), reports keep only the
// errors they show (diag.go), and every message escapes control
// characters (Visible, visible.go).
//
// # Rebuilds
//
// Center and state pages carry a Key (keys.go): a hash of the generator
// itself, the settings, every file of content/, layouts/ and static/, and
// the page's own data (a center page: its center and its nearest
// neighbours; a state page: its centers). The manifest records each file's
// key with its size, modification time and inode; a page whose key and file
// are unchanged is not rendered at all. A layout that reaches data about
// every center from the Site (.Site.Centers, .Site.States, OfferedIn, the
// searches and counts, or a function not known to be local) makes its
// pages depend on every center; a city's own .Centers on a state page does
// not. The files of the search index are keyed by their own bytes, which
// for its cells and list are hashed as they are handed out in pieces, so
// that a file found in place is never put together; a sitemap is keyed by
// the pages it lists. Every other page is rendered and compared by its
// bytes.
//
// Keys are hashed with xxhash (two seeds, 128 bits): they guard against
// chance, not against attack, and a rebuild hashes every center and page.
//
// A build may also keep a cache (Config.CacheFile, cache*.go; gen keeps it
// in the user's cache folder, outside the output, as gen -cache says):
// where each record of the centers CSV lies, a hash of its bytes, the
// Center it made (encoded), its nearest neighbours, its row of the search
// index with what that row was made from (stale flag and place), and the
// id and name orders. The next build compares the new file with it record by record,
// from the front and from the back; records whose bytes are the same, read
// from the start of a record, give the same Centers and are not read again.
// Only the records between are read with encoding/csv and validated. Neighbours
// are searched again only for the centers whose list a changed center may
// enter or leave (or that a moved ZIP centroid moved); the orders take in
// the new centers without a sort; an index row is made again only for a
// changed center, or one whose stale flag or place changed (index_rows.go). Any
// problem, a changed header or vocabulary, another generator or a damaged
// cache sends the build back to reading the whole file, which reports as
// usual: a build through the cache gives exactly what a build without it
// gives (cache_test.go holds the two to each other over many edits).
// The file is read straight into one string that the kept Centers and
// index rows are slices of. The code is cache_codec.go (a Center as
// bytes), cache_file.go (the format on disk), cache_plan.go (which rows a new file keeps),
// cache_read.go (reading only the rest) and cache_reuse.go (neighbours
// and orders kept). The
// ZIP table is kept beside it and read from there while zips.csv is the
// same.
//
// partialCached "name" data key draws a partial once per key, as Hugo's
// function of that name does: the ladder of a center page depends only on
// the levels it offers, so it is drawn once per set of levels.
package build
