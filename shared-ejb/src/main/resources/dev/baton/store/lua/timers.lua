-- Takes the timers that are due; ZREM makes each one taken by exactly one manager. A task's own timer
-- (wake:<id>) is acted on in this same step: its SCHEDULED or RETRYING task goes CREATED, on the dispatch
-- schedule (to be sent again after the dispatch timeout if no worker claims it). Any other timer is a kind
-- the caller handles: it is leased, not removed (its due time moves to now + lease), so if the taker dies
-- before it is done another manager takes it after the lease; the caller removes or re-arms it when done.
-- A cancel:<id> timer (see cancel.lua) is also acted on here: the task is CANCELLED if still owned; and an
-- expire:<id> timer: a task that never started is CANCELLED ("expired"); and a send:<id> timer: a task its
-- parents released is sent; and a pump:<queue> timer: tasks the queue held back are sent as far as it lets
-- them start. A task about to be sent whose queue holds tasks back is parked there instead (hold_back).
-- ARGV: 3 limit, 4 lease (ms), 5 dispatch timeout (ms).
-- Returns {{id, epoch, type, priority, target or '', queue} to send now...}, {{member, due (ms)} leased...}, next due (ms) or -1.
local limit, lease, timeout = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local now = now_ms()
local send, leased = {}, {}
local due = redis.call('ZRANGEBYSCORE', timers_key(), '-inf', now, 'WITHSCORES', 'LIMIT', 0, limit)
for i = 1, #due, 2 do
  local member, at = due[i], due[i + 1]
  local kind, subject = string.match(member, '^([^:]+):(.*)$')
  if kind == 'wake' then
    redis.call('ZREM', timers_key(), member)
    local t, f = read_task(subject, 'type', 'priority', 'retries', 'queue')
    if t and TIMED[t.status] then
      local why = t.status == 'RETRYING' and 'retry ' .. (f[7] or '?') .. ' is due' or 'its time has come'
      t.queue = f[8] or DEFAULT_QUEUE
      if change(t, 'CREATED', { reason = why, dispatch_at = now + timeout, set = { 'dispatches', 0 } }, now) then
        t.status = 'CREATED'
        if not hold_back(t, t.queue, now) then
          send[#send + 1] = { subject, tostring(t.epoch), f[5], f[6] or '0', '', t.queue }
        end
      end
    end
  elseif kind == 'cancel' then
    -- a cancelled task's owner did not stop within the grace period (or it was recovered meanwhile):
    -- cancelled anyway, any owner fenced; a task that ended meanwhile stays as it ended
    redis.call('ZREM', timers_key(), member)
    local t, f = read_task(subject, 'cancel_reason')
    if t and not FINAL[t.status] then
      change(t, 'CANCELLED', { epoch = t.epoch + 1,
        reason = (f[5] or 'cancelled') .. ' (its worker did not stop within the grace period)' }, now)
    end
  elseif kind == 'expire' then
    -- not started by its expiry: it will not run
    redis.call('ZREM', timers_key(), member)
    local t, f = read_task(subject, 'attempt')
    if t and f[5] == '0' and not FINAL[t.status] and not OWNED[t.status] then
      change(t, 'CANCELLED', { epoch = t.epoch + 1, reason = 'expired' }, now)
    end
  elseif kind == 'send' then
    -- a task its parents released (see release in lib.lua): sent now, and after the dispatch timeout again
    -- should this send be lost
    redis.call('ZREM', timers_key(), member)
    local t, f = read_task(subject, 'type', 'priority', 'queue')
    if t then t.queue = f[7] or DEFAULT_QUEUE end
    if t and t.status == 'CREATED' and not hold_back(t, t.queue, now) then
      redis.call('ZADD', due_key(), now + timeout, subject)
      send[#send + 1] = { subject, tostring(t.epoch), f[5], f[6] or '0', '', t.queue }
    end
  elseif kind == 'pump' then
    -- a queue may start some of the tasks it held back (see pump_queue in lib.lua)
    redis.call('ZREM', timers_key(), member)
    local out, again = pump_queue(subject, timeout, limit, now)
    for _, o in ipairs(out) do send[#send + 1] = o end
    if again ~= -1 then redis.call('ZADD', timers_key(), 'LT', again, member) end
  elseif kind == 'limit' then
    -- a task past its hard time limit whose worker did not stop it (stuck, or gone silent): leased to the
    -- caller, which fails the attempt with its retry policy's delay (limit.lua)
    redis.call('ZADD', timers_key(), now + lease, member)
    leased[#leased + 1] = { member, at }
  else
    redis.call('ZADD', timers_key(), now + lease, member)
    leased[#leased + 1] = { member, at }
  end
end
local next = redis.call('ZRANGE', timers_key(), 0, 0, 'WITHSCORES')
return { send, leased, next[2] and tonumber(next[2]) or -1 }
