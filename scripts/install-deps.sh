#!/usr/bin/env bash
# Installs openacl's Debian dependencies (idempotent: skips apt when everything is present).
set -euo pipefail
PKGS=(cmake g++ make pkg-config libonnx-dev libprotobuf-dev protobuf-compiler libdnnl-dev
      libflatbuffers-dev flatbuffers-compiler pybind11-dev python3-dev python3-numpy
      python3-pytest python3-onnx libonnx-testdata nlohmann-json3-dev libgtest-dev libgmock-dev
      libbenchmark-dev python3-pil fonts-dejavu-core nodejs npm)
if [ "${1:-}" = "--models" ]; then
  PKGS+=(python3-torch python3-torchvision)
fi
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "[deps] installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
