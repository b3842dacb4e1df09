// The aclmdl AIPP API over models compiled with an AIPP config: the descriptions of AIPP inputs,
// aclmdlGetAippType / GetFirstAippInfo, the dynamic parameter set (create, every setter per
// batch, aclmdlSetInputAIPP / SetAIPPByInputIndex, execute) and the misuse paths.
#include <cstring>
#include <fstream>
#include <vector>

#include "acl/acl.h"
#include "capi_test_env.h"
#include "compiler/compiler.h"
#include "format/om_writer.h"
#include "model_test_util.h"

namespace openacl_test {
namespace {

// y = x * 1 for x float[batch, 3, h, w]; compiled with `config` as atc --insert_op_conf.
std::string WriteAippOm(const std::string& tag, const std::string& config, int64_t batch,
                        int64_t h, int64_t w) {
  using namespace openacl;
  std::string cfg_path = TempDir() + "/" + tag + ".cfg";
  std::ofstream(cfg_path) << config;
  auto g = std::make_unique<Graph>();
  g->opset = 17;
  Value* x = g->AddValue("data");
  x->dtype = DType::kFloat32;
  x->shape = {batch, 3, h, w};
  x->has_shape = true;
  g->inputs.push_back(x);
  Value* one = g->AddConstant("one", Tensor::FromFloat({1.0f}, {1}));
  Value* y = g->AddValue("y");
  g->AddNode("Mul", {x, one}, {y});
  g->outputs.push_back(y);
  CompileOptions options;
  options.insert_op_conf = cfg_path;
  auto model = CompileGraph(std::move(g), options);
  if (!model.ok()) {
    ADD_FAILURE() << model.status().message();
    return "";
  }
  std::string path = TempDir() + "/" + tag + ".om";
  if (!WriteOm(*model, path).ok()) return "";
  return path;
}

const char* kStaticNv12 = R"(aipp_op {
  aipp_mode: static
  input_format: YUV420SP_U8
  csc_switch: true
  matrix_r0c0: 256  matrix_r0c1: 0    matrix_r0c2: 359
  matrix_r1c0: 256  matrix_r1c1: -88  matrix_r1c2: -183
  matrix_r2c0: 256  matrix_r2c1: 454  matrix_r2c2: 0
  input_bias_0: 0  input_bias_1: 128  input_bias_2: 128
  min_chn_0: 123.675  min_chn_1: 116.28  min_chn_2: 103.53
  var_reci_chn_0: 0.5
})";

class AippApiTest : public AclDeviceTest {
 protected:
  uint32_t Load(const std::string& path) {
    uint32_t id = 0;
    EXPECT_EQ(aclmdlLoadFromFile(path.c_str(), &id), ACL_SUCCESS) << RecentError();
    return id;
  }
  // A dataset with one device buffer per model input, sized from the description.
  aclmdlDataset* Inputs(uint32_t id, std::vector<void*>* dev) {
    aclmdlDesc* desc = aclmdlCreateDesc();
    EXPECT_EQ(aclmdlGetDesc(desc, id), ACL_SUCCESS);
    aclmdlDataset* ds = aclmdlCreateDataset();
    for (size_t i = 0; i < aclmdlGetNumInputs(desc); ++i) {
      size_t size = aclmdlGetInputSizeByIndex(desc, i);
      void* p = nullptr;
      EXPECT_EQ(aclrtMalloc(&p, size, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
      std::memset(p, 0, size);
      aclmdlAddDatasetBuffer(ds, aclCreateDataBuffer(p, size));
      dev->push_back(p);
    }
    aclmdlDestroyDesc(desc);
    return ds;
  }
  void Destroy(aclmdlDataset* ds, std::vector<void*>& dev) {
    for (size_t i = 0; i < aclmdlGetDatasetNumBuffers(ds); ++i)
      aclDestroyDataBuffer(aclmdlGetDatasetBuffer(ds, i));
    aclmdlDestroyDataset(ds);
    for (void* p : dev) aclrtFree(p);
  }
};

TEST_F(AippApiTest, StaticInputIsDescribedAsUint8Nhwc) {
  uint32_t id = Load(WriteAippOm("static_nv12", kStaticNv12, 2, 16, 20));
  aclmdlDesc* desc = aclmdlCreateDesc();
  ASSERT_EQ(aclmdlGetDesc(desc, id), ACL_SUCCESS);
  EXPECT_EQ(aclmdlGetNumInputs(desc), 1u);
  EXPECT_EQ(aclmdlGetInputSizeByIndex(desc, 0), 2u * 20 * 16 * 3 / 2);
  EXPECT_EQ(aclmdlGetInputDataType(desc, 0), ACL_UINT8);
  EXPECT_EQ(aclmdlGetInputFormat(desc, 0), ACL_FORMAT_NHWC);
  aclmdlIODims dims;
  ASSERT_EQ(aclmdlGetInputDimsV2(desc, 0, &dims), ACL_SUCCESS);
  ASSERT_EQ(dims.dimCount, 4u);
  EXPECT_EQ(dims.dims[0], 2);
  EXPECT_EQ(dims.dims[1], 24);  // 16 rows * 1.5
  EXPECT_EQ(dims.dims[2], 20);
  EXPECT_EQ(dims.dims[3], 1);
  EXPECT_STREQ(dims.name, "data");
  EXPECT_EQ(aclmdlGetOutputSizeByIndex(desc, 0), 2u * 3 * 16 * 20 * 4);
  aclmdlDestroyDesc(desc);

  aclmdlInputAippType type;
  size_t attached = 0;
  ASSERT_EQ(aclmdlGetAippType(id, 0, &type, &attached), ACL_SUCCESS);
  EXPECT_EQ(type, ACL_DATA_WITH_STATIC_AIPP);
  EXPECT_EQ(attached, static_cast<size_t>(ACL_INVALID_NODE_INDEX));

  auto info = std::make_unique<aclAippInfo>();
  ASSERT_EQ(aclmdlGetFirstAippInfo(id, 0, info.get()), ACL_SUCCESS) << RecentError();
  EXPECT_EQ(info->inputFormat, ACL_YUV420SP_U8);
  EXPECT_EQ(info->srcImageSizeW, 20);  // 0 in the config = the model input's size
  EXPECT_EQ(info->srcImageSizeH, 16);
  EXPECT_EQ(info->cscSwitch, 1);
  EXPECT_EQ(info->matrixR1C2, -183);
  EXPECT_EQ(info->inputBias1, 128);
  EXPECT_FLOAT_EQ(info->minChn0, 123.675f);
  EXPECT_FLOAT_EQ(info->varReciChn0, 0.5f);
  EXPECT_FLOAT_EQ(info->varReciChn1, 1.0f);
  EXPECT_EQ(info->srcFormat, ACL_FORMAT_NHWC);
  EXPECT_EQ(info->srcDatatype, ACL_UINT8);
  EXPECT_EQ(info->shapeCount, 1u);
  EXPECT_EQ(info->outDims[0].srcSize, 2u * 20 * 24);
  EXPECT_EQ(info->outDims[0].aippOutdims.dims[1], 3);
  EXPECT_EQ(info->outDims[0].aippOutSize, 2u * 3 * 16 * 20 * 4);

  // Misuse: null outputs, bad index, unknown model.
  EXPECT_EQ(aclmdlGetAippType(id, 0, nullptr, &attached), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlGetAippType(id, 5, &type, &attached), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlGetAippType(9999, 0, &type, &attached), ACL_ERROR_INVALID_MODEL_ID);
  EXPECT_EQ(aclmdlGetFirstAippInfo(id, 0, nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlGetFirstAippInfo(id, 1, info.get()), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlGetFirstAippInfo(9999, 0, info.get()), ACL_ERROR_INVALID_MODEL_ID);
  // Static AIPP takes no parameter set.
  aclmdlAIPP* set = aclmdlCreateAIPP(2);
  std::vector<void*> dev;
  aclmdlDataset* ds = Inputs(id, &dev);
  EXPECT_EQ(aclmdlSetInputAIPP(id, ds, 0, set), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentError().find("not the dynamic AIPP input"), std::string::npos) << RecentError();
  EXPECT_EQ(aclmdlSetAIPPByInputIndex(id, ds, 0, set), ACL_ERROR_FAILURE);
  Destroy(ds, dev);
  EXPECT_EQ(aclmdlDestroyAIPP(set), ACL_SUCCESS);
  EXPECT_EQ(aclmdlUnload(id), ACL_SUCCESS);
}

TEST_F(AippApiTest, ModelWithoutAippSaysSo) {
  uint32_t id = Load(WriteReluAddOm());
  aclmdlInputAippType type;
  size_t attached = 0;
  ASSERT_EQ(aclmdlGetAippType(id, 0, &type, &attached), ACL_SUCCESS);
  EXPECT_EQ(type, ACL_DATA_WITHOUT_AIPP);
  auto info = std::make_unique<aclAippInfo>();
  EXPECT_EQ(aclmdlGetFirstAippInfo(id, 0, info.get()),
            static_cast<aclError>(ACL_ERROR_GE_AIPP_NOT_EXIST));
  EXPECT_NE(RecentError().find("has no AIPP"), std::string::npos);
  EXPECT_EQ(aclmdlUnload(id), ACL_SUCCESS);
}

TEST_F(AippApiTest, ParameterSetSettersCheckRangesAndBatchIndex) {
  EXPECT_EQ(aclmdlCreateAIPP(0), nullptr);
  EXPECT_EQ(aclmdlCreateAIPP(128), nullptr);
  size_t size = 0;
  ASSERT_EQ(aclmdlGetAippDataSize(1, &size), ACL_SUCCESS);
  EXPECT_EQ(size, 160u);
  ASSERT_EQ(aclmdlGetAippDataSize(3, &size), ACL_SUCCESS);
  EXPECT_EQ(size, 64u + 3 * 96);
  EXPECT_EQ(aclmdlGetAippDataSize(0, &size), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlGetAippDataSize(1, nullptr), ACL_ERROR_INVALID_PARAM);

  aclmdlAIPP* set = aclmdlCreateAIPP(2);
  ASSERT_NE(set, nullptr);
  EXPECT_EQ(aclmdlSetAIPPInputFormat(set, ACL_YUV420SP_U8), ACL_SUCCESS);
  EXPECT_EQ(aclmdlSetAIPPInputFormat(set, ACL_RAW10), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlSetAIPPCscParams(set, 1, 256, 0, 359, 256, -88, -183, 256, 454, 0, 0, 0, 0, 0,
                                   128, 128),
            ACL_SUCCESS);
  EXPECT_EQ(aclmdlSetAIPPCscParams(set, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlSetAIPPCscParams(set, 1, -32700, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
            ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentError().find("cscMatrixR0C0"), std::string::npos) << RecentError();
  EXPECT_EQ(aclmdlSetAIPPRbuvSwapSwitch(set, 1), ACL_SUCCESS);
  EXPECT_EQ(aclmdlSetAIPPRbuvSwapSwitch(set, 3), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlSetAIPPAxSwapSwitch(set, 0), ACL_SUCCESS);
  EXPECT_EQ(aclmdlSetAIPPAxSwapSwitch(set, -1), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlSetAIPPSrcImageSize(set, 64, 48), ACL_SUCCESS);
  EXPECT_EQ(aclmdlSetAIPPSrcImageSize(set, 1, 48), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlSetAIPPSrcImageSize(set, 64, 5000), ACL_ERROR_INVALID_PARAM);
  for (uint64_t b = 0; b < 2; ++b) {
    EXPECT_EQ(aclmdlSetAIPPScfParams(set, 1, 32, 32, 20, 16, b), ACL_SUCCESS);
    EXPECT_EQ(aclmdlSetAIPPCropParams(set, 1, 2, 2, 32, 32, b), ACL_SUCCESS);
    EXPECT_EQ(aclmdlSetAIPPPaddingParams(set, 0, 0, 0, 0, 0, b), ACL_SUCCESS);
    EXPECT_EQ(aclmdlSetAIPPDtcPixelMean(set, 1, 2, 3, 0, b), ACL_SUCCESS);
    EXPECT_EQ(aclmdlSetAIPPDtcPixelMin(set, 0.5f, 1, 2, 0, b), ACL_SUCCESS);
    EXPECT_EQ(aclmdlSetAIPPPixelVarReci(set, 0.25f, 1, 1, 1, b), ACL_SUCCESS);
  }
  EXPECT_EQ(aclmdlSetAIPPScfParams(set, 1, 32, 32, 8, 16, 0), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlSetAIPPCropParams(set, 1, -1, 0, 8, 8, 0), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlSetAIPPPaddingParams(set, 1, 33, 0, 0, 0, 0), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlSetAIPPDtcPixelMean(set, 256, 0, 0, 0, 0), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlSetAIPPDtcPixelMin(set, -1, 0, 0, 0, 0), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlSetAIPPPixelVarReci(set, 70000, 0, 0, 0, 0), ACL_ERROR_INVALID_PARAM);
  // batchIndex past the set's batch size.
  EXPECT_EQ(aclmdlSetAIPPCropParams(set, 1, 0, 0, 8, 8, 2), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentError().find("batchIndex 2"), std::string::npos) << RecentError();
  EXPECT_EQ(aclmdlSetAIPPDtcPixelMean(set, 0, 0, 0, 0, 7), ACL_ERROR_INVALID_PARAM);
  // Null / destroyed sets.
  EXPECT_EQ(aclmdlSetAIPPInputFormat(nullptr, ACL_RGB888_U8), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlDestroyAIPP(set), ACL_SUCCESS);
  EXPECT_EQ(aclmdlDestroyAIPP(set), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlSetAIPPRbuvSwapSwitch(set, 0), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlDestroyAIPP(nullptr), ACL_ERROR_INVALID_PARAM);
}

TEST_F(AippApiTest, DynamicAippRunsWithTheParametersSet) {
  const int64_t batch = 2, h = 16, w = 20;
  const int64_t max_src = 64 * 48 * 3;
  uint32_t id = Load(WriteAippOm("dynamic",
                                 "aipp_op {\n  aipp_mode: dynamic\n  max_src_image_size: " +
                                     std::to_string(max_src) + "\n}\n",
                                 batch, h, w));
  aclmdlDesc* desc = aclmdlCreateDesc();
  ASSERT_EQ(aclmdlGetDesc(desc, id), ACL_SUCCESS);
  ASSERT_EQ(aclmdlGetNumInputs(desc), 2u);
  size_t index = 99;
  ASSERT_EQ(aclmdlGetInputIndexByName(desc, ACL_DYNAMIC_AIPP_NAME, &index), ACL_SUCCESS);
  EXPECT_EQ(index, 1u);
  size_t need = 0;
  ASSERT_EQ(aclmdlGetAippDataSize(batch, &need), ACL_SUCCESS);
  EXPECT_EQ(aclmdlGetInputSizeByIndex(desc, 1), need);
  EXPECT_EQ(aclmdlGetInputSizeByIndex(desc, 0), static_cast<size_t>(batch * max_src));
  aclmdlDestroyDesc(desc);

  aclmdlInputAippType type;
  size_t attached = 0;
  ASSERT_EQ(aclmdlGetAippType(id, 0, &type, &attached), ACL_SUCCESS);
  EXPECT_EQ(type, ACL_DATA_WITH_DYNAMIC_AIPP);
  EXPECT_EQ(attached, 1u);
  ASSERT_EQ(aclmdlGetAippType(id, 1, &type, &attached), ACL_SUCCESS);
  EXPECT_EQ(type, ACL_DYNAMIC_AIPP_NODE);
  auto info = std::make_unique<aclAippInfo>();
  ASSERT_EQ(aclmdlGetFirstAippInfo(id, 0, info.get()), ACL_SUCCESS);
  EXPECT_EQ(info->srcDatatype, ACL_UINT8);
  EXPECT_EQ(info->shapeCount, 1u);
  EXPECT_EQ(aclmdlGetFirstAippInfo(id, 1, info.get()),
            static_cast<aclError>(ACL_ERROR_GE_AIPP_NOT_EXIST));

  std::vector<void*> dev;
  aclmdlDataset* in = Inputs(id, &dev);
  // RGB888 64 x 48 images with every pixel (i, 2i, 3i) mod 256 along the row.
  auto* img = static_cast<uint8_t*>(dev[0]);
  for (int64_t n = 0; n < batch; ++n)
    for (int64_t p = 0; p < 64 * 48; ++p)
      for (int c = 0; c < 3; ++c) img[n * max_src + p * 3 + c] = static_cast<uint8_t>((p % 64) * (c + 1));
  aclmdlAIPP* set = aclmdlCreateAIPP(batch);
  ASSERT_EQ(aclmdlSetAIPPInputFormat(set, ACL_RGB888_U8), ACL_SUCCESS);
  ASSERT_EQ(aclmdlSetAIPPSrcImageSize(set, 64, 48), ACL_SUCCESS);
  for (uint64_t b = 0; b < 2; ++b) {
    ASSERT_EQ(aclmdlSetAIPPCropParams(set, 1, 4 + b, 2, w, h, b), ACL_SUCCESS);
    ASSERT_EQ(aclmdlSetAIPPDtcPixelMin(set, 1.0f * b, 0, 0, 0, b), ACL_SUCCESS);
  }
  // Executing before the parameters are in the buffer is an error naming the call to make.
  void* out_dev = nullptr;
  const size_t out_size = batch * 3 * h * w * 4;
  ASSERT_EQ(aclrtMalloc(&out_dev, out_size, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  aclmdlDataset* out = aclmdlCreateDataset();
  aclmdlAddDatasetBuffer(out, aclCreateDataBuffer(out_dev, out_size));
  EXPECT_NE(aclmdlExecute(id, in, out), ACL_SUCCESS);
  EXPECT_NE(RecentError().find("aclmdlSetInputAIPP"), std::string::npos) << RecentError();

  ASSERT_EQ(aclmdlSetAIPPByInputIndex(id, in, 0, set), ACL_SUCCESS) << RecentError();
  ASSERT_EQ(aclmdlExecute(id, in, out), ACL_SUCCESS) << RecentError();
  const float* y = static_cast<const float*>(out_dev);
  for (int64_t b = 0; b < batch; ++b)
    for (int c = 0; c < 3; ++c)
      for (int64_t x = 0; x < w; ++x) {
        float want = static_cast<float>(static_cast<uint8_t>((4 + b + x) * (c + 1))) -
                     (c == 0 ? 1.0f * b : 0.0f);
        ASSERT_EQ(y[((b * 3 + c) * h + 5) * w + x], want) << b << " " << c << " " << x;
      }

  // Parameters inconsistent with the model name the parameter; a wrong batch size is an error.
  ASSERT_EQ(aclmdlSetAIPPCropParams(set, 1, 50, 2, w, h, 1), ACL_SUCCESS);
  EXPECT_EQ(aclmdlSetInputAIPP(id, in, 1, set), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentError().find("batchIndex 1: parameter crop_size_w"), std::string::npos)
      << RecentError();
  aclmdlAIPP* one = aclmdlCreateAIPP(1);
  aclmdlSetAIPPInputFormat(one, ACL_RGB888_U8);
  aclmdlSetAIPPSrcImageSize(one, 64, 48);
  EXPECT_EQ(aclmdlSetInputAIPP(id, in, 1, one), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentError().find("batch 1"), std::string::npos) << RecentError();
  aclmdlAIPP* big = aclmdlCreateAIPP(batch);
  aclmdlSetAIPPInputFormat(big, ACL_RGB888_U8);
  aclmdlSetAIPPSrcImageSize(big, 4096, 48);
  for (uint64_t b = 0; b < 2; ++b) aclmdlSetAIPPCropParams(big, 1, 0, 0, w, h, b);
  EXPECT_EQ(aclmdlSetInputAIPP(id, in, 1, big), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentError().find("max_src_image_size"), std::string::npos) << RecentError();
  EXPECT_EQ(aclmdlSetInputAIPP(id, in, 0, set), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlSetInputAIPP(id, nullptr, 1, set), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlSetInputAIPP(id, in, 1, nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclmdlSetInputAIPP(9999, in, 1, set), ACL_ERROR_INVALID_MODEL_ID);

  aclmdlDestroyAIPP(one);
  aclmdlDestroyAIPP(big);
  aclmdlDestroyAIPP(set);
  aclDestroyDataBuffer(aclmdlGetDatasetBuffer(out, 0));
  aclmdlDestroyDataset(out);
  aclrtFree(out_dev);
  Destroy(in, dev);
  EXPECT_EQ(aclmdlUnload(id), ACL_SUCCESS);
}

}  // namespace
}  // namespace openacl_test
