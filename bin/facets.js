#!/usr/bin/env node
// The CLI is compiled to dist/ by `npm ci` / `npm install` (the package's prepare script).
import('../dist/cli/main.js')
  .then((m) => m.main(process.argv.slice(2)))
  .then((code) => { process.exitCode = code; })
  .catch((e) => { console.error(e); process.exitCode = 3; });
