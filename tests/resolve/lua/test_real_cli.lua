-- The free-edition script against the real `rushes shots` CLI and a real engine (testpattern), with the Lua
-- fake of Resolve measuring the rendered files with ffprobe. Run by tests/resolve/lua.test.ts:
--   luajit test_real_cli.lua <script> <rushes executable> <ffprobe>
local script_path, cli, ffprobe = arg[1], arg[2], arg[3]
local here = arg[0]:match("^(.*[/\\])") or "./"
local Fake = dofile(here .. "fake_resolve.lua")
RUSHES_NO_MAIN = true
local R = dofile(script_path)
R.RUSHES_CLI = cli
R.GENERATOR = "testpattern"

local function probe(path)
  local p = io.popen(R.quote(ffprobe) .. " -v error -select_streams v:0 -count_packets -show_entries stream=nb_read_packets -of csv=p=0 " .. R.quote(path))
  local out = p:read("*a")
  p:close()
  return tonumber(out:match("%d+"))
end

local fake = Fake.new({
  frame_rate = "25", start_frame = 90000, width = 320, height = 180, probe = probe,
  tracks = { { items = { { 90000, 90025 } } } },
  markers = { [25] = { name = "rushes: waves on a pier", duration = 25 }, [40] = { name = "rushes: gulls overhead", duration = 10 } },
})
local lines = {}
local summary = assert(R.fill(fake, function(l) lines[#lines + 1] = l end))
assert(summary.placed == 2 and summary.failed == 0, table.concat(lines, "\n"))
local v1, v2 = fake.timeline.tracks[1].items, fake.timeline.tracks[2].items
assert(#v1 == 2 and v1[2].start == 90025 and v1[2].finish == 90050, "first clip on V1 at 90025")
assert(#v2 == 1 and v2[1].start == 90040 and v2[1].finish == 90050, "overlapping clip on a new V2")
local clips = fake.pool.root.subfolders[1].clips
assert(clips[1].frames == 25 and clips[2].frames == 10, "rendered lengths")
print("ok - real CLI")
