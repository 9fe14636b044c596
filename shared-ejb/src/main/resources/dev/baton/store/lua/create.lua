-- Creates a batch of tasks, all or nothing. A task with parents (its depends_on field, a JSON array of ids)
-- comes WAITING and is registered with each; parents of the same batch come before it. In the same step it
-- moves on if its parents allow: released (CREATED, or SCHEDULED) if all have completed, SKIPPED or
-- CANCELLED if one has failed or been cancelled.
-- A task whose idempotency key names a task already (made by the same request: same request_hash) is not
-- created again: the reply names the existing one, and tasks of the batch that depend on it depend on that.
-- Back pressure: refused if more than max pending accepted tasks would wait to start afterwards.
-- ARGV: 3 dispatch timeout (ms), 4 max pending (-1: no limit), then per task: id, type, status, wake_at
-- (ms, for SCHEDULED) or '', n, n pairs of further fields.
-- A new CREATED task whose queue holds tasks back (paused, stopped, full) is parked there, not sent.
-- Returns {'ok', created_at, {id, status, ...} of the tasks that moved on, {id, existing id, ...} of those
-- not created again, {id...} of those parked} or {'exists', id} / {'illegal', status} / {'unknown_parent', id, parent} /
-- {'busy', pending} / {'idempotency_conflict', id, key, existing id} without writing anything.
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
    if field == 'depends_on' then t.parents = cjson.decode(value); t.parents_at = #t.fields end
    if field == 'idempotency_key' then t.key = value end
    if field == 'request_hash' then t.request_hash = value end
    if field == 'queue' then t.queue = value end
  end
  i = i + 5 + 2 * n
  tasks[#tasks + 1] = t
end

local earlier, existing, new = {}, {}, 0
for _, t in ipairs(tasks) do
  if not INITIAL[t.status] or (TIMED[t.status] and t.wake_at == '') or ((t.status == 'WAITING') ~= (t.parents ~= nil)) then
    return { 'illegal', t.status }
  end
  if redis.call('EXISTS', task_key(t.id)) == 1 then return { 'exists', t.id } end
  local made = t.key and redis.call('GET', idem_key(t.key))
  if made and redis.call('EXISTS', task_key(made)) == 1 then
    if redis.call('HGET', task_key(made), 'request_hash') ~= t.request_hash then
      return { 'idempotency_conflict', t.id, t.key, made }
    end
    existing[t.id] = made
  else
    new = new + 1
    if t.parents then
      for j, p in ipairs(t.parents) do
        t.parents[j] = existing[p] or p
        if not earlier[p] and redis.call('EXISTS', task_key(t.parents[j])) == 0 then return { 'unknown_parent', t.id, p } end
      end
      t.fields[t.parents_at] = cjson.encode(t.parents)
    end
  end
  earlier[t.id] = true
end

if MAX_PENDING >= 0 and new > 0 then
  local pending = redis.call('ZCARD', status_key('CREATED')) + redis.call('ZCARD', status_key('WAITING'))
    + redis.call('ZCARD', status_key('SCHEDULED'))
  if pending + new > MAX_PENDING then return { 'busy', tostring(pending) } end
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
local moved, reused, parked, sending = {}, {}, {}, {}
for _, t in ipairs(tasks) do
  if existing[t.id] then
    reused[#reused + 1] = t.id
    reused[#reused + 1] = existing[t.id]
  else
    admit(t.id, t.type, t.status, t.fields, t.priority, now, t.wake_at)
    if t.status == 'CREATED' then
      local q = t.queue or DEFAULT_QUEUE
      if hold_back({ id = t.id, status = 'CREATED', epoch = 0, created_at = tostring(now), queue = q }, q, now, sending[q]) then
        parked[#parked + 1] = t.id
      else
        sending[q] = (sending[q] or 0) + 1
        index_later(due_key(), now + TIMEOUT, t.id) -- nothing in this call reads the schedule after
      end
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
end
if new > 0 then tally(totals_key(), 'submitted', new) end
return { 'ok', tostring(now), moved, reused, parked }
