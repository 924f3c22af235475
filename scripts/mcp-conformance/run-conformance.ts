/**
 * MCP conformance of Podium's `/mcp`: builds and starts a real Podium in front of server-everything, runs
 * `@modelcontextprotocol/conformance` (on its own Node 22) for both protocol eras through an auth-injecting
 * proxy, prints a per-scenario table, writes the results as JSON and exits non-zero only on a regression
 * against expected-failures.yaml. Usage: `npm run test:conformance [-- --skip-build] [-- --out <dir>]`.
 */
import { execFileSync, spawn } from 'node:child_process';
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

/**
 * Asynchronous on purpose: the auth proxy lives in this process, so a synchronous spawn would stall it and
 * every scenario would time out. Output is echoed live and kept (bounded) for the summary.
 */
function runConformance(node: string, args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(node, args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      process.stdout.write(chunk);
      if (output.length < 32 * 1024 * 1024) output += chunk.toString();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), 1_800_000);
    child.on('error', fail);
    child.on('close', () => {
      clearTimeout(timer);
      done(output);
    });
  });
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const outIndex = argv.indexOf('--out');
  const out = resolve(
    outIndex >= 0 ? (argv[outIndex + 1] ?? 'conformance-results') : join(repo, 'conformance-results'),
  );
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
      const output = await runConformance(tools.node, [
        tools.conformance,
        'server',
        '--url',
        `${proxy.url}/mcp`,
        ...run.args,
        '-o',
        dir,
        '--timeout',
        '30000',
      ]);
      writeFileSync(join(out, `${run.name}.log`), output);
      const parsed = parseSummary(run.name, output);
      if (parsed.length === 0) throw new Error(`no summary from the ${run.name} run:\n${output}`);
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
