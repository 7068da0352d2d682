#!/usr/bin/env bash
# Packs what the GPU machine (the `device` tool; ../shared/DEVICE.md) needs to run the procedural
# benchmark from the repo's own sources: Node, a trimmed node_modules (tsx and the render side's
# packages, webgpu's linux-x64 build only), the compiled shared package and ffmpeg, each xz-compressed
# into the ignored folder .device/ (about 50 MB: one call may carry at most 64 MiB in all).
# Run `npm run build` first; then carry .device and .gl, and start the command with scripts/device/unpack.sh.
# Both folders must be ignored: `echo /.gl/ >> .git/info/exclude` (/.device/ is in .gitignore).
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p .device
# The Vulkan/GL loaders the GPU machine lacks, as Debian packages (unpack.sh installs them there).
if ! ls .gl/libvulkan1_*.deb >/dev/null 2>&1; then
  mkdir -p .gl /tmp/amd64/partial
  o=(-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/amd64)
  apt-get "${o[@]}" update >/dev/null
  (cd .gl && apt-get "${o[@]}" download libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2)
fi
[ -s .device/node.xz ] || xz -T0 -6 -c "$(command -v node)" > .device/node.xz
[ -s .device/ffmpeg.xz ] || xz -T0 -6 -c node_modules/@ffmpeg-installer/linux-x64/ffmpeg > .device/ffmpeg.xz
# The packages scripts/bench-procedural.ts reaches (found by running it from this tarball alone).
pkgs=(
  tsx esbuild @esbuild/linux-x64
  three webgpu debug ms @dimforge/rapier3d-compat opentype.js @fontsource/inter
  @sinclair/typebox ajv fast-deep-equal fast-uri json-schema-traverse require-from-string
  fft.js
)
paths=()
for p in "${pkgs[@]}"; do paths+=("node_modules/$p"); done
tar -cf - --exclude='node_modules/webgpu/dist/darwin-*' --exclude='node_modules/webgpu/dist/win32-*' \
  --exclude='node_modules/webgpu/dist/linux-arm64' --exclude='node_modules/three/examples/jsm/libs' --exclude='node_modules/three/examples/fonts' \
  --exclude='node_modules/three/examples/models' --exclude='node_modules/three/examples/textures' \
  --exclude='node_modules/three/src' --exclude='node_modules/@fontsource/inter/files/*.woff2' \
  "${paths[@]}" node_modules/@rushes/shared shared/dist | xz -T0 -6 > .device/modules.tar.xz
ls -l .device
