/**
 * Stages: who the tool call is for (the agent, as `x-podium-agent` names it) and which tool it asks for, as
 * this caller sees the catalog. A tool the caller cannot see (another team's set, quarantined, unknown) is the
 * same 404 — whether it exists elsewhere is not the caller's business.
 */
import { PodiumError } from '../../../contract/index.js';
import type { AdmissionStage } from '../../gateway/index.js';
import type { ToolCatalog } from '../tool-catalog.js';
import type { ToolCaller } from '../tool-upstream.js';
import type { ToolCall } from './tool-call.js';

const maxAgentLength = 200;

/** The agent a call names, trimmed and bounded; undefined when none. */
export function agentOf(headers: ToolCall['headers']): string | undefined {
  const value = headers['x-podium-agent'];
  const agent = (Array.isArray(value) ? value[0] : value)?.trim();
  return agent ? agent.slice(0, maxAgentLength) : undefined;
}

/** The caller as upstreams may know it; undefined before identification. */
export function toolCallerOf(call: ToolCall): ToolCaller | undefined {
  const caller = call.caller;
  if (!caller) return undefined;
  return {
    orgId: caller.orgId,
    keyId: caller.keyId,
    teamName: caller.teamName,
    user: call.endUser,
    agent: call.agent,
  };
}

export const attributeAgent: AdmissionStage<ToolCall> = (call) => {
  call.agent = agentOf(call.headers);
};

/** The tool by the name the caller sees, or 404 `tool_not_found` naming it. */
export function resolveTool(catalog: Pick<ToolCatalog, 'resolve'>): AdmissionStage<ToolCall> {
  return async (call) => {
    const caller = toolCallerOf(call);
    if (!caller) return;
    const name = call.requestedName.slice(0, 256);
    call.tool = await catalog.resolve(caller, name, call.signal);
    if (!call.tool)
      throw new PodiumError('tool_not_found', `Tool \`${name}\` does not exist or is not available to this caller.`, {
        param: 'name',
      });
  };
}
