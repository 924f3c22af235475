#!/usr/bin/env node
/**
 * The `podium` executable: wires the real process (argv, env, stdio, signals) into runCli. Everything
 * else lives in run-cli.ts, so tests run commands in-process.
 */
import { runCli } from './run-cli.js';

const controller = new AbortController();
// `once`: a second Ctrl-C falls through to Node's default and kills a shutdown that hangs.
process.once('SIGINT', () => controller.abort());
process.once('SIGTERM', () => controller.abort());

const exitCode = await runCli({
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
});
process.exitCode = exitCode;
// Let stdout drain and the event loop end by itself; exit anyway if a stray handle keeps it alive.
setTimeout(() => process.exit(exitCode), 1_000).unref();
