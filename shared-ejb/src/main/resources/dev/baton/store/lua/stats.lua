-- Counts for the status page, in one round trip and on the Redis clock.
-- ARGV: 3 window (seconds) for the completion rate, then the status names.
-- Returns {{completions in each of the last `window` full seconds, newest first}, pending dispatches,
-- {status, count}..., {total name, value}...}.
local window = tonumber(ARGV[3])
local now_s = math.floor(now_ms() / 1000)
local done = per_second(completed_second_key, now_s, window)
local counts = {}
for i = 4, #ARGV do
  counts[#counts + 1] = ARGV[i]
  counts[#counts + 1] = redis.call('ZCARD', status_key(ARGV[i]))
end
return { done, redis.call('ZCARD', due_key()), counts, redis.call('HGETALL', totals_key()) }
