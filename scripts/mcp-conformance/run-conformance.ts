/**
 * MCP conformance of Podium's `/mcp`: builds and starts a real Podium in front of server-everything, runs
 * `@modelcontextprotocol/conformance` (on its own Node 22) for both protocol eras through an auth-injecting
 * proxy, prints a per-scenario table, writes the results as JSON and exits non-zero only on a regression
 * against expected-failures.yaml. Usage: `npm run test:conformance [-- --skip-build] [-- --out <dir>]`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { startAuthProxy } from './auth-proxy.js';
import { installConformanceTools } from './install-conformance-tools.js';
import { startPodiumProcess } from './start-podium-process.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');

/** Each run: a name (the baseline key) and the conformance arguments selecting its scenarios. */
const RUNS = [
  { name: '2025-11-25', args: ['--spec-version', '2025-11-25'] },
  { name: '2026-07-28', args: ['--requirements', '2026-07-28'] },
] as const;

/** `<run>: { <scenario>: <reason> }`: a reason is required, so no failure is accepted silently. */
const baselineSchema = z.record(z.string(), z.record(z.string(), z.string().min(10)).nullable());

interface ScenarioResult {
  run: string;
  scenario: string;
  passed: number;
  failed: number;
}

function parseSummary(run: string, output: string): ScenarioResult[] {
  const results: ScenarioResult[] = [];
  const summary = output.slice(output.lastIndexOf('=== SUMMARY ==='));
  for (const match of summary.matchAll(/^([✓✗]) (\S+): (\d+) passed, (\d+) failed/gmu)) {
    results.push({ run, scenario: match[2] ?? '', passed: Number(match[3]), failed: Number(match[4]) });
  }
  return results;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const outIndex = argv.indexOf('--out');
  const out = resolve(outIndex >= 0 ? (argv[outIndex + 1] ?? 'conformance-results') : join(repo, 'conformance-results'));
  const tools = installConformanceTools();
  if (!argv.includes('--skip-build')) execFileSync('npm', ['run', 'build'], { cwd: repo, stdio: 'inherit' });
  const podium = await startPodiumProcess(repo);
  const proxy = await startAuthProxy(podium.url, podium.key);
  const results: ScenarioResult[] = [];
  try {
    // The catalog's first snapshot may predate the stdio upstream's connect and is kept for refreshMs (10 s).
    await new Promise((done) => setTimeout(done, 11_000));
    mkdirSync(out, { recursive: true });
    for (const run of RUNS) {
      const dir = join(out, run.name);
      const child = spawnSync(
        tools.node,
        [tools.conformance, 'server', '--url', `${proxy.url}/mcp`, ...run.args, '-o', dir, '--timeout', '30000'],
        { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 900_000 },
      );
      writeFileSync(join(out, `${run.name}.log`), `${child.stdout}\n${child.stderr}`);
      const parsed = parseSummary(run.name, child.stdout);
      if (parsed.length === 0) throw new Error(`no summary from the ${run.name} run:\n${child.stdout}\n${child.stderr}`);
      results.push(...parsed);
    }
  } finally {
    await proxy.close();
    await podium.stop();
  }
  const baseline = baselineSchema.parse(parse(readFileSync(join(here, 'expected-failures.yaml'), 'utf8')) ?? {});
  const regressions: ScenarioResult[] = [];
  const fixed: ScenarioResult[] = [];
  console.log('\n| run | scenario | result | checks passed/failed | expected failure |');
  console.log('|---|---|---|---|---|');
  for (const result of results) {
    const reason = baseline[result.run]?.[result.scenario];
    if (result.failed > 0 && reason === undefined) regressions.push(result);
    if (result.failed === 0 && reason !== undefined) fixed.push(result);
    const verdict = result.failed === 0 ? 'pass' : 'FAIL';
    console.log(
      `| ${result.run} | ${result.scenario} | ${verdict} | ${result.passed}/${result.failed} | ${reason ?? ''} |`,
    );
  }
  writeFileSync(join(out, 'results.json'), JSON.stringify({ results, regressions, fixed }, null, 2));
  for (const run of RUNS) {
    const own = results.filter((result) => result.run === run.name);
    console.log(`${run.name}: ${own.filter((r) => r.failed === 0).length}/${own.length} scenarios pass`);
  }
  for (const result of fixed) console.log(`now passing, remove from the baseline: ${result.run} ${result.scenario}`);
  for (const result of regressions) console.log(`REGRESSION: ${result.run} ${result.scenario}`);
  console.log(`results: ${join(out, 'results.json')}`);
  return regressions.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
