/** Checks that zod cannot express: cross-references between sections and per-type requirements. */
import type { FileConfig } from './config-schema.js';

/** Returns one line per problem, each naming the YAML path. */
export function validateReferences(config: FileConfig): string[] {
  const problems: string[] = [];
  const providerNames = Object.keys(config.providers);
  for (const [name, provider] of Object.entries(config.providers)) {
    const at = `providers.${name}`;
    if ((provider.type === 'openai-compatible' || provider.type === 'azure-openai') && !provider.baseUrl) {
      problems.push(`${at}.baseUrl: required for type ${provider.type}`);
    }
    if (provider.type !== 'openai-compatible' && !provider.apiKey) {
      problems.push(`${at}.apiKey: required for type ${provider.type} (use "\${ENV_VAR}" to keep it out of the file)`);
    }
    if (provider.apiVersion && provider.type !== 'azure-openai') {
      problems.push(`${at}.apiVersion: only meaningful for type azure-openai`);
    }
  }
  for (const [alias, model] of Object.entries(config.models)) {
    model.targets.forEach((target, index) => {
      if (!config.providers[target.provider]) {
        const expected = providerNames.length > 0 ? `expected one of ${providerNames.join(', ')}` : 'no providers are configured';
        problems.push(`models.${alias}.targets[${index}].provider: unknown provider "${target.provider}"; ${expected}`);
      }
    });
  }
  const budgetIds = new Set<string>();
  config.budgets.definitions.forEach((budget, index) => {
    const at = `budgets.definitions[${index}]`;
    if (budgetIds.has(budget.id)) problems.push(`${at}.id: duplicate budget id "${budget.id}"`);
    budgetIds.add(budget.id);
    if (!isTimeZone(budget.timezone)) problems.push(`${at}.timezone: unknown IANA time zone "${budget.timezone}"`);
    for (const [tier, action] of Object.entries(budget.whenHot)) {
      if (typeof action === 'object' && 'downgrade' in action && !config.models[action.downgrade.model]) {
        problems.push(`${at}.whenHot.${tier}.downgrade.model: unknown model "${action.downgrade.model}"`);
      }
    }
    if (budget.scope.kind === 'model' && !config.models[budget.scope.value] && !budget.scope.value.includes('/')) {
      problems.push(`${at}.scope.value: unknown model "${budget.scope.value}"`);
    }
    if (budget.scope.kind === 'provider' && !config.providers[budget.scope.value]) {
      problems.push(`${at}.scope.value: unknown provider "${budget.scope.value}"`);
    }
    if (budget.scope.kind === 'tag' && !/^[^=]+=.*$/.test(budget.scope.value)) {
      problems.push(`${at}.scope.value: a tag scope is "name=value"`);
    }
  });
  return problems;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
