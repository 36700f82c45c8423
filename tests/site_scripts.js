/* A built site's own scripts, loaded in node as the browser loads them (classic scripts on
 * `self.ckb`), for tests/query_run.js and tests/query_words.js.
 *
 *   const ckb = require("./site_scripts.js").load(SITE_DIR, ["ckb-query-data.js", "ckb-finder.js"])
 */
"use strict"

const fs = require("fs")
const path = require("path")
const vm = require("vm")

function load(site, scripts) {
  const context = vm.createContext({ console })
  context.self = context
  /* The build names each script by its content (.ckb-assets.json says what became of each name) */
  const manifest = path.join(site, ".ckb-assets.json")
  const renamed = fs.existsSync(manifest) ? JSON.parse(fs.readFileSync(manifest, "utf8")) : {}
  for (const script of scripts) {
    const address = `assets/javascripts/${script}`
    vm.runInContext(fs.readFileSync(path.join(site, renamed[address] || address), "utf8"), context, { filename: script })
  }
  return context.ckb
}

module.exports = { load }
