#!/usr/bin/env bash
# `make demo`: OCR with two PP-OCRv4 models through openacl's pyACL API.
# usage: scripts/demo.sh [build_dir]   (after building and scripts/fetch_models.sh)
# Compiles the detection and recognition models with atc into <build_dir>/demo (skipped when
# up to date), then runs samples/python/ocr/ocr.py, which renders two lines of text, reads them
# back and checks the result. Exit status 0 only if the text is read back exactly.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="$(cd "${1:-$ROOT/build}" && pwd)"
ATC="$BUILD/bin/atc"
OUT="$BUILD/demo"
ONNX_DIR="$ROOT/models/ocr"
PY=/usr/bin/python3

echo "== openacl demo: OCR (PP-OCRv4 text detection + recognition) through the pyACL API =="
fail() { echo "demo: $*" >&2; echo "OCR demo: FAIL"; exit 1; }
[ -x "$ATC" ] || fail "$ATC not found: build first (make build)"
ls "$BUILD"/python/acl*.so >/dev/null 2>&1 || fail "Python module missing in $BUILD/python"
for f in ch_PP-OCRv4_det_infer.onnx ch_PP-OCRv4_rec_infer.onnx ppocr_keys_v1.txt; do
  [ -f "$ONNX_DIR/$f" ] || fail "$ONNX_DIR/$f missing: run scripts/fetch_models.sh"
done
mkdir -p "$OUT"

# compile <om name> <onnx file> <input shape>: skipped when the .om is newer than both the
# .onnx and atc itself.
compile() {
  local om="$OUT/$1.om" onnx="$ONNX_DIR/$2"
  if [ -f "$om" ] && [ "$om" -nt "$onnx" ] && [ "$om" -nt "$ATC" ]; then
    echo "[atc] $1.om up to date"
    return
  fi
  local start=${EPOCHREALTIME/./}
  "$ATC" --model="$onnx" --framework=5 --output="$OUT/$1" --input_shape="$3" \
      --soc_version=Ascend310 >/dev/null || fail "atc failed on $onnx"
  local ms=$(( (${EPOCHREALTIME/./} - start) / 1000 ))
  echo "[atc] $2 -> $1.om (input $3) in $ms ms"
}
compile ppocr_det ch_PP-OCRv4_det_infer.onnx "x:1,3,640,640"
compile ppocr_rec ch_PP-OCRv4_rec_infer.onnx "x:1,3,48,320"

set +e
PYTHONPATH="$BUILD/python" "$PY" "$ROOT/samples/python/ocr/ocr.py" --model-dir "$OUT" \
    --onnx-dir "$ONNX_DIR" --atc "$ATC" --save-image "$OUT/ocr_input.png"
status=$?
set -e
echo "(input image saved as $OUT/ocr_input.png)"
if [ $status -ne 0 ]; then
  echo "OCR demo: FAIL"
  exit 1
fi
echo "OCR demo: PASS"
