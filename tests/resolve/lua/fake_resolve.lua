-- A strict fake of Resolve's Lua scripting objects for the free-edition script, with the same traps as
-- tests/resolve/fake-resolve.ts: AppendToTimeline fails the whole batch for a fractional frame, an endFrame
-- past the media (exclusive end), a bad 1-based track, a locked track, a relative recordFrame or a clash;
-- ImportMedia lands in the current folder; AddSubFolder makes duplicates; marker frames are relative.
-- Media files are "/renders/NAME-<frames>f.mp4" (the length is read from the name), or real files measured by
-- spec.probe(path) -> frames.

local F = {}

local function is_int(n) return type(n) == "number" and n == math.floor(n) end

local function new_folder(name)
  local f = { name = name, subfolders = {}, clips = {} }
  function f:GetName() return self.name end
  function f:GetSubFolderList() local t = {} for i, x in ipairs(self.subfolders) do t[i] = x end return t end
  function f:GetClipList() local t = {} for i, x in ipairs(self.clips) do t[i] = x end return t end
  return f
end

local function new_item(path, frames)
  local it = { path = path, frames = frames, metadata = {} }
  function it:GetName() return self.path:match("[^/\\]+$") end
  function it:GetClipProperty(k) if k == "File Path" then return self.path end return "" end
  function it:SetMetadata(k, v)
    local known = { Comments = true, Description = true, Keywords = true }
    if not known[k] or type(v) ~= "string" then return false end
    self.metadata[k] = v
    return true
  end
  return it
end

function F.new(spec)
  local calls = {}
  local start = spec.start_frame or 86400
  local tracks = {}
  for i, t in ipairs(spec.tracks or { {} }) do
    local items = {}
    for j, s in ipairs(t.items or {}) do items[j] = { start = s[1], finish = s[2] } end
    tracks[i] = { locked = t.locked or false, items = items }
  end
  local markers = {}
  for frame, m in pairs(spec.markers or {}) do
    markers[frame] = { color = m.color or "Blue", name = m.name or "", note = m.note or "", duration = m.duration or 1, customData = m.customData or "" }
  end

  local function timeline_item(s, e)
    local ti = { start = s, finish = e }
    function ti:GetStart() return self.start end
    function ti:GetEnd() return self.finish end
    return ti
  end
  for _, t in ipairs(tracks) do for j, s in ipairs(t.items) do t.items[j] = timeline_item(s.start, s.finish) end end

  local tl = { tracks = tracks, markers = markers, start = start }
  function tl:GetSetting(k)
    local s = { timelineFrameRate = spec.frame_rate or "24", timelineResolutionWidth = tostring(spec.width or 1920), timelineResolutionHeight = tostring(spec.height or 1080) }
    return s[k] or ""
  end
  function tl:GetStartFrame() return start end
  function tl:GetTrackCount(kind) if kind == "video" then return #tracks end return 0 end
  function tl:GetIsTrackLocked(kind, i) assert(kind == "video" and tracks[i], "bad track " .. tostring(i)) return tracks[i].locked end
  function tl:GetItemListInTrack(kind, i)
    local t = kind == "video" and tracks[i]
    local out = {}
    if t then for j, x in ipairs(t.items) do out[j] = x end end
    return out
  end
  function tl:AddTrack(kind)
    calls[#calls + 1] = "AddTrack"
    if kind ~= "video" then return false end
    tracks[#tracks + 1] = { locked = false, items = {} }
    return true
  end
  function tl:GetMarkers()
    local out = {}
    for frame, m in pairs(markers) do out[frame + 0.0] = { color = m.color, name = m.name, note = m.note, duration = m.duration + 0.0, customData = m.customData } end
    return out
  end
  function tl:UpdateMarkerCustomData(frame, data)
    local m = markers[frame]
    if not m then return false end
    m.customData = data
    return true
  end

  local root = new_folder("Master")
  local pool = { root = root, current = root }
  local function known(folder, f)
    if folder == f then return true end
    for _, s in ipairs(folder.subfolders) do if known(s, f) then return true end end
    return false
  end
  function pool:GetRootFolder() return root end
  function pool:GetCurrentFolder() return self.current end
  function pool:AddSubFolder(parent, name)
    calls[#calls + 1] = "AddSubFolder"
    if not known(root, parent) then return nil end
    local f = new_folder(name)
    parent.subfolders[#parent.subfolders + 1] = f
    return f
  end
  function pool:SetCurrentFolder(f)
    calls[#calls + 1] = "SetCurrentFolder:" .. tostring(f and f.name)
    if not known(root, f) then return false end
    self.current = f
    return true
  end
  function pool:ImportMedia(paths)
    calls[#calls + 1] = "ImportMedia:" .. self.current.name
    local out = {}
    for _, p in ipairs(paths) do
      local frames = tonumber(tostring(p):match("^/renders/.*%-(%d+)f%.mp4$")) or (spec.probe and spec.probe(p))
      if frames then
        local it = new_item(p, frames)
        self.current.clips[#self.current.clips + 1] = it
        out[#out + 1] = it
      end
    end
    return out
  end
  function pool:AppendToTimeline(infos)
    calls[#calls + 1] = "AppendToTimeline"
    local planned = {}
    for _, c in ipairs(infos) do
      if not (is_int(c.startFrame) and is_int(c.endFrame) and is_int(c.recordFrame) and is_int(c.trackIndex)) then return {} end
      if c.mediaType ~= nil and c.mediaType ~= 1 and c.mediaType ~= 2 then return {} end
      if c.startFrame < 0 or c.endFrame <= c.startFrame or c.endFrame > c.mediaPoolItem.frames then return {} end
      local t = tracks[c.trackIndex]
      if not t or t.locked or c.recordFrame < start then return {} end
      local s, e = c.recordFrame, c.recordFrame + (c.endFrame - c.startFrame)
      for _, it in ipairs(t.items) do if it.start < e and s < it.finish then return {} end end
      planned[#planned + 1] = { t = t, s = s, e = e }
    end
    local out = {}
    for i, p in ipairs(planned) do
      local ti = timeline_item(p.s, p.e)
      p.t.items[#p.t.items + 1] = ti
      out[i] = ti
    end
    return out
  end

  local project = {}
  function project:GetCurrentTimeline() return tl end
  function project:GetMediaPool() return pool end
  local pm = {}
  function pm:GetCurrentProject() return project end
  local resolve = { timeline = tl, pool = pool, calls = calls }
  function resolve:GetProjectManager() return pm end
  return resolve
end

return F
