-- Voz outbox: an entry was delivered. KEYS[1] outbox stream; ARGV[1] group, ARGV[2] stream id.
-- Returns 1 if this call settled it, 0 if it was no longer pending (another consumer settled it).
local n = redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
if n == 1 then redis.call('XDEL', KEYS[1], ARGV[2]) end
return n
