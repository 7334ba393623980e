// Prints the one closing line CI reads, "N passed, N failed", summed over every suite:
// vitest's and Playwright's JSON reports plus named checks (typecheck, build) passed as name=exitcode.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
for (const arg of process.argv.slice(2)) {
  const check = /^([\w-]+)=(\d+)$/.exec(arg);
  if (check) {
    const ok = check[2] === '0';
    console.log(`${check[1]}: ${ok ? 'passed' : 'FAILED'}`);
    if (ok) passed++;
    else failed++;
    continue;
  }
  if (!existsSync(arg)) {
    console.log(`${arg}: no report (the suite did not run)`);
    failed++;
    continue;
  }
  const report = JSON.parse(readFileSync(arg, 'utf8'));
  let p, f, skipped;
  if (report.stats && 'expected' in report.stats) {
    // Playwright: expected = passed; unexpected = failed; flaky passed only on retry.
    p = report.stats.expected;
    f = report.stats.unexpected + report.stats.flaky + (report.errors?.length ?? 0);
    skipped = report.stats.skipped;
  } else {
    // Vitest (Jest-style JSON). A suite that crashed outside any test counts as one failure.
    p = report.numPassedTests ?? 0;
    f = (report.numFailedTests ?? 0) + (report.success === false && report.numFailedTests === 0 ? 1 : 0);
    skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  }
  console.log(`${arg}: ${p} passed, ${f} failed${skipped ? `, ${skipped} skipped (counted as failed)` : ''}`);
  passed += p;
  failed += f + skipped;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
