/**
 * Single-operator AscendCL sample (C++).
 *
 * 1. Executes a classifier model (tiny_classifier.om: float32 [1,3,16,16] -> [1,1000]).
 * 2. aclopCast converts the device output to float16, aclopExecuteV2 runs ArgMaxD (dimension 1)
 *    on it; the int32 class index is copied to the host and printed. It must equal the top-1 of
 *    the float32 output computed on the host.
 * 3. aclopExecuteV2 runs Add on two int32 [8,16] tensors, checked on the host.
 *
 * The op models come from `atc --singleop=op_list.json --output=op_models` (README.md).
 * usage: single_op [model/tiny_classifier.om] [op_models]
 */
#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

#include "acl/acl.h"

namespace {

const int kNumClasses = 1000;
const int64_t kInputShape[] = {1, 3, 16, 16};

#define CHECK_ACL(call)                                                        \
  do {                                                                         \
    aclError ret_ = (call);                                                    \
    if (ret_ != ACL_SUCCESS) {                                                 \
      std::printf("[ERROR] %s failed: %d %s\n", #call, static_cast<int>(ret_), \
                  aclGetRecentErrMsg());                                       \
      return false;                                                            \
    }                                                                          \
  } while (0)

// Device copy of host data.
bool ToDevice(const void* host, size_t size, void** dev) {
  CHECK_ACL(aclrtMalloc(dev, size, ACL_MEM_MALLOC_HUGE_FIRST));
  CHECK_ACL(aclrtMemcpy(*dev, size, host, size, ACL_MEMCPY_HOST_TO_DEVICE));
  return true;
}

bool ToHost(const void* dev, size_t size, void* host) {
  CHECK_ACL(aclrtMemcpy(host, size, dev, size, ACL_MEMCPY_DEVICE_TO_HOST));
  return true;
}

// Executes the model on a deterministic input; returns the device output buffer.
bool RunModel(uint32_t model_id, void** in_dev, void** out_dev, size_t* out_size) {
  aclmdlDesc* desc = aclmdlCreateDesc();
  CHECK_ACL(aclmdlGetDesc(desc, model_id));
  size_t in_size = aclmdlGetInputSizeByIndex(desc, 0);
  *out_size = aclmdlGetOutputSizeByIndex(desc, 0);
  aclmdlDestroyDesc(desc);

  std::vector<float> image(in_size / sizeof(float));
  for (size_t i = 0; i < image.size(); ++i) image[i] = std::sin(0.37f * static_cast<float>(i));
  if (!ToDevice(image.data(), in_size, in_dev)) return false;
  CHECK_ACL(aclrtMalloc(out_dev, *out_size, ACL_MEM_MALLOC_HUGE_FIRST));

  aclmdlDataset* input = aclmdlCreateDataset();
  aclmdlDataset* output = aclmdlCreateDataset();
  aclDataBuffer* in_buf = aclCreateDataBuffer(*in_dev, in_size);
  aclDataBuffer* out_buf = aclCreateDataBuffer(*out_dev, *out_size);
  CHECK_ACL(aclmdlAddDatasetBuffer(input, in_buf));
  CHECK_ACL(aclmdlAddDatasetBuffer(output, out_buf));
  CHECK_ACL(aclmdlExecute(model_id, input, output));
  aclDestroyDataBuffer(in_buf);
  aclDestroyDataBuffer(out_buf);
  aclmdlDestroyDataset(input);
  aclmdlDestroyDataset(output);
  return true;
}

// Cast (float32 -> float16) and ArgMaxD on the model output; *label = the class index.
bool Top1WithSingleOps(void* model_out, aclrtStream stream, int32_t* label) {
  const int64_t dims[] = {1, kNumClasses};
  const int64_t out_dims[] = {1};
  aclTensorDesc* cast_in = aclCreateTensorDesc(ACL_FLOAT, 2, dims, ACL_FORMAT_ND);
  aclTensorDesc* cast_out = aclCreateTensorDesc(ACL_FLOAT16, 2, dims, ACL_FORMAT_ND);
  aclTensorDesc* argmax_out = aclCreateTensorDesc(ACL_INT32, 1, out_dims, ACL_FORMAT_ND);
  size_t f32_size = aclGetTensorDescSize(cast_in), f16_size = aclGetTensorDescSize(cast_out);
  size_t idx_size = aclGetTensorDescSize(argmax_out);

  void* dev_f16 = nullptr;
  void* dev_idx = nullptr;
  CHECK_ACL(aclrtMalloc(&dev_f16, f16_size, ACL_MEM_MALLOC_HUGE_FIRST));
  CHECK_ACL(aclrtMalloc(&dev_idx, idx_size, ACL_MEM_MALLOC_HUGE_FIRST));
  aclDataBuffer* f32_buf = aclCreateDataBuffer(model_out, f32_size);
  aclDataBuffer* f16_buf = aclCreateDataBuffer(dev_f16, f16_size);
  aclDataBuffer* idx_buf = aclCreateDataBuffer(dev_idx, idx_size);

  // Cast is built into the API (it needs a loaded Cast op model matching the descs).
  CHECK_ACL(aclopCast(cast_in, f32_buf, cast_out, f16_buf, 0, stream));

  // ArgMaxD: descs + attr + aclopExecuteV2.
  aclopAttr* attr = aclopCreateAttr();
  CHECK_ACL(aclopSetAttrInt(attr, "dimension", 1));
  aclTensorDesc* in_descs[] = {cast_out};
  aclDataBuffer* in_bufs[] = {f16_buf};
  aclTensorDesc* out_descs[] = {argmax_out};
  aclDataBuffer* out_bufs[] = {idx_buf};
  CHECK_ACL(aclopExecuteV2("ArgMaxD", 1, in_descs, in_bufs, 1, out_descs, out_bufs, attr, stream));
  CHECK_ACL(aclrtSynchronizeStream(stream));
  if (!ToHost(dev_idx, idx_size, label)) return false;
  std::printf("[SingleOP][ArgMaxOp] label of classification result is:%d\n", *label);

  aclopDestroyAttr(attr);
  aclDestroyDataBuffer(f32_buf);
  aclDestroyDataBuffer(f16_buf);
  aclDestroyDataBuffer(idx_buf);
  aclDestroyTensorDesc(cast_in);
  aclDestroyTensorDesc(cast_out);
  aclDestroyTensorDesc(argmax_out);
  CHECK_ACL(aclrtFree(dev_f16));
  CHECK_ACL(aclrtFree(dev_idx));
  return true;
}

// Add on int32 [8,16]; *ok = result equals the host sum.
bool AddInt32(aclrtStream stream, bool* ok) {
  const int64_t dims[] = {8, 16};
  const size_t n = 8 * 16, size = n * sizeof(int32_t);
  std::vector<int32_t> a(n), b(n), y(n);
  for (size_t i = 0; i < n; ++i) {
    a[i] = static_cast<int32_t>(i);
    b[i] = static_cast<int32_t>(3 * i) - 100;
  }
  void *da = nullptr, *db = nullptr, *dy = nullptr;
  if (!ToDevice(a.data(), size, &da) || !ToDevice(b.data(), size, &db)) return false;
  CHECK_ACL(aclrtMalloc(&dy, size, ACL_MEM_MALLOC_HUGE_FIRST));
  aclTensorDesc* descs[3];
  for (auto& d : descs) d = aclCreateTensorDesc(ACL_INT32, 2, dims, ACL_FORMAT_ND);
  aclDataBuffer* bufs[3] = {aclCreateDataBuffer(da, size), aclCreateDataBuffer(db, size),
                            aclCreateDataBuffer(dy, size)};
  aclopAttr* attr = aclopCreateAttr();
  CHECK_ACL(aclopExecuteV2("Add", 2, descs, bufs, 1, descs + 2, bufs + 2, attr, stream));
  CHECK_ACL(aclrtSynchronizeStream(stream));
  if (!ToHost(dy, size, y.data())) return false;
  *ok = true;
  for (size_t i = 0; i < n; ++i) *ok = *ok && y[i] == a[i] + b[i];
  std::printf("[SingleOP][Add] int32 [8,16]: y[0,:4] = [%d, %d, %d, %d] (%s)\n", y[0], y[1], y[2],
              y[3], *ok ? "correct" : "WRONG");
  aclopDestroyAttr(attr);
  for (auto* d : descs) aclDestroyTensorDesc(d);
  for (auto* buf : bufs) aclDestroyDataBuffer(buf);
  CHECK_ACL(aclrtFree(da));
  CHECK_ACL(aclrtFree(db));
  CHECK_ACL(aclrtFree(dy));
  return true;
}

bool Run(const char* model_path, const char* op_models) {
  const int32_t device_id = 0;
  CHECK_ACL(aclInit(nullptr));
  CHECK_ACL(aclrtSetDevice(device_id));
  aclrtContext context = nullptr;
  aclrtStream stream = nullptr;
  CHECK_ACL(aclrtCreateContext(&context, device_id));
  CHECK_ACL(aclrtCreateStream(&stream));
  // Load every single-op model of the folder (once per process).
  CHECK_ACL(aclopSetModelDir(op_models));
  uint32_t model_id = 0;
  CHECK_ACL(aclmdlLoadFromFile(model_path, &model_id));

  void* in_dev = nullptr;
  void* out_dev = nullptr;
  size_t out_size = 0;
  if (!RunModel(model_id, &in_dev, &out_dev, &out_size)) return false;
  int32_t label = -1;
  if (!Top1WithSingleOps(out_dev, stream, &label)) return false;
  std::vector<float> scores(out_size / sizeof(float));
  if (!ToHost(out_dev, out_size, scores.data())) return false;
  int32_t reference = 0;
  for (size_t i = 1; i < scores.size(); ++i)
    if (scores[i] > scores[reference]) reference = static_cast<int32_t>(i);
  std::printf("[Model] top-1 of the float32 output (host argmax): %d\n", reference);
  bool add_ok = false;
  if (!AddInt32(stream, &add_ok)) return false;

  CHECK_ACL(aclrtFree(in_dev));
  CHECK_ACL(aclrtFree(out_dev));
  CHECK_ACL(aclmdlUnload(model_id));
  CHECK_ACL(aclrtDestroyStream(stream));
  CHECK_ACL(aclrtDestroyContext(context));
  CHECK_ACL(aclrtResetDevice(device_id));
  CHECK_ACL(aclFinalize());
  if (label != reference || !add_ok) {
    std::printf("[ERROR] single-op results do not match\n");
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const char* model = argc > 1 ? argv[1] : "model/tiny_classifier.om";
  const char* op_models = argc > 2 ? argv[2] : "op_models";
  if (!Run(model, op_models)) return 1;
  std::printf("[INFO] single-op sample success\n");
  return 0;
}
