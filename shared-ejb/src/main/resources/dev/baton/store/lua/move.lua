-- A transition decided by the manager or a worker outside the normal run (recovery, hand-back, ...).
-- ARGV: 3 id, 4 target status, 5 expected epoch or '' for any, 6 allowed current states
-- (comma-separated) or '' for any the table allows, 7 '1' to bump the epoch (fencing the owner),
-- 8 reason, 9 actor, 10 dispatch delay (ms) or '' to leave the task off the dispatch schedule.
-- Returns {'ok', epoch, from} or {'missing'} / {'stale', status, epoch} / {'illegal', from, to}.
local id, to, expected, only = ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local t = read_task(id)
if not t then return { 'missing' } end
if expected ~= '' and t.epoch ~= tonumber(expected) then return { 'stale', t.status, tostring(t.epoch) } end
if only ~= '' and not string.find(',' .. only .. ',', ',' .. t.status .. ',', 1, true) then
  return { 'stale', t.status, tostring(t.epoch) }
end

local now = now_ms()
local c = { epoch = ARGV[7] == '1' and t.epoch + 1 or t.epoch, reason = ARGV[8], actor = ARGV[9] }
if to == 'FAILED' or to == 'DEAD' then c.set = { 'error', ARGV[8] } end
if ARGV[10] ~= '' then c.dispatch_at = now + tonumber(ARGV[10]) end
if not change(t, to, c, now) then return { 'illegal', t.status, to } end
if ARGV[10] == '' then redis.call('ZREM', due_key(), id) end
return { 'ok', tostring(c.epoch), t.status }
