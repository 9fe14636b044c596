-- Creates a batch of tasks, all or nothing. A task with parents (its depends_on field, a JSON array of ids)
-- comes WAITING and is registered with each; parents of the same batch come before it. In the same step it
-- moves on if its parents allow: released (CREATED, or SCHEDULED) if all have completed, SKIPPED or
-- CANCELLED if one has failed or been cancelled.
-- Back pressure: refused if more than max pending accepted tasks would wait to start afterwards.
-- ARGV: 3 dispatch timeout (ms), 4 max pending (-1: no limit), then per task: id, type, status, wake_at
-- (ms, for SCHEDULED) or '', n, n pairs of further fields.
-- Returns {'ok', created_at, {id, status, ...} of the tasks that moved on} or {'exists', id} /
-- {'illegal', status} / {'unknown_parent', id, parent} / {'busy', pending} without writing anything.
local TIMEOUT, MAX_PENDING = tonumber(ARGV[3]), tonumber(ARGV[4])
local tasks = {}
local i = 5
while i <= #ARGV do
  local t = { id = ARGV[i], type = ARGV[i + 1], status = ARGV[i + 2], wake_at = ARGV[i + 3], fields = {}, priority = '0' }
  local n = tonumber(ARGV[i + 4])
  for j = 0, n - 1 do
    local field, value = ARGV[i + 5 + 2 * j], ARGV[i + 6 + 2 * j]
    t.fields[#t.fields + 1] = field
    t.fields[#t.fields + 1] = value
    if field == 'priority' then t.priority = value end
    if field == 'expires_at' then t.expires_at = value end
    if field == 'depends_on' then t.parents = cjson.decode(value) end
  end
  i = i + 5 + 2 * n
  tasks[#tasks + 1] = t
end

if MAX_PENDING >= 0 then
  local pending = redis.call('ZCARD', status_key('CREATED')) + redis.call('ZCARD', status_key('WAITING'))
    + redis.call('ZCARD', status_key('SCHEDULED'))
  if pending + #tasks > MAX_PENDING then return { 'busy', tostring(pending) } end
end

local earlier = {}
for _, t in ipairs(tasks) do
  if not INITIAL[t.status] or (TIMED[t.status] and t.wake_at == '') or ((t.status == 'WAITING') ~= (t.parents ~= nil)) then
    return { 'illegal', t.status }
  end
  if redis.call('EXISTS', task_key(t.id)) == 1 then return { 'exists', t.id } end
  for _, p in ipairs(t.parents or {}) do
    if not earlier[p] and redis.call('EXISTS', task_key(p)) == 0 then return { 'unknown_parent', t.id, p } end
  end
  earlier[t.id] = true
end

-- Registers a new task with its parents, counting those not completed yet, and moves it on if they allow.
local function wait_for_parents(id, parents, now)
  local left, ended, how = 0, nil, nil
  for _, p in ipairs(parents) do
    redis.call('SADD', dependents_key(p), id)
    local st = redis.call('HGET', task_key(p), 'status')
    if st ~= 'COMPLETED' then left = left + 1 end
    if st == 'CANCELLED' or ((st == 'FAILED' or st == 'DEAD' or st == 'SKIPPED') and how ~= 'CANCELLED') then
      ended, how = p, st
    end
  end
  redis.call('HSET', task_key(id), 'parents_left', left)
  local t = read_task(id)
  if how == 'CANCELLED' then
    change(t, 'CANCELLED', { reason = 'its parent ' .. ended .. ' was cancelled' }, now)
  elseif ended then
    change(t, 'SKIPPED', { reason = 'its parent ' .. ended .. ' is ' .. how }, now)
  elseif left == 0 then
    release(t, now)
  end
  return redis.call('HGET', task_key(id), 'status')
end

local now = now_ms()
local moved = {}
for _, t in ipairs(tasks) do
  admit(t.id, t.type, t.status, t.fields, t.priority, now, t.wake_at)
  if t.status == 'CREATED' then
    redis.call('ZADD', due_key(), now + TIMEOUT, t.id)
  end
  if t.expires_at then redis.call('ZADD', timers_key(), t.expires_at, 'expire:' .. t.id) end
  if t.parents then
    local status = wait_for_parents(t.id, t.parents, now)
    if status ~= 'WAITING' then
      moved[#moved + 1] = t.id
      moved[#moved + 1] = status
    end
  end
end
redis.call('HINCRBY', totals_key(), 'submitted', #tasks)
return { 'ok', tostring(now), moved }
