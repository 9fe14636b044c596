-- One tick of a periodic schedule, exactly once however many managers try: the tick is taken only if the
-- schedule still expects it (its next_fire_at is this tick), and the task it creates, the schedule's record
-- and its next timer are written in this one step. With overlap 'skip' a tick whose previous task has not
-- ended creates nothing and says so. A manual trigger (tick '') creates a task without moving the timer.
-- ARGV: 3 name, 4 tick (ms) or '' for a manual trigger, 5 next tick (ms), 6 dispatch timeout (ms),
-- 7 how late the tick is (ms), 8 task id, 9 type, 10 priority, then the task's further field/value pairs.
-- Returns {'fired', task id} / {'skipped', previous task id} / {'stale'} / {'missing'} / {'paused'}.
local name, tick, next_tick = ARGV[3], ARGV[4], ARGV[5]
local key = schedule_key(name)
local s = redis.call('HMGET', key, 'next_fire_at', 'overlap', 'last_task_id', 'paused')
if redis.call('EXISTS', key) == 0 then
  redis.call('ZREM', timers_key(), 'cron:' .. name)
  return { 'missing' }
end
local manual = tick == ''
if not manual then
  if s[4] == '1' then return { 'paused' } end
  if s[1] ~= tick then return { 'stale' } end
end
local now = now_ms()
local function advance()
  if not manual then
    redis.call('HSET', key, 'next_fire_at', next_tick)
    redis.call('ZADD', timers_key(), next_tick, 'cron:' .. name)
  end
end
if not manual and s[2] == 'skip' and s[3] then
  local previous = redis.call('HGET', task_key(s[3]), 'status')
  if previous and not FINAL[previous] then
    redis.call('HINCRBY', key, 'skipped', 1)
    advance()
    emit({ 'type', EVENT.SCHEDULE_SKIPPED, 'schedule', name, 'task_id', s[3], 'tick', tick, 'status', previous, 'at', now })
    return { 'skipped', s[3] }
  end
end
local id = ARGV[8]
local fields = { 'priority', ARGV[10], 'schedule', name, 'schedule_tick', manual and now or tick }
for i = 11, #ARGV do fields[#fields + 1] = ARGV[i] end
admit(id, ARGV[9], 'CREATED', fields, ARGV[10], now, nil)
redis.call('ZADD', due_key(), now + tonumber(ARGV[6]), id)
tally(totals_key(), 'submitted', 1)
redis.call('HSET', key, 'last_fire_at', now, 'last_task_id', id)
redis.call('HINCRBY', key, 'fires', 1)
advance()
emit({ 'type', EVENT.SCHEDULE_FIRED, 'schedule', name, 'task_id', id, 'tick', manual and '' or tick,
  'late_ms', ARGV[7], 'manual', manual and '1' or '0', 'at', now })
return { 'fired', id }
