-- Brings the next send of tasks whose send failed forward to now + delay (only if still due).
-- ARGV: 3 delay (ms), then task ids.
local at = now_ms() + tonumber(ARGV[3])
for i = 4, #ARGV do
  redis.call('ZADD', due_key(), 'XX', at, ARGV[i])
end
return { 'ok' }
