-- Everything Prometheus reads from the cluster, in one round trip (see RedisMetrics).
-- Returns {{queue, {status, count...}}..., {counts field, value...}, {totals field, value...},
-- {{histogram name:label, {field, value...}}...}, {{worker, status, slots, running}...}, pending dispatches}.
local queues = {}
for _, q in ipairs(redis.call('ZRANGE', queues_key(), 0, -1)) do
  queues[#queues + 1] = { q, redis.call('HGETALL', queue_counts_key(q)) }
end
local histograms = {}
for _, name in ipairs(redis.call('SMEMBERS', metrics_histograms_key())) do
  histograms[#histograms + 1] = { name, redis.call('HGETALL', metrics_histogram_key(name)) }
end
local workers = {}
for _, w in ipairs(redis.call('ZRANGE', leases_key(), 0, -1)) do
  local f = redis.call('HMGET', worker_key(w), 'status', 'slots', 'running')
  workers[#workers + 1] = { w, f[1] or 'UP', f[2] or '0', f[3] or '0' }
end
return { queues, redis.call('HGETALL', metrics_counts_key()), redis.call('HGETALL', totals_key()), histograms, workers,
  redis.call('ZCARD', due_key()) }
