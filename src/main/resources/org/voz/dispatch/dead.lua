-- Voz outbox: an entry is given up. KEYS[1] outbox stream, KEYS[2] dead-letter stream;
-- ARGV[1] group, ARGV[2] stream id, ARGV[3..] field/value pairs of the dead letter.
-- Returns 1 if this call settled it, 0 if it was no longer pending.
local n = redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
if n == 1 then
  redis.call('XDEL', KEYS[1], ARGV[2])
  redis.call('XADD', KEYS[2], '*', unpack(ARGV, 3))
end
return n
