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
import { StreamInterruptedError, unreadableStream } from './stream-interrupted-error.js';
import { StreamStart } from './stream-start.js';

export { StreamInterruptedError } from './stream-interrupted-error.js';

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
    let buffer: Buffer;
    try {
      buffer = await readUpstreamBody(response.body, {
        maxBytes: context.limits.maxBodyBytes,
        provider: target.provider.name,
      });
    } finally {
      call.upstreamMs += context.now() - started;
    }
    const reported = surface.usageFromBody(usageView(buffer));
    let relayed: RelayedText | undefined;
    if (reported === undefined) {
      relayed = new RelayedText();
      relayed.addPayload(buffer.toString('utf8'));
    }
    useUsage(call, { reported, relayed });
    context.settle(call);
    call.status = response.status;
    sink.send(response.status, buffer, describeCall(call, response.headers));
    return;
  }

  const tap = surface.createUsageTap(call.body);
  const parser = new SseParser({ maxEventLength: context.limits.maxEventLength });
  const start = new StreamStart({ sink, status: response.status, headers: () => describeCall(call, response.headers) });
  // Kept in case the stream ends without usage: the estimate counts what the client received.
  const relayed = new RelayedText();
  call.status = response.status;
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
    for await (const chunk of response.body) {
      const text = forward(parser.push(chunk));
      if (text.length > 0 && !start.write(text)) await sink.drain();
    }
    const rest = forward(parser.flush());
    if (!start.begun && rest.length === 0) {
      throw new PodiumError('upstream_error', `provider "${target.provider.name}" ended its stream without an event`, {
        status: 502,
        retryable: true,
      });
    }
    if (rest.length > 0) start.write(rest);
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
    // Nothing reached the client yet: the executor may still retry or fall back, so nothing is settled.
    if (!start.begun) throw unreadableStream(error, target.provider.name);
    useUsage(call, { reported: tap.usage(), relayed });
    context.settle(call);
    throw new StreamInterruptedError({ provider: target.provider.name, cause: error });
  }
}
