export { loadRetailDatabase } from './load-retail-database.js';
export { parseOrderedJson } from './ordered-json.js';
export { pythonFloatRepr, pythonRound2 } from './python-float.js';
export { pythonJsonDumps } from './python-json.js';
export type { PythonValue } from './python-json.js';
export { directReplay, outputsFound, replayTask } from './replay-task.js';
export type { ReplayedResult, RetailToolCaller } from './replay-task.js';
export { copyRetailDatabase, writableOrder, writableUser } from './retail-database.js';
export type {
  RetailAddress,
  RetailDatabase,
  RetailOrder,
  RetailOrderItem,
  RetailPayment,
  RetailPaymentMethod,
  RetailProduct,
  RetailUser,
} from './retail-database.js';
export { retailDataDirectory, retailDataMissing } from './retail-data-directory.js';
export { loadRetailTasks, parseRetailTasks } from './retail-tasks.js';
export type { RetailAction, RetailTask } from './retail-tasks.js';
export type { RetailTool, RetailToolParameters } from './retail-tool.js';
export { retailTool, retailTools } from './retail-tools.js';
export { hashableText, stateHash } from './state-hash.js';
export { createTauRetailServer } from './tau-retail-server.js';
