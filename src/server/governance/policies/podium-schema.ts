/**
 * The Cedar schema every Podium policy is validated against at load: who can act (keys, agents,
 * users, in teams and roles), on what (models, tools, decisions, budgets), with which context.
 * Validation catches a misspelt attribute or action when the file is loaded, not when a call is denied.
 * `decision.make`'s context carries the decisions' own context fields (decision-context.ts); `tool.call`'s
 * `context.arguments` the tools' top-level arguments (tool-call-context.ts), merged the same way.
 */
import type { CedarFieldType } from './decision-context.js';

export const podiumNamespace = 'Podium';

/**
 * The schema, with `decision.make`'s context typed for the given decision context fields and `tool.call`'s
 * `context.arguments` for the given tool argument fields (every catalog tool's, merged).
 */
export function podiumCedarSchemaFor(
  decisionFields: Readonly<Record<string, CedarFieldType>>,
  toolArgumentFields: Readonly<Record<string, CedarFieldType>> = {},
): string {
  // Quoted: a field may be named like a Cedar keyword (`if`, `in`); policies then read it as context["if"].
  // JSON.stringify quotes and escapes like Cedar's string literals for the names tool schemas may use.
  const fields = Object.entries(decisionFields)
    .map(([name, type]) => `, "${name}"?: ${type}`)
    .join('');
  const toolArguments = Object.entries(toolArgumentFields)
    .map(([name, type]) => `${JSON.stringify(name)}?: ${type}`)
    .join(', ');
  return podiumCedarSchema
    .replace('context: { proposal: String }', `context: { proposal: String${fields} }`)
    .replace('type ToolArguments = {}', `type ToolArguments = { ${toolArguments} }`);
}

/** The schema without decision context fields. */
export const podiumCedarSchema = `namespace Podium {
  entity Team;
  entity Role;
  entity Key in [Team, Agent] { tier: String };
  entity Agent in [Team, Role];
  entity User in [Team, Role];
  entity Provider;
  entity Model in [Provider] { provider: String, providerType: String, external: Bool };
  entity Tool;
  entity DataClass;
  entity Decision { owner: String, risk: String };
  entity Budget { scopeKind: String, scope: String, unit: String, period: String };

  type CallContext = {
    dataClasses: Set<String>,
    requestedModel: String,
    endUser?: String,
    agent?: String,
    tags: Set<String>,
  };

  type ToolArguments = {};

  type ToolContext = {
    dataClasses: Set<String>,
    endUser?: String,
    agent?: String,
    tags: Set<String>,
    upstream: String,
    tool: String,
    readOnlyHint?: Bool,
    destructiveHint?: Bool,
    arguments: ToolArguments,
  };

  type ToolResultContext = {
    dataClasses: Set<String>,
    endUser?: String,
    agent?: String,
    tags: Set<String>,
    upstream: String,
    tool: String,
    readOnlyHint?: Bool,
    destructiveHint?: Bool,
    arguments: ToolArguments,
    resultDataClasses: Set<String>,
  };

  action "model.call" appliesTo { principal: [Key, Agent, User], resource: [Model], context: CallContext };
  action "tool.call" appliesTo { principal: [Key, Agent, User], resource: [Tool], context: ToolContext };
  action "tool.result" appliesTo { principal: [Key, Agent, User], resource: [Tool], context: ToolResultContext };
  action "decision.make" appliesTo { principal: [Key, Agent, User], resource: [Decision], context: { proposal: String } };
  action "budget.request" appliesTo { principal: [Key, Agent, User], resource: [Budget], context: { amount: decimal, currentLimit?: decimal, kind: String } };
}`;
