#!/usr/bin/env bash
# Model tests: openacl vs onnxruntime-node on the same inputs (tests/models/check_model.py).
# usage: run_model_tests.sh <build_dir> [--all]   (--all adds the torchvision/transformer models)
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BUILD="$(cd "${1:-$ROOT/build}" && pwd)"
export ORT_NODE_PATH="$ROOT/third_party/npm/node_modules"
check() { /usr/bin/python3 "$ROOT/tests/models/check_model.py" --build "$BUILD" "$@" || fails=$((fails+1)); }
fails=0
check --model "$ROOT/models/add.onnx" --input a:16 --input b:16
check --model "$ROOT/models/ocr/ch_PP-OCRv4_rec_infer.onnx" --input x:1,3,48,320
check --model "$ROOT/models/ocr/ch_PP-OCRv4_det_infer.onnx" --input x:1,3,640,640
if [ "${2:-}" = "--all" ]; then
  check --model "$ROOT/models/resnet50.onnx" --input input:1,3,224,224
  check --model "$ROOT/models/mobilenetv2.onnx" --input input:1,3,224,224
  check --model "$ROOT/models/encoder.onnx" --input input:1,128,512
fi
echo "model tests: $fails failed"
exit $((fails > 0))
