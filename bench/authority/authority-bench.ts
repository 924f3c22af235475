/**
 * `npm run bench:authority`: policy checks on the request path (checks/s, p50/p99 per check, hit rate)
 * and the audit trail (events appended per second, 100,000 entries verified), ending with one JSON line
 * of the figures, the issue's targets and whether each is met.
 *
 * PostgreSQL figures need PODIUM_BENCH_DATABASE_URL (or PODIUM_TEST_DATABASE_URL); without it they are
 * reported as null.
 */
import { reportBenchFailure } from '../shared/report-failure.js';
import { runAuditBench } from './audit-bench.js';
import { runPolicyBench } from './policy-bench.js';

const targets = { policyP99Us: 50, appendPerSecond: 5_000, verify100kMs: 2_000 };

async function main(): Promise<void> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log('policy checks on the request path (Cedar stage, steady state, 200,000 checks)…');
  const policy = runPolicyBench({ checks: 200_000 });
  log(
    `  ${policy.checksPerSecond.toLocaleString('en-US')} checks/s  p50 ${policy.p50Us} us  p99 ${policy.p99Us} us  p99.9 ${policy.p999Us} us  hit rate ${policy.hitRate}` +
      `  (a raw Cedar-wasm evaluation: p50 ${policy.rawEvaluationP50Us} us, p99 ${policy.rawEvaluationP99Us} us)`,
  );
  const databaseUrl = process.env.PODIUM_BENCH_DATABASE_URL ?? process.env.PODIUM_TEST_DATABASE_URL;
  const audit = await runAuditBench({
    events: 50_000,
    producers: 64,
    verifyEntries: 100_000,
    databaseUrl,
    log: (line) => log(`  ${line}`),
  });
  const verifyMs = audit.verify.postgresMs ?? audit.verify.embeddedMs;
  log(
    `audit: append ${Math.round(audit.appendEmbedded.eventsPerSecond).toLocaleString('en-US')}/s (embedded PostgreSQL, group commit)` +
      `${audit.appendPostgres ? `, ${Math.round(audit.appendPostgres.eventsPerSecond).toLocaleString('en-US')}/s (PostgreSQL)` : ''}` +
      `; verify 100,000: hashing ${audit.verify.hashingMs} ms, from embedded PostgreSQL ${audit.verify.embeddedMs} ms${audit.verify.postgresMs === null ? '' : `, from PostgreSQL ${audit.verify.postgresMs} ms`}`,
  );
  const met = {
    policyP99: policy.p99Us <= targets.policyP99Us,
    appendPerSecond: audit.appendEmbedded.eventsPerSecond >= targets.appendPerSecond,
    verify100k: verifyMs <= targets.verify100kMs,
    verify100kFromEmbedded: audit.verify.embeddedMs <= targets.verify100kMs,
  };
  process.stdout.write(
    `${JSON.stringify({
      bench: 'authority',
      policy,
      audit: {
        appendPerSecond: Math.round(audit.appendEmbedded.eventsPerSecond),
        appendPostgresPerSecond: audit.appendPostgres ? Math.round(audit.appendPostgres.eventsPerSecond) : null,
        verify: audit.verify,
      },
      targets,
      met,
    })}\n`,
  );
}

main().catch((error: unknown) => {
  reportBenchFailure('authority', error);
  process.exitCode = 1;
});
