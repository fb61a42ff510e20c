#!/usr/bin/env node
// Prints the plain "N passed, N failed, N skipped" closing line from Vitest's JSON report and
// exits non-zero when anything failed or no test ran (so CI can never pass on zero tests).
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'test-results/vitest.json';
if (!existsSync(file)) {
  console.error(`test-summary: ${file} is missing: Vitest did not finish`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(file, 'utf8'));
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
const suitesFailed = report.numFailedTestSuites ?? 0;
process.exit(report.numFailedTests > 0 || suitesFailed > 0 || report.numPassedTests === 0 ? 1 : 0);
