-- Driven by WrkLoad: one connection per wrk thread, each sending its own file of scans in order
-- (a line is "<api key> <json body>"), each request after the previous answer.
-- Arguments: the folder of the files, "cycle" or "once".
local threads = {}
local count = 0

function setup(thread)
  thread:set("id", count)
  count = count + 1
  table.insert(threads, thread)
end

function init(args)
  requests = {}
  for line in io.lines(args[1] .. "/connection-" .. id .. ".txt") do
    local key, body = line:match("^(%S+) (.*)$")
    requests[#requests + 1] = wrk.format("POST", "/api/v1/scans",
      { ["X-Api-Key"] = key, ["Content-Type"] = "application/json" }, body)
  end
  cycle = args[2] == "cycle"
  next_request = 0
  -- wrk calls request() once on thread 0's state before running, only to count pipelined requests;
  -- that request is never sent, so it must not use up a step (a skipped ship fails the pack's next steps).
  counting_call = id == 0
  bad = 0
  ranout = 0
end

function request()
  if counting_call then
    counting_call = false
    return requests[1]
  end
  next_request = next_request + 1
  if next_request > #requests then
    if cycle then
      next_request = 1
    else
      -- Nothing left to send on this connection: stop it; wrk still writes one request, so make it harmless.
      ranout = 1
      wrk.thread:stop()
      return wrk.format("GET", "/health")
    end
  end
  return requests[next_request]
end

function response(status, headers, body)
  if status ~= 200 or not string.find(body, '"verdict":"ok"', 1, true) then
    bad = bad + 1
    if bad <= 2 then io.stderr:write("DTNOTOK " .. status .. " " .. string.sub(body, 1, 300) .. "\n") end
  end
end

function done(summary, latency, requests)
  local notok, out = 0, 0
  for _, thread in ipairs(threads) do
    notok = notok + thread:get("bad")
    out = out + thread:get("ranout")
  end
  local e = summary.errors
  io.write(string.format("DTRESULT requests=%d duration_us=%d notok=%d ranout=%d errors=%d p50=%d p95=%d p99=%d max=%d\n",
    summary.requests, summary.duration, notok, out, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
