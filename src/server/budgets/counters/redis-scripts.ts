/**
 * The two Lua scripts behind the Redis counter driver. Redis runs a script to completion before any other
 * command, so check-then-add across keys is atomic for every client of that Redis, and the operation key
 * makes each script idempotent: a retry after a lost reply finds the stored outcome and changes nothing.
 *
 * Numbers stay strings on the way in and out (INCRBY and the stored outcome): Lua 5.1 formats large
 * doubles as `1e+15`, so nothing here ever turns a counter value back into text.
 */
import { createHash } from 'node:crypto';

/** One script: its text and SHA1, the name EVALSHA knows it by. */
export interface RedisScript {
  readonly lua: string;
  readonly sha: string;
}

const script = (lua: string): RedisScript => ({ lua, sha: createHash('sha1').update(lua).digest('hex') });

/**
 * KEYS[1]: the operation key; KEYS[2..n+1]: counter keys.
 * ARGV[1]: seconds to keep the outcome; then per counter i: amount ARGV[3i-1], limit ARGV[3i] ('' = none),
 * ttl ARGV[3i+1] ('' = keep). Returns 'ok' or 'refused\n<used>\n<limit>\n<counter key>'.
 */
export const reserveScript = script(`
local prior = redis.call('GET', KEYS[1])
if prior then return prior end
local n = #KEYS - 1
for i = 1, n do
  local limit = ARGV[3 * i]
  if limit ~= '' then
    local used = redis.call('GET', KEYS[i + 1]) or '0'
    if tonumber(used) + tonumber(ARGV[3 * i - 1]) > tonumber(limit) then
      local outcome = 'refused\\n' .. used .. '\\n' .. limit .. '\\n' .. KEYS[i + 1]
      redis.call('SET', KEYS[1], outcome, 'EX', ARGV[1])
      return outcome
    end
  end
end
for i = 1, n do
  redis.call('INCRBY', KEYS[i + 1], ARGV[3 * i - 1])
  local ttl = ARGV[3 * i + 1]
  if ttl ~= '' then redis.call('EXPIRE', KEYS[i + 1], ttl) end
end
redis.call('SET', KEYS[1], 'ok', 'EX', ARGV[1])
return 'ok'
`);

/**
 * KEYS[1]: the operation key; KEYS[2..n+1]: counter keys.
 * ARGV[1]: seconds to keep the outcome; then per counter i: amount ARGV[2i], ttl ARGV[2i+1] ('' = keep).
 * Returns 1 when applied, 0 when the operation had already been applied.
 */
export const adjustScript = script(`
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
for i = 1, #KEYS - 1 do
  redis.call('INCRBY', KEYS[i + 1], ARGV[2 * i])
  local ttl = ARGV[2 * i + 1]
  if ttl ~= '' then redis.call('EXPIRE', KEYS[i + 1], ttl) end
end
redis.call('SET', KEYS[1], 'adjusted', 'EX', ARGV[1])
return 1
`);
