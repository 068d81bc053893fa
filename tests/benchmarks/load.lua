-- wrk script of the load benchmark (tests/benchmarks/bench_load.py writes the configuration
-- file named by SIR_BENCH_WRK_CONFIG, a Lua chunk setting `cookie`, `path` and, for status
-- updates, `csrf` and `updates`, one list of actions per wrk thread).
--
-- Each thread has one connection (wrk -t N -c N) and its own actions, so its requests go one
-- after another and it knows each action's version: a status update is a real form POST with
-- the CSRF token and the version the form would carry, alternating the action's status.
-- A refused update (409, 422, ...) counts as a non-2xx/3xx response, which bench_load reports.

dofile(os.getenv("SIR_BENCH_WRK_CONFIG"))

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("number", counter)
  table.insert(threads, thread)
end

local mine = nil
local next_index = 1
local pending = nil
local pending_status = nil
local headers = nil

function init(args)
  headers = { ["Cookie"] = cookie }
  if updates ~= nil then
    mine = updates[number]
    headers["Content-Type"] = "application/x-www-form-urlencoded"
  end
end

function request()
  if mine == nil then
    return wrk.format("GET", path, headers)
  end
  local action = mine[next_index]
  next_index = next_index % #mine + 1
  local status = "completed"
  if action.status == "completed" then
    status = "in_progress"
  end
  pending, pending_status = action, status
  local body = "csrf_token=" .. csrf .. "&status=" .. status
    .. "&note=Reviewed+at+the+load+test%27s+meeting.&evidence_url=&effective_date=&next="
    .. "&version=" .. action.version
  return wrk.format("POST", action.path, headers, body)
end

-- Refused answers by status code ("409=2 500=1"), and the first refused answer's body.
refused = ""
refused_body = ""
local refused_codes = {}

function response(status, response_headers, body)
  if pending ~= nil and status == 302 then
    pending.version = pending.version + 1
    pending.status = pending_status
  end
  pending = nil
  if status >= 400 then
    refused_codes[status] = (refused_codes[status] or 0) + 1
    local parts = {}
    for code, n in pairs(refused_codes) do
      table.insert(parts, code .. "=" .. n)
    end
    refused = table.concat(parts, ",")
    if refused_body == "" then
      refused_body = string.sub(string.gsub(body, "%s+", " "), 1, 3000)
    end
  end
end

function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    local codes = thread:get("refused")
    if codes ~= nil and codes ~= "" then
      io.write("BENCH-REFUSED " .. codes .. "\n")
      io.write("BENCH-REFUSED-BODY " .. thread:get("refused_body") .. "\n")
    end
  end
  local errors = summary.errors
  io.write(string.format(
    "BENCH-WRK requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d "
      .. "non_2xx_3xx=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout))
end
