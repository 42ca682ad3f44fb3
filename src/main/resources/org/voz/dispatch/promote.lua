-- Voz outbox: moves due retries back into the stream. KEYS[1] retry zset, KEYS[2] outbox stream,
-- KEYS[3] dead-letter stream; ARGV[1] at most this many. An unreadable member is dead-lettered.
-- Returns how many were moved.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', string.format('%.0f', now), 'LIMIT', 0, tonumber(ARGV[1]))
for _, member in ipairs(due) do
  local ok, fields = pcall(cjson.decode, member)
  if ok and type(fields) == 'table' and #fields >= 2 and #fields % 2 == 0 then
    redis.call('XADD', KEYS[2], '*', unpack(fields))
  else
    redis.call('XADD', KEYS[3], '*', 'reason', 'unreadable retry entry')
  end
  redis.call('ZREM', KEYS[1], member)
end
return #due
