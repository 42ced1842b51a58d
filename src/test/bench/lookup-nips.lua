-- wrk script: GET /api/pns/{nip}, NIPs taken in turn from the feeder (NIPS env, default
-- load-tests/target/feeders/nips.csv), each thread starting at a different place.
local nips = {}
local counter = 0
function init(args)
  local file = os.getenv("NIPS") or "load-tests/target/feeders/nips.csv"
  for line in io.lines(file) do
    if line:match("^%d+$") then nips[#nips + 1] = line end
  end
  counter = math.random(#nips)
end
-- DISTINCT_IPS=1: every request from another address (X-Forwarded-For, trusted by the bench's service),
-- as at the peak, where each lookup is another person's.
local distinct = os.getenv("DISTINCT_IPS") == "1"
function request()
  counter = counter % #nips + 1
  if distinct then
    local ip = "10." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254)
    return wrk.format("GET", "/api/pns/" .. nips[counter], { ["X-Forwarded-For"] = ip })
  end
  return wrk.format("GET", "/api/pns/" .. nips[counter])
end
