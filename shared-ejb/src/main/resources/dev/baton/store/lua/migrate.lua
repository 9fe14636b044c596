-- Asks a RUNNING task to migrate: it goes MIGRATING, its owner keeps it until its next safe point, where
-- it writes a final checkpoint and releases it (release.lua); the manager forces the release after the
-- deadline. ARGV: 3 id, 4 target worker, 5 timeout (ms), 6 reason, 7 actor.
-- Returns {'ok', epoch, source} or {'missing'} / {'not_running', status} / {'same_worker', worker} /
-- {'target_gone', target} / {'illegal', from, to}.
local id, target = ARGV[3], ARGV[4]
local t = read_task(id)
if not t then return { 'missing' } end
if t.status ~= 'RUNNING' then return { 'not_running', t.status } end
if t.worker == target then return { 'same_worker', target } end
local now = now_ms()
if not worker_alive(target, now) then return { 'target_gone', target } end
local deadline = now + tonumber(ARGV[5])
if not change(t, 'MIGRATING', { reason = ARGV[6], actor = ARGV[7], deadline = deadline, event = { 'target', target },
  set = { 'migration_target', target, 'migration_deadline', deadline, 'migration_requested_at', now } }, now) then
  return { 'illegal', 'RUNNING', 'MIGRATING' }
end
return { 'ok', tostring(t.epoch), t.worker }
