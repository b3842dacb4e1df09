// DVPP descriptors and memory through the C API: defaults, getters/setters, NULL misuse,
// documented ranges, acldvppMalloc's align32(size)+32 block and its slack.
#include <gtest/gtest.h>

#include "capi_test_env.h"
#include "dvpp_test_util.h"

namespace openacl_test {
namespace {

class DvppDescTest : public AclDeviceTest {};

TEST_F(DvppDescTest, PicDescDefaultsSettersAndNullMisuse) {
  acldvppPicDesc* d = acldvppCreatePicDesc();
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(acldvppGetPicDescData(d), nullptr);
  EXPECT_EQ(acldvppGetPicDescFormat(d), PIXEL_FORMAT_YUV_400);
  EXPECT_EQ(acldvppSetPicDescWidth(d, 300), ACL_SUCCESS);
  EXPECT_EQ(acldvppSetPicDescHeight(d, 200), ACL_SUCCESS);
  EXPECT_EQ(acldvppSetPicDescWidthStride(d, 7), ACL_SUCCESS);  // no checks in the setter
  EXPECT_EQ(acldvppSetPicDescHeightStride(d, 208), ACL_SUCCESS);
  EXPECT_EQ(acldvppSetPicDescFormat(d, PIXEL_FORMAT_YVU_SEMIPLANAR_420), ACL_SUCCESS);
  EXPECT_EQ(acldvppSetPicDescSize(d, 1234), ACL_SUCCESS);
  EXPECT_EQ(acldvppSetPicDescRetCode(d, 9), ACL_SUCCESS);
  EXPECT_EQ(acldvppGetPicDescWidth(d), 300u);
  EXPECT_EQ(acldvppGetPicDescHeight(d), 200u);
  EXPECT_EQ(acldvppGetPicDescWidthStride(d), 7u);
  EXPECT_EQ(acldvppGetPicDescHeightStride(d), 208u);
  EXPECT_EQ(acldvppGetPicDescFormat(d), PIXEL_FORMAT_YVU_SEMIPLANAR_420);
  EXPECT_EQ(acldvppGetPicDescSize(d), 1234u);
  EXPECT_EQ(acldvppGetPicDescRetCode(d), 9u);
  EXPECT_EQ(acldvppSetPicDescData(d, nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentError().find("dataDev is null"), std::string::npos) << RecentError();
  EXPECT_EQ(acldvppSetPicDescWidth(nullptr, 1), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppGetPicDescWidth(nullptr), 0u);
  EXPECT_EQ(acldvppGetPicDescFormat(nullptr), PIXEL_FORMAT_YUV_400);
  EXPECT_EQ(acldvppDestroyPicDesc(d), ACL_SUCCESS);
  EXPECT_EQ(acldvppDestroyPicDesc(nullptr), ACL_ERROR_INVALID_PARAM);
}

TEST_F(DvppDescTest, BatchRoiResizeJpegeConfigs) {
  EXPECT_EQ(acldvppCreateBatchPicDesc(0), nullptr);
  EXPECT_EQ(acldvppCreateBatchPicDesc(257), nullptr);
  acldvppBatchPicDesc* b = acldvppCreateBatchPicDesc(3);
  ASSERT_NE(b, nullptr);
  EXPECT_NE(acldvppGetPicDesc(b, 2), nullptr);
  EXPECT_EQ(acldvppGetPicDesc(b, 3), nullptr);
  EXPECT_EQ(acldvppDestroyBatchPicDesc(b), ACL_SUCCESS);
  EXPECT_EQ(acldvppDestroyBatchPicDesc(nullptr), ACL_SUCCESS);

  EXPECT_EQ(acldvppCreateRoiConfig(0, 65536, 0, 1), nullptr);
  EXPECT_NE(RecentError().find("65535"), std::string::npos);
  acldvppRoiConfig* r = acldvppCreateRoiConfig(0, 9, 0, 5);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(acldvppSetRoiConfig(r, 2, 11, 4, 9), ACL_SUCCESS);
  EXPECT_EQ(acldvppSetRoiConfigLeft(r, 70000), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppSetRoiConfigBottom(nullptr, 1), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppDestroyRoiConfig(r), ACL_SUCCESS);

  acldvppResizeConfig* rc = acldvppCreateResizeConfig();
  EXPECT_EQ(acldvppGetResizeConfigInterpolation(rc), 0u);
  EXPECT_EQ(acldvppSetResizeConfigInterpolation(rc, 2), ACL_SUCCESS);
  EXPECT_EQ(acldvppGetResizeConfigInterpolation(rc), 2u);
  EXPECT_EQ(acldvppSetResizeConfigInterpolation(rc, 5), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppDestroyResizeConfig(rc), ACL_SUCCESS);

  acldvppJpegeConfig* jc = acldvppCreateJpegeConfig();
  EXPECT_EQ(acldvppGetJpegeConfigLevel(jc), 0u);
  EXPECT_EQ(acldvppSetJpegeConfigLevel(jc, 100), ACL_SUCCESS);
  EXPECT_EQ(acldvppSetJpegeConfigLevel(jc, 101), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppGetJpegeConfigLevel(jc), 100u);
  EXPECT_EQ(acldvppDestroyJpegeConfig(jc), ACL_SUCCESS);
}

TEST_F(DvppDescTest, ChannelLifecycleModeAndParam) {
  acldvppChannelDesc* ch = acldvppCreateChannelDesc();
  ASSERT_NE(ch, nullptr);
  EXPECT_EQ(acldvppSetChannelDescMode(ch, DVPP_CHNMODE_VPC | DVPP_CHNMODE_JPEGD), ACL_SUCCESS);
  EXPECT_EQ(acldvppSetChannelDescMode(ch, 16), ACL_ERROR_INVALID_PARAM);
  uint32_t csc = ACL_DVPP_CSC_MATRIX_BT709_WIDE, got = 0;
  size_t got_size = 0;
  EXPECT_EQ(acldvppSetChannelDescParam(ch, ACL_DVPP_CSC_MATRIX_UINT32, 4, &csc), ACL_SUCCESS);
  EXPECT_EQ(acldvppGetChannelDescParam(ch, ACL_DVPP_CSC_MATRIX_UINT32, 4, &got_size, &got), ACL_SUCCESS);
  EXPECT_EQ(got, csc);
  EXPECT_EQ(got_size, 4u);
  EXPECT_EQ(acldvppSetChannelDescParam(ch, ACL_DVPP_CSC_MATRIX_UINT32, 2, &csc), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppDestroyChannel(ch), ACL_ERROR_INVALID_PARAM);  // never created
  EXPECT_EQ(acldvppCreateChannel(ch), ACL_SUCCESS);
  EXPECT_NE(acldvppGetChannelDescChannelId(ch), 0u);
  EXPECT_EQ(acldvppDestroyChannel(ch), ACL_SUCCESS);
  EXPECT_EQ(acldvppDestroyChannelDesc(ch), ACL_SUCCESS);
  EXPECT_EQ(acldvppCreateChannel(nullptr), ACL_ERROR_INVALID_PARAM);
}

TEST_F(DvppDescTest, MallocRoundsToAlign32Plus32AndWarnsInTheSlack) {
  void* p = nullptr;
  ASSERT_EQ(acldvppMalloc(&p, 100), ACL_SUCCESS);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % 128, 0u);
  std::vector<uint8_t> host(200, 7);
  // align32(100) + 32 = 160 bytes: a copy of 160 bytes reaches into the slack and succeeds.
  EXPECT_EQ(aclrtMemcpy(p, 160, host.data(), 160, ACL_MEMCPY_HOST_TO_DEVICE), ACL_SUCCESS);
  EXPECT_EQ(aclrtMemcpy(p, 161, host.data(), 161, ACL_MEMCPY_HOST_TO_DEVICE), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentError().find("runs past the end"), std::string::npos) << RecentError();
  // DVPP memory is device memory: usable wherever aclrtMalloc memory is, freed by acldvppFree.
  EXPECT_EQ(aclrtMemset(p, 100, 0, 100), ACL_SUCCESS);
  EXPECT_EQ(acldvppFree(p), ACL_SUCCESS);
  EXPECT_EQ(acldvppFree(p), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppFree(nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppMalloc(nullptr, 10), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppMalloc(&p, 0), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppMalloc(&p, SIZE_MAX - 10), ACL_ERROR_INVALID_PARAM);
}

TEST_F(DvppDescTest, StreamDescBorderLutHist) {
  acldvppStreamDesc* s = acldvppCreateStreamDesc();
  EXPECT_EQ(acldvppGetStreamDescFormat(s), H265_MAIN_LEVEL);
  EXPECT_EQ(acldvppSetStreamDescTimestamp(s, 1234567890123ull), ACL_SUCCESS);
  EXPECT_EQ(acldvppGetStreamDescTimestamp(s), 1234567890123ull);
  EXPECT_EQ(acldvppSetStreamDescEos(s, 1), ACL_SUCCESS);
  EXPECT_EQ(acldvppGetStreamDescEos(s), 1);
  EXPECT_EQ(acldvppSetStreamDescData(s, nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppDestroyStreamDesc(s), ACL_SUCCESS);
  acldvppBorderConfig* b = acldvppCreateBorderConfig();
  EXPECT_EQ(acldvppSetBorderConfigValue(b, 3, 2.5), ACL_SUCCESS);
  EXPECT_EQ(acldvppGetBorderConfigValue(b, 3), 2.5);
  EXPECT_EQ(acldvppSetBorderConfigValue(b, 4, 1.0), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppGetBorderConfigValue(b, 4), -1.0);
  EXPECT_EQ(acldvppDestroyBorderConfig(b), ACL_SUCCESS);
  acldvppLutMap* m = acldvppCreateLutMap();
  uint8_t* data = nullptr;
  uint32_t len = 0;
  EXPECT_EQ(acldvppGetLutMapDims(m), 3u);
  EXPECT_EQ(acldvppGetLutMapData(m, 1, &data, &len), ACL_SUCCESS);
  EXPECT_EQ(len, 256u);
  EXPECT_EQ(data[200], 200);
  EXPECT_EQ(acldvppGetLutMapData(m, 3, &data, &len), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(acldvppDestroyLutMap(m), ACL_SUCCESS);
  acldvppHist* h = acldvppCreateHist();
  uint32_t* bins = nullptr;
  uint16_t hlen = 0;
  EXPECT_EQ(acldvppGetHistData(h, 0, &bins, &hlen), ACL_SUCCESS);
  EXPECT_EQ(hlen, 256);
  EXPECT_EQ(acldvppClearHist(h), ACL_SUCCESS);
  EXPECT_EQ(acldvppDestroyHist(h), ACL_SUCCESS);
}

TEST_F(DvppDescTest, VideoDescriptorsWorkChannelsAreNotSupported) {
  aclvdecChannelDesc* d = aclvdecCreateChannelDesc();
  EXPECT_EQ(aclvdecSetChannelDescEnType(d, H264_MAIN_LEVEL), ACL_SUCCESS);
  EXPECT_EQ(aclvdecGetChannelDescEnType(d), H264_MAIN_LEVEL);
  EXPECT_EQ(aclvdecSetChannelDescChannelId(d, 40), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclvdecCreateChannel(d), ACL_ERROR_FEATURE_UNSUPPORTED);
  EXPECT_NE(RecentError().find("VDEC/VENC"), std::string::npos) << RecentError();
  EXPECT_EQ(aclvdecDestroyChannelDesc(d), ACL_SUCCESS);
  aclvencChannelDesc* e = aclvencCreateChannelDesc();
  uint32_t w = 1280;
  size_t n = 0;
  EXPECT_EQ(aclvencSetChannelDescParam(e, ACL_VENC_PIC_WIDTH_UINT32, 4, &w), ACL_SUCCESS);
  EXPECT_EQ(aclvencGetChannelDescPicWidth(e), 1280u);
  uint32_t back = 0;
  EXPECT_EQ(aclvencGetChannelDescParam(e, ACL_VENC_PIC_WIDTH_UINT32, 4, &n, &back), ACL_SUCCESS);
  EXPECT_EQ(back, 1280u);
  EXPECT_EQ(aclvencSendFrame(e, nullptr, nullptr, nullptr, nullptr), ACL_ERROR_FEATURE_UNSUPPORTED);
  EXPECT_EQ(aclvencDestroyChannelDesc(e), ACL_SUCCESS);
}

}  // namespace
}  // namespace openacl_test
