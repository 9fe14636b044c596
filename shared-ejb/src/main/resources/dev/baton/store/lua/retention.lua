-- Removes finished tasks, oldest finished first, up to `limit` per call: those that finished at or before
-- `cutoff` (of one status, or of any), then, while more than `keep` tasks have finished, the oldest beyond
-- that number. Each goes with all its keys and index entries (see forget in lib.lua).
-- ARGV: 3 cutoff (ms), 4 keep (-1: no limit), 5 status ('' for any), 6 skip (tasks finished by the cutoff
-- to pass over: those of another status that earlier calls of the same purge examined), 7 limit,
-- 8 reason, 9 actor.
-- Returns {deleted, passed over (of another status), more (1 if another call may remove more)}.
local cutoff, keep, status = ARGV[3], tonumber(ARGV[4]), ARGV[5]
local skip, limit, reason, actor = tonumber(ARGV[6]), tonumber(ARGV[7]), ARGV[8], ARGV[9]
local deleted, passed = 0, 0

local function remove(id)
  if forget(id) then
    deleted = deleted + 1
  else
    redis.call('ZREM', finished_key(), id) -- not finished after all: not retention's to keep track of
  end
end

local old = redis.call('ZRANGEBYSCORE', finished_key(), '-inf', cutoff, 'LIMIT', skip, limit)
for _, id in ipairs(old) do
  if status == '' or redis.call('HGET', task_key(id), 'status') == status then
    remove(id)
  else
    passed = passed + 1
  end
end
local more = #old == limit

if keep >= 0 then
  local excess = redis.call('ZCARD', finished_key()) - keep
  local n = math.min(excess, limit - deleted)
  if n > 0 then
    for _, id in ipairs(redis.call('ZRANGE', finished_key(), 0, n - 1)) do remove(id) end
  end
  more = more or excess > n
end

if deleted > 0 then emit_deleted(deleted, reason, actor, nil, now_ms()) end
return { deleted, passed, more and 1 or 0 }
