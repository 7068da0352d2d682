#!/usr/bin/env bash
# The one prepared GPU check (the `device` tool), run from the repo root on the GPU machine after
# scripts/device/pack.sh here:  carry [".device", ".gl"], command `bash scripts/device/bench-gpu.sh`.
# Measures 1920x1080 24 fps procedural clips per archetype: render + watermark + encode (a job's loop)
# with YUV from the GPU and with RGBA, render alone, and the encoder alone; keeps one frame of each clip
# to look at. Everything goes to $OUT.
set -uo pipefail
OUT=${OUT:-/tmp/rushes-gpu-out}
mkdir -p "$OUT"
log="$OUT/gpu.log"
exec > >(tee "$log") 2>&1
# LOCAL=1 runs it here (a dry run of the script, on whatever node_modules and ffmpeg this checkout has).
if [ -z "${LOCAL:-}" ]; then eval "$(bash scripts/device/unpack.sh)"; fi
seconds=${SECONDS_PER_CLIP:-10}
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
echo "CPUs: $(nproc)  $(grep -m1 'model name' /proc/cpuinfo)"
node --version
tsx="node node_modules/tsx/dist/cli.mjs"
clips=/tmp/gpu-clips
echo "== render + watermark + encode (${seconds} s per clip, 1920x1080), frames as a job takes them (YUV from the GPU)"
$tsx scripts/bench-procedural.ts --width 1920 --height 1080 --seconds "$seconds" --watermark --no-probe --no-doc --out "$clips"
for f in "$clips"/*.mp4; do
  n=$(ffmpeg -hide_banner -i "$f" -map 0:v:0 -c copy -f null - 2>&1 | grep -o 'frame= *[0-9]*' | tail -1)
  echo "$(basename "$f"): $n"
  ffmpeg -hide_banner -loglevel error -y -ss 2.5 -i "$f" -frames:v 1 -q:v 3 "$OUT/$(basename "$f" .mp4).jpg"
done
echo "== the same with RGBA frames (ffmpeg converts)"
$tsx scripts/bench-procedural.ts --width 1920 --height 1080 --seconds "$seconds" --watermark --no-probe --no-doc --layout rgba --out "$clips-rgba"
if [ -z "${SKIP_RENDER_ONLY:-}" ]; then
  echo "== render only (YUV, then RGBA)"
  $tsx scripts/bench-procedural.ts --width 1920 --height 1080 --seconds "$seconds" --render-only --no-doc --out "$clips"
  $tsx scripts/bench-procedural.ts --width 1920 --height 1080 --seconds "$seconds" --render-only --no-doc --layout rgba --out "$clips"
fi
echo "== encoder alone"
ffmpeg -hide_banner -loglevel error -y -f lavfi -i "testsrc2=s=1920x1080:r=24" -frames:v 240 -pix_fmt rgba -f rawvideo /dev/shm/frames.rgba
$tsx scripts/device/encoder-throughput.ts --input /dev/shm/frames.rgba
# Where the encoder's ceiling comes from: RGBA -> YUV conversion alone, and x264 fed YUV 4:2:0 directly.
ffmpeg -hide_banner -loglevel error -y -f rawvideo -pix_fmt rgba -s 1920x1080 -i /dev/shm/frames.rgba -pix_fmt yuv420p -f rawvideo /dev/shm/frames.yuv
for what in "rgba-to-yuv420p only:-f rawvideo -pix_fmt rgba -s 1920x1080 -r 24 -i /dev/shm/frames.rgba -pix_fmt yuv420p -f null -" \
  "x264 veryfast fed yuv420p:-f rawvideo -pix_fmt yuv420p -s 1920x1080 -r 24 -i /dev/shm/frames.yuv -c:v libx264 -preset veryfast -crf 16 -f null -" \
  "x264 veryfast fed yuv420p through a pipe:-f rawvideo -pix_fmt yuv420p -s 1920x1080 -r 24 -i pipe:0 -c:v libx264 -preset veryfast -crf 16 -f null -"; do
  label=${what%%:*}; a=${what#*:}
  t0=$(date +%s.%N)
  if [[ $a == *pipe:0* ]]; then cat /dev/shm/frames.yuv | ffmpeg -hide_banner -loglevel error -nostdin -y $a; else ffmpeg -hide_banner -loglevel error -nostdin -y $a; fi
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" -v l="$label" 'BEGIN { printf "%s: 240 frames in %.2f s = %.1f fps\n", l, b - a, 240 / (b - a) }'
done
$tsx scripts/device/encoder-throughput.ts --input /dev/shm/frames.yuv --layout yuv420p
