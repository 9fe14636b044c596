-- A worker's outcomes and the claims of the message it received meanwhile, in one call instead of two (ADR 0059).
-- The outcomes first, each decided as finish_many.lua decides it (finish_task in lib.lua), so the queue places they
-- free count for the claims after; then the claims, each decided as claim_many.lua decides it (claim_task).
-- ARGV: 3 worker id, 4 number of outcomes n, then six fields per outcome as finish_many.lua's, then pairs: task id,
-- the epoch its dispatch message carried.
-- Returns {{finish reply per outcome}, {claim reply per pair}}, each in the order given.
local worker, n = ARGV[3], tonumber(ARGV[4])
local last = 4 + 6 * n
local finished, claimed = {}, {}
for i = 5, last, 6 do
  finished[#finished + 1] = finish_task(ARGV[i], tonumber(ARGV[i + 1]), ARGV[i + 2], ARGV[i + 3], ARGV[i + 4], ARGV[i + 5])
end
for i = last + 1, #ARGV, 2 do
  claimed[#claimed + 1] = claim_task(ARGV[i], worker, tonumber(ARGV[i + 1]))
end
return { finished, claimed }
