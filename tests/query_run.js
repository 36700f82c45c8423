/* Run queries through a built site's own finders, in node: no browser, no timing.
 *
 *   node tests/query_run.js SITE_DIR < queries.json > answers.json
 *
 * It loads the site's scripts as the browser does (classic scripts on `self.ckb`):
 * the build's ckb-query-data.js, ckb-finder.js (ckb-ranking.js, ckb-query.js,
 * ckb-spoken.js and ckb-emergency.js) and
 * search-worker.js, and the search index Material's worker is set up with. For each
 * query (a JSON list of texts) it answers what each place shows first:
 *   quick:  话术速查's results, the ids of cards and sections (`chapter#anchor`), best first;
 *   search: site search's visible rows, as Material draws them: each page's rows
 *           (its sections and cards), without the page row and the rows it folds away;
 *   emergency, guess: whether the company's emergency instruction comes first, and
 *           whether the results say they are a guess (in each place).
 */
"use strict"

const fs = require("fs")
const path = require("path")

const site = process.argv[2]
/* ckb-finder.js: the finder's scripts as the build joined them (contracts.py BUNDLES) */
const ckb = require("./site_scripts.js").load(site, ["ckb-query-data.js", "ckb-finder.js", "search-worker.js"])

const index = JSON.parse(fs.readFileSync(path.join(site, "search/search_index.json"), "utf8"))
const quick = ckb.query.finder(ckb.queryData)
const search = ckb.siteSearch(ckb.queryData, index.docs)
const NOTICE = 1e6

/* The rows Material shows of one group (its Fn): the page row aside, the rows
   scored as high as the group's first row; the others fold into "more" */
function visible(group) {
  const rows = [...group]
  const best = rows[0].score
  const page = rows.findIndex(row => !row.location.includes("#"))
  rows.splice(page, 1)
  const folded = rows.findIndex(row => row.score < best)
  return rows.slice(0, folded < 0 ? rows.length : folded)
}

const queries = JSON.parse(fs.readFileSync(0, "utf8"))
const answers = queries.map(query => {
  const found = quick.find(query)
  const groups = search.search(query)
  const notices = groups.filter(group => group.length === 1 && group[0].score === NOTICE)
  return {
    query,
    quick: found.results.map(result => result.doc.id),
    quickGuess: found.guess,
    quickEmergency: found.emergency,
    search: groups.filter(group => !notices.includes(group)).flatMap(visible).map(row => row.location),
    searchGuess: notices.some(group => group[0].title.includes("没有完全匹配")),
    searchEmergency: notices.some(group => group[0].title.startsWith("⚠")),
  }
})
process.stdout.write(JSON.stringify(answers))
