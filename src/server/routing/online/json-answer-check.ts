/**
 * The schema check a cascade uses when nothing stricter is wired: the answer must be a JSON object.
 * (Full JSON Schema validation of `response_format` lives with structured-output enforcement.)
 */
import type { SchemaCheck } from './cascade-verdict.js';

export const checkJsonAnswer: SchemaCheck = ({ answer }) => {
  try {
    const value = JSON.parse(answer.trim()) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? [] : ['the answer is JSON but not an object'];
  } catch {
    return ['the answer is not JSON'];
  }
};
