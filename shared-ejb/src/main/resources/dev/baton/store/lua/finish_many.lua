-- A worker records the outcomes of several attempts that ended at about the same time in one call (ADR 0055): each
-- decided on its own, exactly as finish.lua decides it (finish_task in lib.lua), fenced by its own epoch.
-- ARGV from 3 on, six per outcome: id, epoch, outcome, result JSON or error text, worker id, retry delay (ms) or ''.
-- Returns one finish reply per outcome, in the same order.
local out = {}
for i = 3, #ARGV, 6 do
  out[#out + 1] = finish_task(ARGV[i], tonumber(ARGV[i + 1]), ARGV[i + 2], ARGV[i + 3], ARGV[i + 4], ARGV[i + 5])
end
return out
