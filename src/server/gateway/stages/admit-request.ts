/** Stage: parse and validate the body once, in the surface's own terms (errors name the field). */
import { PodiumError, type Surface } from '../../../contract/index.js';
import type { SurfaceCodec } from '../codec.js';
import type { AdmissionStage } from '../gateway.js';
import { parseRequestJson } from '../parse-request-json.js';
import { userFromBody } from './attribute-call.js';

export function admitRequest(surfaces: ReadonlyMap<Surface, SurfaceCodec>): AdmissionStage {
  return (call) => {
    const surface = surfaces.get(call.surface);
    if (!surface) throw new Error(`no codec for surface ${call.surface}`);
    const parsed = parseRequestJson(call.rawBody);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new PodiumError('invalid_request', 'The request body must be a JSON object.');
    }
    const admitted = surface.admit(parsed);
    call.body = parsed as Record<string, unknown>;
    call.requestedModel = admitted.model;
    call.stream = admitted.stream;
    // The header (attributeCall, next) wins over the body's own field.
    call.endUser = userFromBody(call.body);
  };
}
