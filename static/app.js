// The search page. The URL is the interface: the page reads the search from
// it, loads the part of the search index the search needs, and lists the
// matching centers; changing a control rewrites the URL. The rules are those
// of the Go reference search, stated at the top of internal/build/search.go,
// and the browser tests hold the two to the same results.

// A search first draws FIRST_PAGE cards, about what a phone or a laptop
// screen shows, so that a filter change builds and lays out only those;
// each "Show more" adds PAGE_SIZE.
const FIRST_PAGE = 10;
const PAGE_SIZE = 25;
const EARTH_RADIUS_MILES = 3958.8;
const DEFAULT_RADIUS = 25;
const MAX_RADIUS = 500;
const ZIP_RE = /^([0-9]{5})(?:-[0-9]{4})?$/;
const LATLON_RE = /^(-?[0-9]{1,3}(?:\.[0-9]+)?)[ \t\n\f\r]*,[ \t\n\f\r]*(-?[0-9]{1,3}(?:\.[0-9]+)?)$/;
const RADIUS_RE = /^[0-9]+(?:\.[0-9]+)?$/;
// INDEX_VERSION is the format of the search index this module reads
// (indexVersion in internal/build/index.go).
const INDEX_VERSION = 3;
// CELL_MARGIN widens the cells a search loads by a little, in degrees, so
// that rounding never leaves out a center right at the edge of the radius.
const CELL_MARGIN = 0.01;
// The offer of the nearest centers when none is within the radius reads
// cells nearest first, a batch at a time, and stops after NEAREST_CELLS.
const NEAREST_WANT = 3;
const NEAREST_BATCH = 8;
const NEAREST_CELLS = 64;
// WIDE matches the layout with the filters in a side column (style.css).
const WIDE = '(min-width: 60rem)';

// MESSAGES is the page's interface text in its language, from the
// <script type="application/json" id="messages"> block the page carries
// (made from i18n/<lang>.toml): {text: {key: "..."}, facets: {param:
// {title, labels, only}}}. Every message falls back to its English text.
const MESSAGES = readMessages();

// TEXT is every message the script writes, in one place; each comes from
// the page's language (the js_ keys of i18n/<lang>.toml), in English when
// the page carries none.
const TEXT = {
  found: (n) => t('found', n === 1 ? 'center found' : 'centers found', {}, n),
  prompt: (n) => t('landing', 'centers in the directory. Enter a ZIP code to see the nearest.', {}, n),
  loadFailed: t('load_failed', 'centers shown. The search could not load its data. Check your connection and search again, or browse centers by state or level of care below.'),
  within: (miles, place) => t('within', ' within {{ .Radius }} miles of {{ .Place }}', { Radius: miles, Place: place }),
  yourLocation: t('your_location_label', 'Your location'),
  yourLocationInText: t('your_location', 'your location'),
  // How the status line names a filter, by URL parameter: "offering IOP".
  verbs: {
    level: t('verb_level', 'offering'), pay: t('verb_pay', 'taking'), med: t('verb_med', 'offering'), age: t('verb_age', 'for'),
    gender: t('verb_gender', 'for'), prog: t('verb_prog', 'with'), svc: t('verb_svc', 'offering'), lang: t('verb_lang', 'in'),
  },
  otherVerb: (title) => t('verb_other', 'with {{ .Title }}', { Title: title.toLowerCase() }),
  or: t('or', ' or '),
  and: t('and', ' and '),
  matching: (q) => t('matching', ' matching “{{ .Q }}”', { Q: q }),
  badRadius: (r, max, def) => t('bad_radius', 'the radius “{{ .Value }}” is not a number of miles from 1 to {{ .Max }}, so {{ .Default }} miles is used', { Value: r, Max: max, Default: def }),
  notAPlace: (near) => t('bad_near', '“{{ .Value }}” is not a ZIP code we can read. Type the 5 numbers of a ZIP code, like 43215, or the name of a city', { Value: near }),
  offEarth: (near) => t('bad_place', '“{{ .Value }}” is not a place we can find. Type a ZIP code instead', { Value: near }),
  unknownZIP: (zip) => t('unknown_zip', 'the ZIP code {{ .ZIP }} is not one we know. Check the number, or try a nearby ZIP code', { ZIP: zip }),
  noCity: (name) => t('no_city', 'we have no center in a city called “{{ .Name }}”. Check the spelling, type a ZIP code, or put the name in the “Name or city” box', { Name: name }),
  notOption: (facet, code) => t('bad_option', '{{ .Facet }} “{{ .Code }}” is not an option here, so it was ignored', { Facet: facet, Code: code }),
  noneWithin: (miles) => t('none_within', 'No center within {{ .Radius }} miles matches this search.', { Radius: miles }),
  noneAtAll: t('none', 'No center matches this search. Try fewer filters or other words.'),
  nearestIs: (miles) => t('nearest_is', 'The nearest is {{ .Miles }} miles away:', { Miles: miles }),
  searchWithin: (label) => t('search_within', 'Search within {{ .Radius }}', { Radius: label }),
  more: t('show_more', 'Show more'),
  showMore: (n, left) => t('show_n_more', 'Show {{ .N }} more of {{ .Left }}', { N: n, Left: left }),
  showResults: (n) => (n === null ? t('show_results', 'Show results') : t('show_n_centers', n === 1 ? 'Show 1 center' : 'Show {{ .N }} centers', { N: n }, n)),
  filtersActive: (n) => (n ? ` (${n})` : ''),
  remove: `${t('remove', 'Remove')} `,
  call: `${t('call', 'Call')} `,
  callIntake: `${t('call_intake', 'Call intake')} `,
  directions: t('directions', 'Directions'),
  levelsOfCare: t('levels_of_care', 'Levels of care'),
  directionsTo: (name) => t('directions_to', ' to {{ .Name }}', { Name: name }),
  miles: (d) => t('miles_short', '{{ .Miles }} mi', { Miles: d.toFixed(1) }),
  only: (labels) => t('only', '{{ .Labels }} only', { Labels: labels }),
  notChecked: t('not_checked', 'We have not checked these details: call to confirm before you go'),
  staleSince: (month, year) => t('stale_since', 'Details last checked {{ .Month }} {{ .Year }}: call to confirm before you go', { Month: month, Year: year }),
  checked: (day, month, year) => t('checked', 'Checked {{ .Month }} {{ .Day }}, {{ .Year }}', { Day: day, Month: month, Year: year }),
  months: t('months', 'January,February,March,April,May,June,July,August,September,October,November,December').split(','),
  locating: t('finding', 'Finding your location…'),
  noGeolocation: t('no_geolocation', 'This browser cannot share your location. Type a ZIP code instead.'),
  denied: t('denied', 'You did not allow this site to see your location, so it cannot search near you. Type a ZIP code instead.'),
  noPosition: t('unavailable', 'Your location could not be found just now. Type a ZIP code instead.'),
  backToResults: t('back_to_results', '← Back to results'),
  linkCopied: t('link_copied', 'Link copied'),
  copyThis: (url) => t('copy_link', 'Copy this link: {{ .URL }}', { URL: url }),
};

const form = document.getElementById('search');
if (form && document.getElementById('results')) {
  start(form);
}
startLanguageSwitch();

function start(form) {
  for (const el of document.querySelectorAll('[data-needs-js]')) el.hidden = false;
  const page = newPage(form);
  fillForm(page, new URLSearchParams(location.search));
  page.last = formQuery(page);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    update(page, true).then(() => bringResults(page));
  });
  form.addEventListener('change', () => update(page));
  form.elements.q.addEventListener('input', debounce(() => update(page), 200));
  form.elements.near.addEventListener('input', () => {
    const v = form.elements.near.value.trim();
    if (v === '' || ZIP_RE.test(v) || LATLON_RE.test(v)) update(page);
  });
  page.locate?.addEventListener('click', () => locate(page));
  page.more.addEventListener('click', () => showMore(page));
  startFilters(page);
  startChips(page);
  showChips(page);
  run(page, location.search.slice(1));
  // "Find <level> near you" links end in #near: the person came to type.
  if (location.hash === '#near') form.elements.near.focus();
}

// newPage gathers the elements the search works with, adding the few that
// only make sense with JavaScript.
function newPage(form) {
  const results = document.getElementById('results');
  const more = element('button', { type: 'button', class: 'button more', hidden: '' }, TEXT.more);
  results.after(more);
  const message = element('div', { id: 'search-message', class: 'search-message', hidden: '' });
  results.before(message);
  const locate = document.getElementById('locate');
  const locateStatus = element('span', { id: 'locate-status', class: 'locate-status', 'aria-live': 'polite' });
  locate?.after(' ', locateStatus);
  return {
    form, results, more, message, locate, locateStatus,
    base: form.dataset.base || '/',
    index: newIndex(form.dataset.index),
    status: document.getElementById('status'),
    count: document.getElementById('result-count'),
    label: document.getElementById('result-label'),
    heading: document.getElementById('results-heading'),
    nearError: document.getElementById('near-error'),
    filters: document.getElementById('filters'),
    filtersOpen: document.getElementById('filters-open'),
    filtersActive: document.getElementById('filters-active'),
    filtersDone: document.getElementById('filters-done'),
    chips: document.getElementById('chips'),
    chipList: document.getElementById('chip-list'),
    groups: filterGroups(form),
    boxes: [...form.querySelectorAll('input[type=checkbox]')],
    chipFor: new Map(), chipKey: null, cards: [],
    seq: 0, last: null, hits: [], shown: 0, point: false, located: null, invalid: false,
  };
}

// ---- The URL and the form ----

// fillForm sets the controls from the URL's parameters.
function fillForm(page, params) {
  const form = page.form;
  const near = params.get('near') || '';
  form.elements.near.value = near && near === page.located ? TEXT.yourLocation : near;
  form.elements.q.value = params.get('q') || '';
  const radius = (params.get('radius') || '').trim();
  if (validRadius(radius) !== null) {
    selectRadius(form.elements.radius, radius);
  }
  for (const [f, boxes] of page.groups) {
    const want = new Set(splitCodes(params.getAll(f)));
    for (const box of boxes) box.checked = want.has(box.value);
  }
}

// filterGroups lists the filters' URL parameters with their checkboxes, in
// the form's order: the level of care, then every facet of
// content/facets.toml. The form's checkboxes never change, so a search
// reads them from this list rather than querying the page each time.
function filterGroups(form) {
  const groups = new Map();
  for (const box of form.querySelectorAll('input[type=checkbox]')) {
    if (!groups.has(box.name)) groups.set(box.name, []);
    groups.get(box.name).push(box);
  }
  return [...groups];
}

// selectRadius picks a radius, adding it to the choices when the URL names
// one the form does not offer.
function selectRadius(select, radius) {
  const miles = Number(radius);
  let opt = [...select.options].find((o) => Number(o.value) === miles);
  if (!opt) {
    opt = element('option', { value: String(miles) }, `${miles} miles`);
    const after = [...select.options].find((o) => Number(o.value) > miles);
    select.insertBefore(opt, after || null);
  }
  select.value = opt.value;
}

// nearValue is what near stands for: the box says "Your location" after
// "Use my location", while the URL keeps the coordinates.
function nearValue(page) {
  const v = page.form.elements.near.value.trim();
  return v === TEXT.yourLocation && page.located ? page.located : v;
}

// formQuery is the URL query of the controls, without the leading "?":
// radius only with near, codes comma-separated in the form's order.
function formQuery(page) {
  const form = page.form;
  const parts = [];
  const add = (k, v) => parts.push(`${k}=${encodeURIComponent(v).replace(/%2C/g, ',')}`);
  const near = nearValue(page);
  if (near) {
    add('near', near);
    add('radius', form.elements.radius.value);
  }
  for (const [f, boxes] of page.groups) {
    const codes = boxes.filter((b) => b.checked).map((b) => b.value);
    if (codes.length) add(f, codes.join(','));
  }
  const q = form.elements.q.value.trim();
  if (q) add('q', q);
  return parts.join('&');
}

// update writes the controls into the URL and searches, unless nothing
// changed (force searches again, for a retry after a failed load). It
// resolves when the results are shown.
function update(page, force = false) {
  showChips(page);
  const query = formQuery(page);
  if (query === page.last && !force) return Promise.resolve();
  page.last = query;
  history.replaceState(history.state, '', query ? `?${query}` : location.pathname);
  return run(page, query);
}

// bringResults follows Enter or Go: on a phone the results may be below
// the fold, so they are scrolled into view and focus moves to the count,
// which a screen reader then reads; a bad place keeps focus in its box.
function bringResults(page) {
  if (page.invalid) {
    page.form.elements.near.focus();
    return;
  }
  page.status.scrollIntoView({ block: 'start' });
  page.status.focus({ preventScroll: true });
}

function debounce(fn, ms) {
  let timer;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}

// ---- Parsing a search: the rules of internal/build/search.go ----

// parseQuery reads a search from URL parameters; m is the index manifest.
function parseQuery(params, m) {
  const q = {
    near: (params.get('near') || '').trim(), radius: DEFAULT_RADIUS, zip: '', city: '', place: '', point: null,
    masks: [], words: [], failed: false, problems: [], nearProblem: '',
  };
  if (q.near) {
    const r = (params.get('radius') || '').trim();
    if (r !== '') {
      const miles = validRadius(r);
      if (miles === null) {
        q.problems.push(TEXT.badRadius(r, MAX_RADIUS, DEFAULT_RADIUS));
      } else {
        q.radius = miles;
      }
    }
    placeNear(q);
  }
  q.masks = m.facets.map((f) => facetMask(q, f.param, params.getAll(f.param), f.options));
  q.words = fold(params.get('q') || '').split(/\s+/).filter(Boolean);
  q.empty = !q.near && !q.words.length && q.masks.every((x) => x === 0);
  return q;
}

function validRadius(r) {
  const miles = Number(r);
  return RADIUS_RE.test(r) && miles > 0 && miles <= MAX_RADIUS ? miles : null;
}

// placeNear reads near as a ZIP code (looked up later), a lat,lon pair or
// a city name (looked up later, among the directory's cities: people type
// a city into the ZIP box, and the Go reference search knows no cities).
function placeNear(q) {
  const zip = ZIP_RE.exec(q.near);
  if (zip) {
    q.zip = zip[1];
    return;
  }
  const ll = LATLON_RE.exec(q.near);
  if (!ll) {
    if (/\p{L}/u.test(q.near) && !/[0-9]/.test(q.near)) {
      q.city = q.near;
      return;
    }
    failQuery(q, TEXT.notAPlace(q.near));
    return;
  }
  const lat = parseFloat(ll[1]);
  const lon = parseFloat(ll[2]);
  if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
    failQuery(q, TEXT.offEarth(q.near));
    return;
  }
  q.point = { lat, lon };
}

// failQuery ends a search whose place cannot be found; the problem is
// shown beside the place's box and in the status line.
function failQuery(q, problem) {
  q.failed = true;
  q.nearProblem = problem;
  q.problems.push(problem);
}

function splitCodes(values) {
  return values.flatMap((v) => v.split(',')).map((c) => c.trim().toLowerCase()).filter(Boolean);
}

// facetMask turns the codes of one facet into a bit set over its options,
// noting the codes that are not options.
function facetMask(q, facet, values, options) {
  let mask = 0;
  for (const code of splitCodes(values)) {
    const i = options.findIndex((o) => o.code === code);
    if (i < 0) {
      q.problems.push(TEXT.notOption(facet, code));
    } else {
      mask |= 1 << i;
    }
  }
  return mask;
}

// fold makes text comparable regardless of case and accents.
function fold(s) {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

// ---- The index ----

// newIndex loads the search index lazily: the manifest, then only the
// files a search needs, each once. It asks only for files the manifest
// names, so a search never requests a file that does not exist.
function newIndex(url) {
  const manifestURL = new URL(url, location.href);
  const files = new Map();
  const get = (path) => {
    if (!files.has(path)) {
      const p = fetchJSON(new URL(path, manifestURL));
      p.catch(() => files.delete(path)); // let a later search try again
      files.set(path, p);
    }
    return files.get(path);
  };
  let zip3 = null;
  return {
    manifest: () => get(manifestURL.href).then((m) => {
      if (m.version !== INDEX_VERSION) throw new Error(`search index version ${m.version}, want ${INDEX_VERSION}`);
      return localize(m);
    }),
    async zip(m, code) {
      zip3 ??= new Set(m.zip3.match(/.{3}/g) || []);
      if (!zip3.has(code.slice(0, 3))) return null;
      const shard = await get(`${m.zips}${code.slice(0, 3)}.json`);
      const ll = Object.hasOwn(shard, code.slice(3)) ? shard[code.slice(3)] : null;
      return ll && { lat: ll[0], lon: ll[1] };
    },
    async around(m, point, radius) {
      const cells = await Promise.all(cellKeys(m, point, radius).map((k) => this.cell(m, k)));
      return cells.flat();
    },
    cell: (m, k) => get(`cells/${k}.${m.cells[k]}.json`).then((rows) => decoded(rows, m, true)),
    list: (m) => get(m.list).then((rows) => decoded(rows, m, false)),
  };
}

async function fetchJSON(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

// decoded turns index rows into centers, once per file.
const decodedRows = new WeakMap();
// A row is id, name, city, state, phone, street, ZIP, when it was checked
// ("", "s" and a month when stale, or a day), one bit set per facet of
// the manifest, then latitude and longitude in a cell.
function decoded(rows, m, withCoords) {
  if (!decodedRows.has(rows)) {
    const n = m.facets.length;
    decodedRows.set(rows, rows.map((r) => ({
      id: r[0], name: r[1], city: r[2], state: r[3], phone: r[4], street: r[5], zip: r[6], checked: r[7],
      bits: r.slice(8, 8 + n), lat: withCoords ? r[8 + n] : null, lon: withCoords ? r[9 + n] : null, d: 0, folded: null,
    })));
  }
  return decodedRows.get(rows);
}

// cellKeys lists the cells of the index that the circle around point
// touches: its latitude band, and the widest longitude span of the circle,
// asin(sin δ / cos φ), or every longitude when the circle holds a pole.
function cellKeys(m, point, radius) {
  const deg = m.cell;
  const delta = radius / EARTH_RADIUS_MILES;
  const latSpan = delta * 180 / Math.PI + CELL_MARGIN;
  const y0 = Math.floor((point.lat - latSpan) / deg);
  const y1 = Math.floor((point.lat + latSpan) / deg);
  const s = Math.sin(delta) / Math.cos(point.lat * Math.PI / 180);
  const allLon = Math.abs(point.lat) + latSpan >= 90 || s >= 1;
  const lonSpan = allLon ? 180 : Math.asin(s) * 180 / Math.PI + CELL_MARGIN;
  const cols = Math.round(360 / deg);
  const keys = [];
  if (allLon) {
    for (const k of Object.keys(m.cells)) {
      const y = Number(k.slice(0, k.indexOf('_')));
      if (y >= y0 && y <= y1) keys.push(k);
    }
    return keys;
  }
  const x0 = Math.floor((point.lon - lonSpan) / deg);
  const x1 = Math.min(Math.floor((point.lon + lonSpan) / deg), x0 + cols - 1);
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const k = `${y}_${((x + cols / 2) % cols + cols) % cols - cols / 2}`;
      if (Object.hasOwn(m.cells, k)) keys.push(k);
    }
  }
  return keys;
}

// ---- Searching ----

// compute runs the search of a URL query and says what to show.
async function compute(page, query) {
  const m = await page.index.manifest();
  const q = parseQuery(new URLSearchParams(query), m);
  if (q.failed) return { q, m };
  if (q.zip) {
    q.point = await page.index.zip(m, q.zip);
    if (!q.point) {
      failQuery(q, TEXT.unknownZIP(q.zip));
      return { q, m };
    }
  }
  if (q.city) {
    await placeCity(page, q, m);
    if (q.failed) return { q, m };
  }
  if (q.point) {
    const found = search(await page.index.around(m, q.point, q.radius), q, m);
    if (!found.hits.length) found.nearest = await nearest(page, q, m);
    return { q, m, ...found };
  }
  if (q.empty) return { q, m, landing: true };
  return { q, m, ...search(await page.index.list(m), q, m) };
}

// placeCity finds the city typed into the ZIP box among the cities of the
// directory ("Dayton" or "Dayton, OH"; the state with the most centers of
// that name wins) and searches around the ZIP code most of its centers
// share. A city with no center fails, pointing to the name box.
async function placeCity(page, q, m) {
  const [name, st] = q.city.split(',').map((x) => fold(x.trim()));
  const byPlace = new Map();
  for (const c of await page.index.list(m)) {
    if (fold(c.city) !== name || (st && fold(c.state) !== st) || !c.zip) continue;
    const k = `${c.city}, ${c.state}`;
    if (!byPlace.has(k)) byPlace.set(k, new Map());
    const zips = byPlace.get(k);
    zips.set(c.zip, (zips.get(c.zip) || 0) + 1);
  }
  const most = (map, size) => [...map].reduce((a, b) => (size(b[1]) > size(a[1]) ? b : a));
  if (byPlace.size) {
    const [place, zips] = most(byPlace, (z) => [...z.values()].reduce((a, b) => a + b, 0));
    const [zip] = most(zips, (n) => n);
    q.point = await page.index.zip(m, zip);
    q.place = place;
  }
  if (!q.point) failQuery(q, TEXT.noCity(q.city));
}

// nearest finds the NEAREST_WANT centers nearest to the point that match
// the search at any distance, for a search with nothing within its radius.
// It reads the cells in order of how near they could be, a batch at a
// time, and stops when no unread cell can hold a nearer center.
async function nearest(page, q, m) {
  const cells = Object.keys(m.cells).map((k) => [k, cellBound(m, k, q.point)]).sort((a, b) => a[1] - b[1]);
  const anyDistance = { ...q, radius: Infinity };
  let found = [];
  for (let i = 0; i < cells.length && i < NEAREST_CELLS; i += NEAREST_BATCH) {
    const rows = await Promise.all(cells.slice(i, i + NEAREST_BATCH).map(([k]) => page.index.cell(m, k)));
    const { hits, dist } = search(rows.flat(), anyDistance, m);
    found = found.concat(hits.map((c, j) => ({ c, d: dist[j] })))
      .sort((a, b) => a.d - b.d || byName(a.c, b.c)).slice(0, NEAREST_WANT);
    const next = cells[i + NEAREST_BATCH];
    if (found.length === NEAREST_WANT && (!next || found[NEAREST_WANT - 1].d <= next[1])) break;
  }
  return found;
}

// cellBound is about the least distance from point to any place in cell
// k: the distance to the cell's nearest corner or edge, less a tenth, as
// the meridians that bound a cell are not where a flat map puts them.
function cellBound(m, k, p) {
  const [y, x] = k.split('_').map(Number);
  const clamp = (v, lo, hi) => Math.min(Math.max(v, lo), hi);
  const lat = clamp(p.lat, y * m.cell, (y + 1) * m.cell);
  let lon = p.lon;
  const west = x * m.cell;
  const east = west + m.cell;
  const off = (a) => Math.abs(((p.lon - a + 540) % 360) - 180);
  if (!(p.lon >= west && p.lon <= east)) lon = off(west) < off(east) ? west : east;
  return 0.9 * miles(p.lat, p.lon, lat, lon);
}

// search filters centers and counts, for every option, the results the
// search would give with that option ticked too (see search.go): one pass,
// noting the centers that fail exactly one facet. A hit is a center; with a
// point, dist[i] is the distance of hits[i].
function search(centers, q, m) {
  const hits = [];
  const has = m.facets.map((f) => new Uint32Array(f.options.length)); // among hits
  const extra = m.facets.map((f) => new Uint32Array(f.options.length)); // failing only facet i
  const { point, radius, words, masks } = q;
  const n = masks.length;
  // The facets the search filters on: a center is tested against these
  // alone, two of nine for most searches.
  const active = [];
  for (let i = 0; i < n; i++) if (masks[i] !== 0) active.push(i);
  for (let k = 0; k < centers.length; k++) {
    const c = centers[k];
    if (point) {
      c.d = miles(point.lat, point.lon, c.lat, c.lon);
      if (!(c.d <= radius)) continue;
    }
    if (words.length && !matchWords(c, words)) continue;
    const b = c.bits;
    let fails = 0;
    let failed = 0;
    for (let j = 0; j < active.length && fails < 2; j++) {
      const i = active[j];
      if ((b[i] & masks[i]) === 0) {
        fails++;
        failed = i;
      }
    }
    if (fails === 0) {
      hits.push(c);
      for (let i = 0; i < n; i++) addBits(has[i], b[i]);
    } else if (fails === 1) {
      addBits(extra[failed], b[failed]);
    }
  }
  if (point) hits.sort((a, b) => a.d - b.d || byName(a, b));
  // c.d belongs to whichever search ran last: keep this one's distances.
  const dist = point ? Float64Array.from(hits, (c) => c.d) : null;
  const counts = m.facets.map((_, i) => Array.from(has[i], (k, o) => {
    if (!q.masks[i]) return k;
    return q.masks[i] & (1 << o) ? hits.length : hits.length + extra[i][o];
  }));
  return { hits, dist, counts };
}

// addBits counts each option set in bits.
function addBits(counts, bits) {
  for (let x = bits; x !== 0; x &= x - 1) {
    counts[31 - Math.clz32(x & -x)]++;
  }
}

// miles is the haversine distance, written as internal/build/geo.go's
// Miles so that both give the same number.
function miles(lat1, lon1, lat2, lon2) {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) * Math.sin(dLat / 2) +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(a)));
}

function matchWords(c, words) {
  c.folded ??= [fold(c.name), fold(c.city)];
  return words.every((w) => c.folded[0].includes(w) || c.folded[1].includes(w));
}

// byName orders by lower-cased name, then id, comparing code units as
// internal/build does (no locale rules, so that both agree).
function byName(a, b) {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// ---- Showing the results ----

// run searches and shows the results, unless a newer search started
// meanwhile. It never throws: a failure to load shows a message.
async function run(page, query) {
  const seq = ++page.seq;
  page.results.setAttribute('aria-busy', 'true');
  let view;
  try {
    view = await compute(page, query);
  } catch {
    view = { loadFailed: true };
  }
  if (seq !== page.seq) return;
  try {
    render(page, view);
  } catch {
    render(page, { loadFailed: true });
  }
  page.results.dataset.query = query;
  page.results.setAttribute('aria-busy', 'false');
}

function render(page, view) {
  page.hits = view.hits || [];
  page.point = Boolean(view.q?.point);
  page.dist = view.dist;
  page.q = view.q;
  page.shown = 0;
  if (!page.message.hidden) {
    page.message.replaceChildren();
    page.message.hidden = true;
  }
  page.m = view.m;
  showCounts(page, view.m, view.counts, view.landing);
  showNearError(page, view.q?.nearProblem || '');
  if (view.loadFailed) {
    setStatus(page, 0, TEXT.loadFailed, null);
  } else if (view.landing) {
    setStatus(page, view.m.total, `${TEXT.prompt(view.m.total)}${problems(view.q)}`, view.m.total);
  } else if (view.q.failed) {
    setStatus(page, 0, `${TEXT.found(0)}.${problems(view.q)}`, null);
  } else {
    const n = page.hits.length;
    setStatus(page, n, `${TEXT.found(n)}${filterWords(view.q, view.m)}${where(page, view.q)}.${problems(view.q)}`, n);
    if (!n) showNone(page, view);
  }
  showMore(page, false);
}

function where(page, q) {
  if (!q.point) return '';
  const place = q.near === page.located ? TEXT.yourLocationInText : q.place || q.zip || q.near;
  return TEXT.within(q.radius, place);
}

// filterWords names the filters of a search, as the status line says
// them: " offering IOP and taking Medicaid".
function filterWords(q, m) {
  const parts = [];
  m.facets.forEach((f, i) => {
    const labels = f.options.filter((_, o) => q.masks[i] & (1 << o)).map((o) => o.label);
    if (labels.length) parts.push(`${TEXT.verbs[f.param] || TEXT.otherVerb(f.title)} ${labels.join(TEXT.or)}`);
  });
  const words = parts.length ? ` ${parts.join(TEXT.and)}` : '';
  return q.words.length ? `${words}${TEXT.matching(q.words.join(' '))}` : words;
}

function problems(q) {
  return q.problems.map((p) => ` ${p[0].toUpperCase()}${p.slice(1)}.`).join('');
}

// setStatus writes the count and the words after it; shown is the number
// the filter panel's button offers to show (null: no number).
function setStatus(page, n, label, shown) {
  setText(page.count, String(n)); // the bare number, for people and programs alike
  setText(page.label, label);
  if (page.filtersDone) setText(page.filtersDone, TEXT.showResults(shown));
}

// showNearError marks the place box invalid and says why beside it, or
// clears both.
function showNearError(page, problem) {
  const near = page.form.elements.near;
  if (!problem && !page.invalid) return; // most searches: nothing to change, no DOM work
  page.invalid = Boolean(problem);
  page.nearError.textContent = problem ? `${problem[0].toUpperCase()}${problem.slice(1)}.` : '';
  page.nearError.hidden = !problem;
  if (problem) {
    near.setAttribute('aria-invalid', 'true');
    near.setAttribute('aria-describedby', 'near-error near-help');
  } else {
    near.removeAttribute('aria-invalid');
    near.setAttribute('aria-describedby', 'near-help');
  }
}

// showCounts writes each option's count next to its label. Without counts
// (the prompt, or a failed search) it puts back what the page came with:
// for the prompt, the number of centers with each option.
function showCounts(page, m, counts, landing) {
  if (!page.countSpans) {
    page.countSpans = new Map([...page.form.querySelectorAll('[data-count-for]')].map((s) => [s.dataset.countFor, s]));
    page.initialCounts = new Map([...page.countSpans].map(([k, s]) => [k, s.textContent]));
  }
  if (!counts) {
    for (const [k, span] of page.countSpans) setText(span, landing ? page.initialCounts.get(k) : '');
    return;
  }
  m.facets.forEach((f, i) => {
    f.options.forEach((opt, o) => {
      const span = page.countSpans.get(`${f.param}-${opt.code}`);
      if (span) setText(span, `(${counts[i][o]})`);
    });
  });
}

// setText sets an element's text, changing its text node in place rather
// than replacing it (a new node costs a style recalculation), and not at
// all when the text is the same (an unchanged label costs no layout).
function setText(el, text) {
  const node = el.firstChild;
  if (node && node.nodeType === Node.TEXT_NODE && !node.nextSibling) {
    if (node.data !== text) node.data = text;
  } else if (text !== '' || node) {
    el.textContent = text;
  }
}

// setAttr sets an attribute only when its value differs: a card filled
// again for another center keeps most of its attributes.
function setAttr(el, name, value) {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

// showNone never leaves a dead end: it offers the nearest matching
// centers at any distance, a wider radius when there is one, and the
// helplines.
function showNone(page, view) {
  const { q } = view;
  const parts = [element('p', {}, q.point ? TEXT.noneWithin(q.radius) : TEXT.noneAtAll)];
  if (view.nearest?.length) {
    parts.push(element('p', {}, TEXT.nearestIs(Math.round(view.nearest[0].d))));
    parts.push(element('ol', { class: 'results-list nearest' }, ...view.nearest.map((x) => resultItem(page, x.c, x.d))));
  }
  const select = page.form.elements.radius;
  const wider = q.point && [...select.options].find((o) => Number(o.value) > q.radius);
  if (wider) {
    const button = element('button', { type: 'button', class: 'button' }, TEXT.searchWithin(wider.textContent));
    button.addEventListener('click', () => {
      select.value = wider.value;
      update(page);
      page.heading.tabIndex = -1;
      page.heading.focus();
    });
    parts.push(element('p', {}, button));
  }
  const helplines = document.querySelector('.helplines p');
  if (helplines) parts.push(helplines.cloneNode(true));
  page.message.replaceChildren(...parts);
  page.message.hidden = false;
}

// showMore adds the next PAGE_SIZE results (FIRST_PAGE for a new search);
// focus moves to the first of them when the person asked for more.
function showMore(page, focus = true) {
  if (page.shown === 0) {
    showFirst(page);
  } else {
    const next = page.hits.slice(page.shown, page.shown + PAGE_SIZE);
    page.results.append(...next.map((c, i) => resultItem(page, c, page.dist?.[page.shown + i])));
    page.shown += next.length;
    if (focus && next.length) {
      page.results.children[page.shown - next.length].querySelector('a').focus();
    }
  }
  const left = page.hits.length - page.shown;
  page.more.hidden = left <= 0;
  setText(page.more, TEXT.showMore(Math.min(left, PAGE_SIZE), comma(left)));
}

// showFirst shows a search's first FIRST_PAGE results. A center that was
// among the results before keeps its card: both lists are in the same
// order (distance or name), so most of a filter change's cards stay where
// they are, untouched, and only the centers new to the list get new
// cards. Building and laying out the cards was most of the cost of a
// change, and ticking a level keeps four to six of the ten. Cards that
// "Show more" added are dropped.
function showFirst(page) {
  const list = page.results;
  while (list.children.length > page.cards.length) list.lastElementChild.remove();
  const old = new Map(page.cards.map((card) => [card.id, card]));
  const n = Math.min(page.hits.length, FIRST_PAGE);
  const cards = [];
  for (let i = 0; i < n; i++) {
    const c = page.hits[i];
    const card = old.get(c.id) ?? newCard();
    old.delete(c.id);
    fillCard(page, card, c, page.dist?.[i]);
    cards.push(card);
  }
  for (const card of old.values()) card.li.remove();
  cards.forEach((card, i) => {
    const at = list.children[i];
    if (at !== card.li) list.insertBefore(card.li, at || null);
  });
  page.cards = cards;
  page.shown = n;
}

// resultItem is a new card showing center c, d miles away (null: no
// distance), for the cards "Show more" adds and the nearest centers.
function resultItem(page, c, d) {
  const card = newCard();
  fillCard(page, card, c, d);
  return card.li;
}

// newCard makes the elements of a card a person can act on: where the
// center is, whom it takes, its levels, the options the search asked for,
// how fresh its details are, and Call and Directions buttons. fillCard
// puts a center in it; the parts a center may lack are kept aside, out of
// the page, while it lacks them.
function newCard() {
  const card = {
    id: null,
    li: element('li', {}),
    name: element('a', {}),
    where: element('p', { class: 'where' }),
    dist: element('span', { class: 'dist' }),
    dot: document.createTextNode(' · '),
    address: document.createTextNode(''),
    only: element('p', { class: 'only' }),
    badges: element('ul', { class: 'badges', 'aria-label': TEXT.levelsOfCare }),
    levels: [],
    asked: element('p', { class: 'asked' }),
    checked: element('p', { class: 'checked' }),
    phone: element('a', { class: 'button primary phone' }),
    space: document.createTextNode(' '),
    directions: element('a', { class: 'button directions', rel: 'noopener' }, TEXT.directions),
    to: element('span', { class: 'visually-hidden' }),
    actions: element('p', { class: 'card-actions' }),
  };
  card.where.append(card.address);
  card.directions.append(card.to);
  card.actions.append(card.directions);
  card.li.append(element('h3', {}, card.name), card.where, card.badges, card.checked, card.actions);
  return card;
}

// fillCard shows center c, d miles away (null: no distance), in card,
// changing only what differs from the center it showed before.
function fillCard(page, card, c, d) {
  card.id = c.id;
  setAttr(card.li, 'data-center-id', c.id);
  setAttr(card.name, 'href', `${page.base}centers/${encodeURIComponent(c.id)}/`);
  setText(card.name, c.name);
  if (d != null) {
    setText(card.dist, TEXT.miles(d));
    if (!card.dist.parentNode) card.where.prepend(card.dist, card.dot);
  } else if (card.dist.parentNode) {
    card.dist.remove();
    card.dot.remove();
  }
  const address = `${c.street ? `${c.street}, ` : ''}${c.city}, ${c.state} ${c.zip}`.trim();
  if (card.address.data !== address) card.address.data = address;
  showPart(card.only, onlyLines(page.m, c.bits), card.where);
  fillBadges(page, card, c.bits[0]);
  showPart(card.asked, askedLines(page, c.bits), card.badges);
  fillChecked(card.checked, c.checked);
  fillActions(card, c);
}

// showPart puts text in el and el after prev, or takes el out of the card
// when there is no text.
function showPart(el, text, prev) {
  if (!text) {
    el.remove();
    return;
  }
  setText(el, text);
  if (el.previousSibling !== prev) prev.after(el);
}

// fillBadges lists the levels of care in bits, reusing the card's badges.
function fillBadges(page, card, bits) {
  let k = 0;
  page.m.facets[0].options.forEach((l, i) => {
    if (!(bits & (1 << i))) return;
    card.levels[k] ??= element('li', {});
    setAttr(card.levels[k], 'data-level', l.code);
    setText(card.levels[k], l.label);
    if (card.levels[k].parentNode !== card.badges) card.badges.append(card.levels[k]);
    k++;
  });
  while (card.badges.children.length > k) card.badges.lastElementChild.remove();
}

// fillActions fills the card's Call button (the intake number first, as
// the index marks it; none without a phone) and Directions button.
function fillActions(card, c) {
  if (c.phone) {
    const intake = c.phone.startsWith('i');
    const [digits, ext] = c.phone.slice(intake ? 1 : 0).split('x');
    setAttr(card.phone, 'href', `tel:+1${digits}${ext ? `;ext=${ext}` : ''}`);
    setText(card.phone, `${intake ? TEXT.callIntake : TEXT.call}${formatPhone(digits, ext)}`);
    if (!card.phone.parentNode) card.actions.prepend(card.phone, card.space);
  } else if (card.phone.parentNode) {
    card.phone.remove();
    card.space.remove();
  }
  setAttr(card.directions, 'href', directionsURL(c));
  setText(card.to, TEXT.directionsTo(c.name));
}

// directionsURL is internal/build/render.go's directionsURL: the
// coordinates when known, else the address.
function directionsURL(c) {
  const prefix = 'https://www.google.com/maps/dir/?api=1&destination=';
  if (c.lat !== null) return `${prefix}${c.lat.toFixed(5)},${c.lon.toFixed(5)}`;
  return prefix + encodeURIComponent([c.street, c.city, c.state, c.zip].filter(Boolean).join(', '));
}

// fillChecked says how fresh the details are, as
// layouts/_partials/checked.html does on the server's cards.
function fillChecked(el, checked) {
  let text;
  if (!checked) {
    text = TEXT.notChecked;
  } else if (checked[0] === 's') {
    const [y, mo] = checked.slice(1).split('-').map(Number);
    text = TEXT.staleSince(TEXT.months[mo - 1], y);
  } else {
    const [y, mo, day] = checked.split('-').map(Number);
    text = TEXT.checked(day, TEXT.months[mo - 1], y);
  }
  setAttr(el, 'class', !checked || checked[0] === 's' ? 'checked stale' : 'checked');
  setText(el, text);
}

// askedLines names, for each facet the search filters on other than the
// level (the badges show those), the options asked for that the center
// has: "Payment: Medicaid".
function askedLines(page, bits) {
  const q = page.q;
  if (!q) return '';
  const lines = [];
  page.m.facets.forEach((f, i) => {
    if (i === 0 || !q.masks[i]) return;
    const have = f.options.filter((_, o) => q.masks[i] & bits[i] & (1 << o));
    if (have.length) lines.push(`${f.title}: ${have.map((o) => o.label).join(', ')}`);
  });
  return lines.join('. ');
}

// onlyLines says whom a center takes, for each facet with accepts = true
// in which it lists some but not all options: "Women only", as
// FacetValues.Only in internal/build/facets.go.
function onlyLines(m, bits) {
  const lines = [];
  m.facets.forEach((f, i) => {
    if (!f.only) return;
    const have = f.options.filter((_, o) => bits[i] & (1 << o));
    if (have.length === 0 || have.length === f.options.length) return;
    lines.push(have.length === 1 ? f.only[f.options.indexOf(have[0])] : TEXT.only(have.map((o) => o.label).join(', ')));
  });
  return lines.join('. ');
}

function formatPhone(d, ext) {
  return `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 10)}${ext ? ` ext. ${ext}` : ''}`;
}

// ---- The filter panel and the chips ----

// startFilters makes the filter groups a panel: on a phone a dialog that
// the Filters button opens over the page, with the count on its Show
// button; on a wide screen a side column, always open.
function startFilters(page) {
  const { filters, filtersOpen } = page;
  if (!filters) return;
  const wide = matchMedia(WIDE);
  const layout = () => {
    if (wide.matches) {
      if (filters.open && filters.matches(':modal')) filters.close();
      if (!filters.open) filters.show();
    } else if (filters.open && !filters.matches(':modal')) {
      filters.close();
    }
  };
  wide.addEventListener('change', layout);
  filters.addEventListener('close', () => { if (wide.matches) filters.show(); });
  filtersOpen.addEventListener('click', () => filters.showModal());
  for (const b of filters.querySelectorAll('[data-close-filters]')) {
    b.addEventListener('click', () => filters.close());
  }
  layout();
}

// startChips lets a chip remove its filter and "Clear all" remove every
// one; focus goes to the next chip, or to the Filters button.
function startChips(page) {
  if (!page.chips) return;
  page.chipList.addEventListener('click', (e) => {
    const chip = e.target.closest('button[data-for]');
    if (!chip) return;
    const at = [...page.chipList.querySelectorAll('button')].indexOf(chip);
    document.getElementById(chip.dataset.for).checked = false;
    update(page);
    const left = page.chipList.querySelectorAll('button');
    (left[Math.min(at, left.length - 1)] || page.filtersOpen).focus();
  });
  document.getElementById('clear-filters').addEventListener('click', () => {
    for (const box of page.boxes) box.checked = false;
    update(page);
    page.filtersOpen.focus();
  });
}

// showChips draws a chip for each ticked filter and the active count on
// the Filters button. It reads the form, so it follows every change; a
// chip is made once per option and kept, and nothing is redrawn when the
// ticked options are the same.
function showChips(page) {
  if (!page.chips) return;
  const ticked = page.boxes.filter((b) => b.checked);
  const key = ticked.map((b) => b.id).join(' ');
  if (key === page.chipKey) return;
  page.chipKey = key;
  page.chipList.replaceChildren(...ticked.map((box) => chipItem(page, box)));
  page.chips.hidden = !ticked.length;
  setText(page.filtersActive, TEXT.filtersActive(ticked.length));
}

// chipItem is the list item of the chip that removes box's filter.
function chipItem(page, box) {
  if (!page.chipFor.has(box.id)) {
    page.chipFor.set(box.id, element('li', {}, element('button', { type: 'button', class: 'chip', 'data-for': box.id },
      element('span', { class: 'visually-hidden' }, TEXT.remove), optionLabel(box), element('span', { 'aria-hidden': 'true' }, ' ×'))));
  }
  return page.chipFor.get(box.id);
}

// optionLabel is a checkbox's label without its count.
function optionLabel(box) {
  const label = box.labels[0];
  if (!label) return box.value;
  const count = label.querySelector('.count');
  return [...label.childNodes].filter((n) => n !== count).map((n) => n.textContent).join('').trim();
}

// ---- Location ----

function locate(page) {
  const say = (text) => { page.locateStatus.textContent = text; };
  if (!navigator.geolocation) {
    say(TEXT.noGeolocation);
    return;
  }
  say(TEXT.locating);
  navigator.geolocation.getCurrentPosition((pos) => {
    say('');
    page.located = `${pos.coords.latitude.toFixed(5)},${pos.coords.longitude.toFixed(5)}`;
    page.form.elements.near.value = TEXT.yourLocation;
    update(page);
  }, (err) => {
    say(err.code === err.PERMISSION_DENIED ? TEXT.denied : TEXT.noPosition);
  }, { timeout: 15000, maximumAge: 600000 });
}

// comma formats a count with thousands separators: 20412 is "20,412".
function comma(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

// element makes an element with attributes and children (text or nodes).
function element(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.append(...children);
  return el;
}

// Page tools: "Print this list" and "Share", on the results and on center
// pages. The buttons are in the HTML but hidden, so that without
// JavaScript no button does nothing; they are shown here.
startPageTools(document.querySelector('.page-tools'));
startBackLink(document.querySelector('[data-search-page]'));

// startBackLink offers "Back to results" on a center page opened from a
// search: the search is in the URL it came from, so the link is that URL.
function startBackLink(article) {
  if (!article || !document.referrer) return;
  let from;
  try {
    from = new URL(document.referrer);
  } catch {
    return;
  }
  const search = new URL(article.dataset.searchPage, location.href);
  if (from.origin !== search.origin || from.pathname !== search.pathname || !from.search) return;
  const link = element('a', { href: from.href, class: 'back-link' }, TEXT.backToResults);
  article.prepend(element('p', { class: 'back' }, link));
}

function startPageTools(tools) {
  if (!tools) return;
  const status = tools.querySelector('.tool-status');
  const printButton = tools.querySelector('[data-tool=print]');
  if (printButton) printButton.addEventListener('click', () => window.print());
  tools.querySelector('[data-tool=share]').addEventListener('click', () => share(status));
  tools.hidden = false;
}

// share opens the phone's share sheet where the browser has one, and
// otherwise copies the page's address, saying so where it can be seen.
async function share(status) {
  const data = { title: document.title, url: location.href };
  if (navigator.share && (!navigator.canShare || navigator.canShare(data))) {
    try {
      await navigator.share(data);
      return;
    } catch (err) {
      if (err.name === 'AbortError') return; // the person closed the sheet
    }
  }
  try {
    await navigator.clipboard.writeText(location.href);
    status.textContent = TEXT.linkCopied;
  } catch {
    status.textContent = TEXT.copyThis(location.href);
  }
}
// ---- Languages ----

function readMessages() {
  try {
    return JSON.parse(document.getElementById('messages')?.textContent || '{}');
  } catch {
    return {};
  }
}

// t is message key in the page's language, or english, with each
// {{ .Name }} (Hugo's i18n form) filled from values; a count of 1 picks
// the key's "one" form.
function t(key, english, values = {}, count) {
  const text = MESSAGES.text || {};
  const s = (count === 1 && text[`${key}_one`]) || text[key] || english;
  return s.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_, k) => String(values[k] ?? ''));
}

// localize puts the page's language into the search index's facet titles,
// option labels and "only" lines, which the index holds in the default
// language: one index serves every language.
function localize(m) {
  for (const f of m.facets) {
    const tr = MESSAGES.facets?.[f.param];
    if (!tr) continue;
    f.title = tr.title || f.title;
    f.options.forEach((o, i) => { o.label = tr.labels?.[i] || o.label; });
    if (f.only && tr.only) f.only = tr.only;
  }
  return m;
}

// startLanguageSwitch carries the search over when someone switches
// language: the other language's page opens on the same query.
function startLanguageSwitch() {
  for (const a of document.querySelectorAll('a[data-lang-switch]')) {
    a.addEventListener('click', () => { a.search = location.search; });
  }
}
