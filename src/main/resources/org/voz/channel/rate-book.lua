-- Voz: one send books the earliest start free under every rate it falls under, shared by all instances.
-- KEYS[i]: the booked slots of one rate and key, a sorted set: member "<start>:<end>" (microseconds of Redis's
-- clock), score = end; slots of one key never overlap. ARGV[1]: the longest wait allowed (µs); ARGV[1 + i]: the
-- length of this send's slot under KEYS[i] (permits x interval, µs).
-- Returns the wait until the booked start (µs), or, when that would exceed ARGV[1], minus the wait (nothing
-- booked). Past slots are removed; a key expires once its last slot is over.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local maxWait = tonumber(ARGV[1])
local slots, len = {}, {}
for i = 1, #KEYS do
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now)
  len[i] = tonumber(ARGV[1 + i])
  local list = {}
  for _, m in ipairs(redis.call('ZRANGE', KEYS[i], 0, -1)) do
    local colon = string.find(m, ':', 1, true)
    list[#list + 1] = {tonumber(string.sub(m, 1, colon - 1)), tonumber(string.sub(m, colon + 1))}
  end
  slots[i] = list
end
local function earliestFree(i, from)
  local at = from
  for _, s in ipairs(slots[i]) do
    if s[1] >= at + len[i] then break end
    if s[2] > at then at = s[2] end
  end
  return at
end
local start, moved = now, true
while moved do
  moved = false
  for i = 1, #KEYS do
    local free = earliestFree(i, start)
    if free ~= start then start, moved = free, true end
  end
end
local wait = start - now
if wait > maxWait then return -wait end
for i = 1, #KEYS do
  local finish = start + len[i]
  redis.call('ZADD', KEYS[i], finish, string.format('%d:%d', start, finish))
  redis.call('PEXPIRE', KEYS[i], math.floor((finish - now) / 1000) + 1000)
end
return wait
