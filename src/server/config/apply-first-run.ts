/**
 * Gives a configuration loaded without podium.yaml the providers and models a first start found, by
 * reading the very text `podium init` would write through the same steps as loadConfig.
 */
import { parseDocument } from 'yaml';
import { PodiumError } from '../../contract/index.js';
import { fileConfigSchema } from './config-schema.js';
import { formatIssuePath } from './format-issue-path.js';
import { interpolateEnv } from './interpolate-env.js';
import type { PodiumConfig } from './load-config.js';
import { validateReferences } from './validate-references.js';

/**
 * Returns `loaded` with the `providers` and `models` of `yamlText` (rendered by renderPodiumYaml).
 * @throws PodiumError `config_invalid` naming each path, should the environment make the text invalid.
 */
export function applyFirstRun(options: {
  loaded: PodiumConfig;
  yamlText: string;
  env: NodeJS.ProcessEnv;
}): PodiumConfig {
  const document = parseDocument(options.yamlText);
  const problems = document.errors.map((error) => error.message);
  const interpolated = interpolateEnv(document.toJS() ?? {}, options.env);
  problems.push(...interpolated.problems.map((problem) => `${problem.path}: ${problem.message}`));
  const parsed = fileConfigSchema.safeParse(interpolated.value);
  if (parsed.success) problems.push(...validateReferences(parsed.data));
  else problems.push(...parsed.error.issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`));
  if (problems.length > 0 || !parsed.success) {
    throw new PodiumError(
      'config_invalid',
      `invalid configuration detected from the environment:\n${problems.map((line) => `  - ${line}`).join('\n')}`,
    );
  }
  return { ...options.loaded, providers: parsed.data.providers, models: parsed.data.models };
}
