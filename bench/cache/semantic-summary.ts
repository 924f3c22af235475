/** The semantic part of the cache bench: the table, the default threshold it supports, the targets. */
import type { GuardLevel } from '../../src/server/cache/index.js';
import { alignColumns } from '../shared/text-table.js';
import type { SemanticRow, Subset } from './measure-semantic.js';

/** Most near-misses that may be served another question's answer at the default threshold. */
export const maxFalseHitRate = 0.02;
/** Most paraphrases that may be served another base question's answer. */
const maxWrongRate = 0.01;
export const exactLookupTargetUs = 100;
export const routingTargetUs = 50;

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;

/** One line per threshold × guard level, for one subset of the test set. */
export function formatSemanticTable(rows: readonly SemanticRow[], subset: Subset): string[] {
  const shown = rows.filter((row) => row.subset === subset);
  const kinds = [...new Set(shown.flatMap((row) => Object.keys(row.falseHitsByKind)))].sort();
  const header = [
    'threshold',
    'guard',
    'paraphrase hits',
    'wrong answers',
    'near-miss false hits',
    ...kinds.map((kind) => `fh ${kind}`),
  ];
  const cells = shown.map((row) => [
    row.threshold.toFixed(2),
    row.guard,
    percent(row.paraphraseHitRate),
    percent(row.paraphraseWrongRate),
    percent(row.falseHitRate),
    ...kinds.map((kind) => String(row.falseHitsByKind[kind] ?? 0)),
  ]);
  return alignColumns([header, ...cells], 2);
}

export interface ChosenThreshold {
  threshold: number;
  reason: string;
  /** The held-out half at the chosen threshold, per guard level. */
  heldOut: Record<GuardLevel, SemanticRow>;
}

/**
 * Chosen on the dev half (even items), reported on the held-out half (odd items): the threshold that
 * serves the most paraphrases with the full guard while keeping near-miss false hits ≤ 2 % and wrong
 * answers ≤ 1 %; ties go to the higher threshold. When none qualifies, the one with the fewest false hits.
 */
export function chooseThreshold(rows: readonly SemanticRow[]): ChosenThreshold {
  const dev = rows
    .filter((row) => row.subset === 'dev' && row.guard === 'full')
    .sort((a, b) => b.threshold - a.threshold);
  const safe = dev.filter((row) => row.falseHitRate <= maxFalseHitRate && row.paraphraseWrongRate <= maxWrongRate);
  const best = safe.reduce<SemanticRow | undefined>(
    (kept, row) => (kept === undefined || row.paraphraseHitRate > kept.paraphraseHitRate ? row : kept),
    undefined,
  );
  const fallback = dev.reduce<SemanticRow | undefined>(
    (kept, row) => (kept === undefined || row.falseHitRate < kept.falseHitRate ? row : kept),
    undefined,
  );
  const chosen = best ?? fallback;
  if (chosen === undefined) throw new Error('no dev rows to choose a threshold from');
  const heldOutRow = (guard: GuardLevel): SemanticRow => {
    const row = rows.find(
      (candidate) =>
        candidate.subset === 'held-out' && candidate.guard === guard && candidate.threshold === chosen.threshold,
    );
    if (row === undefined) throw new Error(`no held-out row for ${guard} at ${chosen.threshold}`);
    return row;
  };
  const reason = best
    ? `on the dev half: most paraphrase hits (${percent(best.paraphraseHitRate)}) with near-miss false hits ≤ ${percent(maxFalseHitRate)} and wrong answers ≤ ${percent(maxWrongRate)}`
    : `on the dev half no threshold keeps false hits ≤ ${percent(maxFalseHitRate)}; the one with the fewest (${percent(chosen.falseHitRate)})`;
  return {
    threshold: chosen.threshold,
    reason,
    heldOut: { off: heldOutRow('off'), salient: heldOutRow('salient'), full: heldOutRow('full') },
  };
}

/** The bench's targets and whether each is met (semantic figures on the held-out half). */
export function targets(input: { chosen: ChosenThreshold; exactP99Us: number; routingP99Us: number | undefined }) {
  const { full, off } = input.chosen.heldOut;
  return {
    semanticFalseHitsAtDefault: {
      value: full.falseHitRate,
      target: `<= ${maxFalseHitRate}`,
      met: full.falseHitRate <= maxFalseHitRate,
    },
    guardLowersFalseHits: {
      value: `${off.falseHitRate} -> ${full.falseHitRate}`,
      met: full.falseHitRate < off.falseHitRate,
    },
    exactLookupP99: {
      value: input.exactP99Us,
      target: `<= ${exactLookupTargetUs} µs`,
      met: input.exactP99Us <= exactLookupTargetUs,
    },
    routingDecisionP99:
      input.routingP99Us === undefined
        ? { value: null, target: `<= ${routingTargetUs} µs`, met: null }
        : { value: input.routingP99Us, target: `<= ${routingTargetUs} µs`, met: input.routingP99Us <= routingTargetUs },
  };
}
