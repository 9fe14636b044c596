-- Requeues tasks from the dead-letter list (FAILED, DEAD) for a new attempt under the same id: CREATED and
-- due for a send, their history kept, retries and recoveries counted anew; the next attempt resumes from
-- the last checkpoint, if there is one. Tasks skipped because it failed wait for it again.
-- ARGV: 3 reason, 4 actor, 5 dispatch timeout (ms), then task ids.
-- Returns {{id, epoch, type, priority, '', queue} for each requeued...}, {{id, status or 'MISSING'} for each refused...}.
local reason, actor, timeout = ARGV[3], ARGV[4], tonumber(ARGV[5])
local now = now_ms()
local done, refused = {}, {}
for i = 6, #ARGV do
  local id = ARGV[i]
  local t, f = read_task(id, 'type', 'priority', 'queue')
  if not t then
    refused[#refused + 1] = { id, 'MISSING' }
  elseif change(t, 'CREATED', { reason = reason, actor = actor, dispatch_at = now + timeout,
      set = { 'retries', 0, 'recoveries', 0, 'dispatches', 0 },
      clear = { 'error', 'cancel_requested_at', 'cancel_reason' } }, now) then
    redis.call('HINCRBY', task_key(id), 'requeues', 1)
    unskip_dependents(id, now)
    done[#done + 1] = { id, tostring(t.epoch), f[5], f[6] or '0', '', f[7] or DEFAULT_QUEUE }
  else
    refused[#refused + 1] = { id, t.status }
  end
end
if #done > 0 then tally(totals_key(), 'requeued', #done) end
return { done, refused }
