// DVPP classification, the way Ascend samples do it: read a JPEG, decode it with JPEGD into
// NV12 (DVPP memory), resize it with VPC to the model's 256x256 NV12 input, and run a model
// compiled with static AIPP (samples/python/aipp/aipp_yuv420sp.cfg) on that buffer directly.
//   dvpp_classify MODEL.om IMAGE.jpg      -> prints the top-5 (index, probability)
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <numeric>
#include <vector>

#include "acl/acl.h"
#include "acl/ops/acl_dvpp.h"

#define CHECK(call)                                                                      \
  do {                                                                                   \
    aclError _r = (call);                                                                \
    if (_r != ACL_SUCCESS) {                                                             \
      std::fprintf(stderr, "%s failed: %d %s\n", #call, _r, aclGetRecentErrMsg());       \
      return 1;                                                                          \
    }                                                                                    \
  } while (0)

static uint32_t AlignUp(uint32_t v, uint32_t a) { return (v + a - 1) / a * a; }

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s MODEL.om IMAGE.jpg\n", argv[0]);
    return 2;
  }
  std::ifstream f(argv[2], std::ios::binary);
  std::vector<char> jpeg((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  if (jpeg.empty()) {
    std::fprintf(stderr, "cannot read %s\n", argv[2]);
    return 2;
  }
  CHECK(aclInit(nullptr));
  CHECK(aclrtSetDevice(0));
  aclrtStream stream = nullptr;
  CHECK(aclrtCreateStream(&stream));
  acldvppChannelDesc* channel = acldvppCreateChannelDesc();
  CHECK(acldvppCreateChannel(channel));

  // JPEGD
  uint32_t width = 0, height = 0;
  int32_t components = 0;
  CHECK(acldvppJpegGetImageInfo(jpeg.data(), jpeg.size(), &width, &height, &components));
  void* src = nullptr;
  CHECK(acldvppMalloc(&src, jpeg.size()));
  CHECK(aclrtMemcpy(src, jpeg.size(), jpeg.data(), jpeg.size(), ACL_MEMCPY_HOST_TO_DEVICE));
  uint32_t dec_size = 0;
  CHECK(acldvppJpegPredictDecSize(jpeg.data(), jpeg.size(), PIXEL_FORMAT_YUV_SEMIPLANAR_420, &dec_size));
  void* dec = nullptr;
  CHECK(acldvppMalloc(&dec, dec_size));
  acldvppPicDesc* dec_desc = acldvppCreatePicDesc();
  CHECK(acldvppSetPicDescData(dec_desc, dec));
  CHECK(acldvppSetPicDescFormat(dec_desc, PIXEL_FORMAT_YUV_SEMIPLANAR_420));
  CHECK(acldvppSetPicDescSize(dec_desc, dec_size));
  CHECK(acldvppJpegDecodeAsync(channel, src, jpeg.size(), dec_desc, stream));
  CHECK(aclrtSynchronizeStream(stream));  // width/height/strides written back now

  // VPC resize to the AIPP source size
  const uint32_t kW = 256, kH = 256;
  uint32_t vpc_size = AlignUp(kW, 16) * AlignUp(kH, 2) * 3 / 2;
  void* vpc = nullptr;
  CHECK(acldvppMalloc(&vpc, vpc_size));
  acldvppPicDesc* vpc_desc = acldvppCreatePicDesc();
  CHECK(acldvppSetPicDescData(vpc_desc, vpc));
  CHECK(acldvppSetPicDescFormat(vpc_desc, PIXEL_FORMAT_YUV_SEMIPLANAR_420));
  CHECK(acldvppSetPicDescWidth(vpc_desc, kW));
  CHECK(acldvppSetPicDescHeight(vpc_desc, kH));
  CHECK(acldvppSetPicDescWidthStride(vpc_desc, AlignUp(kW, 16)));
  CHECK(acldvppSetPicDescHeightStride(vpc_desc, AlignUp(kH, 2)));
  CHECK(acldvppSetPicDescSize(vpc_desc, vpc_size));
  acldvppResizeConfig* resize = acldvppCreateResizeConfig();
  CHECK(acldvppVpcResizeAsync(channel, dec_desc, vpc_desc, resize, stream));

  // Model (static AIPP: NV12 in) on the same stream order: the resize is synchronised first.
  CHECK(aclrtSynchronizeStream(stream));
  uint32_t model_id = 0;
  CHECK(aclmdlLoadFromFile(argv[1], &model_id));
  aclmdlDesc* desc = aclmdlCreateDesc();
  CHECK(aclmdlGetDesc(desc, model_id));
  size_t out_size = aclmdlGetOutputSizeByIndex(desc, 0);
  void* out = nullptr;
  CHECK(aclrtMalloc(&out, out_size, ACL_MEM_MALLOC_HUGE_FIRST));
  aclmdlDataset* inputs = aclmdlCreateDataset();
  aclDataBuffer* in_buf = aclCreateDataBuffer(vpc, vpc_size);
  CHECK(aclmdlAddDatasetBuffer(inputs, in_buf));
  aclmdlDataset* outputs = aclmdlCreateDataset();
  aclDataBuffer* out_buf = aclCreateDataBuffer(out, out_size);
  CHECK(aclmdlAddDatasetBuffer(outputs, out_buf));
  CHECK(aclmdlExecute(model_id, inputs, outputs));
  std::vector<float> logits(out_size / sizeof(float));
  CHECK(aclrtMemcpy(logits.data(), out_size, out, out_size, ACL_MEMCPY_DEVICE_TO_HOST));
  float mx = *std::max_element(logits.begin(), logits.end());
  double sum = 0;
  for (float v : logits) sum += std::exp(v - mx);
  std::vector<size_t> order(logits.size());
  std::iota(order.begin(), order.end(), 0);
  std::partial_sort(order.begin(), order.begin() + 5, order.end(),
                    [&](size_t a, size_t b) { return logits[a] > logits[b]; });
  std::printf("======== top5 (index, probability) ========\n");
  for (int i = 0; i < 5; ++i) std::printf("%zu: %.6f\n", order[i], std::exp(logits[order[i]] - mx) / sum);

  aclDestroyDataBuffer(in_buf);
  aclDestroyDataBuffer(out_buf);
  aclmdlDestroyDataset(inputs);
  aclmdlDestroyDataset(outputs);
  aclrtFree(out);
  aclmdlDestroyDesc(desc);
  aclmdlUnload(model_id);
  acldvppDestroyResizeConfig(resize);
  acldvppDestroyPicDesc(vpc_desc);
  acldvppDestroyPicDesc(dec_desc);
  acldvppFree(vpc);
  acldvppFree(dec);
  acldvppFree(src);
  acldvppDestroyChannel(channel);
  acldvppDestroyChannelDesc(channel);
  aclrtDestroyStream(stream);
  aclrtResetDevice(0);
  aclFinalize();
  return 0;
}
