-- The owner records the outcome of an attempt (finish_task in lib.lua says how and what it returns).
-- ARGV: 3 id, 4 epoch, 5 outcome (COMPLETED | CANCELLED | FAILED | RETRY), 6 result JSON or error text
-- (for CANCELLED: where it stopped), 7 worker id, 8 delay before the next attempt (ms) if one is left, or ''.
return finish_task(ARGV[3], tonumber(ARGV[4]), ARGV[5], ARGV[6], ARGV[7], ARGV[8])
