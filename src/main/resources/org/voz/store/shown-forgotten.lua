-- Voz: sensitive Telegram messages were deleted. KEYS[1] the survivor's shown set, KEYS[2] the partition's
-- index of survivors with shown messages; ARGV[1] the survivor id, ARGV[2..] the members deleted.
-- Removes them; once the set is empty the survivor leaves the index (in one step, so that a message recorded
-- meanwhile keeps its survivor indexed). Returns how many members are left.
for i = 2, #ARGV do redis.call('ZREM', KEYS[1], ARGV[i]) end
local left = redis.call('ZCARD', KEYS[1])
if left == 0 then redis.call('ZREM', KEYS[2], ARGV[1]) end
return left
