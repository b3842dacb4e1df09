// JPEGD on the CPU: output equals TurboJPEG's own raw decode (luma exactly, chroma exactly for
// 4:2:0 sources and within +-1 of a 2x2 average for 4:4:4), hardware strides, format rules,
// EXIF orientation and hostile input.
#include <gtest/gtest.h>
#include <turbojpeg.h>

#include <cstdlib>

#include "media/jpeg_decode.h"
#include "media/jpeg_info.h"
#include "media/media_test_util.h"

namespace openacl::media {
namespace {

using openacl_media_test::EncodeRgbJpeg;
using openacl_media_test::MakeRgb;
using openacl_media_test::ReferenceYuv;

const JpegDecodeProfile kProfile{};

std::vector<uint8_t> Jpeg(int w, int h, int ss) { return EncodeRgbJpeg(MakeRgb(w, h), w, h, ss); }

Result<Picture> Decode(const std::vector<uint8_t>& jpeg, PixelFormat f, std::vector<uint8_t>* out) {
  auto info = ReadJpegInfo(jpeg.data(), jpeg.size());
  if (!info.ok()) return info.status();
  out->assign(8u << 20, 0xEE);
  return DecodeJpeg(jpeg.data(), jpeg.size(), f, out->data(), out->size(), kProfile);
}

TEST(JpegInfo, ReadsSizeComponentsAndSubsampling) {
  auto jpeg = Jpeg(301, 203, TJSAMP_420);
  auto info = ReadJpegInfo(jpeg.data(), jpeg.size());
  ASSERT_TRUE(info.ok()) << info.status().message();
  EXPECT_EQ(info->width, 301u);
  EXPECT_EQ(info->height, 203u);
  EXPECT_EQ(info->components, 3);
  EXPECT_EQ(info->subsampling, JpegSubsampling::k420);
  auto gray = Jpeg(64, 48, TJSAMP_GRAY);
  auto ginfo = ReadJpegInfo(gray.data(), gray.size());
  ASSERT_TRUE(ginfo.ok());
  EXPECT_EQ(ginfo->components, 1);
  EXPECT_EQ(ginfo->subsampling, JpegSubsampling::kGray);
}

TEST(JpegDecode, Nv12EqualsLibjpegRawDecodeWithHardwareStrides) {
  auto jpeg = Jpeg(301, 203, TJSAMP_420);
  std::vector<uint8_t> out;
  auto geo = Decode(jpeg, PixelFormat::kNv12, &out);
  ASSERT_TRUE(geo.ok()) << geo.status().message();
  EXPECT_EQ(geo->width, 300u);  // odd sizes rounded down to even for 420SP
  EXPECT_EQ(geo->height, 202u);
  EXPECT_EQ(geo->width_stride, 384u);   // align128(301)
  EXPECT_EQ(geo->height_stride, 208u);  // align16(203)
  EXPECT_EQ(geo->format, PixelFormat::kNv12);
  auto ref = ReferenceYuv(jpeg);
  for (uint32_t y = 0; y < geo->height; ++y)
    for (uint32_t x = 0; x < geo->width; ++x)
      ASSERT_EQ(out[y * 384 + x], ref.y[y * ref.w + x]) << x << "," << y;
  const uint8_t* uv = out.data() + 384 * 208;
  for (uint32_t y = 0; y < geo->height / 2; ++y)
    for (uint32_t x = 0; x < geo->width / 2; ++x) {
      ASSERT_EQ(uv[y * 384 + 2 * x], ref.u[y * ref.cw + x]) << x << "," << y;
      ASSERT_EQ(uv[y * 384 + 2 * x + 1], ref.v[y * ref.cw + x]);
    }
}

TEST(JpegDecode, Nv21SwapsChromaOrder) {
  auto jpeg = Jpeg(128, 64, TJSAMP_420);
  std::vector<uint8_t> a, b;
  ASSERT_TRUE(Decode(jpeg, PixelFormat::kNv12, &a).ok());
  ASSERT_TRUE(Decode(jpeg, PixelFormat::kNv21, &b).ok());
  const size_t c = 128 * 64;
  for (size_t i = 0; i < 64 * 32; i += 2) {
    ASSERT_EQ(a[c + i], b[c + i + 1]);
    ASSERT_EQ(a[c + i + 1], b[c + i]);
  }
}

TEST(JpegDecode, Chroma444IsAveragedTo420) {
  auto jpeg = Jpeg(96, 64, TJSAMP_444);
  std::vector<uint8_t> out;
  auto geo = Decode(jpeg, PixelFormat::kNv12, &out);
  ASSERT_TRUE(geo.ok()) << geo.status().message();
  auto ref = ReferenceYuv(jpeg);
  const uint8_t* uv = out.data() + 128 * 64;
  for (int y = 0; y < 32; ++y)
    for (int x = 0; x < 48; ++x) {
      auto avg = [&](const std::vector<uint8_t>& p) {
        return (p[2 * y * 96 + 2 * x] + p[2 * y * 96 + 2 * x + 1] + p[(2 * y + 1) * 96 + 2 * x] +
                p[(2 * y + 1) * 96 + 2 * x + 1] + 2) / 4;
      };
      ASSERT_LE(std::abs(uv[y * 128 + 2 * x] - avg(ref.u)), 1);
      ASSERT_LE(std::abs(uv[y * 128 + 2 * x + 1] - avg(ref.v)), 1);
    }
}

TEST(JpegDecode, GrayGetsNeutralChroma) {
  auto jpeg = Jpeg(64, 64, TJSAMP_GRAY);
  std::vector<uint8_t> out;
  auto geo = Decode(jpeg, PixelFormat::kNv12, &out);
  ASSERT_TRUE(geo.ok()) << geo.status().message();
  const uint8_t* uv = out.data() + 128 * 64;
  for (int y = 0; y < 32; ++y)
    for (int x = 0; x < 64; ++x) ASSERT_EQ(uv[y * 128 + x], 0x80);
}

TEST(JpegDecode, UnknownKeepsSourceSubsamplingVuFirst) {
  auto jpeg = Jpeg(64, 64, TJSAMP_422);
  std::vector<uint8_t> out;
  auto geo = Decode(jpeg, PixelFormat::kUnknown, &out);
  ASSERT_TRUE(geo.ok()) << geo.status().message();
  EXPECT_EQ(geo->format, PixelFormat::kYvu422Sp);
  auto ref = ReferenceYuv(jpeg);
  const uint8_t* uv = out.data() + 128 * 64;
  for (int y = 0; y < 64; ++y)
    for (int x = 0; x < 32; ++x) {
      ASSERT_EQ(uv[y * 128 + 2 * x], ref.v[y * ref.cw + x]);
      ASSERT_EQ(uv[y * 128 + 2 * x + 1], ref.u[y * ref.cw + x]);
    }
}

TEST(JpegDecode, FormatRules) {
  auto jpeg = Jpeg(64, 64, TJSAMP_420);
  auto info = ReadJpegInfo(jpeg.data(), jpeg.size());
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(JpegOutputFormat(*info, PixelFormat::kYuv444Sp).status().code(), StatusCode::kFormatNotMatch);
  EXPECT_EQ(JpegOutputFormat(*info, PixelFormat::kRgb888).status().code(), StatusCode::kFormatNotMatch);
  EXPECT_EQ(*JpegOutputFormat(*info, PixelFormat::kNv21), PixelFormat::kNv21);
}

TEST(JpegDecode, SizeRulesAndTooSmallBuffer) {
  auto small = Jpeg(16, 16, TJSAMP_420);
  std::vector<uint8_t> out;
  auto r = Decode(small, PixelFormat::kNv12, &out);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidParam);
  EXPECT_NE(r.status().message().find("16x16"), std::string::npos) << r.status().message();
  auto jpeg = Jpeg(200, 100, TJSAMP_420);
  std::vector<uint8_t> buf(256 * 112 * 3 / 2 - 1);
  auto st = DecodeJpeg(jpeg.data(), jpeg.size(), PixelFormat::kNv12, buf.data(), buf.size(), kProfile);
  EXPECT_EQ(st.status().code(), StatusCode::kInvalidParam);
  EXPECT_NE(st.status().message().find("43008"), std::string::npos) << st.status().message();
}

TEST(JpegDecode, ExifOrientation6RotatesClockwise) {
  auto base = Jpeg(96, 64, TJSAMP_420);
  auto jpeg = openacl_media_test::WithExifOrientation(base, 6);
  auto info = ReadJpegInfo(jpeg.data(), jpeg.size());
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->orientation, 6);
  EXPECT_EQ(info->width, 64u);
  EXPECT_EQ(info->height, 96u);
  std::vector<uint8_t> out;
  auto geo = Decode(jpeg, PixelFormat::kNv12, &out);
  ASSERT_TRUE(geo.ok()) << geo.status().message();
  EXPECT_EQ(geo->width, 64u);
  EXPECT_EQ(geo->height, 96u);
  auto ref = ReferenceYuv(base);
  // Rotating 90 degrees clockwise: out(x, y) = in(y, H-1-x).
  for (int y = 0; y < 96; ++y)
    for (int x = 0; x < 64; ++x) ASSERT_EQ(out[y * 128 + x], ref.y[(63 - x) * 96 + y]) << x << "," << y;
}

TEST(JpegDecode, HostileInputIsAnErrorNotACrash) {
  auto jpeg = Jpeg(256, 256, TJSAMP_420);
  std::vector<uint8_t> out(1 << 20);
  // Truncated.
  for (size_t cut : {size_t{2}, size_t{20}, jpeg.size() / 2, jpeg.size() - 2}) {
    auto r = DecodeJpeg(jpeg.data(), cut, PixelFormat::kNv12, out.data(), out.size(), kProfile);
    EXPECT_FALSE(r.ok()) << "cut " << cut;
  }
  // Garbage.
  std::vector<uint8_t> junk(4096);
  for (size_t i = 0; i < junk.size(); ++i) junk[i] = static_cast<uint8_t>(i * 37 + 11);
  EXPECT_EQ(DecodeJpeg(junk.data(), junk.size(), PixelFormat::kNv12, out.data(), out.size(), kProfile)
                .status()
                .code(),
            StatusCode::kFailure);
  // Absurd dimensions in SOF (a decompression bomb): rejected before anything is allocated.
  std::vector<uint8_t> bomb = jpeg;
  for (size_t i = 2; i + 9 < bomb.size(); ++i) {
    if (bomb[i] == 0xFF && bomb[i + 1] == 0xC0) {
      bomb[i + 5] = 0x75; bomb[i + 6] = 0x30;  // height 30000
      bomb[i + 7] = 0x75; bomb[i + 8] = 0x30;  // width 30000
      break;
    }
  }
  auto r = DecodeJpeg(bomb.data(), bomb.size(), PixelFormat::kNv12, out.data(), out.size(), kProfile);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidParam) << r.status().message();
  EXPECT_EQ(ReadJpegInfo(nullptr, 10).status().code(), StatusCode::kInvalidParam);
  EXPECT_EQ(ReadJpegInfo(jpeg.data(), 0).status().code(), StatusCode::kInvalidParam);
}

}  // namespace
}  // namespace openacl::media
