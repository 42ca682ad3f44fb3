-- Voz outbox: the provider confirmed an entry's send. KEYS[1] outbox stream, KEYS[2] the entry's sent marker,
-- KEYS[3] (optional) the session hash of the survivor the entry is about: gone (erased while the entry was under
-- way, its retry deleted with them), no marker is written; ARGV[1] group, ARGV[2] stream id, ARGV[3] the provider's message ids, ARGV[4] the marker's TTL in ms.
-- Still pending: settled at once (XACK + XDEL), in the same step as the confirmation is recorded, so that no
-- moment exists where it is confirmed in Redis and still pending. No longer pending (its delivery timed out and
-- it waits in the retry schedule under another stream id, or it was settled elsewhere): the marker is written,
-- and the retry finds it and is settled without a send (settle-sent.lua).
-- Returns 1 if this call settled the stream entry, 0 if it only wrote the marker.
local n = redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
if n == 1 then
  redis.call('XDEL', KEYS[1], ARGV[2])
  -- a marker left for this copy (a retry this instance settles from memory) has done its work
  redis.call('DEL', KEYS[2])
elseif #KEYS < 3 or redis.call('EXISTS', KEYS[3]) == 1 then
  redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
end
return n
