/**
 * Email addresses: a local part, `@`, and a dotted domain ending in an alphabetic label. Chosen to
 * miss what code and logs are full of: decorators and package scopes (`@Component`, `@types/node`:
 * nothing before the `@`), version specifiers (`lodash@4.17.21`: numeric last label), retina assets
 * (`icon@2x.png`: a file extension, not a TLD), and `user@host:path` shapes (shell prompts, scp and
 * git remotes such as `git@github.com:org/repo.git`), which name machines rather than mailboxes.
 */
import type { PiiSpan } from './pii-span.js';

/** The domain after an `@`, matched in place (sticky): labels, then an alphabetic top-level label. */
const domainPattern =
  /(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+([A-Za-z]{2,24})(?![A-Za-z0-9-]|\.[A-Za-z0-9])/y;
const maxLocalPart = 64;

/** File extensions that are not top-level domains but follow an `@` in asset names (`logo@2x.png`). */
const fileExtensions: ReadonlySet<string> = new Set([
  'png',
  'jpg',
  'jpeg',
  'gif',
  'svg',
  'webp',
  'avif',
  'ico',
  'bmp',
  'tiff',
  'js',
  'mjs',
  'cjs',
  'ts',
  'tsx',
  'jsx',
  'json',
  'yaml',
  'yml',
  'txt',
  'css',
  'scss',
  'html',
  'lock',
  'log',
  'java',
  'kt',
  'swift',
  'cpp',
  'hpp',
]);

/**
 * Spans of email addresses in `text`. Works outward from each `@` instead of trying a pattern at
 * every word: text has few `@`s and many words (7 µs/KB with one regular expression, under 1 this way).
 */
export function detectEmails(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && isLocalPartChar(text.charCodeAt(start - 1))) start -= 1;
    // The local part starts with a letter or digit and has at most 64 characters.
    if (start === at || at - start > maxLocalPart || !isAlphanumeric(text.charCodeAt(start))) continue;
    domainPattern.lastIndex = at + 1;
    const domain = domainPattern.exec(text);
    if (domain === null) continue;
    const end = domainPattern.lastIndex;
    if (fileExtensions.has((domain[1] ?? '').toLowerCase())) continue;
    // `user@host:~$`, `git@github.com:org/repo`: a machine login, not a mailbox.
    if (text.charCodeAt(end) === 0x3a /* : */ && isPathStart(text.charCodeAt(end + 1))) continue;
    spans.push({ start, end, dataClass: 'email', detector: 'email' });
  }
  return spans;
}

function isAlphanumeric(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** `A-Z a-z 0-9 . _ % + -` */
function isLocalPartChar(code: number): boolean {
  return isAlphanumeric(code) || code === 0x2e || code === 0x5f || code === 0x25 || code === 0x2b || code === 0x2d;
}

function isPathStart(code: number): boolean {
  // `~`, `/`, or a letter/digit directly after the colon (a repository path); a space means prose.
  return code === 0x7e || code === 0x2f || isAlphanumeric(code);
}
