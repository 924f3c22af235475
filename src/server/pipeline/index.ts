export { declareModelCallPipeline } from './model-call-pipeline.js';
export type { ExecutorWrapper, ModelCallPipeline, ModelCallPipelineParts } from './model-call-pipeline.js';
