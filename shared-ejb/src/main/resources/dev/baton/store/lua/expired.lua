-- Workers whose lease has ended (by the Redis clock) and that are not yet declared FAILED or DOWN.
-- ARGV: 3 limit. Returns worker ids.
local out = {}
for _, w in ipairs(redis.call('ZRANGEBYSCORE', leases_key(), '-inf', now_ms(), 'LIMIT', 0, tonumber(ARGV[3]))) do
  local s = redis.call('HGET', worker_key(w), 'status')
  if s ~= 'FAILED' and s ~= 'DOWN' then out[#out + 1] = w end
end
return out
