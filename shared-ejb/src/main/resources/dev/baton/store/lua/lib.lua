-- Helpers shared by every script. Prepended after the key layout (RedisKeys), the transition table
-- (TaskTransitions), the event types (EventType) and the histogram buckets (LatencyBuckets), all generated
-- from Java.

-- How long after a task's hard time limit the manager fails the attempt itself, should its worker not have.
local LIMIT_GRACE_MS = 5000

-- The state of one call (see begin_call below); memo.now: the time, read once per call - a call is one atomic step.
local tallies, tally_keys, index_adds, index_keys, index_removes, removed_keys, memo

local function now_ms()
  if memo and memo.now then return memo.now end
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  if memo then memo.now = now end
  return now
end

-- Writes nobody reads before the call ends are gathered while it runs and made when it ends (end_call), once
-- per key and field: the counters and histograms (tally) and the lookup indexes (index_later). A batch of 100
-- creations then costs one HINCRBY per counter and one ZADD per index instead of one each per task; the
-- claims and outcomes of one message or group share theirs too (ADR 0057). memo: what a call read once and
-- may read again (a queue's settings, a worker's status) - nothing in one call changes them before it reads.
local function begin_call()
  tallies, tally_keys, index_adds, index_keys, index_removes, removed_keys, memo = {}, {}, {}, {}, {}, {}, {}
end

-- Adds n to a counter: a field of a hash, or a plain counter (field nil). when_new(key), if given, runs once
-- the counter is written if it did not exist before (to register a histogram, to let a counter expire).
local function tally(key, field, n, when_new)
  local k = tallies[key]
  if not k then
    k = { fields = {}, n = {}, when_new = {} }
    tallies[key] = k
    tally_keys[#tally_keys + 1] = key
  end
  local f = field or ''
  if not k.n[f] then
    k.n[f] = 0
    k.fields[#k.fields + 1] = f
  end
  k.n[f] = k.n[f] + n
  if when_new then k.when_new[f] = when_new end
end

-- What this call has added to a counter so far, not written yet.
local function tallied(key, field)
  local k = tallies[key]
  return k and k.n[field] or 0
end

-- The list gathered for key in by_key (keys: the keys in the order first seen), begun at its first use.
local function gathered(by_key, keys, key)
  local list = by_key[key]
  if not list then
    list = {}
    by_key[key] = list
    keys[#keys + 1] = key
  end
  return list
end

-- Adds a member to an index nobody reads or removes from in the call that adds it.
local function index_later(key, score, member)
  local adds = gathered(index_adds, index_keys, key)
  adds[#adds + 1] = score
  adds[#adds + 1] = member
end

-- Removes a member from an index nobody reads or adds to later in the call (a task being deleted for good): one
-- ZREM per index for all the tasks a retention pass deletes, not one per task and index.
local function index_remove_later(key, member)
  local removes = gathered(index_removes, removed_keys, key)
  removes[#removes + 1] = member
end

-- Ends a call: makes the writes it gathered.
local function end_call()
  for _, key in ipairs(tally_keys) do
    local k = tallies[key]
    for _, f in ipairs(k.fields) do
      local n = k.n[f]
      local total = f == '' and redis.call('INCRBY', key, n) or redis.call('HINCRBY', key, f, n)
      if k.when_new[f] and total == n then k.when_new[f](key) end
    end
  end
  for _, key in ipairs(index_keys) do
    local adds = index_adds[key]
    for i = 1, #adds, 1000 do -- unpack has a limit
      redis.call('ZADD', key, unpack(adds, i, math.min(i + 999, #adds)))
    end
  end
  for _, key in ipairs(removed_keys) do
    local removes = index_removes[key]
    for i = 1, #removes, 1000 do
      redis.call('ZREM', key, unpack(removes, i, math.min(i + 999, #removes)))
    end
  end
  begin_call()
end

-- Every script's body runs in here, the writes it gathered made at its end (also when it fails half way, as
-- the writes it made directly are).
local function in_one_call(body)
  begin_call()
  local ok, result = pcall(body)
  end_call()
  if not ok then error(result, 0) end
  return result
end

local function expire_in_10_minutes(key)
  redis.call('EXPIRE', key, 600)
end

-- The per-second counters (key_of(second)) of the n full seconds before `second`, newest first, in one MGET.
local function per_second(key_of, second, n)
  local keys, out = {}, {}
  for s = second - 1, second - n, -1 do keys[#keys + 1] = key_of(s) end
  if #keys == 0 then return out end
  for i, v in ipairs(redis.call('MGET', unpack(keys))) do out[i] = tonumber(v or '0') end
  return out
end

local function allowed(from, to)
  return ALLOWED[from] ~= nil and ALLOWED[from][to] == true
end

-- Appends one entry to the system event log (a capped stream).
local function emit(fields)
  redis.call('XADD', events_key(), 'MAXLEN', '~', EVENTS_MAXLEN, '*', unpack(fields))
end

-- A write refused because it carries an epoch older than the task's (its writer was fenced): logged, counted.
local function fenced(id, worker, epoch, current_epoch, status)
  tally(totals_key(), 'fenced', 1)
  emit({ 'type', EVENT.TASK_FENCED, 'task_id', id, 'worker_id', worker, 'epoch', epoch,
    'current_epoch', current_epoch, 'status', status, 'at', now_ms() })
end

-- One entry of a task's history, as JSON.
local function transition(from, to, at, epoch, worker, reason)
  return cjson.encode({ from = from, to = to, at = at, epoch = epoch, worker = worker, reason = reason })
end

-- Appends transitions to the task's own history (one call for several).
local function remember(id, ...)
  redis.call('RPUSH', history_key(id), ...)
end

-- The score of a task in an index sorted by a number, then oldest first (when read highest first).
local function ranked(value, created_at)
  return tonumber(value) * 1e13 + (1e13 - 1 - tonumber(created_at))
end

-- Keeps the index by progress up to date: every script that changes a task's progress calls it.
local function index_progress(id, progress, created_at)
  index_later(progress_key(), ranked(progress, created_at), id)
end

-- Adds a new task to the lookup indexes: by priority (dispatch order: highest priority, then oldest
-- first), by progress, and by id (for lookups by id prefix).
local function index_for_lookup(id, priority, progress, created_at)
  index_later(priority_key(), ranked(priority, created_at), id)
  index_progress(id, progress, created_at)
  index_later(ids_key(), 0, id)
end

-- Moves the id from one status index to another (scored by creation time).
local function reindex(id, from, to, created_at)
  redis.call('ZREM', status_key(from), id)
  redis.call('ZADD', status_key(to), created_at, id)
end

-- The fields every status change needs, read with HMGET in this order (see read_task).
local function read_task(id, ...)
  local f = redis.call('HMGET', task_key(id), 'status', 'epoch', 'created_at', 'worker_id', ...)
  if not f[1] then return nil, f end
  return { id = id, status = f[1], epoch = tonumber(f[2]), created_at = f[3], worker = f[4] }, f
end

-- The queue of a task that names none.
local DEFAULT_QUEUE = 'default'

local function queue_of(id)
  return redis.call('HGET', task_key(id), 'queue') or DEFAULT_QUEUE
end

-- How many tasks of a queue run now (a worker owns them), from its counts by status.
local function running_in(q)
  local key = queue_counts_key(q)
  local c = redis.call('HMGET', key, 'RUNNING', 'MIGRATING')
  return tonumber(c[1] or '0') + tonumber(c[2] or '0') + tallied(key, 'RUNNING') + tallied(key, 'MIGRATING')
end

-- Records one observation in a histogram (name: wait, run, recovery; label: the task type or ''): a count
-- per bucket of HISTOGRAM_BOUNDS_MS (not cumulative: the exporter adds them up), the sum and the count.
local function observe(name, label, ms)
  local key = metrics_histogram_key(name .. ':' .. label)
  local bucket = #HISTOGRAM_BOUNDS_MS + 1
  for i = 1, #HISTOGRAM_BOUNDS_MS do
    if ms <= HISTOGRAM_BOUNDS_MS[i] then bucket = i; break end
  end
  tally(key, bucket, 1)
  tally(key, 'sum_ms', ms)
  tally(key, 'count', 1, function() redis.call('SADD', metrics_histograms_key(), name .. ':' .. label) end)
end

-- Counts one task event for Prometheus by queue and type (what: submitted, completed, failed, retried, dead).
local function count_task(what, q, type)
  tally(metrics_counts_key(), what .. '\t' .. q .. '\t' .. (type or '?'), 1)
end

-- What entering a status counts, besides a completion (count_completed_in): failures, retries, deaths,
-- recoveries and migrations.
local COUNTED_AS = { FAILED = 'failed', DEAD = 'failed', RETRYING = 'retried' }
local function count_entered(id, q, to)
  if to == 'RECOVERING' then
    tally(totals_key(), 'recoveries', 1)
  elseif to == 'MIGRATING' then
    tally(totals_key(), 'migrations', 1)
  elseif COUNTED_AS[to] then
    local type = redis.call('HGET', task_key(id), 'type')
    count_task(COUNTED_AS[to], q, type)
    if to == 'DEAD' then count_task('dead', q, type) end
  end
end

-- Counts a completion in its queue's totals (for the mean wait and run time), per-second counters and
-- the run-time histogram of its type.
-- t.type and t.started_at, when its caller read them already, save reading them again.
local function count_completed_in(q, id, created_at, now, t)
  local counts = queue_counts_key(q)
  local f = (t and t.type) and { t.started_at, t.type } or redis.call('HMGET', task_key(id), 'started_at', 'type')
  local started = tonumber(f[1] or now)
  count_task('completed', q, f[2])
  observe('run', f[2] or '?', now - started)
  tally(counts, 'completed', 1)
  tally(counts, 'wait_ms', started - tonumber(created_at))
  tally(counts, 'run_ms', now - started)
  tally(queue_completed_second_key(q, math.floor(now / 1000)), nil, 1, expire_in_10_minutes)
end

-- Whether queue q holds tasks back (its parked set is not empty): asked once per call and queue - park() below
-- notes its own additions; should the pump empty the set meanwhile, the answer only arms one pump timer too many.
local function holds_back(q)
  local known = memo['parked:' .. q]
  if known == nil then
    known = redis.call('EXISTS', queue_parked_key(q)) == 1
    memo['parked:' .. q] = known
  end
  return known
end

-- What a task's end means for the tasks that depend on it (defined below, after change, which calls it).
local settle_dependents

-- THE one way a task's status changes (creation aside). Refuses what the transition table does not allow;
-- otherwise, in this one step: writes the status and the epoch, keeps the status index, the ownership
-- (the owner's set of tasks), the dispatch schedule and the task's timer in line with the new status,
-- appends the history entry and logs the event. Callers check the epoch (their fencing) before.
-- t: from read_task. c (all optional): epoch (the new one; default unchanged), via (a state passed through
-- in the same step, e.g. ASSIGNED on a claim), worker (the one named in history and event; becomes the
-- owner when an owned state is entered), reason, via_reason, actor, set (more field/value pairs), clear
-- (fields to delete),
-- dispatch_at (ms: due for a send to the broker then), wake_at (ms: when a TIMED state ends),
-- deadline (ms: when a MIGRATING source must have let go), event_type, event (more pairs for the log).
-- Returns true, or false if the table refuses.
local function change(t, to, c, now)
  local from, id = t.status, t.id
  if c.via then
    if not (allowed(from, c.via) and allowed(c.via, to)) then return false end
  elseif not allowed(from, to) then
    return false
  end
  local epoch = c.epoch or t.epoch
  local worker = c.worker or t.worker
  local fields = { 'status', to, 'epoch', epoch, 'updated_at', now }
  if FINAL[to] then fields[#fields + 1] = 'finished_at'; fields[#fields + 1] = now end
  if TIMED[to] then fields[#fields + 1] = 'wake_at'; fields[#fields + 1] = c.wake_at end
  if c.set then for i = 1, #c.set do fields[#fields + 1] = c.set[i] end end
  local owner_changes = OWNED[to] and not OWNED[from]
  if owner_changes then fields[#fields + 1] = 'worker_id'; fields[#fields + 1] = worker end
  redis.call('HSET', task_key(id), unpack(fields))
  if (from == 'MIGRATING' or from == 'RELEASED') and to ~= 'RELEASED' then
    redis.call('HDEL', task_key(id), 'target_worker', 'migration_target', 'migration_deadline')
  end
  if TIMED[from] and not TIMED[to] then redis.call('HDEL', task_key(id), 'wake_at') end
  if FINAL[from] and not FINAL[to] then redis.call('HDEL', task_key(id), 'finished_at') end
  if c.clear then redis.call('HDEL', task_key(id), unpack(c.clear)) end
  reindex(id, from, to, t.created_at)

  -- its queue: counts by status; a slot freed lets the queue's pump send a task it held back
  local q = t.queue or queue_of(id)
  tally(queue_counts_key(q), from, -1)
  tally(queue_counts_key(q), to, 1)
  -- t.parked: false when its caller read that the task was never parked (no parked_reason), sparing the ZREM
  if CLAIMABLE[from] and not CLAIMABLE[to] and t.parked ~= false then redis.call('ZREM', queue_parked_key(q), id) end
  if OWNED[from] and not OWNED[to] and holds_back(q) then
    redis.call('ZADD', timers_key(), 'LT', now, 'pump:' .. q)
  end
  if to == 'COMPLETED' then count_completed_in(q, id, t.created_at, now, t) else count_entered(id, q, to) end

  -- ownership
  if OWNED[from] and not OWNED[to] and t.worker then
    redis.call('SREM', worker_active_key(t.worker), id)
  end
  if owner_changes then
    if t.worker ~= worker then
      if t.worker then redis.call('ZREM', worker_tasks_key(t.worker), id) end
      redis.call('ZADD', worker_tasks_key(worker), t.created_at, id)
    end
    redis.call('SADD', worker_active_key(worker), id)
  end

  -- the dispatch schedule, the migration deadline and the task's own timer
  if c.dispatch_at then
    redis.call('ZADD', due_key(), c.dispatch_at, id)
  elseif CLAIMABLE[from] and not CLAIMABLE[to] then
    redis.call('ZREM', due_key(), id)
  end
  if to == 'MIGRATING' then redis.call('ZADD', migrations_key(), c.deadline, id) end
  if from == 'MIGRATING' then redis.call('ZREM', migrations_key(), id) end
  if FINAL[to] then
    redis.call('ZADD', finished_key(), now, id)
  elseif FINAL[from] then
    redis.call('ZREM', finished_key(), id)
  end
  if TIMED[to] then
    redis.call('ZADD', timers_key(), c.wake_at, 'wake:' .. id)
  elseif TIMED[from] then
    redis.call('ZREM', timers_key(), 'wake:' .. id)
  end

  -- what happened, for the task's history and the system log
  if c.via then
    remember(id, transition(from, c.via, now, epoch, worker, c.via_reason),
      transition(c.via, to, now, epoch, worker, c.reason))
  else
    remember(id, transition(from, to, now, epoch, worker, c.reason))
  end
  local event = { 'type', c.event_type or ENTERED[to], 'task_id', id, 'worker_id', worker or '', 'from', from,
    'to', to, 'epoch', epoch }
  if c.reason then event[#event + 1] = 'reason'; event[#event + 1] = c.reason end
  if c.actor then event[#event + 1] = 'actor'; event[#event + 1] = c.actor end
  if c.event then for i = 1, #c.event do event[#event + 1] = c.event[i] end end
  event[#event + 1] = 'at'; event[#event + 1] = now
  emit(event)
  if FINAL[to] then settle_dependents(id, to, now) end
  return true
end

-- A task whose parents have all completed: it gets their results (parent_results: {parent id: result})
-- and runs: CREATED and sent by the next manager to look at the timers (send:<id>), or SCHEDULED if its
-- run_at is later. Returns true if it moved.
local function release(t, now)
  local f = redis.call('HMGET', task_key(t.id), 'depends_on', 'run_at')
  local results = {}
  for _, p in ipairs(cjson.decode(f[1] or '[]')) do
    results[#results + 1] = cjson.encode(p) .. ':' .. (redis.call('HGET', task_key(p), 'result') or 'null')
  end
  local c = { reason = 'its parents have completed', set = { 'parent_results', '{' .. table.concat(results, ',') .. '}' } }
  if f[2] and tonumber(f[2]) > now then
    c.wake_at = tonumber(f[2])
    return change(t, 'SCHEDULED', c, now)
  end
  if not change(t, 'CREATED', c, now) then return false end
  redis.call('ZADD', timers_key(), now, 'send:' .. t.id)
  return true
end

-- A COMPLETED parent counts down its dependents' parents_left (once: a task completes once) and releases
-- those with none left; FAILED, DEAD or SKIPPED makes the waiting ones SKIPPED, CANCELLED makes them
-- CANCELLED (seed 004's rule). Their own change() brings the news further down the graph, through the
-- queue below rather than by recursion, so a long chain is one loop.
local settling = nil
settle_dependents = function(id, to, now)
  if settling then
    settling[#settling + 1] = { id, to }
    return
  end
  settling = { { id, to } }
  local i = 1
  while i <= #settling do
    local parent, status = settling[i][1], settling[i][2]
    i = i + 1
    local children = redis.call('SMEMBERS', dependents_key(parent))
    table.sort(children)
    for _, child in ipairs(children) do
      local t = read_task(child)
      if t and status == 'COMPLETED' then
        if redis.call('HINCRBY', task_key(child), 'parents_left', -1) <= 0 and t.status == 'WAITING' then release(t, now) end
      elseif t and t.status == 'WAITING' then
        if status == 'CANCELLED' then
          change(t, 'CANCELLED', { reason = 'its parent ' .. parent .. ' was cancelled' }, now)
        else
          change(t, 'SKIPPED', { reason = 'its parent ' .. parent .. ' is ' .. status }, now)
        end
      end
    end
  end
  settling = nil
end

-- A requeued parent gives its SKIPPED dependents another chance: WAITING again (and theirs, down the
-- graph), unless another of their parents has failed or been skipped or cancelled meanwhile.
local function unskip_dependents(id, now)
  local queue, i = { id }, 1
  while i <= #queue do
    local parent = queue[i]
    i = i + 1
    local children = redis.call('SMEMBERS', dependents_key(parent))
    table.sort(children)
    for _, child in ipairs(children) do
      local t, f = read_task(child, 'depends_on')
      if t and t.status == 'SKIPPED' then
        local blocked = false
        for _, p in ipairs(cjson.decode(f[5] or '[]')) do
          local st = redis.call('HGET', task_key(p), 'status')
          if st == 'FAILED' or st == 'DEAD' or st == 'SKIPPED' or st == 'CANCELLED' then blocked = true end
        end
        if not blocked and change(t, 'WAITING', { reason = 'its parent ' .. parent .. ' was requeued' }, now) then
          queue[#queue + 1] = child
        end
      end
    end
  end
end

-- A failed attempt (an error, a retry the handler asked for, a time limit): RETRYING after `delay` ms if
-- retries are left and the task was not cancelled, else FAILED; `c` gets the change's fields. Returns the
-- status to change to. f_retries, f_max, cancel_reason: the task's fields of those names.
local function failed_attempt(c, error, delay, requested, f_retries, f_max, cancel_reason, now)
  local retries, max = tonumber(f_retries or '0'), tonumber(f_max or '0')
  if retries < max and delay ~= '' and not cancel_reason then
    c.wake_at = now + tonumber(delay)
    c.reason = error
    c.set = { 'error', error, 'retries', retries + 1,
      'progress_message', 'retry ' .. (retries + 1) .. ' of ' .. max .. ' in ' .. delay .. ' ms' }
    for _, x in ipairs({ 'retry', retries + 1, 'max_retries', max, 'delay_ms', delay, 'wake_at', c.wake_at,
      'requested', requested and '1' or '0' }) do
      c.event[#c.event + 1] = x
    end
    return 'RETRYING'
  end
  if max > 0 then error = error .. ' (after ' .. retries .. ' of ' .. max .. ' retries)' end
  c.reason = error
  c.set = { 'error', error }
  return 'FAILED'
end

-- Counts an attempt's outcome in the totals and the per-second counters the charts read.
local function count_outcome(to, now)
  if to == 'COMPLETED' then
    tally(totals_key(), 'completed', 1)
    tally(completed_second_key(math.floor(now / 1000)), nil, 1, expire_in_10_minutes)
  elseif to == 'FAILED' then
    tally(totals_key(), 'failed', 1)
    tally(failed_second_key(math.floor(now / 1000)), nil, 1, expire_in_10_minutes)
  elseif to == 'RETRYING' then
    tally(totals_key(), 'retried', 1)
  end
end

-- A task's first status: the one write of a status outside change(), for a task that did not exist. Its
-- label's words go into the search index, its idempotency key points at it, its queue counts it.
local function admit(id, type, status, fields, priority, now, wake_at)
  local q = DEFAULT_QUEUE
  for i = 1, #fields, 2 do
    if fields[i] == 'queue' then q = fields[i + 1] end
    if fields[i] == 'label_words' then
      for word in string.gmatch(fields[i + 1], '%S+') do index_later(labels_key(), 0, word .. '\t' .. id) end
    elseif fields[i] == 'idempotency_key' then
      redis.call('SET', idem_key(fields[i + 1]), id)
    elseif fields[i] == 'owner' then
      index_later(owner_tasks_key(fields[i + 1]), now, id)
    end
  end
  redis.call('HSET', task_key(id), 'id', id, 'type', type, 'status', status, 'progress', 0,
    'epoch', 0, 'attempt', 0, 'dispatches', 0, 'created_at', now, 'updated_at', now, unpack(fields))
  index_later(all_key(), now, id)
  if status == 'WAITING' then
    redis.call('ZADD', status_key(status), now, id) -- its parents may move it on in this call (change() moves it at once)
  else
    index_later(status_key(status), now, id)
  end
  tally(queue_counts_key(q), status, 1)
  count_task('submitted', q, type)
  if not memo['listed:' .. q] then
    redis.call('ZADD', queues_key(), 'NX', now, q)
    memo['listed:' .. q] = true
  end
  index_later(queue_tasks_key(q), now, id)
  index_later(type_key(type), now, id)
  index_for_lookup(id, priority, 0, now)
  if TIMED[status] then
    redis.call('HSET', task_key(id), 'wake_at', wake_at)
    redis.call('ZADD', timers_key(), wake_at, 'wake:' .. id)
  end
  remember(id, transition(nil, status, now, 0, nil, 'submitted'))
  emit({ 'type', EVENT.TASK_CREATED, 'task_id', id, 'to', status, 'task_type', type, 'at', now })
end

-- Takes a task away from a worker that is gone: the epoch moves on (fencing that worker), the task
-- goes RECOVERING and is due for dispatch now, or DEAD once its workers have died max_recoveries times
-- while running it. Returns the new status and epoch, or nil if the task was not owned by anyone.
-- lost_at (ms): the worker's last sign of life; the claim elsewhere observes the recovery time from it.
local function recover_task(id, worker, reason, max_recoveries, now, lost_at)
  local t, f = read_task(id, 'recoveries')
  if not t or not OWNED[t.status] then return nil end
  local recoveries = tonumber(f[5] or '0') + 1
  local to = recoveries >= max_recoveries and 'DEAD' or 'RECOVERING'
  local why = reason
  local c = { epoch = t.epoch + 1, worker = worker, set = { 'recoveries', recoveries, 'lost_at', lost_at or now } }
  if to == 'DEAD' then
    why = 'its worker died ' .. recoveries .. ' times while running it (last: ' .. worker .. ', ' .. reason .. ')'
    c.set[#c.set + 1] = 'error'; c.set[#c.set + 1] = why
  else
    c.dispatch_at = now
  end
  c.reason = why
  if not change(t, to, c, now) then return nil end
  if to == 'DEAD' then tally(totals_key(), 'dead', 1) end
  return to, c.epoch
end

-- The kinds of timer a task can have (timers_key members '<kind>:<id>').
local TASK_TIMERS = { 'wake', 'cancel', 'expire', 'limit', 'send' }

-- Removes a finished task for good: its hash (fields, checkpoint, result), its history, its entry in every
-- index and timer, and its place among its parents' dependents. Returns true, or false and its status (nil if unknown) if it has not finished.
local function forget(id)
  local f = redis.call('HMGET', task_key(id), 'status', 'type', 'worker_id', 'depends_on', 'label_words', 'idempotency_key',
    'queue', 'owner')
  if not f[1] or not FINAL[f[1]] then return false, f[1] or nil end
  local q = f[7] or DEFAULT_QUEUE
  tally(queue_counts_key(q), f[1], -1)
  for word in string.gmatch(f[5] or '', '%S+') do index_remove_later(labels_key(), word .. '\t' .. id) end
  if f[6] and redis.call('GET', idem_key(f[6])) == id then redis.call('DEL', idem_key(f[6])) end
  redis.call('DEL', task_key(id), history_key(id), dependents_key(id))
  for _, p in ipairs(cjson.decode(f[4] or '[]')) do redis.call('SREM', dependents_key(p), id) end
  -- out of every index, gathered per index (nothing in a deleting call reads them after); out of the finished set
  -- at once (retention counts it)
  redis.call('ZREM', finished_key(), id)
  for _, key in ipairs({ status_key(f[1]), all_key(), priority_key(), progress_key(), ids_key(), queue_tasks_key(q),
      queue_parked_key(q), due_key(), migrations_key() }) do
    index_remove_later(key, id)
  end
  if f[2] then index_remove_later(type_key(f[2]), id) end
  if f[8] then index_remove_later(owner_tasks_key(f[8]), id) end
  if f[3] then
    index_remove_later(worker_tasks_key(f[3]), id)
    redis.call('SREM', worker_active_key(f[3]), id)
  end
  local timers = {}
  for i, kind in ipairs(TASK_TIMERS) do timers[i] = kind .. ':' .. id end
  redis.call('ZREM', timers_key(), unpack(timers))
  return true, f[1]
end

-- Logs one entry for tasks removed by one call.
local function emit_deleted(count, reason, actor, id, now)
  local event = { 'type', EVENT.TASKS_DELETED, 'count', count, 'reason', reason, 'actor', actor, 'at', now }
  if id then event[#event + 1] = 'task_id'; event[#event + 1] = id end
  emit(event)
end

-- True while the worker's lease runs and it has not been declared failed or left.
local function worker_alive(worker, now)
  local w = redis.call('HMGET', worker_key(worker), 'status', 'lease_until')
  return w[1] ~= false and w[1] ~= 'FAILED' and w[1] ~= 'DOWN' and tonumber(w[2] or '0') > now
end

-- A queue's settings: state, concurrency, rate max, rate window (ms), changed_at (nil: nobody configured it).
-- Read once per call (queue_set.lua, which changes them, does not read them).
local function queue_settings(q)
  local s = memo['queue:' .. q]
  if not s then
    s = redis.call('HMGET', queue_key(q), 'state', 'concurrency', 'rate_max', 'rate_per_ms', 'changed_at')
    memo['queue:' .. q] = s
  end
  return s
end

-- Why a task of queue q may not start now, or nil: the queue is paused or stopped, runs its concurrency limit,
-- or started its rate limit's worth within the window. For a rate limit also when a start is free again
-- (ms); for a rate-limited queue that lets it start, the key where the start is to be counted. A queue
-- nobody configured costs one HMGET.
local function queue_gate(q, now)
  local s = queue_settings(q)
  if s[1] == 'paused' or s[1] == 'stopped' then return 'queue ' .. q .. ' is ' .. s[1] end
  if s[2] and running_in(q) >= tonumber(s[2]) then
    return 'queue ' .. q .. ' runs its limit of ' .. s[2] .. ' at once'
  end
  if s[3] then
    local starts, per = queue_starts_key(q), tonumber(s[4])
    redis.call('ZREMRANGEBYSCORE', starts, '-inf', now - per)
    if redis.call('ZCARD', starts) >= tonumber(s[3]) then
      local oldest = redis.call('ZRANGE', starts, 0, 0, 'WITHSCORES')
      return 'queue ' .. q .. ' started its limit of ' .. s[3] .. ' per ' .. (per / 1000) .. ' s', tonumber(oldest[2]) + per
    end
    return nil, nil, starts
  end
  return nil
end

-- Holds a claimable task back in its queue: off the dispatch schedule and in the queue's parked set, in
-- dispatch order, until the queue's pump sends it (pump.lua). retry_at (ms): when the pump looks again.
local function park(t, q, reason, now, retry_at)
  local key = task_key(t.id)
  local f = redis.call('HMGET', key, 'priority', 'parked_reason')
  redis.call('ZADD', queue_parked_key(q), ranked(f[1] or '0', t.created_at), t.id)
  memo['parked:' .. q] = true
  redis.call('ZREM', due_key(), t.id)
  redis.call('ZREM', timers_key(), 'send:' .. t.id)
  redis.call('HSET', key, 'parked_reason', reason, 'parked_at', now)
  if f[2] ~= reason then
    emit({ 'type', EVENT.TASK_PARKED, 'task_id', t.id, 'queue', q, 'status', t.status, 'epoch', t.epoch,
      'reason', reason, 'at', now })
  end
  if retry_at then redis.call('ZADD', timers_key(), 'LT', retry_at, 'pump:' .. q) end
end

-- A task about to be sent: parked instead if its queue is paused or stopped, at its concurrency limit
-- (counting `sending`: tasks of the queue sent in the same step, not started yet), or already holds tasks
-- back (they go first). Rate limits are left to the claim. Returns true if parked.
local function hold_back(t, q, now, sending)
  local s = queue_settings(q)
  if not s[5] then return false end -- nobody configured it
  local reason
  if s[1] == 'paused' or s[1] == 'stopped' then
    reason = 'queue ' .. q .. ' is ' .. s[1]
  elseif s[2] and running_in(q) + (sending or 0) >= tonumber(s[2]) then
    reason = 'queue ' .. q .. ' runs its limit of ' .. s[2] .. ' at once'
  elseif holds_back(q) then
    reason = 'queue ' .. q .. ' holds earlier tasks back'
  end
  if not reason then return false end
  park(t, q, reason, now, reason:find('earlier') and now or nil)
  return true
end

-- Sends the tasks a queue held back, as many as it lets start now: none while it is paused or stopped; up
-- to its free concurrency; up to the free starts of its rate limit; highest priority, then oldest first.
-- Run for the queue's timer pump:<queue> (timers.lua), armed when one of its running tasks stops running,
-- when it is resumed or started, and for a rate limit's next free start. The claim decides in the end
-- (claim.lua): a task sent here that finds the queue full again is parked again, so the limits hold
-- whatever happens here. Returns {{id, epoch, type, priority, target or '', queue, dispatch number}...} to send, and when
-- to look again (ms) or -1.
local function pump_queue(q, timeout, most, now)
  local parked = queue_parked_key(q)
  local s = queue_settings(q)
  if s[1] == 'paused' or s[1] == 'stopped' then return {}, -1 end
  local free, again = most, -1
  if s[2] then free = math.min(free, tonumber(s[2]) - running_in(q)) end
  if s[3] then
    local starts, per = queue_starts_key(q), tonumber(s[4])
    redis.call('ZREMRANGEBYSCORE', starts, '-inf', now - per)
    local left = tonumber(s[3]) - redis.call('ZCARD', starts)
    if left < free then
      free = left
      local oldest = redis.call('ZRANGE', starts, 0, 0, 'WITHSCORES')
      if oldest[2] then again = tonumber(oldest[2]) + per end
    end
  end
  local out = {}
  if free > 0 then
    for _, id in ipairs(redis.call('ZREVRANGE', parked, 0, free - 1)) do
      redis.call('ZREM', parked, id)
      local t, f = read_task(id, 'type', 'priority', 'target_worker')
      if t and CLAIMABLE[t.status] then
        redis.call('HDEL', task_key(id), 'parked_reason', 'parked_at')
        redis.call('ZADD', due_key(), now + timeout, id)
        -- a send of its own: the broker drops a message whose duplicate id it has seen (an earlier send that was parked)
        local n = redis.call('HINCRBY', task_key(id), 'dispatches', 1)
        out[#out + 1] = { id, tostring(t.epoch), f[5], f[6] or '0', f[7] or '', q, tostring(n) }
      end
    end
  end
  local more = redis.call('EXISTS', parked) == 1
  -- under a rate limit, the starts sent now leave the window about one window from now
  if more and s[3] and (again == -1 or again > now + tonumber(s[4])) then again = now + tonumber(s[4]) end
  -- whatever is still held back gets another look soon, should the news that frees it be lost
  if again == -1 and more then again = now + 5000 end
  return out, again
end

-- A worker claims a task it received from the broker. The claim bumps the epoch: from now on only
-- writes carrying the new epoch are accepted, which fences every earlier owner.
-- Returns {'ok', epoch, attempt, type, data, checkpoint, priority, checkpoint interval, progress, retries,
-- max retries, retry backoff, retry delay, retry max delay, time limit, soft time limit, parents' results}
-- or {'missing'} /
-- {'stale', status, epoch} / {'not_target', target} / {'worker_failed', worker} / {'illegal', from, to} /
-- {'parked', reason}.
-- A task cancelled while it waited for a new owner, or past its expiry before it ever started, ends here.
-- Its queue decides here, atomically, whether it may start (paused, stopped, concurrency and rate limits:
-- so they hold across every worker); if not, the queue holds it back (parked) and the message is dropped.
local function claim_task(id, worker, expected)
  local t, f = read_task(id, 'target_worker', 'attempt', 'type', 'data', 'checkpoint_data', 'priority',
    'checkpoint_interval_s', 'progress', 'checkpoint_progress', 'checkpoints', 'retries', 'max_retries', 'retry_backoff',
    'retry_delay_ms', 'retry_max_delay_ms', 'cancel_reason', 'time_limit_s', 'soft_time_limit_s', 'expires_at',
    'parent_results', 'queue', 'lost_at', 'parked_reason')
  if not t then return { 'missing' } end
  if t.epoch ~= expected or not CLAIMABLE[t.status] then return { 'stale', t.status, tostring(t.epoch) } end
  if f[5] and f[5] ~= '' and f[5] ~= worker then return { 'not_target', f[5] } end
  local worker_status = memo['worker:' .. worker] or redis.call('HGET', worker_key(worker), 'status') or ''
  memo['worker:' .. worker] = worker_status -- the claims of one message ask once
  if worker_status == 'FAILED' then return { 'worker_failed', worker } end
  local now = now_ms()
  if f[20] then
    -- cancelled while its owner was being replaced (recovery, migration): it ends here instead of running
    change(t, 'CANCELLED', { epoch = t.epoch + 1, reason = f[20] }, now)
    return { 'stale', 'CANCELLED', tostring(t.epoch + 1) }
  end
  if f[23] and f[6] == '0' and tonumber(f[23]) <= now then
    -- never started and past its expiry (the message came late): it ends here
    change(t, 'CANCELLED', { epoch = t.epoch + 1, reason = 'expired' }, now)
    return { 'stale', 'CANCELLED', tostring(t.epoch + 1) }
  end

  t.queue = f[25] or DEFAULT_QUEUE
  t.parked = f[27] ~= false -- park() always names its reason; the pump takes the reason away with the task
  local held, retry_at, starts = queue_gate(t.queue, now)
  if held then
    park(t, t.queue, held, now, retry_at)
    return { 'parked', held }
  end

  local epoch = t.epoch + 1
  local attempt = tonumber(f[6]) + 1
  local set = { 'attempt', attempt, 'attempt_started_at', now }
  if attempt == 1 then set[#set + 1] = 'started_at'; set[#set + 1] = now end
  local resumed = f[9] ~= false
  local event = { 'attempt', attempt, 'previous_worker', t.worker or '', 'created_at', t.created_at }
  if resumed then
    for _, x in ipairs({ 'previous_epoch', t.epoch, 'progress', f[13] or f[12] or '0', 'checkpoint', f[14] or '0' }) do
      event[#event + 1] = x
    end
  end
  if not change(t, 'RUNNING', { via = 'ASSIGNED', epoch = epoch, worker = worker, via_reason = 'claimed',
    reason = 'started', set = set, event = event, event_type = resumed and EVENT.TASK_RESUMED or EVENT.TASK_STARTED }, now) then
    return { 'illegal', t.status, 'RUNNING' }
  end
  if starts then redis.call('ZADD', starts, now, id .. ':' .. epoch) end
  -- Prometheus' histograms: the wait before the first start; the time from losing a worker to running again
  if attempt == 1 then observe('wait', f[7] or '?', now - t.created_at) end
  if f[26] then
    observe('recovery', '', now - tonumber(f[26]))
    redis.call('HDEL', task_key(id), 'lost_at')
  end
  if f[21] then
    -- the manager's fallback, should the worker not enforce the hard limit (see timers.lua)
    redis.call('ZADD', timers_key(), now + tonumber(f[21]) * 1000 + LIMIT_GRACE_MS, 'limit:' .. id)
  end
  return { 'ok', tostring(epoch), tostring(attempt), f[7], f[8] or '{}', f[9] or '', f[10] or '0', f[11] or '', f[12] or '0',
    f[15] or '0', f[16] or '0', f[17] or '', f[18] or '', f[19] or '', f[21] or '', f[22] or '', f[24] or '' }
end

-- The owner records the outcome of an attempt: COMPLETED with a result; CANCELLED when it stopped for a
-- cancel request; or an error (FAILED), or the handler's own request for a retry (RETRY). An error with retries left goes RETRYING until the delay the
-- caller computed from the task's retry policy has passed; without, FAILED. Fenced, and the transition
-- table refuses a second outcome, so a result is recorded exactly once.
-- outcome: COMPLETED | CANCELLED | FAILED | RETRY; payload: the result JSON or error text (for CANCELLED: where it
-- stopped); delay: before the next attempt (ms) if one is left, or ''.
-- Returns {'ok', status} or {'missing'} / {'stale', status, epoch} / {'illegal', from, to}.
local function finish_task(id, epoch, outcome, payload, worker, delay)
  local t, f = read_task(id, 'attempt', 'retries', 'max_retries', 'cancel_reason', 'queue', 'started_at', 'type')
  if not t then return { 'missing' } end
  t.queue, t.started_at, t.type = f[9] or DEFAULT_QUEUE, f[10], f[11] -- read once here, not again by change()
  if t.epoch ~= epoch or not (t.status == 'RUNNING' or t.status == 'MIGRATING') then
    if epoch < t.epoch then
      fenced(id, worker, epoch, t.epoch, t.status)
    end
    return { 'stale', t.status, tostring(t.epoch) }
  end

  local now = now_ms()
  local c = { worker = worker, event = { 'attempt', f[5], 'created_at', t.created_at } }
  local to = 'COMPLETED'
  if outcome == 'COMPLETED' and f[8] then
    -- a completion that raced an acknowledged cancel (cancel.lua answered 'requested'): the cancel wins, so that its
    -- dependents are cancelled as asked, not released by a result nobody wants any more (found by the nemesis)
    to = 'CANCELLED'
    c.reason = f[8] .. ' (it completed its last step meanwhile; the result is not kept)'
  elseif outcome == 'COMPLETED' then
    c.reason = 'completed'
    c.set = { 'result', payload, 'progress', 100, 'progress_message', 'completed' }
  elseif outcome == 'CANCELLED' then
    to = 'CANCELLED'
    c.reason = (f[8] or 'cancelled') .. ' (' .. payload .. ')'
  else
    to = failed_attempt(c, payload, delay, outcome == 'RETRY', f[6], f[7], f[8], now)
  end
  if not change(t, to, c, now) then return { 'illegal', t.status, to } end

  if to == 'COMPLETED' then index_progress(id, 100, t.created_at) end
  count_outcome(to, now)
  return { 'ok', to }
end
