/**
 * Structured-output enforcement, as an executor decorator: when a request carries a JSON schema
 * (`response_format`) and its alias enforces, the answer is validated before any byte reaches the
 * caller. An invalid answer gets one repair retry (the invalid answer and the validation errors sent
 * back to the model); still invalid, the caller gets a 502 naming the failing path. Both attempts are
 * one call: their usage is summed and settled once, so the ledger and budgets pay for both.
 *
 * Validation needs the whole answer, so the inner call runs buffered and a streamed request gets
 * its (valid) answer re-encoded as a stream and sent at once.
 */
import { emptyUsage, PodiumError, type ChatResult, type Usage } from '../../contract/index.js';
import type { StructuredOutputConfig } from '../config/index.js';
import {
  answerText,
  deliverAnswer,
  MemorySink,
  readAnswer,
  type CapturedResponse,
  type Codecs,
  type Executor,
  type GatewayCall,
  type ResponseSink,
} from '../gateway/index.js';
import type { Metrics } from '../telemetry/index.js';
import { describeProblems, repairRequestBody } from './repair-request.js';
import { requestedFormat } from './requested-format.js';
import { SchemaValidator, type AnswerCheck } from './schema-validator.js';
import {
  defineStructuredOutputMetrics,
  structuredOutputMetric,
  type StructuredOutputOutcome,
} from './structured-output-metrics.js';

export interface SchemaEnforcingExecutorOptions {
  inner: Executor;
  codecs: Pick<Codecs, 'surfaces' | 'upstreams'>;
  /** The alias's `structuredOutput` settings; undefined when the alias does not opt in. */
  options: (alias: string) => StructuredOutputConfig | undefined;
  metrics: Metrics;
  /** Shared compiled-schema cache (default: one per executor). */
  validator?: SchemaValidator;
}

interface Attempt {
  captured: CapturedResponse;
  result: ChatResult | undefined;
}

/** The alias's settings: the alias the caller asked for, else the one its route resolved to. */
function settingsFor(
  call: GatewayCall,
  lookup: (alias: string) => StructuredOutputConfig | undefined,
): StructuredOutputConfig | undefined {
  const requested = call.requestedModel === undefined ? undefined : lookup(call.requestedModel);
  if (requested !== undefined || call.route === undefined || call.route.alias === call.requestedModel) return requested;
  return lookup(call.route.alias);
}

function addUsage(total: Usage, usage: Usage): Usage {
  return {
    inputTokens: total.inputTokens + usage.inputTokens,
    outputTokens: total.outputTokens + usage.outputTokens,
    cacheReadTokens: total.cacheReadTokens + usage.cacheReadTokens,
    cacheWriteTokens: total.cacheWriteTokens + usage.cacheWriteTokens,
    reasoningTokens: total.reasoningTokens + usage.reasoningTokens,
  };
}

/** Sends a captured response on as it was (an answer enforcement cannot read, e.g. a stream that ended in an error event). */
function replay(sink: ResponseSink, captured: CapturedResponse): void {
  if (!captured.streamed) {
    sink.send(captured.status, captured.body, captured.headers);
    return;
  }
  sink.startStream(captured.status, captured.headers);
  sink.write(captured.body);
  sink.end();
}

/** Warnings travel in a response header: printable ASCII on one line (paths come from the model's JSON). */
const headerSafe = (text: string): string => text.replace(/[^\x20-\x7e]+/g, ' ').slice(0, 300);

const textOnly = (result: ChatResult): boolean => result.content.every((part) => part.type === 'text');

/** Wraps an executor with schema validation and one repair retry (see the file comment). */
export function createSchemaEnforcingExecutor(options: SchemaEnforcingExecutorOptions): Executor {
  defineStructuredOutputMetrics(options.metrics);
  const validator = options.validator ?? new SchemaValidator();

  return async (call, sink, settle) => {
    // Internal calls (cascade tiers, shadow calls) belong to a wrapper that judges the answer itself.
    const config = call.internal === undefined ? settingsFor(call, options.options) : undefined;
    const format = config?.enforce ? requestedFormat(call) : undefined;
    const surface = options.codecs.surfaces.get(call.surface);
    const reader = surface && options.codecs.upstreams.get(surface.passThroughProtocol);
    if (!config || !format || !surface || !reader) return options.inner(call, sink, settle);
    if (typeof call.body.n === 'number' && call.body.n > 1) {
      call.warnings.push('structured output is not enforced for requests with n > 1');
      return options.inner(call, sink, settle);
    }
    // Before anything is sent: a schema Ajv refuses is the caller's mistake (400), not the model's.
    const check = validator.prepare(format);
    const alias = call.requestedModel ?? call.route?.alias ?? '';
    const count = (outcome: StructuredOutputOutcome): void =>
      options.metrics.increment(structuredOutputMetric, { model: alias, outcome });

    let total: Usage | undefined;
    const settleOnce = (): void => {
      if (total === undefined) return;
      call.usage = total;
      total = undefined;
      settle(call);
    };
    const attempt = async (): Promise<Attempt> => {
      const buffer = new MemorySink(sink.signal);
      let usage: Usage | undefined;
      let settled = false;
      try {
        // The inner executor settles each attempt; here usage is collected and settled once, summed.
        await options.inner(call, buffer, (attempted) => {
          usage = attempted.usage;
          settled = true;
        });
      } finally {
        if (settled) total = addUsage(total ?? emptyUsage(), usage ?? emptyUsage());
      }
      const captured = buffer.captured();
      return { captured, result: readAnswer(captured, reader) };
    };

    try {
      const first = await attempt();
      if (first.result === undefined || !textOnly(first.result)) {
        // A tool call (or an unreadable answer) is not the structured answer: the schema does not apply.
        settleOnce();
        if (first.result)
          deliverAnswer({ call, sink, surface, result: { ...first.result, usage: call.usage ?? first.result.usage } });
        else replay(sink, first.captured);
        return;
      }
      let final: ChatResult = first.result;
      let verdict: AnswerCheck = check(answerText(final));
      let outcome: StructuredOutputOutcome = 'valid';
      if (!verdict.ok && config.repair) {
        const problems = verdict.problems;
        const second = await withBody(
          call,
          repairRequestBody({ body: call.body, answer: answerText(final), problems }),
          attempt,
        );
        if (second.result !== undefined && textOnly(second.result)) {
          final = second.result;
          verdict = check(answerText(final));
        } else
          verdict = { ok: false, problems: [{ path: '(root)', message: 'the repair answer is not a text answer' }] };
        outcome = 'repaired';
        if (verdict.ok)
          call.warnings.push(
            `structured output repaired with one retry (first answer: ${headerSafe(describeProblems(problems))})`,
          );
      }
      settleOnce();
      if (!verdict.ok) {
        count('invalid');
        const after = config.repair ? ' after one repair retry' : '';
        const field = format.type === 'json_schema' ? (format.field ?? 'response_format') : 'response_format';
        throw new PodiumError(
          'output_invalid',
          `The model's answer does not match the JSON schema in ${field}${after}: ${describeProblems(verdict.problems)}`,
        );
      }
      count(outcome);
      if (verdict.unwrapped) call.warnings.push('structured output: the JSON was unwrapped from a markdown code fence');
      const result: ChatResult = {
        ...final,
        content: [{ type: 'text', text: verdict.text }],
        usage: call.usage ?? final.usage,
      };
      deliverAnswer({ call, sink, surface, result, headers: { 'x-podium-structured-output': outcome } });
    } finally {
      // A failed attempt after usage was known (an interrupted stream) still pays for what it used.
      settleOnce();
    }
  };
}

/** Runs `run` with the call's request swapped for `body` (both forms: pass-through sends `rawBody`), then restores it. */
async function withBody<T>(call: GatewayCall, body: Record<string, unknown>, run: () => Promise<T>): Promise<T> {
  const original = { body: call.body, rawBody: call.rawBody };
  call.body = body;
  call.rawBody = Buffer.from(JSON.stringify(body));
  try {
    return await run();
  } finally {
    call.body = original.body;
    call.rawBody = original.rawBody;
  }
}
