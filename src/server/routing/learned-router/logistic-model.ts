import type { SparseFeatures } from './hash-features.js';

/** A linear model over hashed features (and an optional dense block): predicted probability = sigmoid(Σ weights[i] · value + Σ dense · weights). */
export interface LogisticModel {
  weights: Float64Array;
}

/** P(success) for one prompt. */
export function predictLogistic(model: LogisticModel, features: SparseFeatures): number {
  let margin = 0;
  for (const index of features.indices) margin += model.weights[index] ?? 0;
  const dense = features.dense;
  if (dense === undefined) return 1 / (1 + Math.exp(-margin * features.value));
  let total = margin * features.value;
  for (let index = 0; index < dense.values.length; index += 1)
    total += (dense.values[index] ?? 0) * (model.weights[dense.offset + index] ?? 0);
  return 1 / (1 + Math.exp(-total));
}
