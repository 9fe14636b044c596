-- The source of a migration hands the task over at a safe point, with a final checkpoint; or the manager
-- forces it after the deadline (no epoch given, no checkpoint: the last one is used). The task goes
-- RELEASED and its epoch moves on, fencing the source; only the target may claim it (claim.lua), and if it
-- has not within the redispatch timeout the due scan takes over (due.lua). A task without a target was
-- asked to stop by its queue (queue_set.lua): any worker may resume it, and while the queue is still
-- stopped it is parked there, to be sent when the queue starts again.
-- ARGV: 3 id, 4 epoch or '' (forced), 5 checkpoint JSON or '', 6 progress, 7 actor, 8 reason,
-- 9 redispatch timeout (ms).
-- Returns {'ok', epoch, target or '', type, priority, queue} / {'parked', epoch, reason} or {'missing'} /
-- {'stale', status, epoch}.
local id = ARGV[3]
local t, f = read_task(id, 'migration_target', 'type', 'priority', 'queue')
if not t then return { 'missing' } end
if t.status ~= 'MIGRATING' or (ARGV[4] ~= '' and tonumber(ARGV[4]) ~= t.epoch) then
  return { 'stale', t.status, tostring(t.epoch) }
end
local now = now_ms()
local target = f[5] or ''
t.queue = f[8] or DEFAULT_QUEUE
local c = { epoch = t.epoch + 1, reason = ARGV[8], actor = ARGV[7], dispatch_at = now + tonumber(ARGV[9]),
  set = { 'released_at', now }, event = { 'target', target, 'forced', ARGV[4] == '' and '1' or '0' } }
if target ~= '' then
  c.set[#c.set + 1] = 'target_worker'; c.set[#c.set + 1] = target
end
if ARGV[5] ~= '' then
  for _, x in ipairs({ 'checkpoint_data', ARGV[5], 'last_checkpoint_at', now, 'checkpoint_progress', ARGV[6],
    'progress', ARGV[6] }) do
    c.set[#c.set + 1] = x
  end
end
if not change(t, 'RELEASED', c, now) then return { 'stale', t.status, tostring(t.epoch) } end
if ARGV[5] ~= '' then
  redis.call('HINCRBY', task_key(id), 'checkpoints', 1)
  index_progress(id, ARGV[6], t.created_at)
end
t.status, t.epoch = 'RELEASED', c.epoch
if target == '' and hold_back(t, t.queue, now) then
  return { 'parked', tostring(c.epoch), redis.call('HGET', task_key(id), 'parked_reason') }
end
return { 'ok', tostring(c.epoch), target, f[6], f[7] or '0', t.queue }
