/**
 * The podium.yaml that matches what a first start found: `podium init` writes it, and a start without
 * a file loads exactly this text (apply-first-run.ts), so the two can never disagree.
 */
import type { KeyedProvider, LocalServerCandidate } from './detect-providers.js';
import { firstRunModels } from './first-run-models.js';

/** A local server that answered with its models. */
export interface LocalServer extends LocalServerCandidate {
  models: readonly string[];
}

export interface FirstRunSetup {
  keyed: readonly KeyedProvider[];
  local: readonly LocalServer[];
}

const reserved = /^(true|false|null|yes|no|on|off|y|n|~)$/i;
/** A YAML scalar: plain when that is unambiguous, else JSON's double quotes (valid YAML escapes). */
const scalar = (text: string): string =>
  /^[a-z][a-z0-9._-]*$/i.test(text) && !reserved.test(text) ? text : JSON.stringify(text);

/** Every alias and its target, in the order they are served; the first provider to claim a name keeps it. */
export function firstRunAliases(setup: FirstRunSetup): { alias: string; provider: string; model: string }[] {
  const aliases = new Map<string, { alias: string; provider: string; model: string }>();
  const claim = (alias: string, provider: string, model: string) => {
    if (!aliases.has(alias)) aliases.set(alias, { alias, provider, model });
  };
  for (const provider of setup.keyed)
    for (const [alias, model] of Object.entries(firstRunModels[provider.type])) claim(alias, provider.name, model);
  for (const server of setup.local) for (const model of server.models) claim(model, server.name, model);
  return [...aliases.values()];
}

/** Renders the file; secrets appear only as `${VAR}` references. */
export function renderPodiumYaml(setup: FirstRunSetup): string {
  const lines = [
    '# podium.yaml: written by `podium init` from what it found on this machine.',
    '# Secrets stay in the environment: each ${VAR} is read at start, never copied here.',
    '# Edit freely (docs/configuration.md); `npx podium config check` validates this file.',
    '# While this file exists Podium detects nothing at start: it serves exactly what is below.',
    '',
    'providers:',
  ];
  for (const provider of setup.keyed) {
    const baseUrl = provider.baseUrlVar === undefined ? '' : `, baseUrl: "\${${provider.baseUrlVar}}"`;
    lines.push(
      `  # Key from ${provider.apiKeyVar}${provider.baseUrlVar === undefined ? '' : `, endpoint from ${provider.baseUrlVar}`}.`,
    );
    lines.push(`  ${provider.name}: { type: ${provider.type}, apiKey: "\${${provider.apiKeyVar}}"${baseUrl} }`);
  }
  for (const server of setup.local) {
    lines.push(`  # ${server.label} on this machine: no key; its calls stay on the local network.`);
    lines.push(`  ${server.name}: { type: openai-compatible, baseUrl: ${scalar(`${server.origin}/v1`)} }`);
  }
  if (setup.keyed.length + setup.local.length === 0) lines.push('  {}');
  lines.push(
    '',
    '# The names clients ask for. More targets make a fallback chain; prices come from the built-in',
    '# table (override with `price:` here or `pricing:`); local models are unpriced and flagged so.',
    'models:',
  );
  const aliases = firstRunAliases(setup);
  for (const { alias, provider, model } of aliases)
    lines.push(`  ${scalar(alias)}: { targets: [{ provider: ${provider}, model: ${scalar(model)} }] }`);
  if (aliases.length === 0) lines.push('  {}');
  return `${lines.join('\n')}\n`;
}
