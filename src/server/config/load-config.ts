/**
 * Loads podium.yaml (from PODIUM_CONFIG, else the working directory; none is needed) and the
 * server environment, and reports every problem at once, each naming its path and what was expected.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { PodiumError } from '../../contract/index.js';
import { fileConfigSchema, type FileConfig } from './config-schema.js';
import { formatIssuePath } from './format-issue-path.js';
import { interpolateEnv } from './interpolate-env.js';
import { duplicateDecisionIds, loadDecisionIncludes, undefinedRoles } from './load-decision-includes.js';
import { blankToUndefined, serverEnvSchema, type ServerSettings } from './server-env.js';
import { validateReferences } from './validate-references.js';

export interface PodiumConfig extends FileConfig {
  /** The file the configuration came from; undefined when Podium runs on its defaults. */
  source: string | undefined;
  server: ServerSettings;
}

export interface LoadConfigOptions {
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** The process's own environment and working directory: the defaults for a real start. */
export const processConfigOptions = (): LoadConfigOptions => ({ env: process.env, cwd: process.cwd() });

const describeIssues = (issues: readonly z.core.$ZodIssue[], prefix: string): string[] =>
  issues.map((issue) => `${prefix}${formatIssuePath(issue.path)}: ${issue.message}`);

async function readConfigFile(options: LoadConfigOptions): Promise<{ source: string | undefined; text: string }> {
  const explicit = options.env.PODIUM_CONFIG?.trim();
  const candidates = explicit
    ? [resolve(options.cwd, explicit)]
    : [resolve(options.cwd, 'podium.yaml'), resolve(options.cwd, 'podium.yml')];
  for (const candidate of candidates) {
    try {
      return { source: candidate, text: await readFile(candidate, 'utf8') };
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      if (!missing || explicit) {
        throw new PodiumError('config_invalid', `cannot read config file ${candidate}: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
  }
  return { source: undefined, text: '' };
}

/** Loads and validates the whole configuration; throws one PodiumError('config_invalid') listing every problem. */
export async function loadConfig(options: LoadConfigOptions): Promise<PodiumConfig> {
  const problems: string[] = [];
  const envResult = serverEnvSchema.safeParse(blankToUndefined(options.env));
  if (!envResult.success) problems.push(...describeIssues(envResult.error.issues, 'env '));

  const { source, text } = await readConfigFile(options);
  const document = parseDocument(text, { prettyErrors: true });
  for (const error of document.errors) problems.push(`${source ?? 'podium.yaml'}: ${error.message}`);
  const raw: unknown = document.errors.length === 0 ? (document.toJS() ?? {}) : {};
  const interpolated = interpolateEnv(raw, options.env);
  problems.push(...interpolated.problems.map((problem) => `${problem.path}: ${problem.message}`));

  const fileResult = fileConfigSchema.safeParse(interpolated.value);
  if (!fileResult.success) problems.push(...describeIssues(fileResult.error.issues, ''));
  else {
    problems.push(...validateReferences(fileResult.data));
    const included = await loadDecisionIncludes({
      include: fileResult.data.decisions.include,
      baseDir: source ? dirname(source) : options.cwd,
    });
    problems.push(...included.problems);
    fileResult.data.decisions.definitions.push(...included.definitions);
    problems.push(...duplicateDecisionIds(fileResult.data.decisions.definitions));
    problems.push(...undefinedRoles(fileResult.data));
  }

  if (problems.length > 0 || !fileResult.success || !envResult.success) {
    const where = source ? ` in ${source}` : '';
    throw new PodiumError(
      'config_invalid',
      `invalid configuration${where}:\n${problems.map((line) => `  - ${line}`).join('\n')}`,
    );
  }
  const env = envResult.data;
  return {
    ...fileResult.data,
    source,
    server: {
      host: env.PODIUM_HOST,
      port: env.PODIUM_PORT,
      dataDir: resolve(options.cwd, env.PODIUM_DATA_DIR),
      databaseUrl: env.PODIUM_DATABASE_URL,
      adminKey: env.PODIUM_ADMIN_KEY,
      redisUrl: env.PODIUM_REDIS_URL,
      secretKey: env.PODIUM_SECRET_KEY,
      secretKeyFile:
        env.PODIUM_SECRET_KEY_FILE === undefined ? undefined : resolve(options.cwd, env.PODIUM_SECRET_KEY_FILE),
    },
  };
}
