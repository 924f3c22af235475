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
  return problems;
}
