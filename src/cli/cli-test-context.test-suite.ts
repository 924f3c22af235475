/** Test support: a CliContext whose output lands in strings. Excluded from the build by its name. */
import type { CliContext, CliOutput } from './cli-context.js';

export interface CapturedOutput extends CliOutput {
  readonly text: string;
}

/** An output that collects what is written; `isTTY` decides whether commands colour. */
export function captureOutput(isTTY = false): CapturedOutput {
  let text = '';
  return {
    isTTY,
    get text() {
      return text;
    },
    write(chunk: string) {
      text += chunk;
      return true;
    },
  };
}

export interface TestContext extends CliContext {
  stdout: CapturedOutput;
  stderr: CapturedOutput;
  abort(): void;
}

/** A context pointed at `url` with `adminKey`; pass `env` entries as undefined to remove them. */
export function createTestContext(
  options: { url?: string; adminKey?: string; env?: NodeJS.ProcessEnv; isTTY?: boolean } = {},
): TestContext {
  const controller = new AbortController();
  const env: NodeJS.ProcessEnv = {
    PODIUM_URL: options.url,
    PODIUM_ADMIN_KEY: options.adminKey ?? 'admin-secret',
    ...options.env,
  };
  return {
    env,
    cwd: process.cwd(),
    stdout: captureOutput(options.isTTY ?? false),
    stderr: captureOutput(),
    signal: controller.signal,
    abort: () => controller.abort(),
  };
}
