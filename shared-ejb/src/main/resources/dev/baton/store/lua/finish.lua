-- The owner records the outcome of an attempt: COMPLETED with a result; CANCELLED when it stopped for a
-- cancel request; or an error (FAILED), or the handler's own request for a retry (RETRY). An error with retries left goes RETRYING until the delay the
-- caller computed from the task's retry policy has passed; without, FAILED. Fenced, and the transition
-- table refuses a second outcome, so a result is recorded exactly once.
-- ARGV: 3 id, 4 epoch, 5 outcome (COMPLETED | CANCELLED | FAILED | RETRY), 6 result JSON or error text
-- (for CANCELLED: where it stopped), 7 worker id,
-- 8 delay before the next attempt (ms) if one is left, or ''.
-- Returns {'ok', status} or {'missing'} / {'stale', status, epoch} / {'illegal', from, to}.
local id, epoch, outcome = ARGV[3], tonumber(ARGV[4]), ARGV[5]
local t, f = read_task(id, 'attempt', 'retries', 'max_retries', 'cancel_reason')
if not t then return { 'missing' } end
if t.epoch ~= epoch or not (t.status == 'RUNNING' or t.status == 'MIGRATING') then
  if epoch < t.epoch then
    fenced(id, ARGV[7], epoch, t.epoch, t.status)
  end
  return { 'stale', t.status, tostring(t.epoch) }
end

local now = now_ms()
local c = { worker = ARGV[7], event = { 'attempt', f[5], 'created_at', t.created_at } }
local to = 'COMPLETED'
if outcome == 'COMPLETED' then
  c.reason = 'completed'
  c.set = { 'result', ARGV[6], 'progress', 100, 'progress_message', 'completed' }
elseif outcome == 'CANCELLED' then
  to = 'CANCELLED'
  c.reason = (f[8] or 'cancelled') .. ' (' .. ARGV[6] .. ')'
else
  to = failed_attempt(c, ARGV[6], ARGV[8], outcome == 'RETRY', f[6], f[7], f[8], now)
end
if not change(t, to, c, now) then return { 'illegal', t.status, to } end

if to == 'COMPLETED' then index_progress(id, 100, t.created_at) end
count_outcome(to, now)
return { 'ok', to }
