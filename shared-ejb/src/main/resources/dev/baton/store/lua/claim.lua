-- A worker claims a task it received from the broker (claim_task in lib.lua says how and what it returns).
-- ARGV: 3 task id, 4 worker id, 5 the epoch the dispatch message carried.
return claim_task(ARGV[3], ARGV[4], tonumber(ARGV[5]))
