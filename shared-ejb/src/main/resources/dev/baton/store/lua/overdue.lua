-- Migrations whose source did not release in time. ARGV: 3 limit. Returns task ids.
return redis.call('ZRANGEBYSCORE', migrations_key(), '-inf', now_ms(), 'LIMIT', 0, tonumber(ARGV[3]))
