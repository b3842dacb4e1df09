// Runs a model with onnxruntime-node (the reference and the speed peer).
// usage: node run_ort.js <model.onnx> <out_dir> <threads> <name:dtype:d0,d1,...:file.bin>...
//        [--loops N] [--warmup N]
// Writes <out_dir>/output_<i>.bin (raw little-endian) and <out_dir>/ort.json with output names,
// dims, types, session creation time and per-run latencies (ms).
const fs = require('fs');
const path = require('path');
const ort = require(process.env.ORT_NODE_MODULE || 'onnxruntime-node');

const TYPES = {float32: Float32Array, int64: BigInt64Array, int32: Int32Array, uint8: Uint8Array,
               int8: Int8Array, float64: Float64Array, bool: Uint8Array};

async function main() {
  const args = process.argv.slice(2);
  const [modelPath, outDir, threads] = args;
  let loops = 1, warmup = 0;
  const feeds = {};
  for (let i = 3; i < args.length; ++i) {
    if (args[i] === '--loops') { loops = parseInt(args[++i]); continue; }
    if (args[i] === '--warmup') { warmup = parseInt(args[++i]); continue; }
    const [name, dtype, dimsText, file] = args[i].split(':');
    const dims = dimsText.split(',').map(Number);
    const buf = fs.readFileSync(file);
    const Ctor = TYPES[dtype];
    const data = new Ctor(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
    feeds[name] = new ort.Tensor(dtype, data, dims);
  }
  const t0 = process.hrtime.bigint();
  const session = await ort.InferenceSession.create(modelPath, {
    intraOpNumThreads: parseInt(threads), interOpNumThreads: 1, executionMode: 'sequential',
    graphOptimizationLevel: 'all'});
  const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
  for (let i = 0; i < warmup; ++i) await session.run(feeds);
  const times = [];
  let result;
  for (let i = 0; i < loops; ++i) {
    const t = process.hrtime.bigint();
    result = await session.run(feeds);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  fs.mkdirSync(outDir, {recursive: true});
  const outputs = [];
  session.outputNames.forEach((name, i) => {
    const t = result[name];
    fs.writeFileSync(path.join(outDir, `output_${i}.bin`), Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    outputs.push({name, dims: t.dims, type: t.type});
  });
  fs.writeFileSync(path.join(outDir, 'ort.json'),
                   JSON.stringify({outputs, load_ms: loadMs, times_ms: times,
                                   rss_bytes: process.memoryUsage().rss}));
}
main().catch((e) => { console.error(e); process.exit(1); });
