/** The `rules` policy: the first rule whose every condition holds picks the candidate; none → the reference. */
import type { RoutingRule } from '../../config/index.js';
import type { RequestPrompt } from './request-prompt.js';
import type { RoutingPolicy } from './routing-policy.js';

interface CompiledRule {
  rule: RoutingRule;
  pattern: RegExp | undefined;
  description: string;
}

export function createRulesPolicy(options: { rules: readonly RoutingRule[]; reference: string }): RoutingPolicy {
  const compiled: CompiledRule[] = options.rules.map((rule) => ({
    rule,
    pattern: rule.when.pattern === undefined ? undefined : new RegExp(rule.when.pattern, 'i'),
    description: describe(rule),
  }));
  return (prompt) => {
    for (let index = 0; index < compiled.length; index += 1) {
      const entry = compiled[index] as CompiledRule;
      if (matches(entry, prompt))
        return {
          choice: entry.rule.use,
          reason: `rule ${index + 1}${entry.description ? `: ${entry.description}` : ''}`,
        };
    }
    return { choice: options.reference, reason: 'no rule matched: reference' };
  };
}

function matches(entry: CompiledRule, prompt: RequestPrompt): boolean {
  const when = entry.rule.when;
  if (when.maxInputTokens !== undefined && prompt.inputTokens > when.maxInputTokens) return false;
  if (when.minInputTokens !== undefined && prompt.inputTokens < when.minInputTokens) return false;
  if (when.tools !== undefined && prompt.tools !== when.tools) return false;
  if (when.json !== undefined && prompt.json !== when.json) return false;
  if (entry.pattern && !entry.pattern.test(prompt.text)) return false;
  return true;
}

function describe(rule: RoutingRule): string {
  return Object.entries(rule.when)
    .map(([name, value]) => `${name}=${String(value)}`)
    .join(', ');
}
