/**
 * Stage: Cedar `tool.call` on `Podium::Tool::"<upstream>/<tool>"`, through the generic policy stage. The
 * principal is the model call's (key, team, agent); the context is the tool call's (tool-call-context.ts).
 * Argument values reach policies with personal data replaced by its class: policies judge on `dataClasses`,
 * and a denial's audit entry (which carries the context) never copies an email address into the trail.
 */
import { PodiumError } from '../../../contract/index.js';
import type { AdmissionStage } from '../../gateway/index.js';
import {
  authorizeCall,
  toolCallContext,
  type PolicyCheck,
  type PolicyCheckInput,
} from '../../governance/policies/index.js';
import { toolResourceId } from '../tool-definition.js';
import { redactJson } from './redact-personal-data.js';
import type { ToolCall } from './tool-call.js';

const tagsOf = (call: ToolCall): string[] =>
  call.tags
    ? Object.entries(call.tags)
        .map(([name, value]) => `${name}=${value}`)
        .sort()
    : [];

/**
 * The policy input of a tool call (`action` is `tool.call`, or `tool.result` with the result's data classes),
 * or undefined before the caller and the tool are known.
 * @throws PodiumError `invalid_tool_arguments` for an argument policies could not compare exactly.
 */
export function toolCallRequest(
  call: ToolCall,
  check: PolicyCheck,
  result?: { dataClasses: readonly string[] },
): PolicyCheckInput | undefined {
  const caller = call.caller;
  const tool = call.tool;
  if (!caller || !tool) return undefined;
  const { definition } = tool;
  const { context, problems } = toolCallContext({
    tool: definition,
    arguments: redactJson(call.arguments).value,
    fields: check.engine.toolArgumentFields,
    dataClasses: call.dataClasses,
    endUser: call.endUser,
    agent: call.agent,
    tags: tagsOf(call),
  });
  const [problem] = problems;
  if (problem !== undefined) {
    const field = `arguments.${problem.slice(0, problem.indexOf(':'))}`;
    throw new PodiumError('invalid_tool_arguments', `arguments.${problem}`, { param: field });
  }
  if (result) context.resultDataClasses = [...result.dataClasses];
  return {
    principal: { kind: 'key', keyId: caller.keyId, teamName: caller.teamName, tier: caller.tier, agent: call.agent },
    action: result ? 'tool.result' : 'tool.call',
    resource: { type: 'Tool', id: toolResourceId(definition.upstream, definition.name) },
    context,
    tenant: caller.orgId,
    subject: call.id,
    // Argument values make nearly every context unique: caching them would only fill the cache.
    cache: Object.keys(call.arguments).length === 0,
  };
}

export interface AuthorizeToolCallOptions {
  check: PolicyCheck;
  onError?: ((error: unknown) => void) | undefined;
}

/** The tool call's policy stage: denial → 403 `policy_denied` naming the policy (audited by the check's hook). */
export function authorizeToolCall(options: AuthorizeToolCallOptions): AdmissionStage<ToolCall> {
  const { check } = options;
  return authorizeCall<ToolCall>({
    check,
    describe: (call) => toolCallRequest(call, check),
    param: 'name',
    onVerdict: (call, verdict) => {
      call.decidedBy = verdict.policies;
      call.policyRevision = check.engine.revision;
    },
    ...(options.onError ? { onError: options.onError } : {}),
  });
}
