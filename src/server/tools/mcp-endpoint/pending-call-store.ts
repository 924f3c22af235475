/**
 * Calls waiting on a human's approval, as MCP callers hold them: a 2025-era task (`tasks/get`,
 * `tasks/result`) or a 2026-era `requestState`. Each entry is owned by the credential that made the
 * call (only its digest is kept) and named by an unguessable id, so another caller can neither read
 * nor resume it. Entries live in this process's memory, bounded in number and in time: a replica
 * that did not create a task does not know it (documented in docs/mcp-endpoint.md).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { CallToolResult } from '@modelcontextprotocol/server';
import { PodiumError } from '../../../contract/index.js';

export type PendingCallStatus = 'working' | 'completed' | 'failed' | 'cancelled';

export interface PendingCall {
  readonly id: string;
  readonly ownerDigest: string;
  /** The exposed tool name: a resumed call must name the same tool. */
  readonly name: string;
  readonly createdAt: string;
  /** How long the entry is kept once settled (the task's ttl). */
  readonly ttlMs: number;
  status: PendingCallStatus;
  statusMessage: string | undefined;
  lastUpdatedAt: string;
  approvalId: string | undefined;
  expiresAt: string | undefined;
  result: CallToolResult | undefined;
  /** Aborts the background work (tasks/cancel, store closed). */
  readonly controller: AbortController;
  /** Resolves once the entry is settled (completed, failed or cancelled). */
  readonly settled: Promise<void>;
  settle: (status: Exclude<PendingCallStatus, 'working'>, result: CallToolResult) => void;
}

export interface PendingCallStoreOptions {
  /** Most entries kept at once; a new call past it is refused (the caller may retry later). */
  maxEntries?: number;
  /** Longest an entry is kept, settled or not. */
  maxTtlMs?: number;
  now?: () => number;
}

export const credentialDigest = (credential: string): string =>
  createHash('sha256').update(credential).digest('base64url');

export class PendingCallStore {
  private readonly entries = new Map<string, PendingCall>();
  private readonly maxEntries: number;
  private readonly maxTtlMs: number;
  private readonly now: () => number;

  constructor(options: PendingCallStoreOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.maxTtlMs = options.maxTtlMs ?? 24 * 60 * 60 * 1000;
    this.now = options.now ?? Date.now;
  }

  /** A new working entry for `credential`; refuses (429) when the store is full of live entries. */
  create(input: { credential: string; name: string; ttlMs?: number | undefined }): PendingCall {
    this.sweep();
    if (this.entries.size >= this.maxEntries)
      throw new PodiumError('rate_limited', 'Too many tool calls are waiting for approval; retry later.', {
        retryable: true,
      });
    const at = new Date(this.now()).toISOString();
    let settle: PendingCall['settle'] = () => undefined;
    const settled = new Promise<void>((resolve) => {
      settle = (status, result) => {
        if (entry.status !== 'working') return;
        entry.status = status;
        entry.result = result;
        entry.lastUpdatedAt = new Date(this.now()).toISOString();
        resolve();
      };
    });
    const entry: PendingCall = {
      id: randomBytes(18).toString('base64url'),
      ownerDigest: credentialDigest(input.credential),
      name: input.name,
      createdAt: at,
      ttlMs: Math.min(Math.max(input.ttlMs ?? this.maxTtlMs, 1000), this.maxTtlMs),
      status: 'working',
      statusMessage: undefined,
      lastUpdatedAt: at,
      approvalId: undefined,
      expiresAt: undefined,
      result: undefined,
      controller: new AbortController(),
      settled,
      settle: (status, result) => settle(status, result),
    };
    this.entries.set(entry.id, entry);
    return entry;
  }

  /** The entry if it exists and `credential` owns it; undefined otherwise (no oracle for other callers' ids). */
  get(id: string, credential: string): PendingCall | undefined {
    this.sweep();
    const entry = this.entries.get(id);
    return entry && entry.ownerDigest === credentialDigest(credential) ? entry : undefined;
  }

  /** The caller's entries, newest first, at most `limit`. */
  list(credential: string, limit: number): PendingCall[] {
    this.sweep();
    const owner = credentialDigest(credential);
    return [...this.entries.values()]
      .filter((entry) => entry.ownerDigest === owner)
      .reverse()
      .slice(0, limit);
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  close(): void {
    for (const entry of this.entries.values()) entry.controller.abort();
    this.entries.clear();
  }

  /** Drops entries past their ttl (Map order is creation order, so the oldest come first). */
  private sweep(): void {
    const now = this.now();
    for (const [id, entry] of this.entries) {
      const reference =
        entry.status === 'working'
          ? Date.parse(entry.createdAt) + this.maxTtlMs
          : Date.parse(entry.lastUpdatedAt) + entry.ttlMs;
      if (reference > now) continue;
      entry.controller.abort();
      this.entries.delete(id);
    }
  }
}
