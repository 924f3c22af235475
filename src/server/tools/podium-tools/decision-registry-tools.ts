/**
 * `list_decisions` and `get_decision_definition`: the registry as any key sees it through
 * `GET /api/v1/decisions` — what exists, who owns it, what context it needs and how risk is tiered.
 */
import { z } from 'zod';
import { PodiumError, type DecisionDefinition } from '../../../contract/index.js';
import { definePodiumTool, type PodiumTool } from './podium-tool.js';
import type { PodiumToolsOptions } from './podium-tools-services.js';

/** Bounds one answer; the registry is configuration, so this is far above any real one. */
const listLimit = 500;

const summarySchema = z.object({
  name: z.string(),
  description: z.string(),
  owner: z.string(),
  contextFields: z.array(z.string()),
  riskTiers: z.array(z.object({ name: z.string().nullable(), outcome: z.enum(['auto', 'approve', 'deny']) })),
});

const summary = (definition: DecisionDefinition): z.infer<typeof summarySchema> => ({
  name: definition.id,
  description: definition.description,
  owner: definition.owner,
  contextFields: Object.keys(definition.context),
  riskTiers: definition.risk.map((tier) => ({ name: tier.name ?? null, outcome: tier.outcome })),
});

export function listDecisionsTool(options: PodiumToolsOptions): PodiumTool {
  return definePodiumTool({
    name: 'list_decisions',
    description:
      'List the decisions registered in Podium: their names, descriptions, owners, context fields and risk tiers. ' +
      "Use get_decision_definition for a decision's context schemas, then propose_decision.",
    input: z.strictObject({}),
    output: z.object({ decisions: z.array(summarySchema), truncated: z.boolean() }),
    readOnly: true,
    run() {
      const listed = options.registry.list().map((entry) => summary(entry.definition));
      listed.sort((left, right) => left.name.localeCompare(right.name));
      return Promise.resolve({ decisions: listed.slice(0, listLimit), truncated: listed.length > listLimit });
    },
  });
}

const definitionOutputSchema = z.object({
  name: z.string(),
  description: z.string(),
  owner: z.string(),
  context: z.record(
    z.string(),
    z.object({ schema: z.record(z.string(), z.unknown()), required: z.boolean(), description: z.string().nullable() }),
  ),
  riskTiers: z.array(
    z.object({
      name: z.string().nullable(),
      when: z.record(z.string(), z.unknown()).nullable(),
      outcome: z.enum(['auto', 'approve', 'deny']),
      approvers: z.array(z.string()),
      quorum: z.number().int(),
    }),
  ),
  timeoutMs: z.number().int(),
  onTimeout: z.enum(['deny', 'approve']),
});

export function getDecisionDefinitionTool(options: PodiumToolsOptions): PodiumTool {
  return definePodiumTool({
    name: 'get_decision_definition',
    description:
      'Show one registered decision: the context fields a proposal must carry (with their JSON Schemas), its owner, ' +
      'and which risk tier is automatic, needs approval (by whom) or is denied.',
    input: z.strictObject({ name: z.string().min(1).max(100).describe('The decision name from list_decisions.') }),
    output: definitionOutputSchema,
    readOnly: true,
    run(args) {
      const definition = options.registry.get(args.name);
      if (definition === undefined)
        return Promise.reject(
          new PodiumError('not_found', `no decision "${args.name}" is registered`, { param: 'name' }),
        );
      // Makers are left out: who else may make a decision is not the caller's to learn; propose_decision says whether it may.
      return Promise.resolve({
        name: definition.id,
        description: definition.description,
        owner: definition.owner,
        context: Object.fromEntries(
          Object.entries(definition.context).map(([field, spec]) => [
            field,
            { schema: spec.schema, required: spec.required, description: spec.description ?? null },
          ]),
        ),
        riskTiers: definition.risk.map((tier) => ({
          name: tier.name ?? null,
          when: tier.when ?? null,
          outcome: tier.outcome,
          approvers: tier.approvers ?? [],
          quorum: tier.quorum ?? 1,
        })),
        timeoutMs: definition.timeoutMs,
        onTimeout: definition.onTimeout,
      });
    },
  });
}
