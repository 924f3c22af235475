import type { Migration } from '../../store/index.js';
import { toolPins } from './migrations/0013-tool-pins.js';

/** Pinned and pending tool definitions. */
export const toolPinMigrations: readonly Migration[] = [toolPins];
