-- wrk script: each request takes the next path of PATHS (comma-separated, from
-- the environment), and every status is counted across threads.

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   paths = {}
   for path in string.gmatch(os.getenv("PATHS") or "/", "[^,]+") do
      table.insert(paths, path)
   end
   next_path = 0
   counts = {}
end

function request()
   next_path = next_path % #paths + 1
   return wrk.format("GET", paths[next_path])
end

function response(status, headers, body)
   counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
   local total = {}
   for _, thread in ipairs(threads) do
      for status, count in pairs(thread:get("counts")) do
         total[status] = (total[status] or 0) + count
      end
   end
   local statuses = {}
   for status, count in pairs(total) do
      table.insert(statuses, string.format("%d=%d", status, count))
   end
   table.sort(statuses)
   local errors = summary.errors
   io.write(string.format("RESULT requests=%d rps=%.1f socket_errors=%d statuses=%s\n",
      summary.requests, summary.requests / (summary.duration / 1e6),
      errors.connect + errors.read + errors.write + errors.timeout,
      table.concat(statuses, ",")))
end
