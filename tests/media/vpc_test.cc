// VPC on the CPU: rules of the Ascend310 profile, crop-and-paste writes only the paste rectangle,
// NV12 <-> NV21, grey chroma for YUV400, RGB input, and JPEGE / PNGD header rules.
#include <gtest/gtest.h>
#include <turbojpeg.h>

#include <cstring>
#include <vector>

#include "media/jpeg_decode.h"
#include "media/jpeg_encode.h"
#include "media/media_test_util.h"
#include "media/png_decode.h"
#include "media/vpc.h"

namespace openacl::media {
namespace {

struct Owned {
  std::vector<uint8_t> bytes;
  Picture pic;
};

Owned MakeNv12(uint32_t w, uint32_t h, PixelFormat f = PixelFormat::kNv12, uint8_t fill = 0) {
  Owned o;
  o.pic.format = f;
  o.pic.width = w;
  o.pic.height = h;
  o.pic.width_stride = static_cast<uint32_t>(AlignUp(w, 16));
  o.pic.height_stride = static_cast<uint32_t>(AlignUp(h, 2));
  o.bytes.assign(PictureBytes(f, o.pic.width_stride, o.pic.height_stride), fill);
  o.pic.data = o.bytes.data();
  o.pic.size = o.bytes.size();
  return o;
}

void FillPattern(Owned* o) {
  for (size_t i = 0; i < o->bytes.size(); ++i) o->bytes[i] = static_cast<uint8_t>((i * 7) ^ (i >> 5));
}

TEST(VpcRules, RoiParityPasteAlignmentRatioAndFormats) {
  Owned in = MakeNv12(640, 480), out = MakeNv12(224, 224);
  EXPECT_TRUE(CheckCropRoi(Roi{0, 639, 0, 479}, in.pic, "out").ok());
  auto odd_left = CheckCropRoi(Roi{1, 639, 0, 479}, in.pic, "out");
  EXPECT_EQ(odd_left.code(), StatusCode::kInvalidParam);
  EXPECT_NE(odd_left.message().find("must be even"), std::string::npos);
  EXPECT_EQ(CheckCropRoi(Roi{0, 638, 0, 479}, in.pic, "out").code(), StatusCode::kInvalidParam);  // right even
  EXPECT_EQ(CheckCropRoi(Roi{0, 7, 0, 5}, in.pic, "out").code(), StatusCode::kInvalidParam);      // 8x6 < 10x6
  EXPECT_EQ(CheckCropRoi(Roi{0, 641, 0, 479}, in.pic, "out").code(), StatusCode::kInvalidParam);  // outside
  auto paste = CheckPasteRoi(Roi{8, 223, 0, 223}, out.pic, "outputDesc");
  EXPECT_NE(paste.message().find("multiple of 16"), std::string::npos);
  EXPECT_TRUE(CheckPasteRoi(Roi{16, 223, 0, 223}, out.pic, "outputDesc").ok());
  EXPECT_EQ(CheckScaleRatio(4096, 64, 100, 64, "o").code(), StatusCode::kInvalidParam);  // 1/40
  EXPECT_EQ(CheckScaleRatio(10, 10, 170, 10, "o").code(), StatusCode::kInvalidParam);    // 17x
  EXPECT_TRUE(CheckScaleRatio(1920, 1080, 224, 224, "o").ok());
  Owned rgb_out = MakeNv12(224, 224, PixelFormat::kRgb888);
  EXPECT_EQ(CheckVpcOutputPicture(rgb_out.pic, "outputDesc").code(), StatusCode::kFormatNotMatch);
  Owned odd = MakeNv12(223, 224);
  EXPECT_EQ(CheckVpcOutputPicture(odd.pic, "outputDesc").code(), StatusCode::kInvalidParam);
  Owned small = MakeNv12(224, 224);
  small.pic.size -= 1;
  auto st = CheckVpcOutputPicture(small.pic, "outputDesc");
  EXPECT_NE(st.message().find("size"), std::string::npos) << st.message();
}

TEST(Vpc, CropAndPasteWritesOnlyThePasteRectangle) {
  Owned in = MakeNv12(128, 64);
  FillPattern(&in);
  Owned out = MakeNv12(256, 128, PixelFormat::kNv12, 0x11);
  ASSERT_TRUE(CropResizePaste(in.pic, Roi{0, 127, 0, 63}, out.pic, Roi{32, 95, 16, 47}, ResizeFilter::kBilinear).ok());
  for (uint32_t y = 0; y < 128; ++y)
    for (uint32_t x = 0; x < 256; ++x) {
      bool inside = x >= 32 && x <= 95 && y >= 16 && y <= 47;
      if (!inside) { ASSERT_EQ(out.bytes[y * 256 + x], 0x11) << x << "," << y; }
    }
  const uint8_t* uv = out.bytes.data() + 256 * 128;
  for (uint32_t y = 0; y < 64; ++y)
    for (uint32_t x = 0; x < 256; ++x) {
      bool inside = x >= 32 && x <= 95 && y >= 8 && y <= 23;
      if (!inside) { ASSERT_EQ(uv[y * 256 + x], 0x11) << x << "," << y; }
    }
}

TEST(Vpc, SameSizeCopyAndNv12ToNv21) {
  Owned in = MakeNv12(64, 32);
  FillPattern(&in);
  Owned out = MakeNv12(64, 32, PixelFormat::kNv21);
  ASSERT_TRUE(CropResizePaste(in.pic, Roi{0, 63, 0, 31}, out.pic, Roi{0, 63, 0, 31}, ResizeFilter::kBilinear).ok());
  for (size_t i = 0; i < 64 * 32; ++i) ASSERT_EQ(out.bytes[i], in.bytes[i]);
  for (size_t i = 64 * 32; i < out.bytes.size(); i += 2) {
    ASSERT_EQ(out.bytes[i], in.bytes[i + 1]);
    ASSERT_EQ(out.bytes[i + 1], in.bytes[i]);
  }
}

TEST(Vpc, Yuv400InputGivesGreyChroma) {
  Owned in = MakeNv12(64, 32, PixelFormat::kYuv400, 0x40);
  Owned out = MakeNv12(32, 16);
  ASSERT_TRUE(CropResizePaste(in.pic, Roi{0, 63, 0, 31}, out.pic, Roi{0, 31, 0, 15}, ResizeFilter::kNearest).ok());
  for (size_t i = 0; i < 32 * 16; ++i) ASSERT_EQ(out.bytes[i], 0x40);
  for (size_t i = 32 * 16; i < out.bytes.size(); ++i) ASSERT_EQ(out.bytes[i], 0x80);
}

TEST(Vpc, RgbInputConvertsWithFullRangeBt601) {
  Owned in;
  in.pic.format = PixelFormat::kRgb888;
  in.pic.width = 32;
  in.pic.height = 16;
  in.pic.width_stride = 96;
  in.pic.height_stride = 16;
  in.bytes.assign(96 * 16, 0);
  for (size_t i = 0; i < in.bytes.size(); i += 3) in.bytes[i] = 255;  // pure red
  in.pic.data = in.bytes.data();
  in.pic.size = in.bytes.size();
  Owned out = MakeNv12(32, 16);
  ASSERT_TRUE(CropResizePaste(in.pic, Roi{0, 31, 0, 15}, out.pic, Roi{0, 31, 0, 15}, ResizeFilter::kBilinear).ok());
  // Y = 0.299 * 255 = 76; V = 0.5 * 255 + 128 = 255; U = -0.169 * 255 + 128 = 85.
  EXPECT_NEAR(out.bytes[0], 76, 1);
  EXPECT_NEAR(out.bytes[32 * 16], 85, 1);
  EXPECT_NEAR(out.bytes[32 * 16 + 1], 255, 1);
}

TEST(ConvertColorTest, Nv12ToRgbAndBack) {
  Owned in = MakeNv12(32, 16, PixelFormat::kNv12, 128);
  Owned rgb;
  rgb.pic = in.pic;
  rgb.pic.format = PixelFormat::kRgb888;
  rgb.pic.width_stride = 96;
  rgb.bytes.assign(96 * 16, 0);
  rgb.pic.data = rgb.bytes.data();
  rgb.pic.size = rgb.bytes.size();
  ASSERT_TRUE(ConvertColor(in.pic, rgb.pic).ok());
  EXPECT_NEAR(rgb.bytes[0], 128, 1);
  Owned bad = MakeNv12(32, 16, PixelFormat::kYuv422Sp);
  EXPECT_EQ(CheckConvertColor(bad.pic, rgb.pic).code(), StatusCode::kFormatNotMatch);
}

TEST(JpegEncode, RoundTripAndRules) {
  auto rgb = openacl_media_test::MakeRgb(128, 64);
  auto jpeg = openacl_media_test::EncodeRgbJpeg(rgb, 128, 64, TJSAMP_420, 95);
  std::vector<uint8_t> nv12(8 << 20);
  auto geo = DecodeJpeg(jpeg.data(), jpeg.size(), PixelFormat::kNv12, nv12.data(), nv12.size(), JpegDecodeProfile{});
  ASSERT_TRUE(geo.ok());
  Picture in = *geo;
  in.data = nv12.data();
  in.size = PictureBytes(in.format, in.width_stride, in.height_stride);
  auto predicted = PredictJpegEncodeSize(in);
  ASSERT_TRUE(predicted.ok()) << predicted.status().message();
  EXPECT_EQ(*predicted % (2u << 20), 0u);
  std::vector<uint8_t> out(*predicted);
  auto n = EncodeJpeg(in, 100, out.data(), static_cast<uint32_t>(out.size()));
  ASSERT_TRUE(n.ok()) << n.status().message();
  std::vector<uint8_t> again(nv12.size());
  auto geo2 = DecodeJpeg(out.data(), *n, PixelFormat::kNv12, again.data(), again.size(), JpegDecodeProfile{});
  ASSERT_TRUE(geo2.ok());
  for (int y = 0; y < 64; ++y)
    for (int x = 0; x < 128; ++x) ASSERT_NEAR(again[y * 128 + x], nv12[y * 128 + x], 3);
  EXPECT_EQ(EncodeJpeg(in, 100, out.data(), 10).status().code(), StatusCode::kInvalidParam);
  Picture odd = in;
  odd.width = 127;
  EXPECT_EQ(CheckJpegEncodeInput(odd).code(), StatusCode::kInvalidParam);
  Picture rgbin = in;
  rgbin.format = PixelFormat::kRgb888;
  EXPECT_EQ(CheckJpegEncodeInput(rgbin).code(), StatusCode::kFormatNotMatch);
  Picture stride = in;
  stride.width_stride = 136;
  EXPECT_EQ(CheckJpegEncodeInput(stride).code(), StatusCode::kInvalidParam);
}

TEST(PngInfoTest, HeaderRules) {
  std::vector<uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                              0, 0, 1, 0, 0, 0, 0, 200, 8, 6, 0, 0, 0, 0, 0, 0, 0};
  auto info = ReadPngInfo(png.data(), png.size());
  ASSERT_TRUE(info.ok()) << info.status().message();
  EXPECT_EQ(info->width, 256u);
  EXPECT_EQ(info->height, 200u);
  EXPECT_EQ(info->components, 4);
  EXPECT_EQ(*PngOutputFormat(*info, PixelFormat::kUnknown), PixelFormat::kRgba8888);
  auto size = PredictPngDecodeSize(png.data(), png.size(), PixelFormat::kRgb888);
  ASSERT_TRUE(size.ok());
  EXPECT_EQ(*size, 256u * 3 * 208);
  png[25] = 3;  // palette
  EXPECT_EQ(ReadPngInfo(png.data(), png.size()).status().code(), StatusCode::kFormatNotMatch);
  png[0] = 0;
  EXPECT_EQ(ReadPngInfo(png.data(), png.size()).status().code(), StatusCode::kInvalidParam);
  EXPECT_EQ(ReadPngInfo(png.data(), 29).status().code(), StatusCode::kInvalidParam);
  // Decoding a header without image data is an error, not a crash.
  png[0] = 0x89;
  png[25] = 6;
  std::vector<uint8_t> out(1 << 20);
  EXPECT_FALSE(DecodePng(png.data(), png.size(), PixelFormat::kRgba8888, out.data(), out.size()).ok());
}

}  // namespace
}  // namespace openacl::media
