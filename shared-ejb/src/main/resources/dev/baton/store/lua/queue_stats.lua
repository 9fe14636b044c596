-- Every named queue with its state and limits, its tasks per status, how many it holds back and how many
-- completed within the last `window` seconds (the current one included). One round trip, on the Redis clock.
-- ARGV: 3 window (seconds), 4 one queue's name or '' for all.
-- Returns {{name, {settings field, value...}, {counts field, value...}, parked, completed in window}...}.
local window = tonumber(ARGV[3])
local now_s = math.floor(now_ms() / 1000)
local names = ARGV[4] ~= '' and { ARGV[4] } or redis.call('ZRANGE', queues_key(), 0, -1)
local out = {}
for _, q in ipairs(names) do
  local seconds = {}
  for s = now_s, now_s - window + 1, -1 do seconds[#seconds + 1] = queue_completed_second_key(q, s) end
  local done = 0
  if #seconds > 0 then
    for _, n in ipairs(redis.call('MGET', unpack(seconds))) do done = done + tonumber(n or '0') end
  end
  out[#out + 1] = { q, redis.call('HGETALL', queue_key(q)), redis.call('HGETALL', queue_counts_key(q)),
    redis.call('ZCARD', queue_parked_key(q)), done }
end
return out
