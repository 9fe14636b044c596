-- Creates a batch of tasks, all or nothing.
-- ARGV: 3 dispatch timeout (ms), then per task: id, type, status, n, n pairs of further fields.
-- Returns {'ok', created_at} or {'exists', id} / {'illegal', status} without writing anything.
local TIMEOUT = tonumber(ARGV[3])
local tasks = {}
local i = 4
while i <= #ARGV do
  local t = { id = ARGV[i], type = ARGV[i + 1], status = ARGV[i + 2], fields = {}, priority = '0' }
  local n = tonumber(ARGV[i + 3])
  for j = 0, n - 1 do
    t.fields[#t.fields + 1] = ARGV[i + 4 + 2 * j]
    t.fields[#t.fields + 1] = ARGV[i + 5 + 2 * j]
    if ARGV[i + 4 + 2 * j] == 'priority' then t.priority = ARGV[i + 5 + 2 * j] end
  end
  i = i + 4 + 2 * n
  tasks[#tasks + 1] = t
end

for _, t in ipairs(tasks) do
  if not INITIAL[t.status] then return { 'illegal', t.status } end
  if redis.call('EXISTS', task_key(t.id)) == 1 then return { 'exists', t.id } end
end

local now = now_ms()
for _, t in ipairs(tasks) do
  local key = task_key(t.id)
  redis.call('HSET', key, 'id', t.id, 'type', t.type, 'status', t.status, 'progress', 0,
    'epoch', 0, 'attempt', 0, 'dispatches', 0, 'created_at', now, 'updated_at', now, unpack(t.fields))
  redis.call('ZADD', all_key(), now, t.id)
  redis.call('ZADD', status_key(t.status), now, t.id)
  redis.call('ZADD', type_key(t.type), now, t.id)
  index_for_lookup(t.id, t.priority, 0, now)
  remember(t.id, transition(nil, t.status, now, 0, nil, 'submitted'))
  emit({ 'type', 'task.created', 'task_id', t.id, 'to', t.status, 'task_type', t.type, 'at', now })
  if t.status == 'CREATED' then
    redis.call('ZADD', due_key(), now + TIMEOUT, t.id)
  end
end
redis.call('HINCRBY', totals_key(), 'submitted', #tasks)
return { 'ok', tostring(now) }
