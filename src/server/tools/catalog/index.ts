export { createToolCatalog } from './create-tool-catalog.js';
export type { PinnedToolCatalog, ToolCatalogOptions } from './create-tool-catalog.js';
export type { ToolAdmin, ToolDecisionInput } from './tool-admin.js';
export type { QuarantineEvent } from './catalog-snapshot.js';
export { diffToolDefinitions } from './tool-definition-diff.js';
export { createSearchIndex, maxSearchQueryChars, maxSearchResults, searchWords } from './tool-search.js';
export type { SearchIndex } from './tool-search.js';
