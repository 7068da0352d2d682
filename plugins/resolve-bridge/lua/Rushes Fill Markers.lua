--[[
Rushes: fill marked gaps (DaVinci Resolve, any edition)

Markers on the current timeline whose name or note starts with "rushes:" become generated clips:
  1. reads the markers (length: the marker's duration, or for a point marker the rest of the gap it
     sits in on V1, or 5 seconds when nothing bounds it),
  2. writes a shot list and runs the Rushes command line tool, `rushes shots FILE --json`, which
     waits for the local Rushes engine and prints the finished clips,
  3. imports them into a "Rushes" bin and places each at its marker's frame, on the lowest unlocked
     video track where it covers nothing (adding a track when every one is busy), with the prompt,
     seed and job id in the clip's metadata.

Install: copy this file into Resolve's Scripts folder (or run `npm run install:resolve`), restart
Resolve, then run it from Workspace > Scripts. Output goes to Workspace > Console.
Resolve waits while the clips render: the script runs on Resolve's scripting thread.

Settings: RUSHES_CLI below, or the RUSHES_CLI environment variable, names the `rushes` executable
when it is not on the PATH Resolve sees (on macOS, apps started from the Dock do not get your
shell's PATH).
]]

local M = {}
local unpack = unpack or table.unpack -- Lua 5.1 (Resolve) and 5.2+

M.RUSHES_CLI = nil -- e.g. "/usr/local/bin/rushes" or [[C:\Users\me\AppData\Roaming\npm\rushes.cmd]]
M.TAG = "rushes:"
M.BIN = "Rushes"
M.DEFAULT_SECONDS = 5
M.MAX_FRAMES = 36000
M.FORMAT = "mp4"
M.GENERATOR = nil -- engine generator id; nil = the engine's default
M.FILLED_PREFIX = "rushes:filled"

------------------------------------------------------------------------------------------ JSON
-- A small JSON writer and reader: Resolve's Lua has no JSON library.

local function json_escape(s)
  return (s:gsub('[%c"\\]', function(c)
    local map = { ['"'] = '\\"', ['\\'] = '\\\\', ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t', ['\b'] = '\\b', ['\f'] = '\\f' }
    return map[c] or string.format("\\u%04x", c:byte())
  end))
end

local function is_array(t)
  local n = 0
  for k in pairs(t) do
    if type(k) ~= "number" or k < 1 or k ~= math.floor(k) then return false end
    n = n + 1
  end
  for i = 1, n do if t[i] == nil then return false end end
  return true, n
end

function M.json_encode(v)
  local tv = type(v)
  if v == nil or v == M.null then return "null" end
  if tv == "boolean" then return tostring(v) end
  if tv == "number" then
    if v ~= v or v == math.huge or v == -math.huge then error("cannot encode " .. tostring(v) .. " in JSON") end
    if v == math.floor(v) and math.abs(v) < 2^53 then return string.format("%d", v) end
    return string.format("%.17g", v)
  end
  if tv == "string" then return '"' .. json_escape(v) .. '"' end
  if tv == "table" then
    local arr, n = is_array(v)
    local parts = {}
    if arr and (n > 0 or getmetatable(v) == M.array_mt) then
      for i = 1, n do parts[i] = M.json_encode(v[i]) end
      return "[" .. table.concat(parts, ",") .. "]"
    end
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = tostring(k) end
    table.sort(keys)
    for _, k in ipairs(keys) do parts[#parts + 1] = '"' .. json_escape(k) .. '":' .. M.json_encode(v[k]) end
    return "{" .. table.concat(parts, ",") .. "}"
  end
  error("cannot encode a " .. tv .. " in JSON")
end

M.null = setmetatable({}, { __tostring = function() return "null" end })
M.array_mt = {}

function M.json_decode(text)
  local pos = 1
  local function fail(what) error(string.format("invalid JSON at character %d: %s", pos, what), 0) end
  local function skip() pos = text:find("[^ \t\r\n]", pos) or (#text + 1) end
  local value
  local function str()
    pos = pos + 1
    local out = {}
    while true do
      local c = text:sub(pos, pos)
      if c == "" then fail("unterminated string") end
      if c == '"' then pos = pos + 1; break end
      if c == "\\" then
        local e = text:sub(pos + 1, pos + 1)
        local map = { ['"'] = '"', ['\\'] = '\\', ['/'] = '/', b = '\b', f = '\f', n = '\n', r = '\r', t = '\t' }
        if map[e] then out[#out + 1] = map[e]; pos = pos + 2
        elseif e == "u" then
          local code = tonumber(text:sub(pos + 2, pos + 5), 16) or fail("bad \\u escape")
          pos = pos + 6
          if code >= 0xD800 and code <= 0xDBFF and text:sub(pos, pos + 1) == "\\u" then
            local lo = tonumber(text:sub(pos + 2, pos + 5), 16)
            if lo and lo >= 0xDC00 and lo <= 0xDFFF then
              code = 0x10000 + (code - 0xD800) * 0x400 + (lo - 0xDC00)
              pos = pos + 6
            end
          end
          -- UTF-8 encode
          if code < 0x80 then out[#out + 1] = string.char(code)
          elseif code < 0x800 then out[#out + 1] = string.char(0xC0 + math.floor(code / 0x40), 0x80 + code % 0x40)
          elseif code < 0x10000 then out[#out + 1] = string.char(0xE0 + math.floor(code / 0x1000), 0x80 + math.floor(code / 0x40) % 0x40, 0x80 + code % 0x40)
          else out[#out + 1] = string.char(0xF0 + math.floor(code / 0x40000), 0x80 + math.floor(code / 0x1000) % 0x40, 0x80 + math.floor(code / 0x40) % 0x40, 0x80 + code % 0x40) end
        else fail("bad escape") end
      else
        local stop = text:find('["\\]', pos) or (#text + 1)
        out[#out + 1] = text:sub(pos, stop - 1)
        pos = stop
      end
    end
    return table.concat(out)
  end
  function value()
    skip()
    local c = text:sub(pos, pos)
    if c == "{" then
      pos = pos + 1
      local obj = {}
      skip()
      if text:sub(pos, pos) == "}" then pos = pos + 1; return obj end
      while true do
        skip()
        if text:sub(pos, pos) ~= '"' then fail("expected a key") end
        local k = str()
        skip()
        if text:sub(pos, pos) ~= ":" then fail("expected ':'") end
        pos = pos + 1
        obj[k] = value()
        skip()
        local d = text:sub(pos, pos)
        pos = pos + 1
        if d == "}" then return obj end
        if d ~= "," then fail("expected ',' or '}'") end
      end
    elseif c == "[" then
      pos = pos + 1
      local arr = setmetatable({}, M.array_mt)
      skip()
      if text:sub(pos, pos) == "]" then pos = pos + 1; return arr end
      while true do
        arr[#arr + 1] = value()
        skip()
        local d = text:sub(pos, pos)
        pos = pos + 1
        if d == "]" then return arr end
        if d ~= "," then fail("expected ',' or ']'") end
      end
    elseif c == '"' then return str()
    elseif text:sub(pos, pos + 3) == "true" then pos = pos + 4; return true
    elseif text:sub(pos, pos + 4) == "false" then pos = pos + 5; return false
    elseif text:sub(pos, pos + 3) == "null" then pos = pos + 4; return M.null
    else
      local num = text:match("^-?%d+%.?%d*[eE]?[-+]?%d*", pos)
      if not num or num == "" then fail("unexpected '" .. c .. "'") end
      pos = pos + #num
      return tonumber(num) or fail("bad number")
    end
  end
  local result = value()
  skip()
  if pos <= #text then fail("trailing characters") end
  return result
end

------------------------------------------------------------------------------------------ frames

local function round(x) return math.floor(x + 0.5) end

--- "23.976" -> 24000/1001, "29.97 DF" -> 30000/1001 + drop-frame, "25" -> 25/1.
function M.parse_frame_rate(setting)
  local s = tostring(setting or "")
  local number, suffix = s:match("^%s*([%d%.]+)%s*(%a*)%s*$")
  local v = tonumber(number or "")
  if not v or v <= 0 then return nil, "Could not read the timeline frame rate (\"" .. s .. "\")." end
  local drop = suffix:upper() == "DF"
  if v == math.floor(v) then return { num = v, den = 1, drop = drop } end
  local ntsc = round(v * 1.001)
  if math.abs(ntsc * 1000 / 1001 - v) < 0.005 then return { num = ntsc * 1000, den = 1001, drop = drop } end
  return { num = round(v * 1000), den = 1000, drop = drop }
end

function M.seconds_to_frames(seconds, fps)
  return math.max(1, round(seconds * fps.num / fps.den))
end

local function list(t)
  local out = {}
  if type(t) ~= "table" then return out end
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return (tonumber(a) or 0) < (tonumber(b) or 0) end)
  for _, k in ipairs(keys) do out[#out + 1] = t[k] end
  return out
end
M.list = list

local function after_tag(text, tag)
  local t = tostring(text or ""):gsub("^%s+", "")
  if t:sub(1, #tag):lower() == tag:lower() then return (t:sub(#tag + 1):gsub("^%s+", ""):gsub("%s+$", "")) end
  return nil
end

local function spans_of(timeline, index)
  local spans = {}
  for _, item in ipairs(list(timeline:GetItemListInTrack("video", index))) do
    local s, e = round(item:GetStart()), round(item:GetEnd())
    if e > s then spans[#spans + 1] = { start = s, finish = e } end
  end
  table.sort(spans, function(a, b) return a.start < b.start end)
  return spans
end

local function overlaps(a, b) return a.start < b.finish and b.start < a.finish end

--- The empty stretch around `frame`: start, finish (nil when nothing follows); nil when a clip covers it.
function M.gap_at(spans, frame, timeline_start)
  local start, finish = timeline_start, nil
  for _, s in ipairs(spans) do
    if s.start <= frame and frame < s.finish then return nil end
    if s.finish <= frame and s.finish > start then start = s.finish end
    if s.start > frame and (finish == nil or s.start < finish) then finish = s.start end
  end
  return { start = start, finish = finish }
end

------------------------------------------------------------------------------------------ reading

function M.context(resolve)
  local pm = resolve and resolve:GetProjectManager()
  local project = pm and pm:GetCurrentProject()
  if not project then return nil, "No project is open in Resolve." end
  local timeline = project:GetCurrentTimeline()
  if not timeline then return nil, "No timeline is open: open the timeline to fill, then run the script again." end
  local pool = project:GetMediaPool()
  if not pool then return nil, "Resolve did not return the Media Pool." end
  return { project = project, timeline = timeline, pool = pool }
end

--- Targets from the tagged markers: {prompt, marker_frame, record_frame, frames, source, name}.
function M.read_targets(ctx, tag)
  tag = tag or M.TAG
  local tl = ctx.timeline
  local fps, err = M.parse_frame_rate(tl:GetSetting("timelineFrameRate"))
  if not fps then return nil, err end
  local info = {
    fps = fps,
    width = tonumber(tl:GetSetting("timelineResolutionWidth")) or 1920,
    height = tonumber(tl:GetSetting("timelineResolutionHeight")) or 1080,
    start = round(tl:GetStartFrame()),
  }
  info.width = info.width - info.width % 2
  info.height = info.height - info.height % 2
  local gap_spans = (tl:GetTrackCount("video") or 0) >= 1 and spans_of(tl, 1) or {}
  local markers, skipped = {}, {}
  for key, m in pairs(tl:GetMarkers() or {}) do
    local frame_id = tonumber(key)
    if frame_id then
      local name, note = tostring(m.name or ""), tostring(m.note or "")
      local from_name, from_note = after_tag(name, tag), after_tag(note, tag)
      if from_name or from_note then
        local prompt = (from_name ~= nil and from_name ~= "") and from_name or (from_note or note:gsub("^%s+", ""):gsub("%s+$", ""))
        local filled = tostring(m.customData or ""):sub(1, #M.FILLED_PREFIX) == M.FILLED_PREFIX
        if prompt == "" then
          skipped[#skipped + 1] = name .. ": the tag has no description after it"
        elseif filled then
          skipped[#skipped + 1] = prompt .. ": already filled by Rushes"
        else
          markers[#markers + 1] = { frame_id = frame_id, frame = round(frame_id), prompt = prompt, duration = round(tonumber(m.duration) or 1), name = name }
        end
      end
    end
  end
  table.sort(markers, function(a, b) return a.frame < b.frame end)
  local targets = {}
  for i, m in ipairs(markers) do
    -- Marker frames are relative to the timeline start; AppendToTimeline wants absolute frames.
    local record = info.start + m.frame
    local frames, source
    if m.duration > 1 then
      frames, source = m.duration, "marker"
    else
      local gap = M.gap_at(gap_spans, record, info.start)
      if gap and gap.finish then frames, source = gap.finish - record, "gap"
      else frames, source = M.seconds_to_frames(M.DEFAULT_SECONDS, fps), "default" end
    end
    if frames > M.MAX_FRAMES then
      skipped[#skipped + 1] = m.prompt .. ": asks for " .. frames .. " frames, more than the engine makes (" .. M.MAX_FRAMES .. ")"
    else
      targets[#targets + 1] = { name = string.format("marker-%03d-%d", i, m.frame), prompt = m.prompt, marker_frame = m.frame_id, record_frame = record, frames = frames, source = source }
    end
  end
  return { info = info, targets = targets, skipped = skipped }
end

--- The shot list `rushes shots` reads.
function M.shot_list(scan)
  local shots = {}
  for i, t in ipairs(scan.targets) do shots[i] = { name = t.name, prompt = t.prompt, frames = t.frames } end
  local fps = scan.info.fps
  local defaults = { fps = { num = fps.num, den = fps.den }, width = scan.info.width, height = scan.info.height, formats = setmetatable({ M.FORMAT }, M.array_mt) }
  if M.GENERATOR then defaults.generator = M.GENERATOR end
  return { defaults = defaults, shots = setmetatable(shots, M.array_mt) }
end

------------------------------------------------------------------------------------------ CLI

M.is_windows = package.config:sub(1, 1) == "\\"

local function quote(s)
  if M.is_windows then return '"' .. s:gsub('"', '""') .. '"' end
  return "'" .. s:gsub("'", "'\\''") .. "'"
end
M.quote = quote

local function temp_dir()
  return os.getenv("TMPDIR") or os.getenv("TEMP") or os.getenv("TMP") or "/tmp"
end

local function write_file(path, text)
  local f, err = io.open(path, "wb")
  if not f then return nil, err end
  f:write(text)
  f:close()
  return true
end

local function read_file(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local s = f:read("*a")
  f:close()
  return s
end

--- Runs `rushes shots FILE --json` and returns the decoded result (or nil, why).
function M.run_cli(shot_list_path)
  local cli = M.RUSHES_CLI or os.getenv("RUSHES_CLI") or "rushes"
  local err_path = shot_list_path .. ".stderr.txt"
  local cmd = quote(cli) .. " shots " .. quote(shot_list_path) .. " --json 2>" .. quote(err_path)
  -- cmd.exe drops the first and last quote of a command that starts with one: wrap it once more.
  if M.is_windows then cmd = '"' .. cmd .. '"' end
  local pipe = io.popen(cmd, "r")
  if not pipe then return nil, "Could not start " .. cli .. " (io.popen failed)." end
  local out = pipe:read("*a") or ""
  pipe:close()
  local stderr = read_file(err_path) or ""
  os.remove(err_path)
  local start = out:find("{", 1, true)
  if not start then
    local hint = stderr ~= "" and stderr or ("no output; is `" .. cli .. "` installed and on the PATH Resolve sees? Set RUSHES_CLI at the top of this script")
    return nil, "The Rushes command line tool did not answer: " .. hint
  end
  local ok, decoded = pcall(M.json_decode, out:sub(start))
  if not ok then return nil, "Could not read the output of `rushes shots`: " .. tostring(decoded) end
  if type(decoded) ~= "table" then return nil, "Unexpected output from `rushes shots`." end
  if decoded.shots == nil and type(decoded.error) == "table" then
    -- The whole command failed (engine unreachable, shot list refused): {"ok": false, "error": {...}}.
    return nil, "rushes shots: " .. tostring(decoded.error.message or decoded.error.code)
  end
  return decoded
end

------------------------------------------------------------------------------------------ placing

local function find_bin(pool, name)
  local root = pool:GetRootFolder()
  if not root then return nil, "Resolve did not return the Media Pool root." end
  for _, f in ipairs(list(root:GetSubFolderList())) do
    if f:GetName() == name then return f end
  end
  local bin = pool:AddSubFolder(root, name)
  if not bin then return nil, "Could not create the \"" .. name .. "\" bin." end
  return bin
end

local function import_into(pool, bin, path)
  for _, item in ipairs(list(bin:GetClipList())) do
    if item:GetClipProperty("File Path") == path then return item end
  end
  local previous = pool:GetCurrentFolder()
  -- ImportMedia imports into the current folder: select the bin first, restore the editor's folder after.
  if not pool:SetCurrentFolder(bin) then return nil, "Could not select the Rushes bin." end
  local items = list(pool:ImportMedia({ path }))
  if previous then pool:SetCurrentFolder(previous) end
  if not items[1] then return nil, "Resolve refused to import " .. path end
  return items[1]
end

local function read_tracks(tl)
  local tracks = {}
  for i = 1, (tl:GetTrackCount("video") or 0) do
    local locked = false
    if tl.GetIsTrackLocked then locked = tl:GetIsTrackLocked("video", i) and true or false end
    tracks[i] = { index = i, locked = locked, spans = spans_of(tl, i) }
  end
  return tracks
end

--- Lowest unlocked track whose span is free, counting clips planned before it; new tracks above the last.
function M.plan_tracks(tracks, requests)
  local added, assignments = 0, {}
  local state = {}
  for i, t in ipairs(tracks) do state[i] = { index = t.index, locked = t.locked, spans = { unpack(t.spans) } } end
  local last = #state > 0 and state[#state].index or 0
  for i, r in ipairs(requests) do
    local target
    for _, t in ipairs(state) do
      if not t.locked then
        local free = true
        for _, s in ipairs(t.spans) do if overlaps(s, r) then free = false; break end end
        if free then target = t; break end
      end
    end
    if not target then
      added = added + 1
      target = { index = last + added, locked = false, spans = {} }
      state[#state + 1] = target
    end
    target.spans[#target.spans + 1] = { start = r.start, finish = r.finish }
    assignments[i] = target.index
  end
  return assignments, added
end

--- Places {path, record_frame, frames, prompt, seed, job_id, marker_frame} clips. Returns results {ok, track, error}.
function M.place(ctx, clips)
  local pool, tl = ctx.pool, ctx.timeline
  local bin, err = find_bin(pool, M.BIN)
  if not bin then return nil, err end
  local results, ready = {}, {}
  for i, c in ipairs(clips) do
    local item, ierr = import_into(pool, bin, c.path)
    if not item then
      results[i] = { ok = false, error = ierr }
    else
      local comment = "Rushes: " .. c.prompt .. (c.seed and (" | seed " .. tostring(c.seed)) or "") .. (c.job_id and (" | job " .. c.job_id) or "")
      item:SetMetadata("Comments", comment)
      item:SetMetadata("Description", c.prompt)
      item:SetMetadata("Keywords", "Rushes")
      ready[#ready + 1] = { index = i, clip = c, item = item }
    end
  end
  local requests = {}
  for i, r in ipairs(ready) do requests[i] = { start = r.clip.record_frame, finish = r.clip.record_frame + r.clip.frames } end
  local assignments, to_add = M.plan_tracks(read_tracks(tl), requests)
  for _ = 1, to_add do
    if not tl:AddTrack("video") then return nil, "Resolve refused to add a video track." end
  end
  for i, r in ipairs(ready) do
    local c = r.clip
    local info = {
      mediaPoolItem = r.item,
      startFrame = 0,
      endFrame = round(c.frames), -- exclusive
      mediaType = 1, -- video only
      trackIndex = assignments[i], -- 1-based
      recordFrame = round(c.record_frame), -- absolute, whole frames only
    }
    local placed = list(pool:AppendToTimeline({ info }))
    if placed[1] then
      results[r.index] = { ok = true, track = assignments[i] }
      if c.marker_frame and tl.UpdateMarkerCustomData then
        tl:UpdateMarkerCustomData(c.marker_frame, M.FILLED_PREFIX .. " job=" .. tostring(c.job_id or ""))
      end
    else
      results[r.index] = { ok = false, error = "Resolve refused to place " .. c.path .. " on V" .. assignments[i] .. " at frame " .. info.recordFrame }
    end
  end
  return results
end

------------------------------------------------------------------------------------------ main

local function message_of(e)
  if type(e) == "table" then return tostring(e.message or M.json_encode(e)) end
  return tostring(e)
end

--- The whole fill. Returns a summary table; prints progress to the Console.
function M.fill(resolve, log)
  log = log or print
  local ctx, err = M.context(resolve)
  if not ctx then log("Rushes: " .. err); return nil, err end
  local scan, serr = M.read_targets(ctx, M.TAG)
  if not scan then log("Rushes: " .. serr); return nil, serr end
  for _, s in ipairs(scan.skipped) do log("Rushes: skipped " .. s) end
  if #scan.targets == 0 then
    log("Rushes: no markers starting with \"" .. M.TAG .. "\" to fill on this timeline.")
    return { placed = 0, failed = 0, skipped = #scan.skipped }
  end
  local path = temp_dir() .. "/rushes-shots-" .. tostring(os.time()) .. ".json"
  local ok, werr = write_file(path, M.json_encode(M.shot_list(scan)))
  if not ok then log("Rushes: could not write " .. path .. ": " .. tostring(werr)); return nil, werr end
  log(string.format("Rushes: generating %d clip(s); Resolve will wait until they are ready...", #scan.targets))
  local result, cerr = M.run_cli(path)
  os.remove(path)
  if not result then log("Rushes: " .. cerr); return nil, cerr end

  local by_name = {}
  for _, s in ipairs(list(result.shots)) do by_name[s.name] = s end
  local clips, failed = {}, 0
  for _, t in ipairs(scan.targets) do
    local s = by_name[t.name]
    local output
    if s and s.state == "done" then
      for _, o in ipairs(list(s.outputs)) do if o.format == M.FORMAT then output = o end end
    end
    if output then
      clips[#clips + 1] = {
        path = output.path,
        record_frame = t.record_frame,
        frames = math.min(t.frames, tonumber(output.frameCount) or t.frames),
        prompt = t.prompt,
        seed = s.seed ~= M.null and s.seed or nil,
        job_id = s.jobId,
        marker_frame = t.marker_frame,
      }
    else
      failed = failed + 1
      local why = s and s.error ~= nil and s.error ~= M.null and message_of(s.error) or (s and ("job " .. tostring(s.state)) or "no result from the engine")
      log("Rushes: \"" .. t.prompt .. "\" was not generated: " .. why)
    end
  end
  local results, perr = M.place(ctx, clips)
  if not results then log("Rushes: " .. perr); return nil, perr end
  local placed = 0
  for i, r in ipairs(results) do
    if r.ok then
      placed = placed + 1
      log(string.format("Rushes: placed \"%s\" on V%d", clips[i].prompt, r.track))
    else
      failed = failed + 1
      log("Rushes: " .. tostring(r.error))
    end
  end
  log(string.format("Rushes: done, %d placed, %d failed.", placed, failed))
  return { placed = placed, failed = failed, skipped = #scan.skipped }
end

if not RUSHES_NO_MAIN then
  local app = resolve or (Resolve and Resolve()) or (bmd and bmd.scriptapp and bmd.scriptapp("Resolve"))
  if not app then
    print("Rushes: run this script from DaVinci Resolve (Workspace > Scripts).")
  else
    local ok, err = pcall(M.fill, app)
    if not ok then print("Rushes: " .. tostring(err)) end
  end
end

return M
