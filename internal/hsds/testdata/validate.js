// Validates an HSDS tabular data package with Frictionless Data's
// validator for JavaScript (the npm package datapackage), against the
// specification's own datapackage.json rather than the package's copy of
// it, so that a package whose schemas drifted from the specification
// cannot pass by describing its own mistakes.
//
//   node validate.js SPEC/datapackage.json PACKAGE_DIR
//
// Prints one line per error ("file:row: message") and "ok: ..." when there
// is none; exits 1 on errors, 2 on wrong usage.
'use strict'

const fs = require('fs')
const path = require('path')
const { Package } = require('datapackage')

async function main () {
  const [specPath, dir] = process.argv.slice(2)
  if (!specPath || !dir) {
    console.error('usage: node validate.js SPEC/datapackage.json PACKAGE_DIR')
    process.exit(2)
  }
  const spec = JSON.parse(fs.readFileSync(specPath, 'utf8'))
  const ours = JSON.parse(fs.readFileSync(path.join(dir, 'datapackage.json'), 'utf8'))
  const errors = []

  // The descriptor itself, as the package's readers will load it.
  const own = await Package.load(ours, { basePath: dir })
  for (const e of own.errors) errors.push(`datapackage.json: ${e.message}`)

  const { resources, dropped } = specResources(spec, ours, dir, errors)
  const pkg = await Package.load({ profile: 'tabular-data-package', resources }, { basePath: dir })
  for (const e of pkg.errors) errors.push(`datapackage.json (with the specification's schemas): ${e.message}`)
  let rows = 0
  for (const res of pkg.resources) {
    await checkAbsent(res, dropped.get(res.name), errors)
    rows += await checkRows(res, false, errors)
  }
  // The validator resolves a foreign key by reading the table it points
  // into, which fails as a whole on any bad row there: keys are checked
  // once every row casts.
  if (errors.length === 0) {
    for (const res of pkg.resources) await checkRows(res, true, errors)
  } else {
    errors.push('foreign keys not checked: fix the errors above first')
  }
  for (const e of errors) console.log(e)
  if (errors.length > 0) process.exit(1)
  console.log(`ok: ${pkg.resources.length} resources, ${rows} rows, 0 errors`)
}

// specResources gives each resource of the package the specification's
// schema for its name. A foreign key to a table the package does not have
// is left out of the schema, since the validator cannot resolve it, and
// kept in dropped to check that its fields are empty.
function specResources (spec, ours, dir, errors) {
  const byName = new Map(spec.resources.map(r => [r.name, r]))
  const present = new Set(ours.resources.map(r => r.name))
  const out = []
  const dropped = new Map()
  for (const r of ours.resources) {
    const s = byName.get(r.name)
    if (!s) {
      errors.push(`datapackage.json: resource "${r.name}" is not a table of the specification`)
      continue
    }
    if (r.path !== s.path) errors.push(`datapackage.json: resource "${r.name}" is at "${r.path}", the specification says "${s.path}"`)
    if (JSON.stringify(r.schema) !== JSON.stringify(s.schema)) errors.push(`datapackage.json: the schema of "${r.name}" differs from the specification's`)
    const header = readHeader(path.join(dir, s.path))
    const want = s.schema.fields.map(f => f.name)
    if (header.join(',') !== want.join(',')) errors.push(`${s.path}:1: header is ${header.join(',')}; the specification's fields are ${want.join(',')}`)
    const schema = JSON.parse(JSON.stringify(s.schema))
    const keys = schema.foreignKeys || []
    schema.foreignKeys = keys.filter(fk => present.has(fk.reference.resource))
    if (schema.foreignKeys.length === 0) delete schema.foreignKeys
    dropped.set(r.name, keys.filter(fk => !present.has(fk.reference.resource)))
    out.push({ ...s, schema })
  }
  return { resources: out, dropped }
}

function readHeader (file) {
  const first = fs.readFileSync(file, 'utf8').split('\n', 1)[0]
  return first.replace(/^\uFEFF/, '').replace(/\r$/, '').split(',')
}

// checkAbsent reports a row whose foreign key points into a table that
// the package does not have.
async function checkAbsent (res, keys, errors) {
  if (keys.length === 0) return
  const rows = await res.read({ keyed: true, cast: false })
  rows.forEach((row, i) => {
    for (const fk of keys) {
      for (const f of [].concat(fk.fields)) {
        if (row[f]) errors.push(`${res.descriptor.path}:${i + 2}: ${f} points into "${fk.reference.resource}", a table the package does not have`)
      }
    }
  })
}

// checkRows casts every row with the schema's types, formats, required and
// unique constraints, and with relations resolves its foreign keys.
async function checkRows (res, relations, errors) {
  let rows = 0
  let table
  try {
    table = await res.read({ forceCast: true, relations })
  } catch (e) {
    errors.push(`${res.descriptor.path}: ${e.message}`)
    return 0
  }
  for (const row of table) {
    rows++
    if (!(row instanceof Error)) continue
    const where = `${res.descriptor.path}:${row.rowNumber || '?'}`
    if (row.errors && row.errors.length > 0) {
      for (const e of row.errors) errors.push(`${where}: ${e.message}`)
    } else {
      errors.push(`${where}: ${row.message}`)
    }
  }
  return rows
}

main().catch(e => {
  console.error(e.stack || String(e))
  process.exit(1)
})
