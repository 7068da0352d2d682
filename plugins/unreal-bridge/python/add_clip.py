# Places one generated clip (a PNG sequence) in the open Level Sequence at a given frame: a media
# section on the first media track with room for it, or on a new media track.
# Idempotent: a section already playing this clip's media source at this frame is updated, not doubled.
#
# DATA: {sequencePath, start, frames, fps: {num, den}, mediaAssetPath, textureAssetPath,
#        firstFramePath, tags: {...}}


def overlaps(section, start, end):
    s = section.get_start_frame() if section.has_start_frame() else -(2 ** 31)
    e = section.get_end_frame() if section.has_end_frame() else 2 ** 31 - 1
    return s < end and start < e


def main():
    seq = unreal.EditorAssetLibrary.load_asset(DATA["sequencePath"])
    if seq is None or not isinstance(seq, unreal.LevelSequence):
        raise RushesError("E_UNREAL_NO_SEQUENCE", "The Level Sequence " + DATA["sequencePath"] + " is gone; open a sequence and retry.")
    start = int(DATA["start"])
    frames = int(DATA["frames"])
    end = start + frames

    media, media_created = load_or_create(DATA["mediaAssetPath"], unreal.ImgMediaSource, unreal.ImgMediaSourceFactoryNew)
    media.set_sequence_path(DATA["firstFramePath"])
    media.set_editor_property("frame_rate_override", frame_rate(DATA["fps"]))
    texture = media_texture(DATA["textureAssetPath"])
    media_path = media.get_path_name()

    tracks = tracks_of(seq, unreal.MovieSceneMediaTrack)
    target = None
    section = None
    for index, track in enumerate(tracks):
        for existing in track.get_sections():
            src = existing.get_editor_property("media_source")
            if src is not None and src.get_path_name() == media_path and existing.has_start_frame() and existing.get_start_frame() == start:
                target, section = index, existing
                break
        if section is not None:
            break
    reused = section is not None
    track_created = False
    if section is None:
        for index, track in enumerate(tracks):
            if not any(overlaps(s, start, end) for s in track.get_sections()):
                target = index
                break
        if target is None:
            tracks.append(seq.add_track(unreal.MovieSceneMediaTrack))
            target = len(tracks) - 1
            track_created = True
        section = tracks[target].add_section()
    section.set_editor_property("media_source", media)
    if texture is not None:
        section.set_editor_property("media_texture", texture)
    section.set_range(start, end)

    extended = False
    if seq.get_playback_end() < end:
        seq.set_playback_end(end)
        extended = True

    tag(media, DATA["tags"])
    for asset in (media, texture, seq):
        if asset is not None:
            save(asset)
    return {
        "sequencePath": DATA["sequencePath"],
        "trackIndex": target,
        "trackCreated": track_created,
        "reused": reused,
        "mediaCreated": media_created,
        "mediaAssetPath": DATA["mediaAssetPath"],
        "range": [start, end],
        "playbackExtended": extended,
    }


run(main)
