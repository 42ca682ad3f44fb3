-- Voz outbox: an entry read again (a re-read after a restart or a reconnection, a takeover, a retry) whose send
-- was already confirmed is settled without a send. KEYS[1] outbox stream, KEYS[2] the entry's sent marker;
-- ARGV[1] group, ARGV[2] stream id. Returns 1 if the marker exists (the entry is settled: XACK + XDEL), else 0
-- (nothing changed: deliver it). The marker goes with the entry it settled: it was written for the one copy of the
-- entry left (its retry, once its delivery had timed out), and it holds the provider's message id, which leads to the
-- survivor at the provider: nothing needs it once that copy is settled.
if redis.call('EXISTS', KEYS[2]) == 0 then
  return 0
end
if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 1 then
  redis.call('XDEL', KEYS[1], ARGV[2])
  redis.call('DEL', KEYS[2])
end
return 1
