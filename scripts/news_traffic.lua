-- News readers for `make bench` (scripts/bench_news.py).
--
-- Each request's path is drawn from a weighted list, one "weight path" a line (written by
-- scripts/bench_traffic.py: the home page, the sections, articles with a Zipf-like
-- popularity). With "fbclid" as second argument every link carries a fresh ?fbclid=, as links
-- shared on Facebook do. The caches' verdicts are counted from the response headers
-- (X-Page-Cache: the page cache in the app; X-Cache: Varnish) and printed as COUNT lines.
--
--   wrk -t2 -c16 -d20s -s scripts/news_traffic.lua http://127.0.0.1:8700 -- PATHS [fbclid]

local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("id", #threads)
end

local paths, cumulative, total = {}, {}, 0
local fbclid = false

-- The verdicts, read by done() from each thread.
page_hit, page_stale, page_miss, page_none = 0, 0, 0, 0
edge_hit, edge_miss, edge_none = 0, 0, 0

function init(args)
   for line in io.lines(args[1]) do
      local weight, path = line:match("^(%S+) (%S+)$")
      total = total + tonumber(weight)
      paths[#paths + 1] = path
      cumulative[#cumulative + 1] = total
   end
   fbclid = args[2] == "fbclid"
   math.randomseed(os.time() * 100 + id)
end

-- The first path whose cumulative weight reaches r (binary search).
local function draw()
   local r = math.random() * total
   local low, high = 1, #cumulative
   while low < high do
      local middle = math.floor((low + high) / 2)
      if cumulative[middle] < r then low = middle + 1 else high = middle end
   end
   return paths[low]
end

function request()
   local path = draw()
   if fbclid then
      path = path .. string.format("?fbclid=IwAR%08x%08x%06x", math.random(0, 0x7fffffff),
                                   math.random(0, 0x7fffffff), math.random(0, 0xffffff))
   end
   return wrk.format("GET", path)
end

function response(status, headers, body)
   local page = headers["x-page-cache"] or headers["X-Page-Cache"]
   if page == "hit" then page_hit = page_hit + 1
   elseif page == "stale" then page_stale = page_stale + 1
   elseif page == "miss" then page_miss = page_miss + 1
   else page_none = page_none + 1 end
   local edge = headers["x-cache"] or headers["X-Cache"]
   if edge == nil then edge_none = edge_none + 1
   elseif edge:sub(1, 3) == "HIT" then edge_hit = edge_hit + 1
   else edge_miss = edge_miss + 1 end
end

function done(summary, latency, requests)
   local names = {"page_hit", "page_stale", "page_miss", "page_none",
                  "edge_hit", "edge_miss", "edge_none"}
   for _, name in ipairs(names) do
      local sum = 0
      for _, thread in ipairs(threads) do sum = sum + thread:get(name) end
      io.write(string.format("COUNT %s=%d\n", name, sum))
   end
end
