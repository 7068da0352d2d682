#!/usr/bin/env bash
# On the GPU machine, from the repo root: installs the Vulkan/GL loaders carried in .gl/, unpacks what
# scripts/device/pack.sh packed, and prints the environment to eval (Node on PATH, ffmpeg, Vulkan ICD).
# ffprobe is not carried (it would take the call past 64 MiB): RUSHES_FFPROBE names ffmpeg only so the
# engine's tool locator is satisfied; run the bench with --no-probe and count frames with ffmpeg.
set -euo pipefail
for f in .gl/*.deb; do dpkg -x "$f" /; done
ldconfig
mkdir -p /tmp/rushes-dev/bin
xz -dc .device/node.xz > /tmp/rushes-dev/bin/node
xz -dc .device/ffmpeg.xz > /tmp/rushes-dev/bin/ffmpeg
chmod +x /tmp/rushes-dev/bin/node /tmp/rushes-dev/bin/ffmpeg
xz -dc .device/modules.tar.xz | tar -xf -
echo "export PATH=/tmp/rushes-dev/bin:\$PATH RUSHES_FFMPEG=/tmp/rushes-dev/bin/ffmpeg RUSHES_FFPROBE=/tmp/rushes-dev/bin/ffmpeg XDG_RUNTIME_DIR=\$(mktemp -d) VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json"
