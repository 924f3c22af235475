/**
 * The tool argument fields to validate `tool.call` policies against: the union over every upstream's tools
 * (all of them, not one caller's view — policies are the same for every caller). The composition root loads
 * policies with them (`loadPolicies({ …, toolArguments })`) and reloads when `catalog.onChanged` fires, as
 * decision context fields are merged from podium.yaml's decisions.
 */
import type { CedarFieldType } from '../../governance/policies/index.js';
import { toolArgumentFields } from '../../governance/policies/index.js';
import type { ToolCatalog } from '../tool-catalog.js';
import type { ToolDefinition } from '../tool-definition.js';

/** An upstream that cannot list its tools now contributes none (its tools' fields come back on the next reload). */
export async function catalogArgumentFields(
  catalog: Pick<ToolCatalog, 'upstreams'>,
  log: (message: string) => void,
): Promise<Record<string, CedarFieldType>> {
  const lists = await Promise.all(
    catalog.upstreams().map(async (upstream): Promise<readonly ToolDefinition[]> => {
      try {
        return await upstream.listTools({ caller: undefined });
      } catch (error) {
        log(
          `tool policies: ${upstream.name}'s tools are left out of the policy schema for now: ${(error as Error).message}`,
        );
        return [];
      }
    }),
  );
  return toolArgumentFields(lists.flat(), log);
}
