-- Voz outbox: an entry is given up. KEYS[1] outbox stream, KEYS[2] dead-letter stream; for an entry of a kind a case
-- manager must hear of, about a survivor in this partition: KEYS[3] their undelivered hash, KEYS[4] their session hash
-- (gone: erased, and nothing of theirs is written again).
-- ARGV[1] group, ARGV[2] stream id, ARGV[3] the entry's kind, ARGV[4] the undelivered hash's TTL in ms,
-- ARGV[5..] field/value pairs of the dead letter.
-- The undelivered hash keeps, per kind, the time of the first one given up on since the last that went out.
-- Returns 1 if this call settled it, 0 if it was no longer pending.
local n = redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
if n == 1 then
  redis.call('XDEL', KEYS[1], ARGV[2])
  local id = redis.call('XADD', KEYS[2], '*', unpack(ARGV, 5))
  if #KEYS >= 4 and redis.call('EXISTS', KEYS[4]) == 1 then
    redis.call('HSETNX', KEYS[3], ARGV[3], string.match(id, '^%d+'))
    redis.call('PEXPIRE', KEYS[3], ARGV[4])
  end
end
return n
