-- Voz: stores a sealed document with its lifetime in one step, so that a crash never leaves it kept forever.
-- KEYS[1] the document's hash; ARGV[1] its sealed key, ARGV[2] the base64 ciphertext, ARGV[3] the lifetime (ms).
redis.call('HSET', KEYS[1], 'key', ARGV[1], 'data', ARGV[2])
return redis.call('PEXPIRE', KEYS[1], ARGV[3])
