-- Voz: the atomic commit of one inbound message. All keys share one hash tag (one Cluster slot).
-- Every check runs before the first write: Redis does not roll back a script that fails half way.
--
-- KEYS[1]            outbox stream of the partition
-- KEYS[2]            dedupe key                      (only when ARGV[1] == '1')
-- next KEYS, 2 of    session hash, ledger stream     (only when ARGV[3] == '1')
-- next KEY           the partition's open alerts hash (only when A > 0)
-- last KEY           the partition's outbox retry schedule (only when ARGV[10] == '1')
-- ARGV[1]  '1' = dedupe, '0' = none          ARGV[2]  dedupe TTL in seconds (>= 1 when deduping)
-- ARGV[3]  '1' = survivor session, '0' = none ARGV[4]  expected session version (>= 0)
-- ARGV[5]  new sealed session blob            ARGV[6]  L = ledger event count
-- ARGV[7]  N = outbox entry count            ARGV[8]  new sealed survivor record, '' = unchanged
-- ARGV[9]  A = alert count (alerts listed for staff until acknowledged; needs a survivor)
-- ARGV[10] '1' = some outbox entry is for later (the retry schedule is the last KEY), '0' = none
-- ARGV[11] the survivor's own key wrapped by the data key, set once (HSETNX; an enrolment), '' = none
-- ARGV[12 .. 12+L-1]  the sealed ledger events
-- then N times: F (field count >= 1), D (delay in ms, >= 0), then F field/value pairs. D = 0: into the
--   stream; D > 0 (not before a survivor's contact hours or a campaign's send slot): straight into the retry
--   schedule, due at Redis's clock + D, as a JSON array of its field/value pairs (what promote.lua moves back)
-- then A times: alert id, sealed alert
-- The session hash holds v (version), blob (sealed session) and record (sealed survivor record): one
-- version guards both, so a staff change to the record and a survivor's message can never overwrite
-- each other.
-- New alerts are also PUBLISHed on the channel named like the alerts hash ('+' then their ids, comma-separated),
-- so every instance's open consoles hear of them at once (AlertFeed); a subscriber that missed it reads the hash.
-- Returns {'COMMITTED'}, {'DUPLICATE'}, or {'CONFLICT', v, blob, record, skey} (the current state, so the
-- caller runs the engine again without another read); an error reply (and no write) on malformed input.

local function bad(what) return redis.error_reply('ERR voz commit: ' .. what) end

if (ARGV[1] ~= '0' and ARGV[1] ~= '1') or (ARGV[3] ~= '0' and ARGV[3] ~= '1')
    or (ARGV[10] ~= '0' and ARGV[10] ~= '1') then return bad('flags') end
local hasDedupe, hasSession, hasLater = ARGV[1] == '1', ARGV[3] == '1', ARGV[10] == '1'
local ttl, expected = tonumber(ARGV[2]), tonumber(ARGV[4])
local nLedger, nOutbox, nAlerts = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[9])
if not nLedger or not nOutbox or not nAlerts or nLedger < 0 or nOutbox < 0 or nAlerts < 0 then return bad('counts') end
if #KEYS ~= 1 + (hasDedupe and 1 or 0) + (hasSession and 2 or 0) + (nAlerts > 0 and 1 or 0) + (hasLater and 1 or 0) then
  return bad('keys')
end
if hasDedupe and (not ttl or ttl < 1 or ttl % 1 ~= 0) then return bad('ttl') end
if hasSession and (not expected or expected < 0 or expected % 1 ~= 0 or ARGV[5] == nil) then return bad('version') end
if not hasSession and nLedger > 0 then return bad('ledger without survivor') end
if not hasSession and ARGV[8] ~= '' then return bad('record without survivor') end
if not hasSession and nAlerts > 0 then return bad('alerts without survivor') end
if ARGV[11] == nil or (not hasSession and ARGV[11] ~= '') then return bad('survivor key') end

local outbox, dedupe, session, ledger = KEYS[1], nil, nil, nil
local k = 2
if hasDedupe then dedupe = KEYS[k]; k = k + 1 end
if hasSession then session, ledger = KEYS[k], KEYS[k + 1]; k = k + 2 end
local alerts = nil
if nAlerts > 0 then alerts = KEYS[k]; k = k + 1 end
local schedule = hasLater and KEYS[k] or nil

local i = 12
local events = {}
for j = 1, nLedger do
  if ARGV[i] == nil then return bad('arity') end
  events[j] = ARGV[i]; i = i + 1
end
local entries, delays = {}, {}
for j = 1, nOutbox do
  local f, d = tonumber(ARGV[i]), tonumber(ARGV[i + 1])
  if not f or f < 1 or f % 1 ~= 0 then return bad('field count') end
  if not d or d < 0 or d % 1 ~= 0 or (d > 0 and not hasLater) then return bad('delay') end
  i = i + 2
  local e = {}
  for m = 1, 2 * f do
    if ARGV[i] == nil then return bad('arity') end
    e[m] = ARGV[i]; i = i + 1
  end
  entries[j], delays[j] = e, d
end
local alertPairs = {}
for j = 1, 2 * nAlerts do
  if ARGV[i] == nil then return bad('arity') end
  alertPairs[j] = ARGV[i]; i = i + 1
end
if i - 1 ~= #ARGV then return bad('arity') end

-- a key of the wrong type would fail its write half way: check the keys this commit writes to with a
-- command that does not check by itself before any write (HGET fails on a non-hash session before any
-- write; EXISTS and SET take a dedupe key of any type): at most the outbox, ledger and alerts
local function typeIs(key, want)
  local t = redis.call('TYPE', key)['ok']
  return t == 'none' or t == want
end
if nOutbox > 0 and not typeIs(outbox, 'stream') then return bad('outbox is not a stream') end
if nLedger > 0 and not typeIs(ledger, 'stream') then return bad('ledger is not a stream') end
if alerts and not typeIs(alerts, 'hash') then return bad('alerts type') end
if schedule and not typeIs(schedule, 'zset') then return bad('retry schedule type') end
local stored = 0
if hasSession then
  local v = redis.call('HGET', session, 'v')
  if v then
    stored = tonumber(v)
    if not stored then return bad('stored version') end
  end
end

-- decisions, still no write
if hasDedupe and redis.call('EXISTS', dedupe) == 1 then return {'DUPLICATE'} end
if hasSession and stored ~= expected then
  local current = redis.call('HMGET', session, 'blob', 'record', 'skey')
  return {'CONFLICT', tostring(stored), current[1] or '', current[2] or '', current[3] or ''}
end

-- writes
if hasSession then
  redis.call('HSET', session, 'v', string.format('%d', expected + 1), 'blob', ARGV[5])
  if ARGV[8] ~= '' then redis.call('HSET', session, 'record', ARGV[8]) end
  if ARGV[11] ~= '' then redis.call('HSETNX', session, 'skey', ARGV[11]) end
  for _, ev in ipairs(events) do redis.call('XADD', ledger, '*', 'event', ev) end
end
local now = nil
for j, e in ipairs(entries) do
  if delays[j] > 0 then
    if not now then
      local t = redis.call('TIME')
      now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
    end
    redis.call('ZADD', schedule, string.format('%.0f', now + delays[j]), cjson.encode(e))
  else
    redis.call('XADD', outbox, '*', unpack(e))
  end
end
if alerts then
  redis.call('HSET', alerts, unpack(alertPairs))
  local ids = {}
  for j = 1, nAlerts do ids[j] = alertPairs[2 * j - 1] end
  redis.call('PUBLISH', alerts, '+' .. table.concat(ids, ','))
end
if hasDedupe then redis.call('SET', dedupe, '1', 'EX', ARGV[2]) end
return {'COMMITTED'}
