-- One page of tasks matching every filter, in the order asked for, and the number of all matches.
-- ARGV: 3 offset, 4 limit, 5 order (created | priority | progress), 6 direction (desc | asc), 7 id prefix
-- ('' for none), 8 words (space-separated; '' for none): tasks whose label has a word starting with each
-- (with an id prefix too: either matches), 9 and 10 the cursor - the score and id of the last task of the page
-- before ('' for none): this page starts right after it, found in O(log n) instead of walking `offset` tasks -
-- 11.. full names of the index sorted sets to intersect (none: all).
-- Descending: created is newest first; priority is the dispatch order (highest priority, then oldest
-- first); progress is furthest along first, then oldest first. Ascending is the exact reverse.
-- Returns {total, {hash of each task as a flat field/value list}...}.
-- Costs: no filter or one filter, and an id prefix, read little more than the page; several filters (or
-- a large filter with priority or progress order) walk an index and count matches natively.
local offset, limit, order, desc, prefix, words = tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5], ARGV[6] ~= 'asc', ARGV[7], ARGV[8]
-- the cursor's score as a number to compare, and as its text for Redis (Lua would print a number with 14 digits only)
local after_score, after_text, after_id = tonumber(ARGV[9]), ARGV[9], ARGV[10]
local filters = {}
for i = 11, #ARGV do filters[#filters + 1] = ARGV[i] end
local MAX_PREFIX_MATCHES = 20000

local size = {}
for _, k in ipairs(filters) do size[k] = redis.call('ZCARD', k) end
table.sort(filters, function(a, b) return size[a] < size[b] end)

local function in_filters(id, from)
  for k = from, #filters do
    if not redis.call('ZSCORE', filters[k], id) then return false end
  end
  return true
end

-- Whether id a sorts before id b as Redis orders members of equal score (bytes, not the locale's collation).
local function id_before(a, b)
  for i = 1, math.min(#a, #b) do
    local x, y = string.byte(a, i), string.byte(b, i)
    if x ~= y then return x < y end
  end
  return #a < #b
end

-- Whether the task of score s and id comes after the cursor in the listing's order (always without one).
local function past_cursor(s, id)
  if not after_score then return true end
  if s ~= after_score then return (s < after_score) == desc end
  if desc then return id_before(id, after_id) end
  return id_before(after_id, id)
end

-- The rank (in the listing's direction) of the first member of `key` after the cursor: O(log n) while the cursor's
-- task is still in the set; else counted by score, ties by id.
local function cursor_rank(key)
  if not after_score then return 0 end
  local own = redis.call('ZSCORE', key, after_id)
  if own and tonumber(own) == after_score then
    return (desc and redis.call('ZREVRANK', key, after_id) or redis.call('ZRANK', key, after_id)) + 1
  end
  local before = desc and redis.call('ZCOUNT', key, '(' .. after_text, '+inf') or redis.call('ZCOUNT', key, '-inf', '(' .. after_text)
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', key, after_text, after_text)) do
    if not past_cursor(after_score, id) then before = before + 1 end
  end
  return before
end

-- Ranks from..to of a sorted set, in the direction asked for.
local function range(key, from, to)
  if desc then return redis.call('ZREVRANGE', key, from, to) end
  return redis.call('ZRANGE', key, from, to)
end

-- Walks `key` in order keeping the ids that are in every filter from `first_filter` on. With `total_known`
-- it stops once the page is full.
local function walk(key, first_filter, total_known)
  local total, ids, start, chunk, n = 0, {}, cursor_rank(key), 500, redis.call('ZCARD', key)
  while start < n do
    for _, id in ipairs(range(key, start, start + chunk - 1)) do
      if in_filters(id, first_filter) then
        if total >= offset and #ids < limit then ids[#ids + 1] = id end
        total = total + 1
      end
    end
    if total_known and #ids >= limit then return total_known, ids end
    start = start + chunk
  end
  return total_known or total, ids
end

-- Sorts a list of ids by the order asked for (the same tie-breaks as the indexes), then cuts the page.
local function sorted_page(ids)
  local field = order == 'created' and 'created_at' or order
  local rows, total = {}, 0
  for _, id in ipairs(ids) do
    local v = redis.call('HMGET', task_key(id), field, 'created_at')
    local c = tonumber(v[2] or '0')
    local tie = order ~= 'created' and -c or 0
    total = total + 1
    -- the score the order's index gives it (see ranked in lib.lua): what a cursor names
    local score = order == 'created' and c or ranked(v[1] or '0', c)
    if past_cursor(score, id) then rows[#rows + 1] = { id = id, v = tonumber(v[1] or '0'), t = tie } end
  end
  table.sort(rows, function(a, b)
    local less
    if a.v ~= b.v then less = a.v < b.v elseif a.t ~= b.t then less = a.t < b.t else less = a.id < b.id end
    if desc then return not less and (a.v ~= b.v or a.t ~= b.t or a.id ~= b.id) end
    return less
  end)
  local page = {}
  for i = offset + 1, math.min(#rows, offset + limit) do page[#page + 1] = rows[i].id end
  return total, page
end

local index = order == 'priority' and priority_key() or order == 'progress' and progress_key() or all_key()
local total, ids
-- The ids whose label has a word starting with each of `words`.
local function labelled(words)
  local found = nil
  for word in string.gmatch(words, '%S+') do
    local hits = {}
    for _, m in ipairs(redis.call('ZRANGEBYLEX', labels_key(), '[' .. word, '[' .. word .. '\255', 'LIMIT', 0, MAX_PREFIX_MATCHES)) do
      local id = string.match(m, '\t(.*)$')
      if found == nil or found[id] then hits[id] = true end
    end
    found = hits
  end
  return found or {}
end

if prefix ~= '' or words ~= '' then
  local seen, matches = {}, {}
  local function consider(id)
    if not seen[id] then
      seen[id] = true
      if in_filters(id, 1) then matches[#matches + 1] = id end
    end
  end
  if prefix ~= '' then
    for _, id in ipairs(redis.call('ZRANGEBYLEX', ids_key(), '[' .. prefix, '[' .. prefix .. '\255', 'LIMIT', 0, MAX_PREFIX_MATCHES)) do
      consider(id)
    end
  end
  if words ~= '' then
    for id in pairs(labelled(words)) do consider(id) end
  end
  total, ids = sorted_page(matches)
elseif #filters == 0 then
  total = redis.call('ZCARD', index)
  local from = cursor_rank(index) + offset
  ids = limit > 0 and range(index, from, from + limit - 1) or {}
elseif order == 'created' then
  -- the filter sets are scored by creation time too
  if #filters == 1 then
    total = size[filters[1]]
    local from = cursor_rank(filters[1]) + offset
    ids = limit > 0 and range(filters[1], from, from + limit - 1) or {}
  else
    total, ids = walk(filters[1], 2, redis.call('ZINTERCARD', #filters, unpack(filters)))
  end
elseif size[filters[1]] <= 5000 then
  -- a small set: sort its matches here
  local matches = {}
  for _, id in ipairs(redis.call('ZRANGE', filters[1], 0, -1)) do
    if in_filters(id, 2) then matches[#matches + 1] = id end
  end
  total, ids = sorted_page(matches)
else
  -- large sets: walk the order's index until the page is full; count the matches natively
  local known = #filters == 1 and size[filters[1]] or redis.call('ZINTERCARD', #filters, unpack(filters))
  total, ids = walk(index, 1, known)
end

local rows = {}
for _, id in ipairs(ids) do rows[#rows + 1] = redis.call('HGETALL', task_key(id)) end
return { total, rows }
