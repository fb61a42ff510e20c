#!/usr/bin/env node
// Prints the plain "N passed, N failed, N skipped" closing line from Vitest's JSON reports (one per
// project run) and exits non-zero when anything failed or no test ran, so CI never passes on zero tests.
import { existsSync, readFileSync } from 'node:fs';

const files = process.argv.slice(2);
if (files.length === 0) files.push('test-results/vitest.json');
let passed = 0;
let failed = 0;
let skipped = 0;
let broken = false;
for (const file of files) {
  if (!existsSync(file)) {
    console.error(`test-summary: ${file} is missing: Vitest did not finish`);
    broken = true;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if ((report.numFailedTestSuites ?? 0) > 0) broken = true;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(broken || failed > 0 || passed === 0 ? 1 : 0);
