-- wrk: POST the request of BENCH_CREATE_BODY, each with its own Idempotency-Key (a repeated key
-- would replay the first answer instead of creating).
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

local body = os.getenv("BENCH_CREATE_BODY")
local sent = 0
function request()
  sent = sent + 1
  local headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["Content-Type"] = "application/json"
  headers["Idempotency-Key"] = string.format("bench-%d-%d-%d", os.time(), thread_id, sent)
  return wrk.format("POST", nil, headers, body)
end
