/** The files a configuration was read from: what a reload watches for changes. */
import { dirname, isAbsolute, resolve } from 'node:path';
import type { PodiumConfig } from './load-config.js';

/** podium.yaml, its policy files and its decision includes, as absolute paths; empty without a podium.yaml. */
export function watchedConfigFiles(config: PodiumConfig): string[] {
  if (config.source === undefined) return [];
  const baseDir = dirname(config.source);
  const relative = [...(config.policies?.files ?? []), ...config.decisions.include];
  return [config.source, ...relative.map((file) => (isAbsolute(file) ? file : resolve(baseDir, file)))];
}
