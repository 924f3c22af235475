/**
 * Context compression, as an admission stage after route resolution: when an opted-in alias's
 * conversation is over `maxInputTokens`, the oldest turns are dropped (or summarized by the
 * `summarizer` alias) until it fits, and both forms of the request — the parsed body and the bytes
 * pass-through sends — are rewritten. The saving is reported to the caller as a warning and counted.
 */
import type { CompressionConfig } from '../config/index.js';
import type { AdmissionStage, Codecs, Gateway, GatewayCall } from '../gateway/index.js';
import { otherLabelValue, type Metrics } from '../telemetry/index.js';
import { applyCompression } from './apply-compression.js';
import { compressionTokensSavedMetric, defineCompressionMetrics } from './compression-metrics.js';
import { dialectFor } from './dialect-for.js';
import { planCompression } from './plan-compression.js';
import { summarizeMessages } from './summarize-messages.js';

export interface CompressContextOptions {
  /** The alias's `compression` settings; undefined when the alias does not opt in. */
  options: (alias: string) => CompressionConfig | undefined;
  /** Late-bound: the summarizer runs through the gateway this stage is part of. */
  gateway: () => Gateway;
  codecs: Pick<Codecs, 'upstreams'>;
  metrics: Metrics;
}

/** A summary may take up to an eighth of the budget (at least 64, at most 1,024 tokens). */
const summaryTokensFor = (maxInputTokens: number): number =>
  Math.max(64, Math.min(1024, Math.floor(maxInputTokens / 8)));
/** The summary's heading and message framing, on top of its own tokens. */
const summaryOverhead = 32;
const imageMarker = Buffer.from('image');

/**
 * Every o200k token is at least one byte and the body's JSON is longer than its text, so a body no
 * longer than the budget is under it without tokenizing — unless it has images, counted by size.
 */
const surelyUnder = (rawBody: Buffer, maxInputTokens: number): boolean =>
  rawBody.length <= maxInputTokens && !rawBody.includes(imageMarker);

function settingsFor(
  call: GatewayCall,
  lookup: (alias: string) => CompressionConfig | undefined,
): CompressionConfig | undefined {
  const requested = call.requestedModel === undefined ? undefined : lookup(call.requestedModel);
  if (requested !== undefined || call.route === undefined || call.route.alias === call.requestedModel) return requested;
  return lookup(call.route.alias);
}

/** Warnings travel in a response header: printable ASCII on one line. */
const headerSafe = (text: string): string => text.replace(/[^\x20-\x7e]+/g, ' ').slice(0, 300);

const percent = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((part / whole) * 100));

/** Builds the stage (see the file comment). */
export function compressContext(options: CompressContextOptions): AdmissionStage {
  defineCompressionMetrics(options.metrics);
  const reader = options.codecs.upstreams.get('openai-chat');

  return async (call) => {
    const config = settingsFor(call, options.options);
    const dialect = dialectFor(call.surface);
    if (!config || !dialect || surelyUnder(call.rawBody, config.maxInputTokens)) return;
    const summarizer = config.strategy === 'summarize' ? config.summarizer : undefined;
    const summaryTokens = summaryTokensFor(config.maxInputTokens);
    const planFor = (reserveTokens: number) =>
      planCompression({
        body: call.body,
        dialect,
        maxInputTokens: config.maxInputTokens,
        keepLastMessages: config.keepLastMessages,
        reserveTokens,
      });
    let plan = planFor(summarizer === undefined ? 0 : summaryTokens + summaryOverhead);
    if (plan.tokensBefore <= config.maxInputTokens) return;
    if (plan.dropped.length === 0) {
      call.warnings.push(
        `context not compressed: ${plan.tokensBefore} prompt tokens exceed ${config.maxInputTokens} but only pinned and recent messages remain`,
      );
      return;
    }

    let note: string | undefined;
    if (summarizer !== undefined && reader !== undefined) {
      const summary = await summarizeMessages({
        gateway: options.gateway(),
        parent: call,
        alias: summarizer,
        dialect,
        messages: plan.dropped.map((index) => plan.messages[index] ?? {}),
        maxTokens: summaryTokens,
        reader,
      });
      if (summary.ok) note = `[Summary of the earlier part of this conversation]\n${summary.text}`;
      else {
        call.warnings.push(
          `context summarizer "${summarizer}" failed (${headerSafe(summary.reason)}): old turns were dropped instead`,
        );
        // Without a summary to make room for, fewer turns need to go.
        plan = planFor(0);
      }
    }

    const compressed = applyCompression(plan, note);
    call.body = compressed.body;
    call.rawBody = Buffer.from(JSON.stringify(compressed.body));
    const saved = Math.max(0, plan.tokensBefore - compressed.tokensAfter);
    const how = note === undefined ? 'dropped' : 'summarized';
    call.warnings.push(
      `context compressed: ${plan.dropped.length} old messages ${how}, prompt ${plan.tokensBefore} -> ${compressed.tokensAfter} tokens (${percent(saved, plan.tokensBefore)}% saved)`,
    );
    options.metrics.increment(
      compressionTokensSavedMetric,
      { model: call.route ? (call.requestedModel ?? call.route.alias) : otherLabelValue },
      saved,
    );
  };
}
