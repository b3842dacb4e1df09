// Runs one single-input float32 model with onnxruntime-node over N inputs in one session (the
// fp32 reference for bench/precision_accuracy.py).
// usage: node ort_batch.js <model.onnx> <input_name> <d0,d1,...> <inputs.bin> <N> <outputs.bin>
// inputs.bin: N inputs of the given dims back to back (float32); outputs.bin: N first outputs.
const fs = require('fs');
const path = require('path');
const ORT_MODULE = process.env.ORT_NODE_MODULE ? path.resolve(process.env.ORT_NODE_MODULE)
                                               : 'onnxruntime-node';
const ort = require(ORT_MODULE);

async function main() {
  const [modelPath, inputName, dimsText, inputsFile, countText, outFile] = process.argv.slice(2);
  const dims = dimsText.split(',').map(Number);
  const count = parseInt(countText);
  const per = dims.reduce((a, b) => a * b, 1);
  const buf = fs.readFileSync(inputsFile);
  const all = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
  if (all.length !== per * count) throw new Error(`${inputsFile}: expected ${per * count} floats`);
  const session = await ort.InferenceSession.create(modelPath, {
    intraOpNumThreads: 2, interOpNumThreads: 1, executionMode: 'sequential',
    graphOptimizationLevel: 'all'});
  const chunks = [];
  for (let i = 0; i < count; ++i) {
    const feeds = {[inputName]: new ort.Tensor('float32', all.slice(i * per, (i + 1) * per), dims)};
    const out = (await session.run(feeds))[session.outputNames[0]];
    chunks.push(Buffer.from(out.data.buffer, out.data.byteOffset, out.data.byteLength));
  }
  fs.writeFileSync(outFile, Buffer.concat(chunks));
}
main().catch((e) => { console.error(e); process.exit(1); });
