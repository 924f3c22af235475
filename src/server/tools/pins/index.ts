export { toolDefinitionDigest } from './tool-pin.js';
export type { PendingTool, PendingToolState, ToolPin } from './tool-pin.js';
export type { ObservedTool, ToolDecision, ToolPins } from './tool-pins.js';
export { createToolPinRepository } from './tool-pin-repository.js';
export { createMemoryToolPins } from './memory-tool-pins.js';
export { toolPinMigrations } from './tool-pin-migrations.js';
