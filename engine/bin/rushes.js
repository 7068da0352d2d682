#!/usr/bin/env node
'use strict';
// The CLI runs the compiled engine; `npm ci` builds it (root "prepare"), `npm run build` rebuilds it.
let main;
try {
  ({ main } = require('../dist/cli/main.js'));
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && /dist[\\/]cli[\\/]main/.test(String(e.message))) {
    process.stderr.write('rushes: the engine is not built yet. Run `npm run build` in the Rushes folder.\n');
    process.exit(1);
  }
  throw e;
}
main(process.argv.slice(2)).then(
  (code) => {
    if (process.exitCode === undefined) process.exitCode = code;
    else process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`rushes: ${e && e.stack ? e.stack : e}\n`);
    process.exitCode = 1;
  },
);
