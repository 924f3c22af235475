/**
 * Resident memory of a process and everything it started (Podium and its embedded PostgreSQL: the
 * postmaster is Podium's child, its backends the postmaster's), read from /proc. Linux only; null elsewhere.
 */
import { readdir, readFile } from 'node:fs/promises';

async function parentOf(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return undefined;
  // The command name (field 2) may hold spaces and parentheses: fields after the last ')' are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[1]);
}

async function kbField(path: string, field: string): Promise<number> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const line = text.split('\n').find((entry) => entry.startsWith(`${field}:`));
  return line === undefined ? 0 : Number.parseInt(line.slice(field.length + 1), 10);
}

const rssKb = (pid: number): Promise<number> => kbField(`/proc/${pid}/status`, 'VmRSS');
/** Proportional set size: shared pages (PostgreSQL's shared buffers) split between the processes mapping them. */
const pssKb = (pid: number): Promise<number> => kbField(`/proc/${pid}/smaps_rollup`, 'Pss');

export interface TreeRss {
  totalMb: number;
  /** The same tree counted by PSS: a shared page once, not once per backend that touched it. */
  totalPssMb: number;
  /** The root process alone; the rest is its descendants (the database server). */
  rootMb: number;
  processes: number;
}

/** Sums VmRSS over `root` and its descendants (shared pages are counted in each process, as `ps` does). */
export async function processTreeRss(root: number): Promise<TreeRss | null> {
  const entries = await readdir('/proc').catch(() => undefined);
  if (entries === undefined) return null;
  const children = new Map<number, number[]>();
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const parent = await parentOf(pid);
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const tree: number[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.pop() as number;
    tree.push(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  const sizes = await Promise.all(tree.map(rssKb));
  const proportional = await Promise.all(tree.map(pssKb));
  const toMb = (kb: number): number => Math.round(kb / 102.4) / 10;
  const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);
  return {
    totalMb: toMb(sum(sizes)),
    totalPssMb: toMb(sum(proportional)),
    rootMb: toMb(sizes[0] ?? 0),
    processes: tree.length,
  };
}
