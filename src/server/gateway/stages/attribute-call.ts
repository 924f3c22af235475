/**
 * Stage: who the call is for and how it is labelled, for budgets and chargeback. The end user comes
 * from `x-podium-user`, else the body's own field (OpenAI `user`, Anthropic `metadata.user_id`);
 * tags from `x-podium-tags: name=value,name=value`.
 */
import { PodiumError } from '../../../contract/index.js';
import type { AdmissionStage } from '../gateway.js';

const tagPattern = /^[A-Za-z0-9_.-]{1,64}=[^,=]{0,200}$/;
const maxTags = 20;

const headerValue = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

/** Parses `a=1,b=2`; throws naming the header on a malformed list. */
export function parseTags(header: string): Record<string, string> {
  const tags: Record<string, string> = {};
  const entries = header.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  if (entries.length > maxTags) throw new PodiumError('invalid_request', `x-podium-tags: at most ${maxTags} tags`, { param: 'x-podium-tags' });
  for (const entry of entries) {
    if (!tagPattern.test(entry)) {
      throw new PodiumError('invalid_request', `x-podium-tags: "${entry}" is not name=value (name: letters, digits, ".", "_", "-")`, { param: 'x-podium-tags' });
    }
    const at = entry.indexOf('=');
    tags[entry.slice(0, at)] = entry.slice(at + 1).trim();
  }
  return tags;
}

function userFromBody(body: Record<string, unknown>): string | undefined {
  if (typeof body.user === 'string' && body.user !== '') return body.user;
  const metadata = body.metadata;
  if (metadata !== null && typeof metadata === 'object') {
    const userId = (metadata as Record<string, unknown>).user_id;
    if (typeof userId === 'string' && userId !== '') return userId;
  }
  return undefined;
}

export const attributeCall: AdmissionStage = (call) => {
  call.endUser = headerValue(call.headers['x-podium-user']) ?? userFromBody(call.body);
  const tags = headerValue(call.headers['x-podium-tags']);
  if (tags !== undefined) call.tags = parseTags(tags);
};
