import type { Migration } from '../store/index.js';
import { semanticCache } from './migrations/0012-semantic-cache.js';

/** The semantic cache's entries, shared by replicas. */
export const cacheMigrations: readonly Migration[] = [semanticCache];
