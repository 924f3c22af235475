/**
 * Stage: who the call is for and how it is labelled, for budgets and chargeback, for every kind of call.
 * The end user comes from `x-podium-user`, else what the kind's admission found (for a model call, the
 * body's own field: see `userFromBody`); tags from `x-podium-tags: name=value,name=value`.
 */
import { PodiumError } from '../../../contract/index.js';
import type { CallBase } from '../call.js';

const tagPattern = /^[A-Za-z0-9_.-]{1,64}=[^,=]{0,200}$/;
const maxTags = 20;

const headerValue = (value: string | string[] | undefined): string | undefined =>
  (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

/** Parses `a=1,b=2`; throws naming the header on a malformed list. */
export function parseTags(header: string): Record<string, string> {
  const tags: Record<string, string> = {};
  const entries = header
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length > maxTags)
    throw new PodiumError('invalid_request', `x-podium-tags: at most ${maxTags} tags`, { param: 'x-podium-tags' });
  for (const entry of entries) {
    if (!tagPattern.test(entry)) {
      throw new PodiumError(
        'invalid_request',
        `x-podium-tags: "${entry}" is not name=value (name: letters, digits, ".", "_", "-")`,
        { param: 'x-podium-tags' },
      );
    }
    const at = entry.indexOf('=');
    tags[entry.slice(0, at)] = entry.slice(at + 1).trim();
  }
  return tags;
}

/** The end user a model call's body names (OpenAI `user`, Anthropic `metadata.user_id`). */
export function userFromBody(body: Record<string, unknown>): string | undefined {
  if (typeof body.user === 'string' && body.user !== '') return body.user;
  const metadata = body.metadata;
  if (metadata !== null && typeof metadata === 'object') {
    const userId = (metadata as Record<string, unknown>).user_id;
    if (typeof userId === 'string' && userId !== '') return userId;
  }
  return undefined;
}

export const attributeCall = (call: CallBase): void => {
  call.endUser = headerValue(call.headers['x-podium-user']) ?? call.endUser;
  const tags = headerValue(call.headers['x-podium-tags']);
  if (tags !== undefined) call.tags = parseTags(tags);
};
