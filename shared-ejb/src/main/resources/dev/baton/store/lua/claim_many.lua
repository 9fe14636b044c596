-- A worker claims the tasks of one dispatch message, as many as it has free slots for: one call instead of one
-- per task. Each claim is decided on its own, in order, exactly as claim.lua decides it (claim_task in lib.lua),
-- so queue limits stay exact: the fifth task of a queue limited to four is parked, not started.
-- ARGV: 3 worker id, then pairs from 4 on: task id, the epoch its dispatch message carried.
-- Returns one claim reply per pair, in the same order.
local worker, out = ARGV[3], {}
for i = 4, #ARGV, 2 do
  out[#out + 1] = claim_task(ARGV[i], worker, tonumber(ARGV[i + 1]))
end
return out
