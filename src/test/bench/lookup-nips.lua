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
function request()
  counter = counter % #nips + 1
  return wrk.format("GET", "/api/pns/" .. nips[counter])
end
