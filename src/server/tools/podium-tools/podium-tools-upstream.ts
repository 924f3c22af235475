/**
 * Podium's own capabilities — approvals, the decision registry, budgets — as the tools of an upstream named
 * `podium`, so any agent framework that speaks MCP gets governance without an SDK. The gateway governs these
 * calls like any other (policy `tool.call` on `Podium::Tool::"podium/<tool>"`, audit, ledger); each tool then
 * acts only for the calling key's organisation, never with more reach than that key has through the API.
 */
import { PodiumError } from '../../../contract/index.js';
import type { ToolDefinition } from '../tool-definition.js';
import type { ToolUpstream, UpstreamHealth } from '../tool-upstream.js';
import { checkBudgetTool } from './check-budget-tool.js';
import { getDecisionDefinitionTool, listDecisionsTool } from './decision-registry-tools.js';
import { podiumUpstreamName, type PodiumTool } from './podium-tool.js';
import type { PodiumToolsOptions } from './podium-tools-services.js';
import { proposeDecisionTool } from './propose-decision-tool.js';
import { requestApprovalTool } from './request-approval-tool.js';
import { requestBudgetTool } from './request-budget-tool.js';
import { waitForApprovalTool } from './wait-for-approval-tool.js';

/**
 * Builds the `podium` upstream. Its tool list is fixed (the registry's contents are what `list_decisions`
 * answers, not tools), so it never signals a change; it is in-process, so it is always ready.
 */
export function createPodiumToolsUpstream(options: PodiumToolsOptions): ToolUpstream {
  const tools = new Map<string, PodiumTool>(
    [
      checkBudgetTool(options),
      getDecisionDefinitionTool(options),
      listDecisionsTool(options),
      proposeDecisionTool(options),
      requestApprovalTool(options),
      requestBudgetTool(options),
      waitForApprovalTool(options),
    ].map((tool) => [tool.definition.name, tool]),
  );
  const definitions: readonly ToolDefinition[] = [...tools.values()]
    .map((tool) => tool.definition)
    .sort((left, right) => (left.name < right.name ? -1 : 1));
  const health: UpstreamHealth = { state: 'ready', since: (options.now?.() ?? new Date()).toISOString() };
  let closed = false;

  return {
    name: podiumUpstreamName,
    kind: 'podium',
    listTools: () => Promise.resolve(definitions),
    async callTool(name, args, context) {
      if (closed) throw new PodiumError('upstream_unavailable', 'the podium tools upstream is closed');
      const tool = tools.get(name);
      if (tool === undefined)
        throw new PodiumError('not_found', `podium has no tool "${name.slice(0, 128)}"`, { param: 'name' });
      return tool.call(args, context);
    },
    health: () => (closed ? { state: 'closed', since: health.since } : health),
    onToolsChanged: () => () => undefined,
    close() {
      closed = true;
      return Promise.resolve();
    },
  };
}
