// DVPP codecs and VPC through the C API: JPEG info/predict/decode with write-back, the
// asynchronous contract (a copy and a decode queued on one stream run in order; results after
// the sync), resize and crop-and-paste, JPEGE round trip and every misuse path's error code.
#include <gtest/gtest.h>

#include <cstring>

#include "capi_test_env.h"
#include "dvpp_test_util.h"

namespace openacl_test {
namespace {

class DvppCodecTest : public AclDeviceTest {
 protected:
  void SetUp() override {
    AclDeviceTest::SetUp();
    ch_ = acldvppCreateChannelDesc();
    ASSERT_EQ(acldvppCreateChannel(ch_), ACL_SUCCESS);
    ASSERT_EQ(aclrtCreateStream(&stream_), ACL_SUCCESS);
  }
  void TearDown() override {
    EXPECT_EQ(aclrtDestroyStream(stream_), ACL_SUCCESS);
    EXPECT_EQ(acldvppDestroyChannel(ch_), ACL_SUCCESS);
    EXPECT_EQ(acldvppDestroyChannelDesc(ch_), ACL_SUCCESS);
    AclDeviceTest::TearDown();
  }
  acldvppChannelDesc* ch_ = nullptr;
  aclrtStream stream_ = nullptr;
};

TEST_F(DvppCodecTest, ImageInfoAndPredictDecSize) {
  auto jpeg = MakeJpeg(301, 203);
  uint32_t w = 0, h = 0, size = 0;
  int32_t c = 0;
  acldvppJpegFormat f = ACL_JPEG_CSS_UNKNOWN;
  ASSERT_EQ(acldvppJpegGetImageInfoV2(jpeg.data(), jpeg.size(), &w, &h, &c, &f), ACL_SUCCESS);
  EXPECT_EQ(w, 301u);
  EXPECT_EQ(h, 203u);
  EXPECT_EQ(c, 3);
  EXPECT_EQ(f, ACL_JPEG_CSS_420);
  ASSERT_EQ(acldvppJpegPredictDecSize(jpeg.data(), jpeg.size(), PIXEL_FORMAT_YUV_SEMIPLANAR_420, &size), ACL_SUCCESS);
  EXPECT_EQ(size, 384u * 208 * 3 / 2);
  EXPECT_EQ(acldvppJpegPredictDecSize(jpeg.data(), jpeg.size(), PIXEL_FORMAT_RGB_888, &size),
            ACL_ERROR_FORMAT_NOT_MATCH);
  EXPECT_EQ(acldvppJpegGetImageInfo(jpeg.data(), 10, &w, &h, &c), ACL_ERROR_FAILURE);
  EXPECT_EQ(acldvppJpegGetImageInfo(jpeg.data(), jpeg.size(), nullptr, nullptr, nullptr), ACL_SUCCESS);
  auto tiny = MakeJpeg(16, 16);
  EXPECT_EQ(acldvppJpegPredictDecSize(tiny.data(), tiny.size(), PIXEL_FORMAT_YUV_SEMIPLANAR_420, &size),
            ACL_ERROR_INVALID_PARAM);
}

TEST_F(DvppCodecTest, DecodeWritesGeometryBackAfterSync) {
  auto jpeg = MakeJpeg(301, 203);
  void* in = ToDvpp(jpeg);
  uint32_t out_size = 384 * 208 * 3 / 2;
  void* out = nullptr;
  ASSERT_EQ(acldvppMalloc(&out, out_size), ACL_SUCCESS);
  acldvppPicDesc* desc = acldvppCreatePicDesc();  // data + format + size only, as some samples do
  acldvppSetPicDescData(desc, out);
  acldvppSetPicDescSize(desc, out_size);
  acldvppSetPicDescFormat(desc, PIXEL_FORMAT_YUV_SEMIPLANAR_420);
  ASSERT_EQ(acldvppJpegDecodeAsync(ch_, in, jpeg.size(), desc, stream_), ACL_SUCCESS) << RecentError();
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS) << RecentError();
  EXPECT_EQ(acldvppGetPicDescWidth(desc), 300u);
  EXPECT_EQ(acldvppGetPicDescHeight(desc), 202u);
  EXPECT_EQ(acldvppGetPicDescWidthStride(desc), 384u);
  EXPECT_EQ(acldvppGetPicDescHeightStride(desc), 208u);
  EXPECT_EQ(acldvppGetPicDescRetCode(desc), 0u);
  auto host = ToHost(out, out_size);
  EXPECT_GT(host[384 * 100 + 299], host[384 * 100 + 0]);  // the red gradient runs left to right
  acldvppDestroyPicDesc(desc);
  acldvppFree(out);
  acldvppFree(in);
}

TEST_F(DvppCodecTest, CopyAndDecodeOnOneStreamRunInOrder) {
  auto jpeg = MakeJpeg(64, 64);
  void* in = nullptr;
  ASSERT_EQ(acldvppMalloc(&in, jpeg.size()), ACL_SUCCESS);
  void* out = nullptr;
  uint32_t out_size = 128 * 64 * 3 / 2;
  ASSERT_EQ(acldvppMalloc(&out, out_size), ACL_SUCCESS);
  acldvppPicDesc* desc = MakePic(out, out_size, PIXEL_FORMAT_YUV_SEMIPLANAR_420, 64, 64, 128, 64);
  // The copy is only queued: the decode must see its bytes because it runs after it.
  ASSERT_EQ(aclrtMemcpyAsync(in, jpeg.size(), jpeg.data(), jpeg.size(), ACL_MEMCPY_HOST_TO_DEVICE, stream_),
            ACL_SUCCESS);
  ASSERT_EQ(acldvppJpegDecodeAsync(ch_, in, jpeg.size(), desc, stream_), ACL_SUCCESS);
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS) << RecentError();
  EXPECT_EQ(acldvppGetPicDescRetCode(desc), 0u);
  // A decode of garbage fails at the sync and marks retCode.
  std::vector<uint8_t> junk(jpeg.size(), 0x5A);
  ASSERT_EQ(aclrtMemcpy(in, junk.size(), junk.data(), junk.size(), ACL_MEMCPY_HOST_TO_DEVICE), ACL_SUCCESS);
  ASSERT_EQ(acldvppJpegDecodeAsync(ch_, in, jpeg.size(), desc, stream_), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStream(stream_), ACL_ERROR_FAILURE);
  EXPECT_EQ(acldvppGetPicDescRetCode(desc), static_cast<uint32_t>(ACL_ERROR_FAILURE));
  acldvppDestroyPicDesc(desc);
  acldvppFree(out);
  acldvppFree(in);
}

TEST_F(DvppCodecTest, DecodeMisuse) {
  auto jpeg = MakeJpeg(64, 64);
  void* in = ToDvpp(jpeg);
  void* out = nullptr;
  ASSERT_EQ(acldvppMalloc(&out, 128 * 64 * 3 / 2), ACL_SUCCESS);
  acldvppPicDesc* desc = MakePic(out, 128 * 64 * 3 / 2, PIXEL_FORMAT_YUV_SEMIPLANAR_420, 64, 64, 128, 64);
  // Host memory where DVPP memory is required.
  EXPECT_EQ(acldvppJpegDecodeAsync(ch_, jpeg.data(), jpeg.size(), desc, stream_), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentError().find("needs device memory"), std::string::npos) << RecentError();
  EXPECT_EQ(acldvppJpegDecodeAsync(nullptr, in, jpeg.size(), desc, stream_), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppJpegDecodeAsync(ch_, in, 0, desc, stream_), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppJpegDecodeAsync(ch_, in, jpeg.size(), nullptr, stream_), ACL_ERROR_INVALID_PARAM);
  acldvppSetPicDescFormat(desc, PIXEL_FORMAT_RGB_888);
  EXPECT_EQ(acldvppJpegDecodeAsync(ch_, in, jpeg.size(), desc, stream_), ACL_ERROR_FORMAT_NOT_MATCH);
  acldvppSetPicDescFormat(desc, PIXEL_FORMAT_YUV_SEMIPLANAR_420);
  acldvppSetPicDescSize(desc, 100);  // too small: fails when the task runs
  ASSERT_EQ(acldvppJpegDecodeAsync(ch_, in, jpeg.size(), desc, stream_), ACL_SUCCESS);
  EXPECT_EQ(aclrtSynchronizeStream(stream_), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(acldvppGetPicDescRetCode(desc), 0u);
  acldvppChannelDesc* not_created = acldvppCreateChannelDesc();
  EXPECT_EQ(acldvppJpegDecodeAsync(not_created, in, jpeg.size(), desc, stream_), ACL_ERROR_INVALID_PARAM);
  acldvppDestroyChannelDesc(not_created);
  acldvppDestroyPicDesc(desc);
  acldvppFree(out);
  acldvppFree(in);
}

TEST_F(DvppCodecTest, ResizeAndCropAndPaste) {
  const uint32_t w = 320, h = 240;
  std::vector<uint8_t> nv12(w * h * 3 / 2);
  for (size_t i = 0; i < nv12.size(); ++i) nv12[i] = static_cast<uint8_t>(i % 251);
  void* in = ToDvpp(nv12);
  acldvppPicDesc* in_desc = MakePic(in, nv12.size(), PIXEL_FORMAT_YUV_SEMIPLANAR_420, w, h, w, h);
  uint32_t out_size = 224 * 224 * 3 / 2;
  void* out = nullptr;
  ASSERT_EQ(acldvppMalloc(&out, out_size), ACL_SUCCESS);
  acldvppPicDesc* out_desc = MakePic(out, out_size, PIXEL_FORMAT_YUV_SEMIPLANAR_420, 224, 224, 224, 224);
  acldvppResizeConfig* cfg = acldvppCreateResizeConfig();
  ASSERT_EQ(acldvppVpcResizeAsync(ch_, in_desc, out_desc, cfg, stream_), ACL_SUCCESS) << RecentError();
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS) << RecentError();
  EXPECT_EQ(acldvppGetPicDescRetCode(out_desc), 0u);

  // Letterbox: the crop lands top-left; the rest keeps acldvppMalloc's zeros.
  void* box = nullptr;
  ASSERT_EQ(acldvppMalloc(&box, out_size), ACL_SUCCESS);
  acldvppPicDesc* box_desc = MakePic(box, out_size, PIXEL_FORMAT_YUV_SEMIPLANAR_420, 224, 224, 224, 224);
  acldvppRoiConfig* crop = acldvppCreateRoiConfig(0, w - 1, 0, h - 1);
  acldvppRoiConfig* paste = acldvppCreateRoiConfig(0, 223, 0, 167);
  ASSERT_EQ(acldvppVpcCropAndPasteAsync(ch_, in_desc, box_desc, crop, paste, stream_), ACL_SUCCESS) << RecentError();
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  auto host = ToHost(box, out_size);
  EXPECT_EQ(host[200 * 224 + 10], 0);  // below the paste ROI
  // Misuse: odd crop left, paste left not a multiple of 16, RGB output on the 310 profile.
  acldvppRoiConfig* bad_crop = acldvppCreateRoiConfig(1, w - 1, 0, h - 1);
  EXPECT_EQ(acldvppVpcCropAndPasteAsync(ch_, in_desc, box_desc, bad_crop, paste, stream_), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentError().find("must be even"), std::string::npos) << RecentError();
  acldvppRoiConfig* bad_paste = acldvppCreateRoiConfig(8, 223, 0, 167);
  EXPECT_EQ(acldvppVpcCropAndPasteAsync(ch_, in_desc, box_desc, crop, bad_paste, stream_), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentError().find("multiple of 16"), std::string::npos) << RecentError();
  acldvppSetPicDescFormat(box_desc, PIXEL_FORMAT_RGB_888);
  EXPECT_EQ(acldvppVpcResizeAsync(ch_, in_desc, box_desc, cfg, stream_), ACL_ERROR_FORMAT_NOT_MATCH);
  EXPECT_EQ(acldvppVpcResizeAsync(ch_, in_desc, out_desc, nullptr, stream_), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppVpcPyrDownAsync(ch_, in_desc, out_desc, nullptr, stream_), ACL_ERROR_FEATURE_UNSUPPORTED);
  // Host input where DVPP memory is required.
  acldvppPicDesc* host_desc = MakePic(nv12.data(), nv12.size(), PIXEL_FORMAT_YUV_SEMIPLANAR_420, w, h, w, h);
  EXPECT_EQ(acldvppVpcResizeAsync(ch_, host_desc, out_desc, cfg, stream_), ACL_ERROR_INVALID_PARAM);
  for (acldvppRoiConfig* r : {crop, paste, bad_crop, bad_paste}) acldvppDestroyRoiConfig(r);
  for (acldvppPicDesc* d : {in_desc, out_desc, box_desc, host_desc}) acldvppDestroyPicDesc(d);
  acldvppDestroyResizeConfig(cfg);
  acldvppFree(box);
  acldvppFree(out);
  acldvppFree(in);
}

TEST_F(DvppCodecTest, BatchCropAndJpegEncodeRoundTrip) {
  const uint32_t w = 128, h = 64;
  std::vector<uint8_t> nv12(w * h * 3 / 2, 128);
  void* in = ToDvpp(nv12);
  acldvppBatchPicDesc* src = acldvppCreateBatchPicDesc(1);
  acldvppBatchPicDesc* dst = acldvppCreateBatchPicDesc(2);
  acldvppPicDesc* s0 = acldvppGetPicDesc(src, 0);
  acldvppSetPicDescData(s0, in);
  acldvppSetPicDescSize(s0, nv12.size());
  acldvppSetPicDescFormat(s0, PIXEL_FORMAT_YUV_SEMIPLANAR_420);
  acldvppSetPicDescWidth(s0, w);
  acldvppSetPicDescHeight(s0, h);
  acldvppSetPicDescWidthStride(s0, w);
  acldvppSetPicDescHeightStride(s0, h);
  std::vector<void*> outs(2);
  for (uint32_t i = 0; i < 2; ++i) {
    ASSERT_EQ(acldvppMalloc(&outs[i], 64 * 32 * 3 / 2), ACL_SUCCESS);
    acldvppPicDesc* d = acldvppGetPicDesc(dst, i);
    acldvppSetPicDescData(d, outs[i]);
    acldvppSetPicDescSize(d, 64 * 32 * 3 / 2);
    acldvppSetPicDescFormat(d, PIXEL_FORMAT_YVU_SEMIPLANAR_420);
    acldvppSetPicDescWidth(d, 64);
    acldvppSetPicDescHeight(d, 32);
    acldvppSetPicDescWidthStride(d, 64);
    acldvppSetPicDescHeightStride(d, 32);
  }
  acldvppRoiConfig* rois[2] = {acldvppCreateRoiConfig(0, 63, 0, 31), acldvppCreateRoiConfig(64, 127, 32, 63)};
  uint32_t nums[1] = {2};
  ASSERT_EQ(acldvppVpcBatchCropAsync(ch_, src, nums, 1, dst, rois, stream_), ACL_SUCCESS) << RecentError();
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS);
  uint32_t too_many[1] = {3};
  EXPECT_EQ(acldvppVpcBatchCropAsync(ch_, src, too_many, 1, dst, rois, stream_), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppVpcBatchCropAsync(ch_, src, nums, 2, dst, rois, stream_), ACL_ERROR_INVALID_PARAM);

  // JPEGE of the source, then decode it again.
  acldvppPicDesc* enc_in = MakePic(in, nv12.size(), PIXEL_FORMAT_YUV_SEMIPLANAR_420, w, h, w, h);
  acldvppJpegeConfig* jc = acldvppCreateJpegeConfig();
  acldvppSetJpegeConfigLevel(jc, 100);
  uint32_t predicted = 0;
  ASSERT_EQ(acldvppJpegPredictEncSize(enc_in, jc, &predicted), ACL_SUCCESS) << RecentError();
  EXPECT_EQ(predicted, 2u << 20);
  void* jpeg_out = nullptr;
  ASSERT_EQ(acldvppMalloc(&jpeg_out, predicted), ACL_SUCCESS);
  uint32_t size = predicted;
  ASSERT_EQ(acldvppJpegEncodeAsync(ch_, enc_in, jpeg_out, &size, jc, stream_), ACL_SUCCESS) << RecentError();
  ASSERT_EQ(aclrtSynchronizeStream(stream_), ACL_SUCCESS) << RecentError();
  EXPECT_LT(size, predicted);
  auto jpeg = ToHost(jpeg_out, size);
  uint32_t jw = 0, jh = 0;
  ASSERT_EQ(acldvppJpegGetImageInfo(jpeg.data(), size, &jw, &jh, nullptr), ACL_SUCCESS);
  EXPECT_EQ(jw, w);
  EXPECT_EQ(jh, h);
  uint32_t zero = 0;
  EXPECT_EQ(acldvppJpegEncodeAsync(ch_, enc_in, jpeg_out, &zero, jc, stream_), ACL_ERROR_INVALID_PARAM);
  acldvppSetPicDescFormat(enc_in, PIXEL_FORMAT_RGB_888);
  EXPECT_EQ(acldvppJpegPredictEncSize(enc_in, jc, &predicted), ACL_ERROR_FORMAT_NOT_MATCH);

  for (acldvppRoiConfig* r : rois) acldvppDestroyRoiConfig(r);
  acldvppDestroyPicDesc(enc_in);
  acldvppDestroyJpegeConfig(jc);
  acldvppDestroyBatchPicDesc(src);
  acldvppDestroyBatchPicDesc(dst);
  for (void* p : outs) acldvppFree(p);
  acldvppFree(jpeg_out);
  acldvppFree(in);
}

}  // namespace
}  // namespace openacl_test
