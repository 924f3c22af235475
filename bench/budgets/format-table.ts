/** The human-readable tables printed before the JSON line. */
import { alignColumns, show } from '../shared/text-table.js';
import type { OvershootResult } from './measure-overshoot.js';

export interface ThroughputRow {
  driver: string;
  path: string;
  inFlight: number;
  admittedPerSecond: number;
  debitsPerSecond: number;
  /** This process's CPU per debit, µs. */
  clientCpuUsPerDebit: number | null;
  /** The store server's CPU per debit, µs (Redis only). */
  serverCpuUsPerDebit: number | null;
  /** Share of the machine busy with other work during the measured window; null when not attributable. */
  otherCpuPercent: number | null;
}

const align = (rows: string[][]): string => alignColumns(rows, 2).join('\n');

export function formatThroughput(rows: readonly ThroughputRow[]): string {
  return align([
    ['driver', 'path', 'in flight', 'admitted/s', 'debits/s', 'client µs/debit', 'server µs/debit', 'other CPU %'],
    ...rows.map((row) => [
      row.driver,
      row.path,
      String(row.inFlight),
      show(row.admittedPerSecond, 0),
      show(row.debitsPerSecond, 0),
      show(row.clientCpuUsPerDebit, 1),
      show(row.serverCpuUsPerDebit, 1),
      show(row.otherCpuPercent, 0),
    ]),
  ]);
}

export function formatOvershoot(rows: readonly (OvershootResult & { driver: string; clients: number })[]): string {
  return align([
    ['driver', 'clients', 'concurrent', 'limit', 'admitted', 'admitted units', 'counter', 'overshoot', 'consistent'],
    ...rows.map((row) => [
      row.driver,
      String(row.clients),
      String(row.concurrent),
      String(row.limitUnits),
      String(row.admitted),
      String(row.admittedUnits),
      String(row.counterUnits),
      String(row.overshootUnits),
      row.consistent ? 'yes' : 'NO',
    ]),
  ]);
}
