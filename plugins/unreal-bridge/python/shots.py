# Builds (or updates) a master Level Sequence with a cinematic shot track, one shot sequence per shot,
# each holding a media track that plays the shot's PNG sequence through an ImgMediaSource.
# Idempotent: assets are found by their path and re-used, each shot sequence keeps exactly one media
# track with one section, and the master keeps one shot section per shot.
#
# DATA: {master: {assetPath}, shotsFolder, fps: {num, den}, tickResolution: {num, den} | null (keep 24000/s),
#        totalFrames, shots: [{name, assetPath, mediaAssetPath, textureAssetPath, firstFramePath,
#        frames, start, tags: {...}}]}


def build_shot(shot, fps, tick):
    frames = int(shot["frames"])
    seq, seq_created = load_or_create(shot["assetPath"], unreal.LevelSequence, unreal.LevelSequenceFactoryNew)
    configure_sequence(seq, fps, tick, frames)

    media, _ = load_or_create(shot["mediaAssetPath"], unreal.ImgMediaSource, unreal.ImgMediaSourceFactoryNew)
    media.set_sequence_path(shot["firstFramePath"])
    # PNG carries no frame rate (ImgMedia reads it from EXR only): state it, or playback guesses.
    media.set_editor_property("frame_rate_override", frame_rate(fps))

    texture = media_texture(shot["textureAssetPath"])

    tracks = tracks_of(seq, unreal.MovieSceneMediaTrack)
    track = tracks[0] if len(tracks) > 0 else seq.add_track(unreal.MovieSceneMediaTrack)
    sections = track.get_sections()
    section = sections[0] if len(sections) > 0 else track.add_section()
    for extra in list(sections)[1:]:
        track.remove_section(extra)
    section.set_editor_property("media_source", media)
    if texture is not None:
        section.set_editor_property("media_texture", texture)
    section.set_range(0, frames)

    tag(seq, shot["tags"])
    for asset in (media, texture, seq):
        if asset is not None:
            save(asset)
    return seq, seq_created


def main():
    fps = DATA["fps"]
    tick = DATA["tickResolution"]

    built = []
    for shot in DATA["shots"]:
        seq, created = build_shot(shot, fps, tick)
        built.append((shot, seq, created))

    master, master_created = load_or_create(DATA["master"]["assetPath"], unreal.LevelSequence, unreal.LevelSequenceFactoryNew)
    configure_sequence(master, fps, tick, DATA["totalFrames"])
    shot_tracks = tracks_of(master, unreal.MovieSceneCinematicShotTrack)
    shot_track = shot_tracks[0] if len(shot_tracks) > 0 else master.add_track(unreal.MovieSceneCinematicShotTrack)

    # Our shot sequences live under shotsFolder; sections pointing elsewhere were added by hand: keep them.
    ours = DATA["shotsFolder"] + "/"
    by_path = {}
    removed = []
    for section in shot_track.get_sections():
        sub = section.get_sequence()
        path = sub.get_path_name() if sub is not None else ""
        if path.startswith(ours) and path in by_path:
            shot_track.remove_section(section)
            removed.append(path)
        elif path:
            by_path[path] = section

    result_shots = []
    wanted = set()
    for shot, seq, created in built:
        path = object_path(shot["assetPath"])
        wanted.add(path)
        section = by_path.get(path)
        section_created = section is None
        if section_created:
            section = shot_track.add_section()
        section.set_sequence(seq)
        start = int(shot["start"])
        end = start + int(shot["frames"])
        section.set_range(start, end)
        if hasattr(section, "set_shot_display_name"):
            section.set_shot_display_name(shot["name"])
        result_shots.append(
            {
                "name": shot["name"],
                "assetPath": shot["assetPath"],
                "created": created,
                "sectionCreated": section_created,
                "range": [start, end],
            }
        )

    # Shots Rushes made earlier that the list no longer has: off the master (their assets stay).
    for path, section in list(by_path.items()):
        if path.startswith(ours) and path not in wanted:
            shot_track.remove_section(section)
            removed.append(path)

    save(master)
    return {
        "master": DATA["master"]["assetPath"],
        "masterCreated": master_created,
        "totalFrames": int(DATA["totalFrames"]),
        "fps": fps,
        "shots": result_shots,
        "removed": sorted(removed),
    }


run(main)
