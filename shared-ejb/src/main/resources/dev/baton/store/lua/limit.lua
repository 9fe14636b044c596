-- The manager's fallback for a hard time limit: a task still running past its limit plus a grace period
-- (its worker is stuck beyond interrupting, or silent) fails this attempt here, with its epoch moved on so
-- the worker's later writes are refused; the retry policy applies (the caller computed the delay). A task
-- not yet past it (a newer attempt) has its timer set to its own deadline; any other is left alone.
-- ARGV: 3 id, 4 delay before the next attempt (ms) if one is left, or '', 5 grace after the limit (ms).
-- Returns {'failed', status} / {'rearmed', deadline} / {'done'}.
local id = ARGV[3]
local member = 'limit:' .. id
local t, f = read_task(id, 'attempt_started_at', 'time_limit_s', 'attempt', 'retries', 'max_retries', 'cancel_reason')
if not t or not f[6] or not (t.status == 'RUNNING' or t.status == 'MIGRATING') then
  redis.call('ZREM', timers_key(), member)
  return { 'done' }
end
local now = now_ms()
local deadline = tonumber(f[5]) + tonumber(f[6]) * 1000 + tonumber(ARGV[5])
if deadline > now then
  redis.call('ZADD', timers_key(), deadline, member)
  return { 'rearmed', tostring(deadline) }
end
redis.call('ZREM', timers_key(), member)
local c = { epoch = t.epoch + 1, event = { 'attempt', f[7], 'created_at', t.created_at } }
local to = failed_attempt(c, 'time limit of ' .. f[6] .. ' s exceeded (its worker did not stop it)', ARGV[4], false,
  f[8], f[9], f[10], now)
if not change(t, to, c, now) then return { 'done' } end
count_outcome(to, now)
return { 'failed', to }
