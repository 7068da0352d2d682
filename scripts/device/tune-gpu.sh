#!/usr/bin/env bash
# Where a GPU's render rate goes (run like bench-gpu.sh): render-only 1080p clips under two poll spin
# windows (RUSHES_POLL_SPIN_MS) and two readback depths, the job's loop at the last setting, and a V8
# CPU profile of one render-only clip (the main thread's JavaScript), all into $OUT.
set -uo pipefail
OUT=${OUT:-/tmp/rushes-gpu-out}
mkdir -p "$OUT"
exec > >(tee "$OUT/tune.log") 2>&1
if [ -z "${LOCAL:-}" ]; then eval "$(bash scripts/device/unpack.sh)"; fi
seconds=${SECONDS_PER_CLIP:-10}
tsx="node node_modules/tsx/dist/cli.mjs"
for spin in 0.25 4; do
  for depth in 3 6; do
    echo "== render only: poll spin ${spin} ms, readback depth ${depth}"
    RUSHES_POLL_SPIN_MS=$spin $tsx scripts/bench-procedural.ts --width 1920 --height 1080 --seconds "$seconds" --render-only --no-doc \
      --only abstract,product,nature --readback-depth "$depth"
  done
done
echo "== render + watermark + encode: poll spin 4 ms, readback depth 6"
RUSHES_POLL_SPIN_MS=4 $tsx scripts/bench-procedural.ts --width 1920 --height 1080 --seconds "$seconds" --watermark --no-probe --no-doc \
  --readback-depth 6 --out /tmp/tune-clips
echo "== CPU profile of one render-only clip"
mkdir -p /tmp/prof
node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx scripts/bench-procedural.ts --width 1920 --height 1080 --seconds "$seconds" \
  --render-only --no-doc --only product
ls -S /tmp/prof | head -1 | while read -r f; do gzip -c "/tmp/prof/$f" > "$OUT/render-only.cpuprofile.gz"; done
ls -l "$OUT"
