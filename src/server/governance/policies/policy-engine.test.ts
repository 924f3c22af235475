import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicies, type PolicyLoadError } from './load-policies.js';
import { PolicyEngine, type PolicyRequest } from './policy-engine.js';

const policies = `
@id("support-uses-openai")
permit(principal in Podium::Team::"support", action == Podium::Action::"model.call", resource)
when { resource.provider == "openai" };

@id("no-cards-outside")
forbid(principal, action == Podium::Action::"model.call", resource)
when { resource.external && context.dataClasses.contains("card") };

permit(principal in Podium::Team::"research", action == Podium::Action::"model.call", resource);
`;

const modelCall = (input: {
  team: string;
  provider?: string;
  external?: boolean;
  dataClasses?: string[];
}): PolicyRequest => ({
  principal: { type: 'Key', id: 'key_1', attrs: { tier: 'standard' }, parents: [{ type: 'Team', id: input.team }] },
  action: 'model.call',
  resource: {
    type: 'Model',
    id: 'gpt',
    attrs: { provider: input.provider ?? 'openai', providerType: 'openai', external: input.external ?? true },
  },
  context: { dataClasses: input.dataClasses ?? [], requestedModel: 'gpt', tags: [] },
});

async function write(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'podium-policies-'));
  await writeFile(join(dir, name), text);
  return dir;
}

describe('Cedar policies', () => {
  const engine = new PolicyEngine({ policies: loadPolicies({ texts: { 'main.cedar': policies }, baseDir: '.' }) });

  it('permits what a policy permits and names it', () => {
    expect(engine.check(modelCall({ team: 'support' }))).toEqual({
      decision: 'allow',
      policies: ['support-uses-openai'],
      errors: [],
    });
  });

  it('denies by default, naming no policy', () => {
    expect(engine.check(modelCall({ team: 'support', provider: 'anthropic' }))).toEqual({
      decision: 'deny',
      policies: [],
      errors: [],
    });
    expect(engine.check(modelCall({ team: 'marketing' })).decision).toBe('deny');
  });

  it('lets forbid beat permit and names the forbid', () => {
    expect(engine.check(modelCall({ team: 'support', dataClasses: ['card'] }))).toEqual({
      decision: 'deny',
      policies: ['no-cards-outside'],
      errors: [],
    });
    expect(engine.check(modelCall({ team: 'research', external: false, dataClasses: ['card'] }))).toEqual({
      decision: 'allow',
      policies: ['main.cedar#3'],
      errors: [],
    });
  });

  it('caches by key: the second answer for the same key does not re-evaluate', () => {
    const cached = new PolicyEngine({
      policies: loadPolicies({ texts: { 'main.cedar': policies }, baseDir: '.' }),
      cacheSize: 2,
    });
    const first = cached.check({ ...modelCall({ team: 'support' }), cacheKey: 'k' });
    // A different request under the same key gets the cached answer: the key is the caller's promise of equality.
    expect(cached.check({ ...modelCall({ team: 'marketing' }), cacheKey: 'k' })).toBe(first);
    cached.check({ ...modelCall({ team: 'marketing' }), cacheKey: 'a' });
    cached.check({ ...modelCall({ team: 'marketing' }), cacheKey: 'b' });
    expect(cached.check({ ...modelCall({ team: 'marketing' }), cacheKey: 'k' }).decision).toBe('deny');
  });

  it('reports a syntax error with file, line and column', async () => {
    const dir = await write(
      'broken.cedar',
      'permit(principal, action, resource);\n\npermit(principal action, resource);\n',
    );
    expect(() => loadPolicies({ files: ['broken.cedar'], baseDir: dir })).toThrow(/broken\.cedar:3:\d+: /);
  });

  it('validates against the schema and names the policy, the place and the fix', async () => {
    const dir = await write(
      'typo.cedar',
      `permit(principal, action == Podium::Action::"model.call", resource)\nwhen { resource.providr == "openai" };\n\npermit(principal, action == Podium::Action::"model.cal", resource);\n`,
    );
    let problems: string[] = [];
    try {
      loadPolicies({ files: ['typo.cedar'], baseDir: dir });
    } catch (error) {
      problems = (error as PolicyLoadError).problems;
    }
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /^typo\.cedar:2:\d+ \(policy typo\.cedar#1\): .*attribute `providr` on entity type `Podium::Model` not found \(did you mean `provider`\?\)$/,
    );
    expect(problems[1]).toMatch(/^typo\.cedar:4:\d+ \(policy typo\.cedar#2\): .*model\.cal/);
  });

  it('rejects duplicate ids and missing files', async () => {
    const dir = await write(
      'dup.cedar',
      '@id("x")\npermit(principal, action, resource);\n@id("x")\nforbid(principal, action, resource);\n',
    );
    expect(() => loadPolicies({ files: ['dup.cedar', 'missing.cedar'], baseDir: dir })).toThrow(
      /missing\.cedar: ENOENT[\s\S]*dup\.cedar:3:1: duplicate policy id "x"/,
    );
  });
});
