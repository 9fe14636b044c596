-- Creates or replaces a periodic schedule, with its timer cron:<name> (none while paused).
-- ARGV: 3 name, 4 mode ('create': refused if it exists | 'update': refused if it does not), 5 next fire (ms)
-- or '' (paused), then field/value pairs (cron, time_zone, task, overlap, paused).
-- Returns {'ok'} / {'exists'} / {'missing'}.
local name, mode = ARGV[3], ARGV[4]
local key = schedule_key(name)
local exists = redis.call('EXISTS', key) == 1
if mode == 'create' and exists then return { 'exists' } end
if mode == 'update' and not exists then return { 'missing' } end
local now = now_ms()
local fields = { 'name', name, 'updated_at', now }
for i = 6, #ARGV do fields[#fields + 1] = ARGV[i] end
if not exists then
  fields[#fields + 1] = 'created_at'; fields[#fields + 1] = now
  redis.call('ZADD', schedules_key(), now, name)
end
redis.call('HSET', key, unpack(fields))
if ARGV[5] ~= '' then
  redis.call('HSET', key, 'next_fire_at', ARGV[5])
  redis.call('ZADD', timers_key(), ARGV[5], 'cron:' .. name)
else
  redis.call('HDEL', key, 'next_fire_at')
  redis.call('ZREM', timers_key(), 'cron:' .. name)
end
return { 'ok' }
