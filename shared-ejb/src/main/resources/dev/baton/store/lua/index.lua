-- Adds tasks created before the lookup indexes existed (by priority, progress, id) to them, a chunk at
-- a time.
-- ARGV: 3 rank to start at in the index of all tasks, 4 chunk size.
-- Returns {next rank or -1 when done, tasks added}.
local from, n = tonumber(ARGV[3]), tonumber(ARGV[4])
local ids = redis.call('ZRANGE', all_key(), from, from + n - 1)
local added = 0
for _, id in ipairs(ids) do
  if not redis.call('ZSCORE', ids_key(), id) then
    local t = redis.call('HMGET', task_key(id), 'priority', 'created_at', 'progress')
    if t[2] then
      index_for_lookup(id, t[1] or '0', t[3] or '0', t[2])
      added = added + 1
    end
  end
end
return { #ids < n and -1 or from + n, added }
