-- One page of tasks, newest first, filtered by the intersection of index sets.
-- ARGV: 3 offset, 4 limit, 5.. full names of the index sorted sets to intersect.
-- Returns {total, {hash of each task as a flat field/value list}...}.
local offset, limit = tonumber(ARGV[3]), tonumber(ARGV[4])
local keys = {}
for i = 5, #ARGV do keys[#keys + 1] = ARGV[i] end

local total, ids = 0, {}
if #keys == 1 then
  total = redis.call('ZCARD', keys[1])
  if limit > 0 then ids = redis.call('ZREVRANGE', keys[1], offset, offset + limit - 1) end
else
  local size = {}
  for _, k in ipairs(keys) do size[k] = redis.call('ZCARD', k) end
  table.sort(keys, function(a, b) return size[a] < size[b] end)
  local n, start, chunk = redis.call('ZCARD', keys[1]), 0, 500
  while start < n do
    for _, id in ipairs(redis.call('ZREVRANGE', keys[1], start, start + chunk - 1)) do
      local match = true
      for k = 2, #keys do
        if not redis.call('ZSCORE', keys[k], id) then match = false; break end
      end
      if match then
        if total >= offset and #ids < limit then ids[#ids + 1] = id end
        total = total + 1
      end
    end
    start = start + chunk
  end
end

local rows = {}
for _, id in ipairs(ids) do rows[#rows + 1] = redis.call('HGETALL', task_key(id)) end
return { total, rows }
