// The search page. The URL is the interface: the page reads the search from
// it, loads the part of the search index the search needs, and lists the
// matching centers; changing a control rewrites the URL. The rules are those
// of the Go reference search, stated at the top of internal/build/search.go,
// and the browser tests hold the two to the same results.

const PAGE_SIZE = 25;
const EARTH_RADIUS_MILES = 3958.8;
const DEFAULT_RADIUS = 25;
const MAX_RADIUS = 500;
const ZIP_RE = /^([0-9]{5})(?:-[0-9]{4})?$/;
const LATLON_RE = /^(-?[0-9]{1,3}(?:\.[0-9]+)?)[ \t\n\f\r]*,[ \t\n\f\r]*(-?[0-9]{1,3}(?:\.[0-9]+)?)$/;
const RADIUS_RE = /^[0-9]+(?:\.[0-9]+)?$/;
// INDEX_VERSION is the format of the search index this module reads
// (indexVersion in internal/build/index.go).
const INDEX_VERSION = 2;
// CELL_MARGIN widens the cells a search loads by a little, in degrees, so
// that rounding never leaves out a center right at the edge of the radius.
const CELL_MARGIN = 0.01;

// MESSAGES is the page's interface text in its language, from the
// <script type="application/json" id="messages"> block the page carries
// (made from i18n/<lang>.toml): {text: {key: "..."}, facets: {param:
// {title, labels, only}}}. Every message falls back to its English text.
const MESSAGES = readMessages();

const form = document.getElementById('search');
if (form && document.getElementById('results')) {
  start(form);
}
startLanguageSwitch();

function start(form) {
  const page = newPage(form);
  fillForm(form, new URLSearchParams(location.search));
  page.last = formQuery(form);
  form.addEventListener('submit', (e) => { e.preventDefault(); update(page, true); });
  form.addEventListener('change', () => update(page));
  form.elements.q.addEventListener('input', debounce(() => update(page), 200));
  form.elements.near.addEventListener('input', () => {
    const v = form.elements.near.value.trim();
    if (v === '' || ZIP_RE.test(v) || LATLON_RE.test(v)) update(page);
  });
  page.locate?.addEventListener('click', () => locate(page));
  page.more.addEventListener('click', () => showMore(page));
  run(page, location.search.slice(1));
}

// newPage gathers the elements the search works with, adding the few that
// only make sense with JavaScript.
function newPage(form) {
  const results = document.getElementById('results');
  const more = element('button', { type: 'button', class: 'button more', hidden: '' }, t('show_more', 'Show more'));
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
    count: document.getElementById('result-count'),
    label: document.getElementById('result-label'),
    heading: document.getElementById('results-heading'),
    seq: 0, last: null, hits: [], shown: 0, point: false, located: null,
  };
}

// ---- The URL and the form ----

// fillForm sets the controls from the URL's parameters.
function fillForm(form, params) {
  form.elements.near.value = params.get('near') || '';
  form.elements.q.value = params.get('q') || '';
  const radius = (params.get('radius') || '').trim();
  if (validRadius(radius) !== null) {
    selectRadius(form.elements.radius, radius);
  }
  for (const f of formParams(form)) {
    const want = new Set(splitCodes(params.getAll(f)));
    for (const box of form.querySelectorAll(`input[type=checkbox][name=${f}]`)) {
      box.checked = want.has(box.value);
    }
  }
}

// formParams lists the filters' URL parameters, in the form's order: the
// level of care, then every facet of content/facets.toml.
function formParams(form) {
  return [...new Set([...form.querySelectorAll('input[type=checkbox]')].map((b) => b.name))];
}

// selectRadius picks a radius, adding it to the choices when the URL names
// one the form does not offer.
function selectRadius(select, radius) {
  const miles = Number(radius);
  let opt = [...select.options].find((o) => Number(o.value) === miles);
  if (!opt) {
    opt = element('option', { value: String(miles) }, t('miles', '{{ .N }} miles', { N: miles }, miles));
    const after = [...select.options].find((o) => Number(o.value) > miles);
    select.insertBefore(opt, after || null);
  }
  select.value = opt.value;
}

// formQuery is the URL query of the controls, without the leading "?":
// radius only with near, codes comma-separated in the form's order.
function formQuery(form) {
  const parts = [];
  const add = (k, v) => parts.push(`${k}=${encodeURIComponent(v).replace(/%2C/g, ',')}`);
  const near = form.elements.near.value.trim();
  if (near) {
    add('near', near);
    add('radius', form.elements.radius.value);
  }
  for (const f of formParams(form)) {
    const codes = [...form.querySelectorAll(`input[type=checkbox][name=${f}]:checked`)].map((b) => b.value);
    if (codes.length) add(f, codes.join(','));
  }
  const q = form.elements.q.value.trim();
  if (q) add('q', q);
  return parts.join('&');
}

// update writes the controls into the URL and searches, unless nothing
// changed (force searches again, for a retry after a failed load).
function update(page, force = false) {
  const query = formQuery(page.form);
  if (query === page.last && !force) return;
  page.last = query;
  history.replaceState(history.state, '', query ? `?${query}` : location.pathname);
  run(page, query);
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
    near: (params.get('near') || '').trim(), radius: DEFAULT_RADIUS, zip: '', point: null,
    masks: [], words: [], failed: false, problems: [],
  };
  if (q.near) {
    const r = (params.get('radius') || '').trim();
    if (r !== '') {
      const miles = validRadius(r);
      if (miles === null) {
        q.problems.push(t('bad_radius', 'the radius “{{ .Value }}” is not a number of miles from 1 to {{ .Max }}, so {{ .Default }} miles is used', { Value: r, Max: MAX_RADIUS, Default: DEFAULT_RADIUS }));
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

// placeNear reads near as a ZIP code (looked up later) or a lat,lon pair.
function placeNear(q) {
  const zip = ZIP_RE.exec(q.near);
  if (zip) {
    q.zip = zip[1];
    return;
  }
  const ll = LATLON_RE.exec(q.near);
  if (!ll) {
    failQuery(q, t('bad_near', '“{{ .Value }}” is neither a 5-digit ZIP code nor a lat,lon pair', { Value: q.near }));
    return;
  }
  const lat = parseFloat(ll[1]);
  const lon = parseFloat(ll[2]);
  if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
    failQuery(q, t('bad_place', '“{{ .Value }}” is not a place on Earth: latitude runs from -90 to 90, longitude from -180 to 180', { Value: q.near }));
    return;
  }
  q.point = { lat, lon };
}

function failQuery(q, problem) {
  q.failed = true;
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
      q.problems.push(t('bad_option', '{{ .Facet }} “{{ .Code }}” is not an option here, so it was ignored', { Facet: facet, Code: code }));
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
      const keys = cellKeys(m, point, radius);
      const cells = await Promise.all(keys.map((k) => get(`cells/${k}.${m.cells[k]}.json`).then((rows) => decoded(rows, m, true))));
      return cells.flat();
    },
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
// A row is id, name, city, state, phone, one bit set per facet of the
// manifest, then latitude and longitude in a cell.
function decoded(rows, m, withCoords) {
  if (!decodedRows.has(rows)) {
    const n = m.facets.length;
    decodedRows.set(rows, rows.map((r) => ({
      id: r[0], name: r[1], city: r[2], state: r[3], phone: r[4], bits: r.slice(5, 5 + n),
      lat: withCoords ? r[5 + n] : null, lon: withCoords ? r[6 + n] : null, d: 0, folded: null,
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
      failQuery(q, t('unknown_zip', 'the ZIP code {{ .ZIP }} is not one we know. Check the number, or try a nearby ZIP code', { ZIP: q.zip }));
      return { q, m };
    }
  }
  if (q.point) {
    return { q, m, ...search(await page.index.around(m, q.point, q.radius), q, m) };
  }
  if (q.empty) return { q, m, landing: true };
  return { q, m, ...search(await page.index.list(m), q, m) };
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
    for (let i = 0; i < n && fails < 2; i++) {
      if (masks[i] !== 0 && (b[i] & masks[i]) === 0) {
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
  page.shown = 0;
  page.results.replaceChildren();
  page.message.replaceChildren();
  page.message.hidden = true;
  page.m = view.m;
  showCounts(page, view.m, view.counts, view.landing);
  if (view.loadFailed) {
    setStatus(page, 0, t('load_failed', 'centers shown. The search could not load its data. Check your connection and search again, or browse centers by state or level of care below.'));
  } else if (view.landing) {
    setStatus(page, view.m.total, `${t('landing', 'centers in the directory. Enter a ZIP code to see the nearest.', {}, view.m.total)}${problems(view.q)}`);
  } else if (view.q.failed) {
    setStatus(page, 0, `${t('failed', 'centers found.')}${problems(view.q)}`);
  } else {
    setStatus(page, page.hits.length, `${t('found', page.hits.length === 1 ? 'center found' : 'centers found', {}, page.hits.length)}${where(page, view.q)}.${problems(view.q)}`);
    if (!page.hits.length) showNone(page, view.q);
  }
  showMore(page, false);
}

function where(page, q) {
  if (!q.point) return '';
  return t('within', ' within {{ .Radius }} miles of {{ .Place }}', { Radius: q.radius, Place: q.near === page.located ? t('your_location', 'your location') : q.zip || q.near });
}

function problems(q) {
  return q.problems.map((p) => ` ${p[0].toUpperCase()}${p.slice(1)}.`).join('');
}

function setStatus(page, n, label) {
  page.count.textContent = String(n); // the bare number, for people and programs alike
  page.label.textContent = label;
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
    for (const [k, span] of page.countSpans) span.textContent = landing ? page.initialCounts.get(k) : '';
    return;
  }
  m.facets.forEach((f, i) => {
    f.options.forEach((opt, o) => {
      const span = page.countSpans.get(`${f.param}-${opt.code}`);
      const text = `(${counts[i][o]})`;
      if (span && span.textContent !== text) span.textContent = text; // an unchanged label costs no layout
    });
  });
}

// showNone offers a wider radius, when there is one, and the helplines.
function showNone(page, q) {
  const parts = [element('p', {}, q.point
    ? t('none_within', 'No center within {{ .Radius }} miles matches this search.', { Radius: q.radius })
    : t('none', 'No center matches this search. Try fewer filters or other words.'))];
  const select = page.form.elements.radius;
  const wider = q.point && [...select.options].find((o) => Number(o.value) > q.radius);
  if (wider) {
    const button = element('button', { type: 'button', class: 'button' }, t('search_within', 'Search within {{ .Radius }}', { Radius: wider.textContent }));
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

// showMore adds the next PAGE_SIZE results; focus moves to the first of
// them when the person asked for more.
function showMore(page, focus = true) {
  const next = page.hits.slice(page.shown, page.shown + PAGE_SIZE);
  page.results.append(...next.map((c, i) => resultItem(page, c, page.dist?.[page.shown + i])));
  page.shown += next.length;
  const left = page.hits.length - page.shown;
  page.more.hidden = left <= 0;
  page.more.textContent = t('show_n_more', 'Show {{ .N }} more of {{ .Left }}', { N: Math.min(left, PAGE_SIZE), Left: comma(left) });
  if (focus && next.length) {
    page.results.children[page.shown - next.length].querySelector('a').focus();
  }
}

function resultItem(page, c, d) {
  const li = element('li', { 'data-center-id': c.id });
  li.append(element('h3', {}, element('a', { href: `${page.base}centers/${encodeURIComponent(c.id)}/` }, c.name)));
  const whereLine = element('p', { class: 'where' });
  if (page.point) whereLine.append(element('span', { class: 'dist' }, `${d.toFixed(1)} mi`), ' · ');
  whereLine.append(`${c.city}, ${c.state}`);
  li.append(whereLine);
  const only = onlyLines(page.m, c.bits);
  if (only) li.append(element('p', { class: 'only' }, only));
  if (c.phone) {
    const intake = c.phone.startsWith('i');
    const [digits, ext] = c.phone.slice(intake ? 1 : 0).split('x');
    const label = `${intake ? `${t('call_intake', 'Call intake')} ` : ''}${formatPhone(digits, ext)}`;
    li.append(element('p', {}, element('a', { class: 'phone', href: `tel:+1${digits}${ext ? `;ext=${ext}` : ''}` }, label)));
  }
  li.append(badges(page, c.bits[0]));
  return li;
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
    lines.push(have.length === 1 ? f.only[f.options.indexOf(have[0])] : t('only', '{{ .Labels }} only', { Labels: have.map((o) => o.label).join(', ') }));
  });
  return lines.join('. ');
}

function formatPhone(d, ext) {
  return `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 10)}${ext ? ` ext. ${ext}` : ''}`;
}

function badges(page, bits) {
  const ul = element('ul', { class: 'badges', 'aria-label': t('levels_of_care', 'Levels of care') });
  page.m.facets[0].options.forEach((l, i) => {
    if (bits & (1 << i)) ul.append(element('li', { 'data-level': l.code }, l.label));
  });
  return ul;
}

// ---- Location ----

function locate(page) {
  const say = (text) => { page.locateStatus.textContent = text; };
  if (!navigator.geolocation) {
    say(t('no_geolocation', 'This browser cannot share your location. Type a ZIP code instead.'));
    return;
  }
  say(t('finding', 'Finding your location…'));
  navigator.geolocation.getCurrentPosition((pos) => {
    say('');
    page.located = `${pos.coords.latitude.toFixed(5)},${pos.coords.longitude.toFixed(5)}`;
    page.form.elements.near.value = page.located;
    update(page);
  }, (err) => {
    say(err.code === err.PERMISSION_DENIED
      ? t('denied', 'You did not allow this site to see your location, so it cannot search near you. Type a ZIP code instead.')
      : t('unavailable', 'Your location could not be found just now. Type a ZIP code instead.'));
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
    status.textContent = t('link_copied', 'Link copied');
  } catch {
    status.textContent = t('copy_link', 'Copy this link: {{ .URL }}', { URL: location.href });
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
