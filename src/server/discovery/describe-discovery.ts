/** What a first start found, in words: one line per provider (never a key), or how to add one. */
import type { Discovery } from './discover-providers.js';
import { firstRunAliases } from '../config/index.js';

export interface DiscoveryReport {
  /** One line per provider found; empty when none was. */
  found: string[];
  /** What was left out and why. */
  notes: string[];
  /** How to add a provider: the variables, the podium.yaml snippet, `podium init`. */
  howTo: string[];
}

const shownModels = 6;

/** Describes `discovery` for the server log and `podium init`. */
export function describeDiscovery(discovery: Discovery): DiscoveryReport {
  const { setup } = discovery;
  const aliases = firstRunAliases(setup);
  const modelsOf = (provider: string): string => {
    const names = aliases.filter((alias) => alias.provider === provider).map((alias) => alias.alias);
    const shown = names.slice(0, shownModels).join(', ');
    return `${names.length} model${names.length === 1 ? '' : 's'} (${shown}${names.length > shownModels ? ', …' : ''})`;
  };
  return {
    found: [
      ...setup.keyed.map((provider) => {
        const endpoint = provider.baseUrlVar === undefined ? '' : `, endpoint from ${provider.baseUrlVar}`;
        return `${provider.name}: key from ${provider.apiKeyVar}${endpoint}: ${modelsOf(provider.name)}`;
      }),
      ...setup.local.map((server) => `${server.name}: ${server.label} at ${server.origin}: ${modelsOf(server.name)}`),
    ],
    notes: discovery.notes.map((note) => `note: ${note}`),
    howTo: [
      'To add a provider, either',
      '  - set OPENAI_API_KEY (or ANTHROPIC_API_KEY, GEMINI_API_KEY) and start again; an Ollama (OLLAMA_HOST, default',
      '    127.0.0.1:11434), vLLM (:8000) or LM Studio (:1234) server running on this machine is found by itself;',
      '  - or write podium.yaml, for example',
      '      providers: { openai: { type: openai, apiKey: "${OPENAI_API_KEY}" } }',
      '      models: { gpt-4o-mini: { targets: [{ provider: openai, model: gpt-4o-mini }] } }',
      '    `npx podium init` writes it from what it detects (docs/configuration.md, "First run").',
    ],
  };
}
