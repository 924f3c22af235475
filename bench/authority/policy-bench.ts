/**
 * Policy checks on the request path: the Cedar stage's work per model call (building the check's
 * input from the call, then the generic check's cached or evaluated answer) over a realistic mix of keys, models and data
 * classes, and raw Cedar-wasm evaluations for comparison.
 */
import { createGatewayCall, type GatewayCall } from '../../src/server/gateway/index.js';
import {
  loadPolicies,
  modelCallRequest,
  PolicyCheck,
  PolicyEngine,
} from '../../src/server/governance/policies/index.js';
import { createProvider } from '../../src/server/providers/index.js';
import { Metrics } from '../../src/server/telemetry/index.js';

export interface PolicyBenchResult {
  checks: number;
  checksPerSecond: number;
  p50Us: number;
  p99Us: number;
  /** Share of measured checks answered from the cache. */
  hitRate: number;
  p999Us: number;
  rawEvaluationP50Us: number;
  rawEvaluationP99Us: number;
}

const teams = ['support', 'research', 'marketing', 'finance', 'platform'];
const models = ['fast', 'smart', 'local', 'vision', 'embed'];

/** Twenty policies of the kinds a platform team writes: team-to-model grants, data-class and tier rules. */
function policySet(): string {
  const grants = teams.flatMap((team, index) =>
    models
      .slice(0, 2 + (index % 3))
      .map(
        (model) =>
          `permit(principal in Podium::Team::"${team}", action == Podium::Action::"model.call", resource == Podium::Model::"${model}");`,
      ),
  );
  return [
    ...grants,
    'forbid(principal, action == Podium::Action::"model.call", resource) when { resource.external && context.dataClasses.containsAny(["card", "iban", "national-id"]) };',
    'forbid(principal, action == Podium::Action::"model.call", resource) when { principal is Podium::Key && principal.tier == "batch" && resource.provider == "openai" };',
    'forbid(principal, action == Podium::Action::"model.call", resource) when { context.tags.contains("env=prod") && resource.providerType == "openai-compatible" };',
  ].join('\n');
}

const percentile = (sorted: Float64Array, share: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;

export function runPolicyBench(options: { checks: number }): PolicyBenchResult {
  const engine = new PolicyEngine({ policies: loadPolicies({ texts: { 'bench.cedar': policySet() }, baseDir: '.' }) });
  const check = new PolicyCheck({ engine, mode: 'enforce', metrics: new Metrics() });
  const providers = {
    openai: createProvider('openai', { type: 'openai', apiKey: 'x', connections: 1 }),
    local: createProvider('local', { type: 'openai-compatible', baseUrl: 'http://127.0.0.1:1/v1', connections: 1 }),
  };
  // 2,000 keys with a skewed share of traffic (a few busy agents, a long tail), as gateways see.
  const calls: GatewayCall[] = [];
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  for (let index = 0; index < 4096; index += 1) {
    const key = Math.floor(2000 * random() ** 3);
    const model = models[Math.floor(random() * models.length)] ?? 'fast';
    const call = createGatewayCall({
      id: `c${index}`,
      surface: 'openai-chat',
      credential: 'pk',
      headers: {},
      rawBody: Buffer.alloc(0),
      startedAt: 0,
    });
    const provider = model === 'local' ? providers.local : providers.openai;
    call.caller = {
      keyId: `key_${key}`,
      keyPrefix: 'pk',
      orgId: 'org',
      teamId: 't',
      teamName: teams[key % teams.length] ?? 'support',
      projectId: null,
      projectName: null,
      allowedModels: null,
      tier: key % 7 === 0 ? 'batch' : 'standard',
    };
    call.requestedModel = model;
    call.route = {
      alias: model,
      strategy: 'fallback',
      targets: [{ provider, model, weight: 1, timeoutMs: 1000, price: undefined }],
    };
    if (random() < 0.1)
      call.findings.push({
        dataClass: random() < 0.5 ? 'email' : 'card',
        direction: 'request',
        count: 1,
        action: 'allowed',
      });
    if (random() < 0.3) call.tags = { env: random() < 0.5 ? 'prod' : 'dev' };
    calls.push(call);
  }
  const external = (name: string) => name !== 'local';

  const raw = new Float64Array(2000);
  for (let index = -200; index < raw.length; index += 1) {
    const request = modelCallRequest(calls[(index + calls.length) % calls.length] as GatewayCall, external);
    if (!request) continue;
    const started = performance.now();
    check.check({ ...request, cache: false });
    if (index >= 0) raw[index] = (performance.now() - started) * 1000;
  }
  raw.sort();

  // Steady state: every (key, model, data classes, tags) combination of the workload has been seen once.
  for (const call of calls) {
    const request = modelCallRequest(call, external);
    if (request) check.check(request);
  }
  const before = engine.stats();
  const latencies = new Float64Array(options.checks);
  const started = performance.now();
  for (let index = 0; index < options.checks; index += 1) {
    const call = calls[(index * 2_654_435_761) % calls.length] as GatewayCall;
    const begin = performance.now();
    const request = modelCallRequest(call, external);
    if (request) check.check(request);
    const elapsed = (performance.now() - begin) * 1000;
    latencies[index] = elapsed;
  }
  const after = engine.stats();
  const misses = after.misses - before.misses;
  const seconds = (performance.now() - started) / 1000;
  latencies.sort();
  return {
    checks: options.checks,
    checksPerSecond: Math.round(options.checks / seconds),
    p50Us: round(percentile(latencies, 0.5)),
    p99Us: round(percentile(latencies, 0.99)),
    p999Us: round(percentile(latencies, 0.999)),
    hitRate: round(1 - misses / options.checks, 3),
    rawEvaluationP50Us: round(percentile(raw, 0.5)),
    rawEvaluationP99Us: round(percentile(raw, 0.99)),
  };
}

const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;
