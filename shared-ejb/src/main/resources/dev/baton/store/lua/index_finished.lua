-- Adds tasks that finished before the index of finished tasks existed to it (by when they finished), a
-- chunk of one final status at a time, so that retention sees them.
-- ARGV: 3 status, 4 rank to start at in that status's index, 5 chunk size.
-- Returns {next rank or -1 when done, tasks added}.
local status, from, n = ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
local ids = redis.call('ZRANGE', status_key(status), from, from + n - 1)
local added = 0
for _, id in ipairs(ids) do
  if not redis.call('ZSCORE', finished_key(), id) then
    local f = redis.call('HMGET', task_key(id), 'finished_at', 'updated_at', 'created_at')
    redis.call('ZADD', finished_key(), f[1] or f[2] or f[3] or 0, id)
    added = added + 1
  end
end
return { #ids < n and -1 or from + n, added }
