/** The process-level settings that come from the environment, never from podium.yaml. */
import { z } from 'zod';

export const serverEnvSchema = z.object({
  PODIUM_HOST: z.string().min(1).default('127.0.0.1'),
  PODIUM_PORT: z.coerce.number().int().min(0).max(65_535).default(4141),
  PODIUM_DATA_DIR: z.string().min(1).default('./.podium'),
  PODIUM_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// URL')
    .optional(),
  PODIUM_ADMIN_KEY: z.string().min(16, 'at least 16 characters').optional(),
  PODIUM_CONFIG: z.string().min(1).optional(),
  PODIUM_REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'a redis:// or rediss:// URL')
    .optional(),
  /** The server secret approval links and audit checkpoints are keyed from; the same on every replica. */
  PODIUM_SECRET_KEY: z.string().min(32, 'at least 32 characters (e.g. `openssl rand -base64 32`)').optional(),
  /** A file holding the server secret instead (generated, mode 0600, when missing). */
  PODIUM_SECRET_KEY_FILE: z.string().min(1).optional(),
});

export interface ServerSettings {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  adminKey: string | undefined;
  redisUrl: string | undefined;
  /** PODIUM_SECRET_KEY: never logged, never stored. */
  secretKey: string | undefined;
  /** PODIUM_SECRET_KEY_FILE, absolute. */
  secretKeyFile: string | undefined;
}

/** Empty strings count as unset: `PODIUM_DATABASE_URL= npm start` means "embedded". */
export function blankToUndefined(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const key of Object.keys(serverEnvSchema.shape)) {
    const value = env[key];
    out[key] = value === undefined || value.trim() === '' ? undefined : value;
  }
  return out;
}
