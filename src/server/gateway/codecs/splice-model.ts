/** The pass-through edit every surface makes: the target's model id spliced in, every other byte kept. */
import type { SurfaceCodec } from '../codec.js';
import { spliceJsonField } from '../splice-json-field.js';

export const spliceModel: SurfaceCodec['prepareBody'] = (text, options) =>
  options.targetModel === options.requestedModel
    ? text
    : spliceJsonField(text, 'model', JSON.stringify(options.targetModel));
