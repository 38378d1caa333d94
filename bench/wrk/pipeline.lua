-- HTTP/1.1 pipelining for wrk, as in TechEmpower's plaintext test: each write sends DEPTH copies
-- of the request named on wrk's command line, and wrk counts each response.
--
--   wrk -t1 -c256 -d10s -s bench/wrk/pipeline.lua http://127.0.0.1:8080/plaintext -- 16
--
-- DEPTH is the first argument after "--"; it defaults to 16.

local batch

function init(args)
  local depth = tonumber(args[1] or "16")
  if depth == nil or depth < 1 or depth ~= math.floor(depth) then
    error("pipeline.lua: the depth must be a whole number from 1 up, not " .. tostring(args[1]))
  end
  local one = wrk.format()
  batch = string.rep(one, depth)
end

function request()
  return batch
end
