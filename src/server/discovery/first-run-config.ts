/** The composition root's one call for a start without podium.yaml (docs/configuration.md, "First run"). */
import { PodiumError } from '../../contract/index.js';
import { applyFirstRun, renderPodiumYaml, type PodiumConfig } from '../config/index.js';
import { describeDiscovery } from './describe-discovery.js';
import { discoverProviders } from './discover-providers.js';

/**
 * Returns `config` untouched when it came from a file (explicit configuration wins); otherwise detects
 * providers, logs what it found (or how to add one) and returns the configuration that serves them.
 * @throws PodiumError `config_invalid` when a provider variable is set to something unusable.
 */
export async function firstRunConfig(options: {
  config: PodiumConfig;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  timeoutMs?: number;
}): Promise<PodiumConfig> {
  if (options.config.source !== undefined) return options.config;
  const discovery = await discoverProviders({ env: options.env, timeoutMs: options.timeoutMs });
  if (discovery.problems.length > 0) {
    throw new PodiumError(
      'config_invalid',
      `invalid configuration in the environment:\n${discovery.problems.map((line) => `  - ${line}`).join('\n')}`,
    );
  }
  const report = describeDiscovery(discovery);
  const lines =
    report.found.length > 0
      ? [
          'no podium.yaml: serving the providers found on this machine (`npx podium init` writes them to podium.yaml):',
          ...report.found.map((line) => `  ${line}`),
        ]
      : ['no podium.yaml and no provider found: no model is served yet.', ...report.howTo];
  for (const line of [...lines, ...report.notes.map((note) => `  ${note}`)]) options.log(`podium: ${line}`);
  return applyFirstRun({ loaded: options.config, yamlText: renderPodiumYaml(discovery.setup), env: options.env });
}
