#!/usr/bin/env node
'use strict';
// The operator's command line: `npx zegel <command>`. Runs the compiled CLI (npm run build).
const { join } = require('node:path');
const { existsSync } = require('node:fs');
const entry = join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!existsSync(entry)) {
  console.error('zegel: the server is not built yet; run `npm run build` first.');
  process.exit(70);
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => process.exit(code));
