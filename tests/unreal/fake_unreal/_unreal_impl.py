"""
The implementation behind the fake `unreal` module (see unreal.py): a strict stand-in for Unreal Editor's
`unreal` Python module, for tests only.

It implements the part of the documented API that Rushes' scripts may use, and nothing else: an unknown
method or property raises (AttributeError, or Exception("Failed to find property ...") as the editor
does), the deprecated `add_master_track` raises, frame numbers must be Python ints, rates must be
FrameRate structs. Everything the script does is recorded.

Environment:
  FAKE_UNREAL_STATE  JSON file holding the "editor": its assets (kept across runs, as a long-lived editor
                     keeps them in memory), the open sequence and playhead, and classes to hide
                     (to play an editor with a plugin disabled).
  FAKE_UNREAL_LOG    JSON-lines file; every API call is appended as {"op": ..., ...}, and every attempt to
                     start a process (os.system, subprocess, exec, spawn) as {"op": "audit", ...}.
"""
import atexit
import json
import os
import sys

_STATE_FILE = os.environ.get("FAKE_UNREAL_STATE")
_LOG_FILE = os.environ.get("FAKE_UNREAL_LOG")
_LOG = []

# ------------------------------------------------------------------------------------------- auditing

_SPAWN_EVENTS = ("os.system", "subprocess.Popen", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "pty.spawn")


def _audit(event, args):
    if event.startswith(_SPAWN_EVENTS):
        _LOG.append({"op": "audit", "event": event, "args": repr(args)[:300]})


sys.addaudithook(_audit)


def _record(op, **fields):
    entry = {"op": op}
    entry.update(fields)
    _LOG.append(entry)


# ------------------------------------------------------------------------------------------- state

def _load_state():
    if _STATE_FILE and os.path.exists(_STATE_FILE):
        with open(_STATE_FILE, "r", encoding="utf-8") as f:
            return json.load(f)
    return {}


_STATE = _load_state()
_STATE.setdefault("assets", {})
_STATE.setdefault("editor", {"current_sequence": None, "current_time": 0})
_STATE.setdefault("hidden", [])
_LIVE = {}  # object path -> live object (identity within one run)


def _flush():
    for path, obj in _LIVE.items():
        _STATE["assets"][path] = obj._asset_record()
    if _STATE_FILE:
        with open(_STATE_FILE, "w", encoding="utf-8") as f:
            json.dump(_STATE, f, indent=1, sort_keys=True)
    if _LOG_FILE:
        with open(_LOG_FILE, "a", encoding="utf-8") as f:
            for entry in _LOG:
                f.write(json.dumps(entry, sort_keys=True) + "\n")


atexit.register(_flush)


# ------------------------------------------------------------------------------------------- checks

def _int(value, what):
    # bool is an int subclass in Python; the editor's int32 parameters take neither floats nor bools here.
    if type(value) is not int:
        raise TypeError(what + ": expected an int, got " + type(value).__name__ + " (" + repr(value) + ")")
    if value < -(2 ** 31) or value > 2 ** 31 - 1:
        raise OverflowError(what + ": " + repr(value) + " does not fit an int32")
    return value


def _str(value, what):
    if not isinstance(value, str):
        raise TypeError(what + ": expected a str, got " + type(value).__name__)
    return value


def _desc(value):
    if isinstance(value, Object):
        return value.get_path_name() or type(value).__name__
    if isinstance(value, FrameRate):
        return [value.numerator, value.denominator]
    if isinstance(value, type):
        return value.__name__
    return value


def _normalize_path(path):
    _str(path, "asset path")
    if not path.startswith("/Game/"):
        raise ValueError("asset path must start with /Game/: " + path)
    last = path.rsplit("/", 1)[1]
    if "." not in last:
        path = path + "." + last
    return path


# ------------------------------------------------------------------------------------------- structs

class StructBase(object):
    pass


class FrameRate(StructBase):
    def __init__(self, numerator=60, denominator=1):
        self.numerator = _int(numerator, "FrameRate.numerator")
        self.denominator = _int(denominator, "FrameRate.denominator")
        if numerator < 0 or denominator < 0:
            raise ValueError("FrameRate must not be negative")

    def __eq__(self, other):
        return isinstance(other, FrameRate) and self.numerator * other.denominator == other.numerator * self.denominator

    def __repr__(self):
        return "FrameRate(" + str(self.numerator) + "/" + str(self.denominator) + ")"


def _rate(value, what):
    if not isinstance(value, FrameRate):
        raise TypeError(what + ": expected unreal.FrameRate, got " + type(value).__name__)
    if value.numerator <= 0 or value.denominator <= 0:
        raise ValueError(what + ": " + repr(value) + " is not a valid rate")
    return value


# ------------------------------------------------------------------------------------------- objects

class Object(object):
    """Base of UObjects. Properties reachable through get/set_editor_property are listed in _PROPS."""

    _PROPS = {}

    def __init__(self):
        self._props = {}
        self._owner = None  # the asset this object lives in
        self._path = None

    # Every UObject has these.
    def get_name(self):
        if self._path:
            return self._path.rsplit(".", 1)[1]
        return type(self).__name__

    def get_path_name(self):
        return self._path or ""

    def get_class(self):
        return type(self)

    def _touch(self):
        asset = self._owner or self
        asset._revision += 1

    def _all_props(self):
        props = {}
        for cls in reversed(type(self).__mro__):
            props.update(getattr(cls, "_PROPS", {}))
        return props

    def set_editor_property(self, name, value, notify_mode=None):
        props = self._all_props()
        if name not in props:
            raise Exception(type(self).__name__ + ": Failed to find property '" + str(name) + "'")
        props[name](value, type(self).__name__ + "." + name)
        self._props[name] = value
        _record("set_editor_property", cls=type(self).__name__, owner=_desc(self._owner or self), name=name, value=_desc(value))
        self._touch()

    def get_editor_property(self, name):
        props = self._all_props()
        if name not in props:
            raise Exception(type(self).__name__ + ": Failed to find property '" + str(name) + "'")
        return self._props.get(name)


def _instance_of(cls_name):
    def check(value, what):
        cls = _CLASSES[cls_name]
        if value is not None and not isinstance(value, cls):
            raise TypeError(what + ": expected " + cls_name + ", got " + type(value).__name__)
    return check


def _bool(value, what):
    if type(value) is not bool:
        raise TypeError(what + ": expected a bool")


def _rate_or_zero(value, what):
    if not isinstance(value, FrameRate):
        raise TypeError(what + ": expected unreal.FrameRate")


class _Asset(Object):
    def __init__(self):
        Object.__init__(self)
        self._revision = 0
        self._saved_revision = 0
        self._metadata = {}

    def _asset_record(self):
        return {
            "class": type(self).__name__,
            "revision": self._revision,
            "saved_revision": self._saved_revision,
            "metadata": self._metadata,
            "data": self._serialize(),
        }

    def _serialize(self):
        return {"props": {k: _ser_value(v) for (k, v) in self._props.items()}}

    def _deserialize(self, data):
        self._props = {k: _de_value(v) for (k, v) in data.get("props", {}).items()}


def _ser_value(v):
    if isinstance(v, _Asset):
        return {"$ref": v.get_path_name()}
    if isinstance(v, FrameRate):
        return {"$rate": [v.numerator, v.denominator]}
    return v


def _de_value(v):
    if isinstance(v, dict) and "$ref" in v:
        return _load(v["$ref"])
    if isinstance(v, dict) and "$rate" in v:
        return FrameRate(v["$rate"][0], v["$rate"][1])
    return v


class MediaSource(_Asset):
    pass


class BaseMediaSource(MediaSource):
    pass


class ImgMediaSource(BaseMediaSource):
    _PROPS = {"frame_rate_override": _rate_or_zero, "fill_gaps_in_sequence": _bool}

    def set_sequence_path(self, path):
        _str(path, "ImgMediaSource.set_sequence_path")
        ext = os.path.splitext(path)[1].lower()
        if not os.path.isabs(path):
            raise ValueError("set_sequence_path wants an absolute path to an image file, got " + path)
        if ext not in (".exr", ".png", ".jpg", ".jpeg", ".bmp"):
            raise ValueError("ImgMedia reads EXR, PNG, JPG and BMP sequences; got " + path)
        self._props["__sequence_path"] = path
        _record("set_sequence_path", owner=self.get_path_name(), path=path, exists=os.path.isfile(path))
        self._touch()

    def get_sequence_path(self):
        return self._props.get("__sequence_path", "")


class MediaTexture(_Asset):
    pass


class MovieSceneSignedObject(Object):
    pass


class MovieSceneSection(MovieSceneSignedObject):
    _PROPS = {"is_active": _bool, "is_locked": _bool}

    def __init__(self):
        MovieSceneSignedObject.__init__(self)
        self._range = None  # [start, end) in display-rate frames; None = not set

    def _check_frames(self, frames, what):
        seq = self._owner
        if seq is not None:
            seq._check_exact(frames, what)

    def set_range(self, start_frame, end_frame):
        _int(start_frame, "set_range start_frame")
        _int(end_frame, "set_range end_frame")
        if end_frame < start_frame:
            raise ValueError("set_range: end " + str(end_frame) + " before start " + str(start_frame))
        self._check_frames(start_frame, "section start")
        self._check_frames(end_frame, "section end")
        self._range = [start_frame, end_frame]
        _record("set_range", cls=type(self).__name__, sequence=_desc(self._owner), start=start_frame, end=end_frame)
        self._touch()

    def has_start_frame(self):
        return self._range is not None

    def has_end_frame(self):
        return self._range is not None

    def get_start_frame(self):
        if self._range is None:
            raise Exception("Section has no start frame; check has_start_frame first")
        return self._range[0]

    def get_end_frame(self):
        if self._range is None:
            raise Exception("Section has no end frame; check has_end_frame first")
        return self._range[1]

    def _serialize(self):
        return {"class": type(self).__name__, "range": self._range, "props": {k: _ser_value(v) for (k, v) in self._props.items()}}

    def _deserialize(self, data):
        self._range = data.get("range")
        self._props = {k: _de_value(v) for (k, v) in data.get("props", {}).items()}


class MovieSceneMediaSection(MovieSceneSection):
    _PROPS = {
        "media_source": _instance_of("MediaSource"),
        "media_texture": _instance_of("MediaTexture"),
        "looping": _bool,
    }


class MovieSceneSubSection(MovieSceneSection):
    def set_sequence(self, sequence):
        if not isinstance(sequence, MovieSceneSequence):
            raise TypeError("set_sequence: expected a MovieSceneSequence, got " + type(sequence).__name__)
        if sequence is self._owner:
            raise ValueError("a sequence cannot contain itself")
        self._props["__sub_sequence"] = sequence
        _record("set_sequence", cls=type(self).__name__, sequence=_desc(self._owner), sub=sequence.get_path_name())
        self._touch()

    def get_sequence(self):
        return self._props.get("__sub_sequence")


class MovieSceneCinematicShotSection(MovieSceneSubSection):
    def set_shot_display_name(self, name):
        self._props["__shot_display_name"] = _str(name, "set_shot_display_name")
        _record("set_shot_display_name", name=name)
        self._touch()

    def get_shot_display_name(self):
        name = self._props.get("__shot_display_name", "")
        if not name and self.get_sequence() is not None:
            return self.get_sequence().get_name()
        return name


class MovieSceneTrack(MovieSceneSignedObject):
    _SECTION = None  # class of the sections this track makes; None = abstract

    def __init__(self):
        MovieSceneSignedObject.__init__(self)
        self._sections = []

    def add_section(self):
        section = self._SECTION()
        section._owner = self._owner
        self._sections.append(section)
        _record("add_section", track=type(self).__name__, sequence=_desc(self._owner))
        self._touch()
        return section

    def get_sections(self):
        return list(self._sections)

    def remove_section(self, section):
        if section not in self._sections:
            raise ValueError("remove_section: the section is not on this track")
        self._sections.remove(section)
        _record("remove_section", track=type(self).__name__, sequence=_desc(self._owner))
        self._touch()

    def _serialize(self):
        return {"class": type(self).__name__, "sections": [s._serialize() for s in self._sections]}


class MovieSceneMediaTrack(MovieSceneTrack):
    _SECTION = MovieSceneMediaSection


class MovieSceneSubTrack(MovieSceneTrack):
    _SECTION = MovieSceneSubSection


class MovieSceneCinematicShotTrack(MovieSceneSubTrack):
    _SECTION = MovieSceneCinematicShotSection


class MovieSceneSequence(_Asset):
    def __init__(self):
        _Asset.__init__(self)
        self._display_rate = FrameRate(30, 1)
        self._tick_resolution = FrameRate(24000, 1)
        self._playback = [0, 150]
        self._tracks = []

    def _check_exact(self, frames, what):
        # Frames are display-rate frames; Sequencer stores ticks. Record any frame that is not a whole
        # number of ticks: it would be floored and drift.
        d, t = self._display_rate, self._tick_resolution
        if (frames * t.numerator * d.denominator) % (t.denominator * d.numerator) != 0:
            _record("inexact_ticks", sequence=self.get_path_name(), what=what, frame=frames, display=[d.numerator, d.denominator], tick=[t.numerator, t.denominator])

    def set_display_rate(self, display_rate):
        self._display_rate = FrameRate(_rate(display_rate, "set_display_rate").numerator, display_rate.denominator)
        _record("set_display_rate", sequence=self.get_path_name(), num=display_rate.numerator, den=display_rate.denominator)
        self._touch()

    def get_display_rate(self):
        return FrameRate(self._display_rate.numerator, self._display_rate.denominator)

    def set_tick_resolution(self, tick_resolution):
        self._tick_resolution = FrameRate(_rate(tick_resolution, "set_tick_resolution").numerator, tick_resolution.denominator)
        _record("set_tick_resolution", sequence=self.get_path_name(), num=tick_resolution.numerator, den=tick_resolution.denominator)
        self._touch()

    def get_tick_resolution(self):
        return FrameRate(self._tick_resolution.numerator, self._tick_resolution.denominator)

    def set_playback_start(self, start_frame):
        _int(start_frame, "set_playback_start")
        self._check_exact(start_frame, "playback start")
        self._playback[0] = start_frame
        _record("set_playback_start", sequence=self.get_path_name(), frame=start_frame)
        self._touch()

    def set_playback_end(self, end_frame):
        _int(end_frame, "set_playback_end")
        self._check_exact(end_frame, "playback end")
        self._playback[1] = end_frame
        _record("set_playback_end", sequence=self.get_path_name(), frame=end_frame)
        self._touch()

    def get_playback_start(self):
        return self._playback[0]

    def get_playback_end(self):
        return self._playback[1]

    def add_track(self, track_type):
        if not (isinstance(track_type, type) and issubclass(track_type, MovieSceneTrack)) or track_type._SECTION is None:
            raise TypeError("add_track: expected a concrete MovieSceneTrack class, got " + repr(track_type))
        track = track_type()
        track._owner = self
        self._tracks.append(track)
        _record("add_track", sequence=self.get_path_name(), cls=track_type.__name__)
        self._touch()
        return track

    def find_tracks_by_exact_type(self, track_type):
        return [t for t in self._tracks if type(t) is track_type]

    def find_tracks_by_type(self, track_type):
        return [t for t in self._tracks if isinstance(t, track_type)]

    def get_tracks(self):
        return list(self._tracks)

    def remove_track(self, track):
        self._tracks.remove(track)
        _record("remove_track", sequence=self.get_path_name(), cls=type(track).__name__)
        self._touch()
        return True

    # Deprecated since 5.2 (master tracks became "tracks"): a script that uses them is out of date.
    def add_master_track(self, track_type):
        _record("deprecated", name="add_master_track")
        raise DeprecationWarning("add_master_track is deprecated since UE 5.2; use add_track")

    def get_master_tracks(self):
        _record("deprecated", name="get_master_tracks")
        raise DeprecationWarning("get_master_tracks is deprecated since UE 5.2; use get_tracks")

    def find_master_tracks_by_type(self, track_type):
        _record("deprecated", name="find_master_tracks_by_type")
        raise DeprecationWarning("find_master_tracks_by_type is deprecated since UE 5.2; use find_tracks_by_type")

    def _serialize(self):
        return {
            "display_rate": [self._display_rate.numerator, self._display_rate.denominator],
            "tick_resolution": [self._tick_resolution.numerator, self._tick_resolution.denominator],
            "playback": list(self._playback),
            "tracks": [t._serialize() for t in self._tracks],
        }

    def _deserialize(self, data):
        self._display_rate = FrameRate(*data["display_rate"])
        self._tick_resolution = FrameRate(*data["tick_resolution"])
        self._playback = list(data["playback"])
        self._pending_tracks = data.get("tracks", [])

    def _resolve(self):
        # Sections may point at other assets: resolve after this one is registered (cycles are refused).
        for tdata in getattr(self, "_pending_tracks", []):
            track = _CLASSES[tdata["class"]]()
            track._owner = self
            for sdata in tdata["sections"]:
                section = _CLASSES[sdata["class"]]()
                section._owner = self
                section._deserialize(sdata)
                track._sections.append(section)
            self._tracks.append(track)
        self._pending_tracks = []


class LevelSequence(MovieSceneSequence):
    pass


# ------------------------------------------------------------------------------------------- factories

class Factory(Object):
    _SUPPORTED = None


class LevelSequenceFactoryNew(Factory):
    _SUPPORTED = LevelSequence


class ImgMediaSourceFactoryNew(Factory):
    _SUPPORTED = ImgMediaSource


class MediaTextureFactoryNew(Factory):
    _SUPPORTED = MediaTexture


# ------------------------------------------------------------------------------------------- assets

def _load(object_path):
    if object_path in _LIVE:
        return _LIVE[object_path]
    record = _STATE["assets"].get(object_path)
    if record is None:
        return None
    obj = _CLASSES[record["class"]]()
    obj._path = object_path
    obj._revision = record["revision"]
    obj._saved_revision = record["saved_revision"]
    obj._metadata = dict(record.get("metadata", {}))
    _LIVE[object_path] = obj
    obj._deserialize(record["data"])
    if hasattr(obj, "_resolve"):
        obj._resolve()
    return obj


class AssetTools(Object):
    def create_asset(self, asset_name, package_path, asset_class, factory):
        _str(asset_name, "create_asset asset_name")
        _str(package_path, "create_asset package_path")
        if not package_path.startswith("/Game") or package_path.endswith("/"):
            raise ValueError("create_asset: package_path must be like /Game/Folder, got " + package_path)
        if not isinstance(factory, Factory):
            raise TypeError("create_asset: factory must be an unreal.Factory instance, got " + type(factory).__name__)
        if factory._SUPPORTED is not asset_class:
            raise TypeError("create_asset: " + type(factory).__name__ + " does not make " + getattr(asset_class, "__name__", repr(asset_class)))
        path = package_path + "/" + asset_name + "." + asset_name
        _record("create_asset", path=path, cls=asset_class.__name__, factory=type(factory).__name__)
        if path in _LIVE or path in _STATE["assets"]:
            # The editor refuses to create over an existing asset from a script (and logs a warning).
            _record("create_asset_refused", path=path)
            return None
        obj = asset_class()
        obj._path = path
        obj._revision = 1
        _LIVE[path] = obj
        return obj


class AssetToolsHelpers(Object):
    @classmethod
    def get_asset_tools(cls):
        return AssetTools()


class EditorAssetLibrary(Object):
    @classmethod
    def does_asset_exist(cls, asset_path):
        path = _normalize_path(asset_path)
        return path in _LIVE or path in _STATE["assets"]

    @classmethod
    def load_asset(cls, asset_path):
        path = _normalize_path(asset_path)
        _record("load_asset", path=path)
        return _load(path)

    @classmethod
    def save_loaded_asset(cls, asset_to_save, only_if_is_dirty=True):
        if not isinstance(asset_to_save, _Asset) or not asset_to_save.get_path_name():
            raise TypeError("save_loaded_asset: expected a loaded asset")
        asset_to_save._saved_revision = asset_to_save._revision
        _record("save", path=asset_to_save.get_path_name())
        return True

    @classmethod
    def set_metadata_tag(cls, object, tag, value):
        if not isinstance(object, _Asset):
            raise TypeError("set_metadata_tag: expected an asset")
        object._metadata[_str(tag, "tag")] = _str(value, "value")
        _record("set_metadata_tag", path=object.get_path_name(), tag=tag, value=value)
        object._touch()

    @classmethod
    def get_metadata_tag(cls, object, tag):
        return object._metadata.get(tag, "")


class LevelSequenceEditorBlueprintLibrary(Object):
    @classmethod
    def get_current_level_sequence(cls):
        path = _STATE["editor"].get("current_sequence")
        return _load(path) if path else None

    @classmethod
    def get_current_time(cls):
        return int(_STATE["editor"].get("current_time", 0))

    @classmethod
    def open_level_sequence(cls, level_sequence):
        _STATE["editor"]["current_sequence"] = level_sequence.get_path_name()
        return True


# ------------------------------------------------------------------------------------------- module API

_CLASSES = {
    c.__name__: c
    for c in (
        FrameRate, StructBase, Object, MediaSource, BaseMediaSource, ImgMediaSource, MediaTexture,
        MovieSceneSignedObject, MovieSceneSection, MovieSceneMediaSection, MovieSceneSubSection,
        MovieSceneCinematicShotSection, MovieSceneTrack, MovieSceneMediaTrack, MovieSceneSubTrack,
        MovieSceneCinematicShotTrack, MovieSceneSequence, LevelSequence, Factory, LevelSequenceFactoryNew,
        ImgMediaSourceFactoryNew, MediaTextureFactoryNew, AssetTools, AssetToolsHelpers, EditorAssetLibrary,
        LevelSequenceEditorBlueprintLibrary,
    )
}


def export(name):
    """What `unreal.<name>` resolves to; hidden classes play an editor with that plugin disabled."""
    if name in _CLASSES and name not in _STATE["hidden"]:
        return _CLASSES[name]
    raise AttributeError("module 'unreal' has no attribute '" + name + "'")
