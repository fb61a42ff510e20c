#!/usr/bin/env node
'use strict';
// The CLI is bundled by `npm run build` (run automatically by npm install) into out/main/cli.js.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write(`tunebench: ${cli} is missing; run \`npm run build\` in ${join(__dirname, '..')}\n`);
  process.exit(1);
}
require(cli);
