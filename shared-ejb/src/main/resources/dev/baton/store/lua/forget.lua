-- Deletes finished tasks for good, each with all its keys and index entries (see forget in lib.lua). A
-- task that has not finished is refused with its status, an unknown id with MISSING.
-- ARGV: 3 reason, 4 actor, then task ids.
-- Returns {deleted, {{id, status or 'MISSING'} for each refused...}}.
local reason, actor = ARGV[3], ARGV[4]
local deleted, refused, last = 0, {}, nil
for i = 5, #ARGV do
  local ok, status = forget(ARGV[i])
  if ok then
    deleted = deleted + 1
    last = ARGV[i]
  else
    refused[#refused + 1] = { ARGV[i], status or 'MISSING' }
  end
end
if deleted > 0 then emit_deleted(deleted, reason, actor, deleted == 1 and last or nil, now_ms()) end
return { deleted, refused }
