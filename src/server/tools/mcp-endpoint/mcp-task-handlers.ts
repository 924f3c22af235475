/**
 * The 2025-11-25 tasks methods for a caller's pending calls. The SDK has no task runtime (its typed
 * surface leaves task methods out), so they are registered as custom methods with their spec schemas;
 * every lookup is scoped to the caller's credential.
 */
import { ProtocolError, ProtocolErrorCode, type Server, type ServerCapabilities } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { McpExchange } from './mcp-caller.js';
import { taskOf } from './mcp-tool-call.js';
import type { PendingCall, PendingCallStore } from './pending-call-store.js';

/** What the server declares so that 2025 clients may augment `tools/call` with a task. */
export const taskCapabilities: NonNullable<ServerCapabilities['tasks']> = {
  list: {},
  cancel: {},
  requests: { tools: { call: {} } },
};

const taskIdParams = z.looseObject({ taskId: z.string().min(1).max(200) });
const listParams = z.looseObject({ cursor: z.string().max(200).optional() }).optional();
const anyResult = z.looseObject({});
const maxListed = 100;

export function addTaskHandlers(server: Server, input: { store: PendingCallStore; exchange: McpExchange }): void {
  const { store, exchange } = input;
  const find = (taskId: string): PendingCall => {
    const entry = store.get(taskId, exchange.caller.credential);
    if (!entry) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown task: ${taskId.slice(0, 64)}`);
    return entry;
  };
  server.setRequestHandler('tasks/get', { params: taskIdParams, result: anyResult }, (params) =>
    taskOf(find(params.taskId)),
  );
  server.setRequestHandler('tasks/result', { params: taskIdParams, result: anyResult }, async (params) => {
    const entry = find(params.taskId);
    // Blocks until the task is settled, as the spec asks; the caller's request signal bounds the wait.
    await untilSettled(entry.settled, exchange.caller.signal);
    const result = entry.result ?? { content: [{ type: 'text', text: 'The task was cancelled.' }], isError: true };
    return { ...result, _meta: { ...result._meta, 'io.modelcontextprotocol/related-task': { taskId: entry.id } } };
  });
  server.setRequestHandler('tasks/list', { params: listParams, result: anyResult }, () => ({
    tasks: store.list(exchange.caller.credential, maxListed).map(taskOf),
  }));
  server.setRequestHandler('tasks/cancel', { params: taskIdParams, result: anyResult }, (params) => {
    const entry = find(params.taskId);
    if (entry.status !== 'working')
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Task ${entry.id} is already ${entry.status}.`);
    entry.controller.abort();
    entry.settle('cancelled', { content: [{ type: 'text', text: 'The task was cancelled.' }], isError: true });
    return taskOf(entry);
  });
}

/** Waits for `settled`, or rejects when the request goes away; the listener leaves with the wait. */
function untilSettled(settled: Promise<void>, signal: AbortSignal): Promise<void> {
  const cancelled = () => new ProtocolError(ProtocolErrorCode.InternalError, 'The request was cancelled.');
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    void settled.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
