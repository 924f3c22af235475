/**
 * A small real ToolGateway for the endpoint's tests (the real one is built elsewhere): three tools,
 * one key, a policy denial, argument validation, and an approval a test decides.
 */
import { PodiumError } from '../../contract/index.js';
import type { CatalogTool } from '../tools/index.js';
import type { ApprovalWait, ToolCallOutcome, ToolCallRequest, ToolGateway, ToolRequestBase } from '../tools/index.js';

export const testKey = 'pk-test-mcp-key';
/** A second valid key: another caller of the same server. */
export const otherKey = 'pk-other-mcp-key';

const tool = (
  [upstream, name]: [string, string],
  description: string,
  extra: Partial<CatalogTool['definition']> = {},
): CatalogTool => ({
  exposedName: `${upstream}__${name}`,
  canonicalName: `${upstream}__${name}`,
  description,
  pinDigest: 'digest',
  definition: {
    upstream,
    name,
    description,
    inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
    ...extra,
  },
});

interface Approval {
  state: ApprovalWait | 'pending';
  used: boolean;
  readonly key: string;
  readonly waiters: Set<(state: ApprovalWait) => void>;
}

export class FakeToolGateway implements ToolGateway {
  readonly tools: CatalogTool[] = [
    tool(['ops', 'deploy'], 'Deploys (needs approval).'),
    tool(['files', 'read_file'], 'Reads a file.', {
      annotations: { readOnlyHint: true },
      outputSchema: { type: 'object' },
    }),
    tool(['db', 'drop_table'], 'Drops a table.', { annotations: { destructiveHint: true } }),
  ];
  readonly calls: ToolCallRequest[] = [];
  private readonly approvals = new Map<string, Approval>();
  private pendingListeners: ((approvalId: string) => void)[] = [];

  private check(request: ToolRequestBase): void {
    this.authenticate(request.credential);
  }

  /** What the identity service does at the edge: a known key or a 401. */
  authenticate(credential: string | undefined): void {
    if (credential === undefined) throw new PodiumError('missing_api_key', 'No key.');
    if (credential !== testKey && credential !== otherKey)
      throw new PodiumError('invalid_api_key', 'Unknown Podium key.');
  }

  listTools(request: ToolRequestBase): Promise<readonly CatalogTool[]> {
    this.check(request);
    return Promise.resolve(this.tools);
  }

  callTool(request: ToolCallRequest): Promise<ToolCallOutcome> {
    this.check(request);
    this.calls.push(request);
    const args = request.arguments as Record<string, unknown>;
    if (!this.tools.some((candidate) => candidate.exposedName === request.name))
      return Promise.reject(new PodiumError('not_found', `Unknown tool "${request.name}".`, { param: 'name' }));
    if (typeof args.path !== 'string')
      return Promise.reject(
        new PodiumError('invalid_request', 'arguments.path: expected a string.', { param: 'arguments.path' }),
      );
    if (request.name === 'db__drop_table')
      return Promise.reject(new PodiumError('policy_denied', 'Policy "no-drops" forbids dropping tables.'));
    if (request.name === 'ops__deploy') return Promise.resolve(this.deploy(args.path));
    return Promise.resolve({
      type: 'result',
      callId: `call_${this.calls.length}`,
      result: { content: [{ type: 'text', text: `contents of ${args.path}` }], structuredContent: { path: args.path } },
    });
  }

  private deploy(path: string): ToolCallOutcome {
    for (const [id, approval] of this.approvals) {
      if (approval.key !== path) continue;
      if (approval.state === 'approved' && !approval.used) {
        approval.used = true;
        return {
          type: 'result',
          callId: 'call_deploy',
          result: { content: [{ type: 'text', text: `deployed ${path}` }] },
        };
      }
      if (approval.state === 'pending') return this.pending(id);
    }
    const id = `apr_${this.approvals.size + 1}`;
    this.approvals.set(id, { state: 'pending', used: false, key: path, waiters: new Set() });
    for (const listener of this.pendingListeners) listener(id);
    return this.pending(id);
  }

  private pending(approvalId: string): ToolCallOutcome {
    return {
      type: 'pending',
      callId: 'call_deploy',
      approvalId,
      expiresAt: '2030-01-01T00:00:00.000Z',
      message: 'Policy "deploys-need-a-human" requires approval.',
    };
  }

  /** How many times each approval was waited on; `onWait` runs before each wait (a test may decide there). */
  readonly waits = new Map<string, number>();
  onWait: ((approvalId: string, count: number) => void) | undefined;

  waitForApproval(approvalId: string, signal: AbortSignal): Promise<ApprovalWait> {
    const count = (this.waits.get(approvalId) ?? 0) + 1;
    this.waits.set(approvalId, count);
    this.onWait?.(approvalId, count);
    const approval = this.approvals.get(approvalId);
    if (!approval) return Promise.resolve('expired');
    if (approval.state !== 'pending') return Promise.resolve(approval.state);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        approval.waiters.delete(resolve);
        reject(new Error('The wait was aborted.'));
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      approval.waiters.add((state) => {
        signal.removeEventListener('abort', onAbort);
        resolve(state);
      });
    });
  }

  /** Resolves with the id of the next approval the gateway asks for. */
  nextApproval(): Promise<string> {
    return new Promise((resolve) => {
      const listener = (id: string) => {
        this.pendingListeners = this.pendingListeners.filter((candidate) => candidate !== listener);
        resolve(id);
      };
      this.pendingListeners.push(listener);
    });
  }

  decide(approvalId: string, state: ApprovalWait): void {
    const approval = this.approvals.get(approvalId);
    if (!approval) throw new Error(`no approval ${approvalId}`);
    approval.state = state;
    for (const waiter of approval.waiters) waiter(state);
    approval.waiters.clear();
  }
}
