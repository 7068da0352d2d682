-- Tests for the free-edition Lua script, run by tests/resolve/lua.test.ts with luajit or lua5.1:
--   luajit test_fill.lua <path to "Rushes Fill Markers.lua"> <fake rushes executable> <shot list log>
-- Each case prints "ok - name"; any failure raises an error (non-zero exit).

local script_path, cli, shot_log = arg[1], arg[2], arg[3]
local here = arg[0]:match("^(.*[/\\])") or "./"
local Fake = dofile(here .. "fake_resolve.lua")
RUSHES_NO_MAIN = true
local R = dofile(script_path)
R.RUSHES_CLI = cli

local function eq(a, b, what)
  if a ~= b then error(string.format("%s: expected %s, got %s", what or "value", tostring(b), tostring(a)), 2) end
end

local function case(name, fn)
  fn()
  print("ok - " .. name)
end

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

local function spans(fake, track)
  local out = {}
  for i, it in ipairs(fake.timeline.tracks[track].items) do out[i] = it.start .. "-" .. it.finish end
  table.sort(out)
  return table.concat(out, ",")
end

local quiet = function() end

case("JSON round trip, escapes and unicode", function()
  local v = R.json_decode('{"a":[1,2.5,-3e2],"s":"x\\"y\\\\z\\u00e9\\ud83c\\udfac","n":null,"t":true,"o":{}}')
  eq(v.a[1], 1); eq(v.a[2], 2.5); eq(v.a[3], -300)
  eq(v.s, 'x"y\\z\195\169\240\159\142\172')
  eq(v.n, R.null); eq(v.t, true)
  local back = R.json_decode(R.json_encode(v))
  eq(back.s, v.s); eq(back.a[3], -300)
  eq(R.json_encode({ shots = setmetatable({}, R.array_mt) }), '{"shots":[]}')
end)

case("frame rates, drop-frame suffix included", function()
  local r = R.parse_frame_rate("23.976"); eq(r.num, 24000); eq(r.den, 1001); eq(r.drop, false)
  r = R.parse_frame_rate("29.97 DF"); eq(r.num, 30000); eq(r.den, 1001); eq(r.drop, true)
  r = R.parse_frame_rate("25"); eq(r.num, 25); eq(r.den, 1)
  r = R.parse_frame_rate("59.94"); eq(r.num, 60000); eq(r.den, 1001)
  eq(R.parse_frame_rate(""), nil)
end)

case("fills markers on a 24 fps timeline: marker length, gap, past the end, overlap, locked track", function()
  local fake = Fake.new({
    frame_rate = "24",
    tracks = { { items = { { 86400, 86500 }, { 86600, 86700 } } }, { locked = true }, { items = { { 86500, 86700 } } } },
    markers = {
      [100] = { name = "rushes: the gap" },                       -- point marker at the gap start: 100 frames
      [120] = { name = "shot", note = "Rushes: overlapping", duration = 48 },
      [1000] = { name = "rushes: after the end" },                 -- nothing bounds it: 5 s = 120 frames
      [2000] = { name = "not for us" },
    },
  })
  os.remove(shot_log)
  local summary = assert(R.fill(fake, quiet))
  eq(summary.placed, 3); eq(summary.failed, 0)
  -- The gap and the end go on V1 (free there); the overlap finds V1 taken, V2 locked, V3 busy: new V4.
  eq(spans(fake, 1), "86400-86500,86500-86600,86600-86700,87400-87520")
  eq(#fake.timeline.tracks[2].items, 0, "locked V2 untouched")
  eq(spans(fake, 3), "86500-86700")
  eq(spans(fake, 4), "86520-86568")
  local adds = 0
  for _, c in ipairs(fake.calls) do if c == "AddTrack" then adds = adds + 1 end end
  eq(adds, 1, "one track added")
  local list = R.json_decode(read(shot_log))
  eq(list.defaults.fps.num, 24); eq(list.defaults.fps.den, 1)
  eq(list.shots[1].frames, 100); eq(list.shots[1].prompt, "the gap")
  eq(list.shots[2].frames, 48); eq(list.shots[2].prompt, "overlapping")
  eq(list.shots[3].frames, 120)
  -- One Rushes bin, current while importing, the editor's folder restored.
  eq(#fake.pool.root.subfolders, 1); eq(fake.pool.root.subfolders[1].name, "Rushes")
  eq(fake.pool.current, fake.pool.root)
  for _, c in ipairs(fake.calls) do if c:match("^ImportMedia") then eq(c, "ImportMedia:Rushes") end end
  local md = fake.pool.root.subfolders[1].clips[1].metadata
  eq(md.Comments, "Rushes: the gap | job job-1"); eq(md.Description, "the gap")
  eq(fake.timeline.markers[100].customData, "rushes:filled job=job-1")
  -- A second run finds nothing left to fill.
  local again = assert(R.fill(fake, quiet))
  eq(again.placed, 0)
end)

case("29.97 DF timeline starting at 01:00:00;00 (frame 107892)", function()
  local fake = Fake.new({ frame_rate = "29.97 DF", start_frame = 107892, width = 1921, height = 1080, markers = { [45] = { name = "rushes: dusk", duration = 30 } } })
  os.remove(shot_log)
  assert(R.fill(fake, quiet))
  eq(spans(fake, 1), "107937-107967")
  local list = R.json_decode(read(shot_log))
  eq(list.defaults.fps.num, 30000); eq(list.defaults.fps.den, 1001)
  eq(list.defaults.width, 1920, "odd width made even")
end)

case("a shot the engine refuses is reported, the others still land", function()
  local fake = Fake.new({ frame_rate = "25", start_frame = 90000, markers = { [0] = { name = "rushes: a [refuse]", duration = 25 }, [50] = { name = "rushes: b", duration = 25 } } })
  local lines = {}
  local summary = assert(R.fill(fake, function(l) lines[#lines + 1] = l end))
  eq(summary.placed, 1); eq(summary.failed, 1)
  eq(spans(fake, 1), "90050-90075")
  local found = false
  for _, l in ipairs(lines) do if l:find("refused by policy", 1, true) then found = true end end
  assert(found, "the engine's reason is shown")
end)

case("a missing CLI gives an actionable message", function()
  local saved = R.RUSHES_CLI
  R.RUSHES_CLI = "/nonexistent/rushes"
  local fake = Fake.new({ frame_rate = "24", markers = { [0] = { name = "rushes: a", duration = 24 } } })
  local ok, err = R.fill(fake, quiet)
  R.RUSHES_CLI = saved
  eq(ok, nil)
  assert(tostring(err):find("did not answer", 1, true), err)
end)

case("whole frames only reach AppendToTimeline", function()
  local fake = Fake.new({ frame_rate = "24", markers = {} })
  local ctx = assert(R.context(fake))
  local results = assert(R.place(ctx, { { path = "/renders/x-24f.mp4", record_frame = 86400.4, frames = 23.6, prompt = "x" } }))
  eq(results[1].ok, true)
  eq(spans(fake, 1), "86400-86424")
end)
