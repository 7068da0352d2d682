#!/usr/bin/env bash
# The one prepared GPU check (the `device` tool), run from the repo root on the GPU machine after
# scripts/device/pack.sh here:  carry [".device", ".gl"], command `bash scripts/device/bench-gpu.sh`.
# At 1920x1080 24 fps, per archetype of scripts/bench-procedural.ts:
#   1. the job's loop: render + watermark + encode (YUV made on the GPU, as a job does);
#   2. the same without the watermark, to split the CPU side between the watermark and x264;
#   3. render alone with 4x MSAA (the GPU default) and without it;
#   4. the encoder alone, fed the YUV of two rendered clips, at x264 veryfast (the default) and superfast;
# then every scene module once on the GPU (scripts/contact-sheet.ts over sheet-prompts.txt: a contact
# sheet and a hash of each prompt's frames), and the first prompts again, for determinism on this backend.
# Everything goes to $OUT (at most 8 files come back): gpu.log, frames.tar, sheet-gpu.jpg, hash-gpu*.txt.
# PARTS=job,superfast,nomark,render,encoder,sheet (the default: all) picks the parts to run.
set -uo pipefail
OUT=${OUT:-/tmp/rushes-gpu-out}
mkdir -p "$OUT"
exec > >(tee "$OUT/gpu.log") 2>&1
# LOCAL=1 runs it here (a dry run of the script, on whatever node_modules and ffmpeg this checkout has).
if [ -z "${LOCAL:-}" ]; then eval "$(bash scripts/device/unpack.sh)"; fi
ffmpeg=${RUSHES_FFMPEG:-node_modules/@ffmpeg-installer/linux-x64/ffmpeg}
seconds=${SECONDS_PER_CLIP:-10}
w=${WIDTH:-1920}
h=${HEIGHT:-1080}
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null
echo "CPUs: $(nproc)  $(grep -m1 'model name' /proc/cpuinfo)"
node --version
tsx="node node_modules/tsx/dist/cli.mjs"
parts=",${PARTS:-job,superfast,nomark,render,encoder,sheet},"
want() { [[ $parts == *",$1,"* ]]; }
bench() { $tsx scripts/bench-procedural.ts --width "$w" --height "$h" --seconds "$seconds" --no-probe --no-doc "$@"; }
clips=/tmp/gpu-clips
if want job || want encoder; then
  echo "== 1. job loop: render + watermark + encode (${seconds} s a clip, ${w}x${h}, YUV from the GPU)"
  bench --watermark --out "$clips"
  mkdir -p /tmp/gpu-frames
  for f in "$clips"/*.mp4; do
    n=$("$ffmpeg" -hide_banner -i "$f" -map 0:v:0 -c copy -f null - 2>&1 | grep -o 'frame= *[0-9]*' | tail -1)
    echo "$(basename "$f"): $n, $(stat -c %s "$f") bytes"
    "$ffmpeg" -hide_banner -loglevel error -y -ss 2.5 -i "$f" -frames:v 1 -q:v 3 "/tmp/gpu-frames/$(basename "$f" .mp4).jpg"
  done
  tar -cf "$OUT/frames.tar" -C /tmp/gpu-frames .
fi
if want superfast; then
  echo "== 1b. the job loop with x264 superfast instead of veryfast"
  bench --watermark --preset superfast --out /tmp/gpu-clips-superfast
fi
if want nomark; then
  echo "== 2. render + encode, no watermark"
  bench --out /tmp/gpu-clips-nomark
fi
if want render; then
  echo "== 3. render only, 4x MSAA (default), then MSAA off (FXAA in the output pass, as on software backends)"
  bench --render-only --out /tmp/gpu-ro
  RUSHES_MSAA=0 bench --render-only --out /tmp/gpu-ro
fi
if want encoder; then
  echo "== 4. encoder alone, fed the YUV of rendered clips"
  for a in nature urban; do
    "$ffmpeg" -hide_banner -loglevel error -y -i "$clips/$a.mp4" -pix_fmt yuv420p -f rawvideo "/dev/shm/$a.yuv"
    for preset in veryfast superfast; do
      echo -n "$a: "
      $tsx scripts/device/encoder-throughput.ts --input "/dev/shm/$a.yuv" --layout yuv420p --width "$w" --height "$h" --preset "$preset"
    done
    rm -f "/dev/shm/$a.yuv"
  done
fi
if want sheet; then
  echo "== 5. every scene module on this backend (640x360, 3 s at 4 fps), then the first six again"
  $tsx scripts/contact-sheet.ts --prompts scripts/device/sheet-prompts.txt --out "$OUT/sheet-gpu.jpg" --width 640 --height 360 --hashes "$OUT/hash-gpu.txt"
  grep -v '^#' scripts/device/sheet-prompts.txt | head -6 > /tmp/six.txt
  $tsx scripts/contact-sheet.ts --prompts /tmp/six.txt --out /tmp/six.jpg --width 640 --height 360 --hashes "$OUT/hash-gpu2.txt"
  if diff <(head -6 "$OUT/hash-gpu.txt") "$OUT/hash-gpu2.txt" >/dev/null; then echo "determinism: the six hash alike in both runs"; else echo "determinism: DIFFERENT hashes between runs"; fi
fi
ls -l "$OUT"
