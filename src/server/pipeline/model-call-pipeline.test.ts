/**
 * The one declaration of the model-call pipeline: the order it promises (docs/architecture.md), that a
 * gateway built from it runs its parts in that order, that the test kit runs the same list, and that
 * the internal-call port refuses use before the pipeline exists.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fileConfigSchema } from '../config/index.js';
import {
  createCodecs,
  createGatewayCall,
  Gateway,
  InternalCalls,
  MemorySink,
  ModelCatalog,
  type AdmissionStage,
  type CompletionStage,
  type Executor,
} from '../gateway/index.js';
import { createPriceTable } from '../pricing/index.js';
import { createProvider, type Provider } from '../providers/index.js';
import { createGatewayMetrics } from '../telemetry/index.js';
import { startTestGateway, testCaller, type TestGateway } from '../testkit/index.js';
import { declareModelCallPipeline, type ExecutorWrapper, type ModelCallPipelineParts } from './model-call-pipeline.js';

function partsRecording(trace: string[]): { parts: ModelCallPipelineParts; close: () => Promise<void> } {
  const config = fileConfigSchema.parse({
    providers: { openai: { type: 'openai', apiKey: 'sk-test', baseUrl: 'http://127.0.0.1:9/v1' } },
    models: { fast: { targets: [{ provider: 'openai', model: 'gpt-4o-mini' }], price: { input: 1, output: 2 } } },
  });
  const providers = new Map<string, Provider>(
    Object.entries(config.providers).map(([name, provider]) => [name, createProvider(name, provider)]),
  );
  const catalog = new ModelCatalog(
    config,
    providers,
    createPriceTable({ aliasPrices: { fast: { input: 1, output: 2 } }, overrides: config.pricing }),
  );
  const stage =
    (name: string): AdmissionStage =>
    () =>
      void trace.push(name);
  const wrapper =
    (name: string): ExecutorWrapper =>
    (inner) =>
    (call, sink, settle) => {
      trace.push(`${name}>`);
      return inner(call, sink, settle).finally(() => trace.push(`<${name}`));
    };
  const completion =
    (name: string): CompletionStage =>
    () =>
      void trace.push(name);
  // The provider: a fixed answer with usage, settled before it is sent, as the real executor does.
  const executor: Executor = (call, sink, settle) => {
    trace.push('provider');
    call.target = call.route?.targets[0];
    call.usage = { inputTokens: 10, outputTokens: 5, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
    settle(call);
    call.status = 200;
    sink.send(200, '{}');
    return Promise.resolve();
  };
  const parts: ModelCallPipelineParts = {
    codecs: createCodecs({ defaultMaxTokens: config.gateway.defaultMaxTokens }),
    catalog,
    metrics: createGatewayMetrics(),
    identify: (call) => {
      trace.push('identify');
      call.caller = testCaller;
    },
    executor,
    route: stage('route'),
    protectData: stage('protect-data'),
    policy: stage('policy'),
    compress: stage('compress'),
    reserveBudget: (call) => {
      trace.push('reserve-budget');
      call.holds.push({ settle: () => void trace.push('hold.settle'), finish: () => void trace.push('hold.finish') });
    },
    redactAnswers: wrapper('redact-answers'),
    cache: wrapper('cache'),
    shadow: wrapper('shadow'),
    cascade: wrapper('cascade'),
    enforceSchema: wrapper('enforce-schema'),
    record: completion('record'),
    auditFindings: completion('audit-findings'),
  };
  return {
    parts,
    close: () => Promise.all([...providers.values()].map((provider) => provider.close())).then(() => undefined),
  };
}

describe('the model-call pipeline declaration', () => {
  let testGateway: TestGateway | undefined;
  afterEach(async () => testGateway?.close());

  it('lists every step in the one order', () => {
    const { parts } = partsRecording([]);
    expect(declareModelCallPipeline(parts).steps).toEqual([
      'admission:identify',
      'admission:admit',
      'admission:attribute',
      'admission:authorize-model',
      'admission:resolve-route',
      'admission:route',
      'admission:protect-data',
      'admission:policy',
      'admission:compress',
      'admission:reserve-budget',
      'executor:redact-answers',
      'executor:cache',
      'executor:shadow',
      'executor:cascade',
      'executor:enforce-schema',
      'executor:provider',
      'settlement:price',
      'settlement:settle-holds',
      'completion:finish-holds',
      'completion:record',
      'completion:audit-findings',
    ]);
  });

  it('runs a call through its parts in that order: wrappers outermost first, holds settled then finished', async () => {
    const trace: string[] = [];
    const { parts, close } = partsRecording(trace);
    const gateway = new Gateway(declareModelCallPipeline(parts).stages);
    const call = createGatewayCall({
      id: 'call_1',
      surface: 'openai-chat',
      credential: 'pk-test',
      headers: {},
      rawBody: Buffer.from(JSON.stringify({ model: 'fast', messages: [{ role: 'user', content: 'hi' }] })),
      startedAt: performance.now(),
    });
    await gateway.handle(call, new MemorySink(new AbortController().signal));
    await close();
    expect(call.error).toBeUndefined();
    expect(trace).toEqual([
      'identify',
      'route',
      'protect-data',
      'policy',
      'compress',
      'reserve-budget',
      'redact-answers>',
      'cache>',
      'shadow>',
      'cascade>',
      'enforce-schema>',
      'provider',
      'hold.settle',
      '<enforce-schema',
      '<cascade',
      '<shadow',
      '<cache',
      '<redact-answers',
      'hold.finish',
      'record',
      'audit-findings',
    ]);
    // Settlement priced the call and set what budgets charge: $1/M in, $2/M out.
    expect(call.charge).toEqual({ usd: 0.00002, tokens: 15, requests: 1 });
    expect(call.charged).toBe(true);
  });

  it('is the list the test kit runs: the server core, without the parts the test kit leaves out', async () => {
    const { parts } = partsRecording([]);
    const server = declareModelCallPipeline(parts).steps;
    testGateway = await startTestGateway({
      providers: { openai: 'openai' },
      models: { fast: { targets: [{ provider: 'openai', model: 'gpt-4o-mini' }] } },
    });
    expect(testGateway.steps).toEqual(
      server.filter(
        (step) =>
          !/:(route|protect-data|policy|compress|reserve-budget|redact-answers|cache|shadow|cascade|enforce-schema|record|audit-findings)$/.test(
            step,
          ),
      ),
    );
  });
});

describe('the internal-call port', () => {
  it('refuses a call before the pipeline is bound, naming what happened', () => {
    const internal = new InternalCalls();
    expect(() => internal.gateway()).toThrow(/before the model-call pipeline was built/);
  });

  it('binds once', async () => {
    const internal = new InternalCalls();
    const { parts, close } = partsRecording([]);
    const gateway = new Gateway(declareModelCallPipeline(parts).stages);
    internal.bind(gateway);
    expect(internal.gateway()).toBe(gateway);
    expect(() => internal.bind(gateway)).toThrow(/already bound/);
    await close();
  });
});
