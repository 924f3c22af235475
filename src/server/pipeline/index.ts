export { declareModelCallPipeline } from './model-call-pipeline.js';
export type { ExecutorWrapper, ModelCallPipeline, ModelCallPipelineParts } from './model-call-pipeline.js';
export { declareToolCallPipeline } from './tool-call-pipeline.js';
export type { ToolCallPipeline, ToolCallPipelineParts } from './tool-call-pipeline.js';
