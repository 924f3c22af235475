/**
 * `podium policy test`: policy test cases from a YAML file, each a request and the decision (and
 * optionally the deciding policies) it must get. Runs offline against the configured policies.
 */
import { z } from 'zod';
import type { CedarValueJson } from '@cedar-policy/cedar-wasm/nodejs';
import { toCedar, type CedarFieldType } from './decision-context.js';
import type { LoadedPolicies } from './load-policies.js';
import { PolicyEngine, type PolicyAnswer } from './policy-engine.js';

const entitySchema = z.strictObject({
  type: z.string().min(1),
  id: z.string().min(1),
  attrs: z.record(z.string(), z.json()).default({}),
  parents: z.array(z.strictObject({ type: z.string().min(1), id: z.string().min(1) })).default([]),
});

export const policyTestFileSchema = z.strictObject({
  cases: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        principal: entitySchema,
        action: z.string().min(1),
        resource: entitySchema,
        context: z.record(z.string(), z.json()).default({}),
        /** Further entities of the hierarchy, e.g. the agent a key names, with its roles as parents. */
        entities: z.array(entitySchema).default([]),
        expect: z.enum(['allow', 'deny']),
        /** The policies that must decide (order irrelevant); `[]` asserts a default deny. */
        policies: z.array(z.string()).optional(),
      }),
    )
    .min(1),
});
export type PolicyTestFile = z.infer<typeof policyTestFileSchema>;

export interface PolicyTestResult {
  name: string;
  passed: boolean;
  answer: PolicyAnswer;
  /** Why it failed, when it did. */
  failure: string | undefined;
}

/** `budget.request`'s amounts, decimals as the gateway passes them (authorize-budget-request.ts). */
const budgetRequestFields: Readonly<Record<string, CedarFieldType>> = { amount: 'decimal', currentLimit: 'decimal' };

/**
 * A case's context as Cedar takes it: for `decision.make` the decisions' typed fields and for `budget.request`
 * its amounts converted (a number in a `decimal` field becomes a Cedar decimal, so cases can write
 * `amount: 250.5`); anything else as written.
 */
function contextOf(
  action: string,
  context: Record<string, unknown>,
  policies: LoadedPolicies,
): Record<string, CedarValueJson> {
  const converted: Record<string, CedarValueJson> = {};
  for (const [name, value] of Object.entries(context)) {
    const type =
      action === 'decision.make'
        ? policies.decisionFields[name]
        : action === 'budget.request'
          ? budgetRequestFields[name]
          : undefined;
    converted[name] = (type === undefined ? undefined : toCedar(type, value).value) ?? (value as CedarValueJson);
  }
  return converted;
}

/** Runs every case; never throws for a failing case (it is reported). */
export function runPolicyTests(input: { policies: LoadedPolicies; file: PolicyTestFile }): PolicyTestResult[] {
  const engine = new PolicyEngine({ policies: input.policies });
  return input.file.cases.map((testCase) => {
    // Model and tool calls always carry these; a case need only state what it is about.
    const defaults: Record<string, CedarValueJson> =
      testCase.action === 'model.call'
        ? { dataClasses: [], requestedModel: testCase.resource.id, tags: [] }
        : testCase.action === 'tool.call'
          ? { dataClasses: [], tags: [] }
          : {};
    const answer = engine.check({
      principal: { ...testCase.principal, attrs: testCase.principal.attrs },
      action: testCase.action,
      resource: { ...testCase.resource, attrs: testCase.resource.attrs },
      context: { ...defaults, ...contextOf(testCase.action, testCase.context, input.policies) },
      entities: testCase.entities,
    });
    const problems: string[] = [];
    if (answer.decision !== testCase.expect) problems.push(`expected ${testCase.expect}, got ${answer.decision}`);
    if (testCase.policies && [...testCase.policies].sort().join(',') !== [...answer.policies].sort().join(',')) {
      problems.push(`expected policies [${testCase.policies.join(', ')}], got [${answer.policies.join(', ')}]`);
    }
    if (answer.errors.length > 0) problems.push(`evaluation errors: ${answer.errors.join('; ')}`);
    return {
      name: testCase.name,
      passed: problems.length === 0,
      answer,
      failure: problems.length === 0 ? undefined : problems.join('; '),
    };
  });
}
