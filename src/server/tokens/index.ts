export { countTokens, preloadTokenizer, tokenizerLoaded } from './count-tokens.js';
