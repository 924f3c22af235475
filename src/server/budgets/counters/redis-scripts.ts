/**
 * The Lua script behind the Redis counter driver. Redis runs a script to completion before any other
 * command, so each operation's check-then-add is atomic across its keys and across every client of that
 * Redis. One call carries a batch of operations (the reserves and adjusts issued in the same tick, see
 * operation-batcher.ts), applied one after the other, each all-or-nothing on its own: batching saves
 * round trips and per-command work, it does not couple the operations' outcomes.
 *
 * Each operation first looks up its operation key: if an outcome is stored there, it is returned and
 * nothing changes (a retry after a lost reply); otherwise the outcome is stored with a TTL.
 *
 * Numbers stay strings on the way in and out (INCRBY, the stored outcome): Lua 5.1 formats large doubles
 * as `1e+15`, so nothing here turns a counter value back into text.
 */
import { createHash } from 'node:crypto';

/** One script: its text and SHA1, the name EVALSHA knows it by. */
export interface RedisScript {
  readonly lua: string;
  readonly sha: string;
}

const script = (lua: string): RedisScript => ({ lua, sha: createHash('sha1').update(lua).digest('hex') });

/**
 * KEYS, per operation in order: its operation key, then its n counter keys.
 * ARGV[1]: seconds to keep outcomes; then one argument per operation: its kind ('r' reserve, 'a' adjust)
 * and per counter amount, limit ('' = none; always '' for adjusts) and ttl ('' = keep), each followed by
 * a comma — `r,1500,90000,,1500,,3600,`. One argument per operation rather than one per field: the client
 * spends most of its time framing arguments, and splitting a short string here is cheaper.
 * Returns one reply per operation: 'ok', 'adjusted' or 'refused\n<used>\n<limit>\n<counter key>'
 * (an operation seen before returns its stored reply).
 */
export const applyScript = script(`
local keepFor = ARGV[1]
local replies = {}
local k = 1
for o = 2, #ARGV do
  local f = {}
  for field in string.gmatch(ARGV[o], '([^,]*),') do f[#f + 1] = field end
  local kind, n = f[1], (#f - 1) / 3
  local operationKey, first = KEYS[k], k + 1
  local reply = redis.call('GET', operationKey)
  if not reply then
    if kind == 'r' then
      for i = 0, n - 1 do
        local limit = f[3 * i + 3]
        if limit ~= '' then
          local used = redis.call('GET', KEYS[first + i]) or '0'
          if tonumber(used) + tonumber(f[3 * i + 2]) > tonumber(limit) then
            reply = 'refused\\n' .. used .. '\\n' .. limit .. '\\n' .. KEYS[first + i]
            break
          end
        end
      end
    end
    if not reply then
      for i = 0, n - 1 do
        redis.call('INCRBY', KEYS[first + i], f[3 * i + 2])
        local ttl = f[3 * i + 4]
        if ttl ~= '' then redis.call('EXPIRE', KEYS[first + i], ttl) end
      end
      reply = kind == 'r' and 'ok' or 'adjusted'
    end
    redis.call('SET', operationKey, reply, 'EX', keepFor)
  end
  replies[o - 1] = reply
  k = first + n
end
return replies
`);
