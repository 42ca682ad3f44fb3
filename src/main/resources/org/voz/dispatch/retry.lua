-- Voz outbox: a delivery failed and will be tried again. KEYS[1] outbox stream, KEYS[2] retry zset;
-- ARGV[1] group, ARGV[2] stream id, ARGV[3] delay in ms, ARGV[4] member: JSON array of field/value pairs
-- (attempts already counted). The due time is Redis's clock + delay, so instances' clocks do not matter.
-- Returns 1 if this call settled it, 0 if it was no longer pending.
local n = redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
if n == 1 then
  redis.call('XDEL', KEYS[1], ARGV[2])
  local t = redis.call('TIME')
  local due = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ARGV[3])
  redis.call('ZADD', KEYS[2], string.format('%.0f', due), ARGV[4])
end
return n
