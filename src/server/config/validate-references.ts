/** Checks that zod cannot express: cross-references between sections and per-type requirements. */
import type { BudgetDefinition } from '../../contract/index.js';
import type { FileConfig } from './config-schema.js';
import { validateRouteOptions } from './validate-route-options.js';

export interface BudgetProblem {
  /** Path within the definition, e.g. `timezone` or `whenHot.standard.downgrade.model`. */
  path: string;
  message: string;
}

/** What a budget definition refers to that must exist: time zone, models, providers. Shared by the file and the admin API. */
export function validateBudgetDefinition(
  budget: BudgetDefinition,
  config: Pick<FileConfig, 'models' | 'providers'>,
): BudgetProblem[] {
  const problems: BudgetProblem[] = [];
  if (!isTimeZone(budget.timezone))
    problems.push({ path: 'timezone', message: `unknown IANA time zone "${budget.timezone}"` });
  for (const [tier, action] of Object.entries(budget.whenHot)) {
    if (typeof action === 'object' && 'downgrade' in action && !config.models[action.downgrade.model]) {
      problems.push({ path: `whenHot.${tier}.downgrade.model`, message: `unknown model "${action.downgrade.model}"` });
    }
  }
  const { kind, value } = budget.scope;
  if (kind === 'model' && !config.models[value] && !value.includes('/'))
    problems.push({ path: 'scope.value', message: `unknown model "${value}"` });
  if (kind === 'provider' && !config.providers[value])
    problems.push({ path: 'scope.value', message: `unknown provider "${value}"` });
  if (kind === 'tag' && !/^[^=]+=.*$/.test(value))
    problems.push({ path: 'scope.value', message: 'a tag scope is "name=value"' });
  return problems;
}

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
    problems.push(...validateRouteOptions(alias, model, config.models));
    model.targets.forEach((target, index) => {
      if (!config.providers[target.provider]) {
        const expected =
          providerNames.length > 0 ? `expected one of ${providerNames.join(', ')}` : 'no providers are configured';
        problems.push(`models.${alias}.targets[${index}].provider: unknown provider "${target.provider}"; ${expected}`);
      }
    });
  }
  const protectedProviders = [
    ...Object.keys(config.dataProtection?.providers ?? {}).map((name) => ({
      name,
      at: `dataProtection.providers.${name}`,
    })),
    ...Object.entries(config.models).flatMap(([alias, model]) =>
      Object.keys(model.dataProtection?.providers ?? {}).map((name) => ({
        name,
        at: `models.${alias}.dataProtection.providers.${name}`,
      })),
    ),
  ];
  for (const { name, at } of protectedProviders)
    if (!config.providers[name]) problems.push(`${at}: unknown provider "${name}"`);
  const budgetIds = new Set<string>();
  config.budgets.definitions.forEach((budget, index) => {
    const at = `budgets.definitions[${index}]`;
    if (budgetIds.has(budget.id)) problems.push(`${at}.id: duplicate budget id "${budget.id}"`);
    budgetIds.add(budget.id);
    problems.push(
      ...validateBudgetDefinition(budget, config).map((problem) => `${at}.${problem.path}: ${problem.message}`),
    );
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
