-- Sixteen members of staff record incidents at once. Each request carries a unique description,
-- so the database can show every incident was stored exactly once; each 302 names the stored
-- incident, whose id is written to BENCH_PKS_FILE for the count check.
-- Environment: BENCH_PATH, BENCH_SESSIONS (comma-separated), BENCH_CSRF, BENCH_DATE,
-- BENCH_YEAR_GROUP, BENCH_PKS_FILE.

local threads = {}
local thread_number = 0

setup = function(thread)
  thread_number = thread_number + 1
  thread:set("id", thread_number)
  table.insert(threads, thread)
end

init = function(args)
  sessions = {}
  for session in string.gmatch(os.getenv("BENCH_SESSIONS"), "[^,]+") do
    table.insert(sessions, session)
  end
  csrf = os.getenv("BENCH_CSRF")
  counter = 0
  created = 0
  refused = 0
  pks = ""
end

request = function()
  counter = counter + 1
  local session = sessions[(counter + id) % #sessions + 1]
  local body = "occurred_on=" .. os.getenv("BENCH_DATE") ..
    "&occurred_time=10%3A30&location=classroom&raised_by=staff" ..
    "&behaviours=verbal&motivations=race" ..
    "&description=Benchmark+write+" .. id .. "-" .. counter ..
    "&derogatory_language=&immediate_action=Spoke+to+both+pupils." ..
    "&people-TOTAL_FORMS=3&people-INITIAL_FORMS=0&people-MIN_NUM_FORMS=0&people-MAX_NUM_FORMS=30" ..
    "&people-0-role=target&people-0-kind=pupil&people-0-year_group=" ..
    os.getenv("BENCH_YEAR_GROUP") .. "&people-0-sex=female" ..
    "&people-1-sex=not_known&people-2-sex=not_known"
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "sessionid=" .. session .. "; csrftoken=" .. csrf,
    ["X-CSRFToken"] = csrf,
  }
  return wrk.format("POST", os.getenv("BENCH_PATH"), headers, body)
end

response = function(status, headers, body)
  if status == 302 then
    local pk = string.match(headers["Location"] or "", "/incidents/(%d+)/")
    if pk then
      created = created + 1
      pks = pks .. "," .. pk
      return
    end
  end
  refused = refused + 1
end

done = function(summary, latency, requests)
  local all_pks, total_created, total_refused = {}, 0, 0
  for _, thread in ipairs(threads) do
    total_created = total_created + thread:get("created")
    total_refused = total_refused + thread:get("refused")
    table.insert(all_pks, thread:get("pks"))
  end
  local file = io.open(os.getenv("BENCH_PKS_FILE"), "w")
  file:write(table.concat(all_pks, ""))
  file:close()
  local errors = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "created": %d, "refused": %d, ' ..
    '"socket_errors": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, total_created, total_refused,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
