/**
 * A word diff in wdiff's notation: unchanged words as they are, `[-removed-]`, `{+added+}`. Longest common
 * subsequence over words, bounded: past `maxWords` on either side (an O(n·m) table) the texts are shown whole
 * as one removal and one addition.
 */
const maxWords = 2000;

function tokens(text: string): string[] {
  return text.split(/(\s+)/).filter((token) => token !== '');
}

/** The word diff of `before` → `after`. */
export function wordDiff(before: string, after: string): string {
  const a = tokens(before);
  const b = tokens(after);
  if (a.length > maxWords || b.length > maxWords) return `${wrap('-', before)}${wrap('+', after)}`;
  // lengths[i][j]: LCS length of a[i..] and b[j..], in one flat array.
  const width = b.length + 1;
  const lengths = new Uint16Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? (lengths[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lengths[(i + 1) * width + j] ?? 0, lengths[i * width + j + 1] ?? 0);
    }
  }
  let out = '';
  let removed = '';
  let added = '';
  const flush = (): void => {
    out += wrap('-', removed) + wrap('+', added);
    removed = '';
    added = '';
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      flush();
      out += a[i] ?? '';
      i += 1;
      j += 1;
    } else if (
      j < b.length &&
      (i >= a.length || (lengths[i * width + j + 1] ?? 0) >= (lengths[(i + 1) * width + j] ?? 0))
    ) {
      added += b[j] ?? '';
      j += 1;
    } else {
      removed += a[i] ?? '';
      i += 1;
    }
  }
  flush();
  return out;
}

function wrap(sign: '-' | '+', text: string): string {
  if (text === '') return '';
  return sign === '-' ? `[-${text}-]` : `{+${text}+}`;
}
