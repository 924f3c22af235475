/**
 * Podium's own calls on a caller's behalf — a cascade's cheaper tier, a shadow call to the reference,
 * a repair retry, a judge or a summariser — go through the whole pipeline like any other call:
 * the same key, budgets and ledger, labelled with the tag `podium.internal=<kind>` so a tag-scoped
 * budget can cap them and chargeback can tell them apart.
 */
import { randomUUID } from 'node:crypto';
import type { Surface } from '../../contract/index.js';
import type { CapturedResponse } from './captured-response.js';
import { createGatewayCall, type GatewayCall } from './gateway-call.js';
import type { Gateway } from './gateway.js';
import { MemorySink } from './memory-sink.js';

export type InternalCallKind = NonNullable<GatewayCall['internal']>;

export interface InternalCallRequest {
  /** The call this one is made for: its credential, end user and tags carry over. */
  parent: GatewayCall;
  kind: InternalCallKind;
  /** A complete request body in `surface`'s shape (default: the parent's surface). */
  body: Record<string, unknown>;
  surface?: Surface;
  /** Aborts the internal call (default: the parent's signal, so a client hang-up cancels it too). */
  signal?: AbortSignal;
}

export interface InternalCallResult {
  call: GatewayCall;
  response: CapturedResponse;
}

/** Runs one internal call to completion; never throws (a failure is in `response.error`). */
export async function runInternalCall(gateway: Gateway, request: InternalCallRequest): Promise<InternalCallResult> {
  const { parent } = request;
  const tags = { ...parent.tags, 'podium.internal': request.kind };
  const headers: Record<string, string | string[] | undefined> = {
    ...parent.headers,
    'x-podium-tags': Object.entries(tags)
      .map(([name, value]) => `${name}=${value}`)
      .join(','),
  };
  if (parent.endUser !== undefined) headers['x-podium-user'] = parent.endUser;
  const call = createGatewayCall({
    id: `${parent.id}.${request.kind}.${randomUUID().slice(0, 8)}`,
    surface: request.surface ?? parent.surface,
    credential: parent.credential,
    headers,
    rawBody: Buffer.from(JSON.stringify(request.body)),
    startedAt: performance.now(),
  });
  call.internal = request.kind;
  const sink = new MemorySink(request.signal ?? parent.signal ?? new AbortController().signal);
  await gateway.handle(call, sink);
  return { call, response: sink.captured() };
}
