-- Voz outbox: the provider confirmed an entry's send. KEYS[1] outbox stream, KEYS[2] the entry's sent marker;
-- for an entry about a survivor (in this partition): KEYS[3] their session hash (gone: erased while the entry was
-- under way, its retry deleted with them; no marker is written), KEYS[4] (optional) their undelivered hash.
-- ARGV[1] group, ARGV[2] stream id, ARGV[3] the provider's message ids, ARGV[4] the marker's TTL in ms, ARGV[5] '1' if
-- a marker may exist for this copy (a retry's copy, or one read again), ARGV[6] (with KEYS[4]) the entry's kind.
-- Still pending: settled at once (XACK + XDEL), in the same step as the confirmation is recorded, so that no
-- moment exists where it is confirmed in Redis and still pending. No longer pending (its delivery timed out and
-- it waits in the retry schedule under another stream id, or it was settled elsewhere): the marker is written,
-- and the retry finds it and is settled without a send (settle-sent.lua).
-- A message of its kind went out: one given up on before is no longer flagged (HDEL creates no key).
-- Returns 1 if this call settled the stream entry, 0 if it only wrote the marker.
local n = redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
if n == 1 then
  redis.call('XDEL', KEYS[1], ARGV[2])
  if ARGV[5] == '1' then
    -- a marker left for this copy (a retry this instance settles from memory) has done its work
    redis.call('DEL', KEYS[2])
  end
elseif #KEYS < 3 or redis.call('EXISTS', KEYS[3]) == 1 then
  redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
end
if #KEYS >= 4 then
  redis.call('HDEL', KEYS[4], ARGV[6])
end
return n
