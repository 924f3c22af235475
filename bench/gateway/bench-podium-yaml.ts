/** The podium.yaml both ways of running Podium in the bench use (compiled CLI, or podium-child.ts under tsx). */

/** One model, priced like gpt-4o-mini, so every call has a cost to compute and record. */
export const benchPodiumYaml = (upstream: string, model: string): string => `# Written by bench/gateway
providers:
  mock:
    type: openai-compatible
    baseUrl: "${upstream}/v1"
models:
  ${model}:
    targets:
      - provider: mock
        model: gpt-4o-mini-2024-07-18
    price: { input: 0.15, output: 0.60 }
`;
