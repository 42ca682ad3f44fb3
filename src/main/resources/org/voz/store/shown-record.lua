-- Voz: records Telegram messages shown to a survivor, with the set's expiry, in one step (never a set kept
-- forever). KEYS[1] the survivor's shown set, KEYS[2] the partition's index, KEYS[3] (optional) the survivor's session
-- hash: gone (the survivor erased while a reply to them was under way), nothing is written; ARGV[1] the survivor id,
-- ARGV[2] when they were sent (epoch ms), ARGV[3] how long the set is kept (ms), ARGV[4..] the members.
if #KEYS >= 3 and redis.call('EXISTS', KEYS[3]) == 0 then
  return 0
end
for i = 4, #ARGV do redis.call('ZADD', KEYS[1], ARGV[2], ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
return #ARGV - 3
