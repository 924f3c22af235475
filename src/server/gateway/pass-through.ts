/**
 * Same-protocol calls: the client's body goes upstream byte for byte (only the model id is
 * spliced in) and the upstream's bytes come back untouched; usage is read on the side.
 */
import { formatSse, SseParser } from '../protocols/index.js';
import { PodiumError } from '../../contract/index.js';
import { describeCall, sendUpstream, type AttemptContext } from './attempt.js';
import { useUsage } from './estimate-usage.js';
import { readUpstreamBody, usageView } from './read-upstream-body.js';
import { RelayedText } from './relayed-text.js';

export async function passThrough(context: AttemptContext): Promise<void> {
  const { call, sink, surface, target } = context;
  const body = surface.prepareBody(call.rawBody.toString('utf8'), {
    requestedModel: call.requestedModel ?? target.model,
    targetModel: target.model,
    stream: call.stream,
    body: call.body,
  });
  const response = await sendUpstream(context, { operation: surface.operation, body, stream: call.stream });

  if (!call.stream) {
    const started = context.now();
    const buffer = await readUpstreamBody(response.body);
    call.upstreamMs += context.now() - started;
    const reported = surface.usageFromBody(usageView(buffer));
    let relayed: RelayedText | undefined;
    if (reported === undefined) {
      relayed = new RelayedText();
      relayed.addPayload(buffer.toString('utf8'));
    }
    useUsage(call, { reported, relayed });
    context.settle(call);
    call.status = response.status;
    sink.send(response.status, buffer, describeCall(call));
    return;
  }

  const tap = surface.createUsageTap(call.body);
  const parser = new SseParser();
  // Kept in case the stream ends without usage: the estimate counts what the client received.
  const relayed = new RelayedText();
  call.status = response.status;
  sink.startStream(response.status, describeCall(call));
  const forward = (events: readonly { event?: string | undefined; data: string }[]): string => {
    let out = '';
    for (const event of events) {
      if (!tap.observe(event)) continue;
      relayed.addPayload(event.data);
      out += formatSse(event.data, event.event);
    }
    return out;
  };
  try {
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      const text = forward(parser.push(chunk));
      if (text.length > 0 && !sink.write(text)) await sink.drain();
    }
    const rest = forward(parser.flush());
    if (rest.length > 0) sink.write(rest);
    useUsage(call, { reported: tap.usage(), relayed });
    context.settle(call);
    sink.end();
    const failure = tap.failure();
    if (failure !== undefined) {
      // The error event already reached the client verbatim; only the record needs to say it failed.
      call.error = new PodiumError('upstream_error', failure, { status: 502 });
      call.status = 502;
    }
  } catch (error) {
    useUsage(call, { reported: tap.usage(), relayed });
    context.settle(call);
    throw new StreamInterruptedError(error);
  }
}

/** The upstream stream broke after bytes reached the client: no retry is possible. */
export class StreamInterruptedError extends PodiumError {
  constructor(cause: unknown) {
    super('upstream_error', `upstream stream interrupted: ${cause instanceof Error ? cause.message : String(cause)}`, { status: 502, cause });
  }
}
