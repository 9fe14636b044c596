-- Counts the tasks created before queues existed (all of them in the default queue) in the default queue's
-- counts by status and index, once: the set of queue names marks it done (every task created since is counted as it
-- is admitted).
-- ARGV: 3.. the status names. Returns 1 if it counted, 0 if done before.
if redis.call('EXISTS', queues_key()) == 1 then return 0 end
for i = 3, #ARGV do
  local n = redis.call('ZCARD', status_key(ARGV[i]))
  if n > 0 then redis.call('HSET', queue_counts_key(DEFAULT_QUEUE), ARGV[i], n) end
end
redis.call('ZUNIONSTORE', queue_tasks_key(DEFAULT_QUEUE), 1, all_key())
redis.call('ZADD', queues_key(), 'NX', now_ms(), DEFAULT_QUEUE)
return 1
