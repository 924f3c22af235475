/** A spend report as CSV (RFC 4180) for spreadsheets and finance tools. */
import type { SpendReport } from '../../../contract/index.js';

const header = [
  'period',
  'group',
  'label',
  'requests',
  'input_tokens',
  'output_tokens',
  'cost_usd',
  'unpriced_requests',
];

/**
 * A number without exponent notation: String(1e-9) is "1e-9", which some tools read as text. The digits are
 * the shortest that round-trip, so no binary noise is added either (toFixed would).
 */
export function plainDecimal(value: number): string {
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (match === null) return text;
  const [, sign = '', lead = '', fraction = '', exponentText = '0'] = match;
  const exponent = Number(exponentText);
  const digits = lead + fraction;
  return exponent < 0 ? `${sign}0.${'0'.repeat(-exponent - 1)}${digits}` : `${sign}${digits.padEnd(exponent + 1, '0')}`;
}

/**
 * A text field, quoted when it holds a comma, quote or line break (quotes doubled). A field a spreadsheet
 * would run as a formula (end-user ids and model names come from callers) gets a leading apostrophe.
 */
function textField(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One header row, then one row per group; CRLF line ends. Costs carry every digit the ledger summed. */
export function toCsv(report: SpendReport): string {
  const lines = [header.join(',')];
  for (const row of report.rows) {
    lines.push(
      [
        textField(report.period),
        textField(row.group),
        textField(row.label),
        String(row.requests),
        String(row.inputTokens),
        String(row.outputTokens),
        plainDecimal(row.costUsd),
        String(row.unpricedRequests),
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
