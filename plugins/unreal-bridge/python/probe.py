# Reports the Level Sequence open in Sequencer (the root sequence), its display rate and the playhead,
# so the bridge can generate a clip at that rate and place it at that frame.
#
# DATA: {needs} (and the nonce)


def main():
    lib = unreal.LevelSequenceEditorBlueprintLibrary
    seq = lib.get_current_level_sequence()
    if seq is None:
        raise RushesError(
            "E_UNREAL_NO_SEQUENCE",
            "No Level Sequence is open in Sequencer. Open one (double-click it in the Content Browser), put the playhead where the clip should start, and run the command again.",
        )
    rate = seq.get_display_rate()
    # Global playhead position in display-rate frames.
    frame = lib.get_current_time()
    return {
        "sequencePath": seq.get_path_name(),
        "name": seq.get_name(),
        "fps": {"num": int(rate.numerator), "den": int(rate.denominator)},
        "currentFrame": int(frame),
        "playbackEnd": int(seq.get_playback_end()),
    }


run(main)
