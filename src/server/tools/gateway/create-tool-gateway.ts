/**
 * The tool gateway over a catalog and the tool-call pipeline: `listTools` identifies the caller and asks the
 * catalog; `callTool` runs one call through the pipeline's stages (declared once, in
 * `pipeline/tool-call-pipeline.ts`) and answers with its result, its pending approval, or its PodiumError.
 */
import { PodiumError } from '../../../contract/index.js';
import { Pipeline, type PipelineStages } from '../../gateway/index.js';
import type { IdentityService } from '../../identity/index.js';
import type { CatalogTool, ToolCatalog } from '../tool-catalog.js';
import type { ApprovalWait, ToolCallOutcome, ToolGateway } from '../tool-gateway.js';
import type { ToolCaller } from '../tool-upstream.js';
import { agentOf } from './resolve-tool.js';
import { newToolCall, type ToolCall } from './tool-call.js';
import { ToolCallSink } from './tool-call-sink.js';

export interface ToolGatewayParts {
  catalog: Pick<ToolCatalog, 'list'>;
  identity: Pick<IdentityService, 'authenticate'>;
  /** `declareToolCallPipeline(parts).stages`. */
  stages: PipelineStages<ToolCall, ToolCallSink>;
  /** `waitForApproval({ approvals, now, sleep: abortableSleep })`. */
  waitForApproval: (approvalId: string, signal: AbortSignal) => Promise<ApprovalWait>;
  now?: (() => Date) | undefined;
}

const headerValue = (value: string | string[] | undefined): string | undefined =>
  (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

export function createToolGateway(parts: ToolGatewayParts): ToolGateway {
  const pipeline = new Pipeline<ToolCall, ToolCallSink>(parts.stages);
  const now = parts.now ?? (() => new Date());
  return {
    async listTools(request): Promise<readonly CatalogTool[]> {
      if (!request.credential) {
        throw new PodiumError('missing_api_key', 'Provide your Podium key in an Authorization header (Bearer pk-...).');
      }
      const caller = await parts.identity.authenticate(request.credential);
      const toolCaller: ToolCaller = {
        orgId: caller.orgId,
        keyId: caller.keyId,
        teamName: caller.teamName,
        user: headerValue(request.headers['x-podium-user'])?.slice(0, 256),
        agent: agentOf(request.headers),
      };
      return parts.catalog.list(toolCaller, request.signal);
    },

    async callTool(request): Promise<ToolCallOutcome> {
      const call = newToolCall(request, now());
      const sink = new ToolCallSink(request.signal);
      await pipeline.handle(call, sink);
      if (sink.failure) throw sink.failure;
      if (call.error) throw call.error;
      const approval = call.approval;
      if (approval?.state === 'requested') {
        return {
          type: 'pending',
          callId: call.id,
          approvalId: approval.id,
          expiresAt: approval.expiresAt,
          message: `This call needs a human's approval (${approval.approvers.join(', ')}): approval ${approval.id}, until ${approval.expiresAt}. Make the same call again once it is approved.`,
        };
      }
      if (!call.result) throw new PodiumError('internal_error', 'the tool call ended without a result');
      return { type: 'result', callId: call.id, result: call.result };
    },

    waitForApproval: (approvalId, signal) => parts.waitForApproval(approvalId, signal),
  };
}
