import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Metrics } from '../../telemetry/index.js';
import { loadPolicies } from './load-policies.js';
import { PolicyCheck } from './policy-check.js';
import { PolicyEngine } from './policy-engine.js';
import { PolicyReloader, type PolicyReloadOutcome } from './policy-reloader.js';

const permitAll = 'permit(principal, action, resource);\n';
const freeze = 'forbid(principal, action == Podium::Action::"model.call", resource);\n';
// The test looks at the files itself (checkFiles), as the interval would.
const intervalMs = 3_600_000;

describe('PolicyReloader', () => {
  let dir: string;
  let file: string;
  let loaded: string[];
  let outcomes: PolicyReloadOutcome[];
  let reloader: PolicyReloader;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'podium-reloader-'));
    file = join(dir, 'policies.cedar');
    await writeFile(file, permitAll);
    loaded = [];
    outcomes = [];
    const metrics = new Metrics();
    const engineFor = (text: string) =>
      new PolicyEngine({ policies: loadPolicies({ texts: { 'policies.cedar': text }, baseDir: dir }) });
    reloader = new PolicyReloader({
      check: new PolicyCheck({ engine: engineFor(permitAll), mode: 'enforce', metrics }),
      files: [file],
      intervalMs,
      metrics,
      async load() {
        const text = await readFile(file, 'utf8');
        loaded.push(text);
        return { engine: engineFor(text), mode: 'enforce', files: [file] };
      },
      onOutcome: (outcome) => outcomes.push(outcome),
    });
    await reloader.start();
  });

  afterEach(async () => {
    reloader.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('loads a change once the file has held still for one interval', async () => {
    await writeFile(file, `${permitAll}${freeze}`);
    await reloader.checkFiles();
    expect(loaded).toEqual([]);
    await reloader.checkFiles();
    expect(loaded).toEqual([`${permitAll}${freeze}`]);
    expect(outcomes).toEqual([{ trigger: 'file', ok: true, policies: 2 }]);
    for (let look = 0; look < 3; look += 1) await reloader.checkFiles();
    expect(loaded).toHaveLength(1);
  });

  it('never loads a file caught mid-write: a truncated text that is valid Cedar without the forbid is skipped', async () => {
    // The state an editor or `writeFile` leaves between truncating and finishing: valid, and more permissive.
    await writeFile(file, permitAll.repeat(2));
    await reloader.checkFiles();
    await writeFile(file, `${permitAll}${permitAll}${freeze}`);
    await reloader.checkFiles();
    await reloader.checkFiles();
    expect(loaded).toEqual([`${permitAll}${permitAll}${freeze}`]);
  });

  it('reports a broken file once, not every interval, until it changes again', async () => {
    await writeFile(file, `${permitAll}forbid(principal, action ==;\n`);
    for (let look = 0; look < 6; look += 1) await reloader.checkFiles();
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([false]);
  });
});
