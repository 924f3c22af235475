/** Starts N Podium processes on one configuration (for tests of several replicas sharing stores). */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface PodiumProcess {
  url: string;
  child: ChildProcess;
  stderr: string[];
}

const entry = fileURLToPath(new URL('./podium-process.ts', import.meta.url));

function startOne(env: NodeJS.ProcessEnv, timeoutMs: number): Promise<PodiumProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr?.setEncoding('utf8').on('data', (text: string) => stderr.push(text));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`podium process did not start in ${timeoutMs} ms:\n${stderr.join('')}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`podium process exited with ${String(code)}:\n${stderr.join('')}`));
    });
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ url: (JSON.parse(line) as { url: string }).url, child, stderr });
    });
  });
}

/** Starts them one after the other (first start migrates), or in parallel with `together`. */
export async function startPodiumProcesses(options: {
  count: number;
  env: NodeJS.ProcessEnv;
  together?: boolean;
  timeoutMs?: number;
}): Promise<PodiumProcess[]> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  if (options.together)
    return Promise.all(Array.from({ length: options.count }, () => startOne(options.env, timeoutMs)));
  const started: PodiumProcess[] = [];
  for (let index = 0; index < options.count; index += 1) started.push(await startOne(options.env, timeoutMs));
  return started;
}

/** SIGTERM each and wait for it to exit (SIGKILL after a grace period). */
export async function stopPodiumProcesses(processes: readonly PodiumProcess[]): Promise<void> {
  await Promise.all(
    processes.map(
      (podium) =>
        new Promise<void>((resolve) => {
          if (podium.child.exitCode !== null) return resolve();
          const timer = setTimeout(() => podium.child.kill('SIGKILL'), 10_000);
          podium.child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          podium.child.kill('SIGTERM');
        }),
    ),
  );
}
