/**
 * The learned router's decision time per call: features of the prompt plus the choice among the
 * candidates, timed per validation prompt of MMLU-Pro with a router trained on the train split — the
 * work the routing stage does on every routed call.
 */
import { existsSync } from 'node:fs';
import {
  chooseModel,
  compileRouter,
  loadRoutingData,
  routerFeatures,
  selectPrompts,
  splitTrainValidation,
  trainLinearRouter,
} from '../../src/server/routing/offline/index.js';
import { microsecondsSince, percentiles, type Percentiles } from './percentiles.js';

export interface RoutingLatencyReport {
  dataset: string;
  trainPrompts: number;
  validationPrompts: number;
  models: number;
  /** routerFeatures + chooseModel: the whole decision. */
  microseconds: Percentiles;
  /** chooseModel alone, features already computed: what the text hashing leaves. */
  chooseMicroseconds: Percentiles;
  trainSeconds: number;
}

const split = { seed: 'podium-routing', validationShare: 0.2 };

/** Undefined when the dataset is not on this machine. */
export async function measureRoutingLatency(input: {
  path: string;
  reference: string;
  rounds: number;
}): Promise<RoutingLatencyReport | undefined> {
  if (!existsSync(input.path)) return undefined;
  const trainStarted = process.hrtime.bigint();
  const { table } = await loadRoutingData({ path: input.path });
  const rows = splitTrainValidation(table, split);
  const router = trainLinearRouter({ table: selectPrompts(table, rows.train), reference: input.reference, split });
  // Through JSON, as the gateway reads the file `podium route train` wrote.
  const compiled = compileRouter(JSON.parse(JSON.stringify(router)));
  const trainSeconds = microsecondsSince(trainStarted) / 1e6;
  const prompts = selectPrompts(table, rows.validation).prompts;
  const samples: number[] = [];
  let checksum = 0;
  // The first round warms the JIT up and is not counted.
  for (let round = 0; round <= input.rounds; round += 1) {
    for (const prompt of prompts) {
      const started = process.hrtime.bigint();
      const features = routerFeatures(compiled.router, prompt);
      checksum += chooseModel({ compiled, features, inputTokens: prompt.inputTokens });
      const elapsed = microsecondsSince(started);
      if (round > 0) samples.push(elapsed);
    }
  }
  const features = prompts.map((prompt) => routerFeatures(compiled.router, prompt));
  const chooseSamples: number[] = [];
  for (let round = 0; round <= input.rounds; round += 1) {
    for (const [position, prompt] of prompts.entries()) {
      const started = process.hrtime.bigint();
      checksum += chooseModel({
        compiled,
        features: features[position] ?? { indices: new Int32Array(), value: 0 },
        inputTokens: prompt.inputTokens,
      });
      const elapsed = microsecondsSince(started);
      if (round > 0) chooseSamples.push(elapsed);
    }
  }
  if (checksum < 0) throw new Error('unreachable: keeps the choices from being optimised away');
  return {
    dataset: 'mmlu-pro',
    trainPrompts: rows.train.length,
    validationPrompts: prompts.length,
    models: compiled.router.models.length,
    microseconds: percentiles(samples),
    chooseMicroseconds: percentiles(chooseSamples),
    trainSeconds,
  };
}
