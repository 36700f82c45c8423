/* The words a built site's 话术速查 reads each query as, in node (for tests/staff_words.py).
 *
 *   node tests/query_words.js SITE_DIR < queries.json > words.json
 *
 * For each query (a JSON list of texts): the words it is cut into, filler left out, and
 * whether each alone names an emergency. The site's own data and scripts, as the browser
 * loads them (ckb-query-data.js, ckb-finder.js).
 */
"use strict"

const fs = require("fs")
const path = require("path")
const vm = require("vm")

const site = process.argv[2]
const context = vm.createContext({ console })
context.self = context
const manifest = path.join(site, ".ckb-assets.json")
const renamed = fs.existsSync(manifest) ? JSON.parse(fs.readFileSync(manifest, "utf8")) : {}
for (const script of ["ckb-query-data.js", "ckb-finder.js"]) {
  const address = `assets/javascripts/${script}`
  vm.runInContext(fs.readFileSync(path.join(site, renamed[address] || address), "utf8"), context, { filename: script })
}
const { ckb } = context
const { reader } = ckb.query.finder(ckb.queryData)
const filler = new Set(ckb.queryData.filler || [])
const queries = JSON.parse(fs.readFileSync(0, "utf8"))
process.stdout.write(JSON.stringify(queries.map(query =>
  reader.cut(query).filter(word => !filler.has(word)).map(word => [word, Boolean(reader.emergency(word))]))))
