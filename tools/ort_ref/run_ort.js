// Runs a model with onnxruntime-node (the reference and the speed peer).
// usage: node run_ort.js <model.onnx> <out_dir> <threads> <name:dtype:d0,d1,...:file.bin>...
//        [--loops N] [--warmup N] [--profile]
// Writes <out_dir>/output_<i>.bin (raw little-endian) and <out_dir>/ort.json with output names,
// dims, types, session creation time, per-run latencies (ms) and memory: rss_bytes (now),
// peak_rss_bytes (VmHWM of this node process), baseline_rss_bytes (VmRSS after loading
// onnxruntime-node, before the session: node's own footprint). --profile turns on ORT's
// per-node profiler for the timed runs and records the trace file as profile_file.
// What the latency covers: `await session.run(feeds)` from JavaScript, i.e. ORT's Run plus the
// N-API marshalling of inputs and outputs (a C caller of ORT would see slightly less).
const fs = require('fs');
const path = require('path');
// ORT_NODE_MODULE: the onnxruntime-node package folder (absolute or relative to the cwd).
const ORT_MODULE = process.env.ORT_NODE_MODULE ? path.resolve(process.env.ORT_NODE_MODULE)
                                               : 'onnxruntime-node';
const ort = require(ORT_MODULE);

const TYPES = {float32: Float32Array, int64: BigInt64Array, int32: Int32Array, uint8: Uint8Array,
               int8: Int8Array, float64: Float64Array, bool: Uint8Array};

function statusBytes(key) {
  try {
    const line = fs.readFileSync('/proc/self/status', 'utf8').split('\n')
                   .find((l) => l.startsWith(key + ':'));
    return line ? parseInt(line.split(/\s+/)[1]) * 1024 : 0;
  } catch (e) {
    return 0;
  }
}

async function main() {
  const args = process.argv.slice(2);
  const [modelPath, outDir, threads] = args;
  let loops = 1, warmup = 0, profile = false;
  const feeds = {};
  for (let i = 3; i < args.length; ++i) {
    if (args[i] === '--loops') { loops = parseInt(args[++i]); continue; }
    if (args[i] === '--warmup') { warmup = parseInt(args[++i]); continue; }
    if (args[i] === '--profile') { profile = true; continue; }
    const [name, dtype, dimsText, file] = args[i].split(':');
    const dims = dimsText.split(',').map(Number);
    const buf = fs.readFileSync(file);
    const Ctor = TYPES[dtype];
    const data = new Ctor(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
    feeds[name] = new ort.Tensor(dtype, data, dims);
  }
  fs.mkdirSync(outDir, {recursive: true});
  const baselineRss = statusBytes('VmRSS');
  const options = {
    intraOpNumThreads: parseInt(threads), interOpNumThreads: 1, executionMode: 'sequential',
    graphOptimizationLevel: 'all'};
  if (profile) {
    options.enableProfiling = true;
    options.profileFilePrefix = path.join(outDir, 'ort_profile');
  }
  const t0 = process.hrtime.bigint();
  const session = await ort.InferenceSession.create(modelPath, options);
  const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
  for (let i = 0; i < warmup; ++i) await session.run(feeds);
  const times = [];
  let result;
  for (let i = 0; i < loops; ++i) {
    const t = process.hrtime.bigint();
    result = await session.run(feeds);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  let profileFile = null;
  if (profile && typeof session.endProfiling === 'function') {
    session.endProfiling();
    profileFile = fs.readdirSync(outDir).filter((f) => f.startsWith('ort_profile'))
                    .map((f) => path.join(outDir, f)).pop() || null;
  }
  const outputs = [];
  session.outputNames.forEach((name, i) => {
    const t = result[name];
    fs.writeFileSync(path.join(outDir, `output_${i}.bin`), Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    outputs.push({name, dims: t.dims, type: t.type});
  });
  fs.writeFileSync(path.join(outDir, 'ort.json'),
                   JSON.stringify({outputs, load_ms: loadMs, times_ms: times,
                                   rss_bytes: process.memoryUsage().rss,
                                   peak_rss_bytes: statusBytes('VmHWM'),
                                   baseline_rss_bytes: baselineRss, threads: parseInt(threads),
                                   warmup, profile_file: profileFile,
                                   ort_version: require(path.join(path.dirname(
                                       require.resolve(ORT_MODULE)), '..', 'package.json')).version}));
}
main().catch((e) => { console.error(e); process.exit(1); });
