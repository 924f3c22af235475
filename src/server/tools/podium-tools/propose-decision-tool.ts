/**
 * `propose_decision`: an agent proposes a registered decision exactly as `POST /api/v1/decisions/{id}` with
 * its key does — same body checks, context schema, makers, risk tiers and Cedar `decision.make` — as the key
 * the tool call came from. No `actingAs` (that is the admin key's) and no callback (the agent waits instead).
 */
import { z } from 'zod';
import { decisionAnswerSchema, PodiumError } from '../../../contract/index.js';
import { definePodiumTool, type PodiumTool } from './podium-tool.js';
import type { PodiumToolsOptions } from './podium-tools-services.js';

/** The registry's own bound on evidence is the decisions API body limit (1 MiB); a tool call is held to the same. */
const bodyBytes = 1024 * 1024;

const inputSchema = z
  .strictObject({
    name: z.string().min(1).max(100).describe('The decision id, as list_decisions shows it.'),
    proposal: z.unknown().describe('What you intend to do, in your own words or as JSON; recorded as is.'),
    context: z
      .record(z.string().max(100), z.unknown())
      .default({})
      .describe('The context fields the decision requires (get_decision_definition lists them and their schemas).'),
    evidence: z.array(z.unknown()).max(100).default([]).describe('Supporting evidence, recorded with the decision.'),
  })
  .refine((body) => (JSON.stringify(body) ?? '').length <= bodyBytes, {
    message: `at most ${bodyBytes} bytes of JSON`,
    path: ['proposal'],
  });

const outputSchema = decisionAnswerSchema.describe(
  'outcome "allowed": go ahead; "denied": do not; "pending": humans decide, wait_for_approval(approvalId).',
);

export function proposeDecisionTool(options: PodiumToolsOptions): PodiumTool {
  return definePodiumTool({
    name: 'propose_decision',
    description:
      'Propose a decision registered in Podium (e.g. a refund or a payout) before acting on it. The answer is ' +
      '"allowed", "denied" with reasons, or "pending" with an approvalId: then wait_for_approval until humans decide.',
    input: inputSchema,
    output: outputSchema,
    readOnly: false,
    async run(args, context) {
      const { caller } = context;
      const definition = options.registry.get(args.name);
      if (definition === undefined)
        throw new PodiumError('not_found', `no decision "${args.name}" is registered`, { param: 'name' });
      const answer = await options.decisions
        .propose({
          decisionId: args.name,
          tenant: caller.orgId,
          maker: {
            kind: 'key',
            keyId: caller.keyId,
            teamName: caller.teamName,
            tier: options.tierOf?.(caller) ?? 'standard',
            agent: caller.agent,
          },
          body: { proposal: args.proposal, context: args.context, evidence: args.evidence },
        })
        .catch((error: unknown) => {
          // The service names a context field bare (`amount`); the tool's argument is `context.amount`.
          if (error instanceof PodiumError && error.param !== undefined && error.param in definition.context)
            throw new PodiumError(error.code, error.message, { param: `context.${error.param}`, cause: error });
          throw error;
        });
      return answer;
    },
  });
}
