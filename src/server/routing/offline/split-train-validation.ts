import { fnv1a } from '../learned-router/fnv1a.js';
import type { RoutingTable } from './routing-table.js';

/** Options of {@link splitTrainValidation}. */
export interface SplitOptions {
  /** Share of prompts held out for validation (default 0.2). */
  validationShare?: number | undefined;
  /** Changes which prompts fall on which side; the same seed always gives the same split. */
  seed?: string | undefined;
}

/** Row indices of the train and validation prompts. */
export interface TrainValidationSplit {
  train: number[];
  validation: number[];
}

/**
 * Splits a table's prompts by a seeded hash of the prompt id, so a prompt lands on the same side in
 * every run and in every process (train and eval agree without sharing state), and adding prompts
 * to a dataset never moves existing ones.
 */
export function splitTrainValidation(table: RoutingTable, options: SplitOptions = {}): TrainValidationSplit {
  const share = options.validationShare ?? 0.2;
  const seed = options.seed ?? 'podium-routing';
  const split: TrainValidationSplit = { train: [], validation: [] };
  table.prompts.forEach((prompt, row) => {
    const unit = fnv1a(`${seed}:${prompt.id}`) / 0x1_0000_0000;
    (unit < share ? split.validation : split.train).push(row);
  });
  return split;
}

/** The evaluated prompts in words, for a report's title: the validation side of `split`, or every prompt. */
export function describeSplit(split: SplitOptions | 'all'): string {
  if (split === 'all') return 'all prompts';
  return `validation split (${Math.round((split.validationShare ?? 0.2) * 100)} % held out by seed "${split.seed ?? 'podium-routing'}")`;
}
