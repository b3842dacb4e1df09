// AIPP classification sample (C++): the model was compiled with static AIPP (atc
// --insert_op_conf), so the app feeds the raw image bytes (NV12 / RGB888, as described by the
// model's input 0) and the model converts, crops and normalises them itself.
//
// usage: sample_aipp_classify MODEL.om IMAGE.bin     (IMAGE.bin: the raw input-0 bytes)
// Prints the top-5 classes.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <numeric>
#include <vector>

#include "acl/acl.h"

#define CHECK(expr)                                                                 \
  do {                                                                              \
    aclError ret_ = (expr);                                                         \
    if (ret_ != ACL_SUCCESS) {                                                      \
      std::fprintf(stderr, "%s failed: %d %s\n", #expr, ret_, aclGetRecentErrMsg()); \
      return 1;                                                                     \
    }                                                                               \
  } while (0)

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s MODEL.om IMAGE.bin\n", argv[0]);
    return 2;
  }
  std::ifstream file(argv[2], std::ios::binary);
  std::vector<char> image((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  CHECK(aclInit(nullptr));
  CHECK(aclrtSetDevice(0));
  uint32_t model_id = 0;
  CHECK(aclmdlLoadFromFile(argv[1], &model_id));
  aclmdlDesc* desc = aclmdlCreateDesc();
  CHECK(aclmdlGetDesc(desc, model_id));

  aclmdlInputAippType type;
  size_t attached = 0;
  CHECK(aclmdlGetAippType(model_id, 0, &type, &attached));
  aclmdlIODims dims;
  CHECK(aclmdlGetInputDimsV2(desc, 0, &dims));
  size_t in_size = aclmdlGetInputSizeByIndex(desc, 0);
  std::printf("[Model] input 0: aipp type %d, dims [%lld, %lld, %lld, %lld], %zu bytes\n",
              static_cast<int>(type), static_cast<long long>(dims.dims[0]),
              static_cast<long long>(dims.dims[1]), static_cast<long long>(dims.dims[2]),
              static_cast<long long>(dims.dims[3]), in_size);
  if (image.size() != in_size) {
    std::fprintf(stderr, "%s has %zu bytes, the model input needs %zu\n", argv[2], image.size(),
                 in_size);
    return 1;
  }
  size_t out_size = aclmdlGetOutputSizeByIndex(desc, 0);
  void *in_dev = nullptr, *out_dev = nullptr;
  CHECK(aclrtMalloc(&in_dev, in_size, ACL_MEM_MALLOC_HUGE_FIRST));
  CHECK(aclrtMalloc(&out_dev, out_size, ACL_MEM_MALLOC_HUGE_FIRST));
  CHECK(aclrtMemcpy(in_dev, in_size, image.data(), in_size, ACL_MEMCPY_HOST_TO_DEVICE));
  aclmdlDataset* in = aclmdlCreateDataset();
  aclmdlDataset* out = aclmdlCreateDataset();
  CHECK(aclmdlAddDatasetBuffer(in, aclCreateDataBuffer(in_dev, in_size)));
  CHECK(aclmdlAddDatasetBuffer(out, aclCreateDataBuffer(out_dev, out_size)));
  CHECK(aclmdlExecute(model_id, in, out));

  std::vector<float> scores(out_size / sizeof(float));
  CHECK(aclrtMemcpy(scores.data(), out_size, out_dev, out_size, ACL_MEMCPY_DEVICE_TO_HOST));
  std::vector<size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return scores[a] > scores[b]; });
  std::printf("======== top5 inference results: %s ========\n", argv[2]);
  for (size_t i = 0; i < 5 && i < order.size(); ++i)
    std::printf("[%zu]: %f\n", order[i], scores[order[i]]);

  for (aclmdlDataset* ds : {in, out}) {
    aclDestroyDataBuffer(aclmdlGetDatasetBuffer(ds, 0));
    aclmdlDestroyDataset(ds);
  }
  aclrtFree(in_dev);
  aclrtFree(out_dev);
  aclmdlDestroyDesc(desc);
  CHECK(aclmdlUnload(model_id));
  CHECK(aclrtResetDevice(0));
  CHECK(aclFinalize());
  return 0;
}
