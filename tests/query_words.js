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

const ckb = require("./site_scripts.js").load(process.argv[2], ["ckb-query-data.js", "ckb-finder.js"])
const { reader } = ckb.query.finder(ckb.queryData)
const filler = new Set(ckb.queryData.filler || [])
const queries = JSON.parse(fs.readFileSync(0, "utf8"))
process.stdout.write(JSON.stringify(queries.map(query =>
  reader.cut(query).filter(word => !filler.has(word)).map(word => [word, Boolean(reader.emergency(word))]))))
