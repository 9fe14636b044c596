-- Creates a batch of tasks, all or nothing.
-- ARGV: 3 dispatch timeout (ms), then per task: id, type, status, wake_at (ms, for SCHEDULED) or '', n,
-- n pairs of further fields.
-- Returns {'ok', created_at} or {'exists', id} / {'illegal', status} without writing anything.
local TIMEOUT = tonumber(ARGV[3])
local tasks = {}
local i = 4
while i <= #ARGV do
  local t = { id = ARGV[i], type = ARGV[i + 1], status = ARGV[i + 2], wake_at = ARGV[i + 3], fields = {}, priority = '0' }
  local n = tonumber(ARGV[i + 4])
  for j = 0, n - 1 do
    t.fields[#t.fields + 1] = ARGV[i + 5 + 2 * j]
    t.fields[#t.fields + 1] = ARGV[i + 6 + 2 * j]
    if ARGV[i + 5 + 2 * j] == 'priority' then t.priority = ARGV[i + 6 + 2 * j] end
    if ARGV[i + 5 + 2 * j] == 'expires_at' then t.expires_at = ARGV[i + 6 + 2 * j] end
  end
  i = i + 5 + 2 * n
  tasks[#tasks + 1] = t
end

for _, t in ipairs(tasks) do
  if not INITIAL[t.status] or (TIMED[t.status] and t.wake_at == '') then return { 'illegal', t.status } end
  if redis.call('EXISTS', task_key(t.id)) == 1 then return { 'exists', t.id } end
end

local now = now_ms()
for _, t in ipairs(tasks) do
  admit(t.id, t.type, t.status, t.fields, t.priority, now, t.wake_at)
  if t.status == 'CREATED' then
    redis.call('ZADD', due_key(), now + TIMEOUT, t.id)
  end
  if t.expires_at then redis.call('ZADD', timers_key(), t.expires_at, 'expire:' .. t.id) end
end
redis.call('HINCRBY', totals_key(), 'submitted', #tasks)
return { 'ok', tostring(now) }
