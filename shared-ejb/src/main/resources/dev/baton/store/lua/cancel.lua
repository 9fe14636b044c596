-- A person cancels a task. One that no worker owns (queued, scheduled, retrying, waiting, recovering,
-- released) is CANCELLED at once, its epoch moved on so a message still in the broker cannot start it. One
-- a worker runs is asked to stop: its owner sees the request (a control message, or the answer to its
-- next progress write), stops at its next step boundary and records CANCELLED itself; if it has not
-- within the grace period, the timer cancel:<id> makes it CANCELLED anyway and fences the owner.
-- ARGV: 3 id, 4 reason, 5 actor, 6 grace (ms).
-- Returns {'cancelled', epoch} / {'requested', epoch, owner} / {'missing'} / {'final', status}.
local id, reason, actor = ARGV[3], ARGV[4], ARGV[5]
local t = read_task(id)
if not t then return { 'missing' } end
if FINAL[t.status] then return { 'final', t.status } end
local now = now_ms()
if not OWNED[t.status] then
  change(t, 'CANCELLED', { epoch = t.epoch + 1, reason = reason, actor = actor }, now)
  return { 'cancelled', tostring(t.epoch + 1) }
end
if redis.call('HSETNX', task_key(id), 'cancel_requested_at', now) == 1 then
  redis.call('HSET', task_key(id), 'cancel_reason', reason)
  redis.call('ZADD', timers_key(), now + tonumber(ARGV[6]), 'cancel:' .. id)
  emit({ 'type', EVENT.TASK_CANCELLING, 'task_id', id, 'worker_id', t.worker or '', 'status', t.status, 'epoch', t.epoch,
    'reason', reason, 'actor', actor, 'at', now })
end
return { 'requested', tostring(t.epoch), t.worker or '' }
