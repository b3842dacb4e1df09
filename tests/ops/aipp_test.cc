// Aipp op: the fast cpu kernel against the reference for every input format and switch
// combination (static and dynamic parameters), hand-computed values for the CSC's `>> 8`, and
// errors that name the parameter at fault.
#include <cstring>
#include <random>

#include "op_test_util.h"
#include "ops/common/aipp_params.h"

namespace openacl::testing {
namespace {

using aipp::InputFormat;
using aipp::Params;

constexpr InputFormat kAllFormats[] = {
    InputFormat::kYuv420sp, InputFormat::kXrgb8888, InputFormat::kRgb888,
    InputFormat::kYuv400,   InputFormat::kArgb8888, InputFormat::kYuyv,
    InputFormat::kYuv422sp, InputFormat::kAyuv444};

Tensor RandomImages(InputFormat f, int64_t n, int64_t w, int64_t h, uint32_t seed) {
  Tensor t(DType::kUInt8, aipp::BufferShape(f, n, w, h));
  std::mt19937 rng(seed);
  auto* d = static_cast<uint8_t*>(t.mutable_data());
  for (size_t i = 0; i < t.nbytes(); ++i) d[i] = static_cast<uint8_t>(rng() & 0xff);
  return t;
}

// BT.601 YUV -> RGB (YUV input) or RGB -> YUV (colour input), as in ATC's templates.
void SetCsc(Params& p) {
  p.csc = true;
  const int32_t yuv2rgb[9] = {256, 0, 359, 256, -88, -183, 256, 454, 0};
  const int32_t rgb2yuv[9] = {66, 129, 25, -38, -74, 112, 112, -94, -18};
  std::memcpy(p.matrix, aipp::IsYuv(p.format) ? yuv2rgb : rgb2yuv, sizeof(p.matrix));
  const int32_t in_b[3] = {16, 128, 128}, out_b[3] = {16, 128, 128};
  std::memcpy(p.in_bias, in_b, sizeof(in_b));
  std::memcpy(p.out_bias, out_b, sizeof(out_b));
}

struct Case {
  Params p;
  int64_t c = 3, h = 0, w = 0, n = 1;
  bool nhwc = false;
};

void MakeStatic(OpTest& t, const Case& k, uint32_t seed) {
  AttrMap attrs;
  aipp::ToAttrs(k.p, &attrs);
  for (const auto& kv : attrs.all()) t.Attr(kv.first, kv.second);
  t.Attr("aipp_mode", Attribute::String("static"));
  t.Attr("output_chw", Attribute::Ints({k.c, k.h, k.w}));
  t.Attr("output_layout", Attribute::String(k.nhwc ? "NHWC" : "NCHW"));
  t.Input(RandomImages(k.p.format, k.n, k.p.src_w, k.p.src_h, seed));
}

// Output size of the chain for a case: resized + padding.
void FitOutput(Case& k) {
  k.w = k.p.resized_w() + (k.p.padding ? k.p.pad_left + k.p.pad_right : 0);
  k.h = k.p.resized_h() + (k.p.padding ? k.p.pad_top + k.p.pad_bottom : 0);
}

TEST(AippOp, FastKernelMatchesReferenceForEveryFormatAndSwitch) {
  int cases = 0;
  for (InputFormat f : kAllFormats) {
    for (int mask = 0; mask < 64; ++mask) {
      Case k;
      k.p.format = f;
      k.p.src_w = 36;
      k.p.src_h = 28;
      k.n = 2;
      k.nhwc = mask & 32;
      if (f == InputFormat::kYuv400) {
        if (mask & 1) continue;  // no CSC for grey
        k.c = 1;
      } else if (mask & 1) {
        SetCsc(k.p);
      }
      k.p.rbuv_swap = mask & 2;
      k.p.ax_swap = mask & 4;
      if (mask & 8) {
        k.p.crop = true;
        k.p.crop_x = 4;
        k.p.crop_y = 2;
        k.p.crop_w = 20;
        k.p.crop_h = 18;
      }
      if (mask & 16) {
        k.p.resize = true;
        k.p.resize_w = (mask & 8) ? 33 : 17;  // up and down
        k.p.resize_h = (mask & 8) ? 16 : 41;
      }
      if (mask & 4) {  // padding rides with ax_swap to keep the count small
        k.p.padding = true;
        k.p.pad_top = 1, k.p.pad_bottom = 3, k.p.pad_left = 2, k.p.pad_right = 0;
        k.p.pad_value = -7.5f;
      }
      for (int c = 0; c < 3; ++c) {
        k.p.mean[c] = 10.0f * c;
        k.p.min[c] = 0.5f * c;
        k.p.var_reci[c] = 0.0171f + 0.001f * c;
      }
      FitOutput(k);
      OpTest t("Aipp", 1);
      MakeStatic(t, k, 100 + mask);
      OpRun r = t.RunAndCompareAll(2e-4, 1e-5);
      ASSERT_TRUE(r.status.ok()) << aipp::FormatName(f) << " mask " << mask << ": "
                                 << r.status.message();
      EXPECT_EQ(t.node()->output(0)->shape,
                k.nhwc ? Shape({2, k.h, k.w, k.c}) : Shape({2, k.c, k.h, k.w}));
      EXPECT_EQ(ChooseKernel(*t.node()), "cpu");
      ++cases;
    }
  }
  EXPECT_GT(cases, 400);
}

// One pixel through the YUV -> RGB matrix: the products are floored by `>> 8` (not truncated)
// and saturated to [0, 255] before normalisation.
TEST(AippOp, CscShiftFloorsAndSaturates) {
  Case k;
  k.p.format = InputFormat::kRgb888;
  k.p.src_w = 2;
  k.p.src_h = 1;
  SetCsc(k.p);  // RGB -> YUV, output_bias 16,128,128
  // Pixel 0 = (1, 0, 0), pixel 1 = (255, 255, 255).
  OpTest exact("Aipp", 1);
  AttrMap attrs;
  aipp::ToAttrs(k.p, &attrs);
  for (const auto& kv : attrs.all()) exact.Attr(kv.first, kv.second);
  exact.Attr("output_chw", Attribute::Ints({3, 1, 2}));
  exact.Input(MakeTyped(DType::kUInt8, {1, 1, 2, 3}, {1, 0, 0, 255, 255, 255}));
  OpRun r = exact.RunAndCompareAll(0, 0);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  const float* o = r.outputs[0].data_as<float>();  // NCHW [1, 3, 1, 2]
  // Y = (66 >> 8) + 16 = 16; U = (-38 >> 8) + 128 = -1 + 128 = 127; V = (112 >> 8) + 128 = 128.
  EXPECT_EQ(o[0], 16.0f);
  EXPECT_EQ(o[2], 127.0f);
  EXPECT_EQ(o[4], 128.0f);
  // White: Y = (220*255 >> 8) + 16 = 219 + 16 = 235; U = (0 >> 8) + 128; V = 128.
  EXPECT_EQ(o[1], 235.0f);
  EXPECT_EQ(o[3], 128.0f);
  EXPECT_EQ(o[5], 128.0f);
}

TEST(AippOp, Nv12PixelToNormalisedRgb) {
  Params p;
  p.format = InputFormat::kYuv420sp;
  p.src_w = 2;
  p.src_h = 2;
  SetCsc(p);
  p.in_bias[0] = 0;  // the vpc_resnet50 sample's full-range matrix
  p.min[0] = 123, p.min[1] = 117, p.min[2] = 104;
  OpTest t("Aipp", 1);
  AttrMap attrs;
  aipp::ToAttrs(p, &attrs);
  for (const auto& kv : attrs.all()) t.Attr(kv.first, kv.second);
  t.Attr("output_chw", Attribute::Ints({3, 2, 2}));
  // Y = 100 everywhere, U = 0, V = 255 (clamps R to 255 and B to 0).
  t.Input(MakeTyped(DType::kUInt8, {1, 3, 2, 1}, {100, 100, 100, 100, 0, 255}));
  OpRun r = t.RunAndCompareAll(0, 0);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  const float* o = r.outputs[0].data_as<float>();
  // R = (25600 + 359*127) >> 8 = 278 -> 255; G = (25600 + 88*128 - 183*127) >> 8 = 53;
  // B = (25600 - 454*128) >> 8 = -127 -> 0.
  EXPECT_EQ(o[0], 255.0f - 123.0f);
  EXPECT_EQ(o[4], 53.0f - 117.0f);
  EXPECT_EQ(o[8], 0.0f - 104.0f);
}

TEST(AippOp, DynamicParametersMatchStatic) {
  for (InputFormat f : {InputFormat::kYuv420sp, InputFormat::kRgb888, InputFormat::kXrgb8888}) {
    Case k;
    k.p.format = f;
    k.p.src_w = 64;
    k.p.src_h = 48;
    SetCsc(k.p);
    k.p.crop = true;
    k.p.crop_x = 8, k.p.crop_y = 6, k.p.crop_w = 40, k.p.crop_h = 30;
    k.p.resize = true;
    k.p.resize_w = 30, k.p.resize_h = 20;
    k.p.padding = true;
    k.p.pad_left = 2, k.p.pad_top = 4;
    k.p.min[0] = 0.5f;  // exact in float16
    k.p.var_reci[1] = 0.25f;
    FitOutput(k);
    const int64_t max_src = 64 * 48 * 4 + 100;
    Tensor images = RandomImages(f, 2, 64, 48, 7);
    Tensor padded(DType::kUInt8, {2, max_src});
    for (int n = 0; n < 2; ++n)
      std::memcpy(static_cast<uint8_t*>(padded.mutable_data()) + n * max_src,
                  images.data_as<uint8_t>() + n * (images.nbytes() / 2), images.nbytes() / 2);
    Tensor params(DType::kUInt8, {static_cast<int64_t>(aipp::DynamicDataSize(2))});
    auto* h = static_cast<aipp::DynamicHeader*>(params.mutable_data());
    auto* b = reinterpret_cast<aipp::DynamicBatch*>(h + 1);
    aipp::EncodeDynamic(k.p, h, b);
    aipp::EncodeDynamic(k.p, h, b + 1);
    h->batch_num = 2;

    OpTest dyn("Aipp", 1);
    dyn.Attr("aipp_mode", Attribute::String("dynamic"));
    dyn.Attr("max_src_image_size", Attribute::Int(max_src));
    dyn.Attr("output_chw", Attribute::Ints({3, k.h, k.w}));
    dyn.Input(padded).Input(params);
    OpRun rd = dyn.RunAndCompareAll(2e-4, 1e-5);
    ASSERT_TRUE(rd.status.ok()) << rd.status.message();

    OpTest st("Aipp", 1);
    AttrMap attrs;
    aipp::ToAttrs(k.p, &attrs);
    for (const auto& kv : attrs.all()) st.Attr(kv.first, kv.second);
    st.Attr("output_chw", Attribute::Ints({3, k.h, k.w}));
    st.Input(images);
    OpRun rs = st.RunReference();
    ASSERT_TRUE(rs.status.ok()) << rs.status.message();
    ExpectTensorNear(rd.outputs[0], rs.outputs[0], 0, 0, "dynamic vs static");
  }
}

TEST(AippOp, DynamicBufferNeverSetIsAnError) {
  OpTest dyn("Aipp", 1);
  dyn.Attr("aipp_mode", Attribute::String("dynamic"));
  dyn.Attr("max_src_image_size", Attribute::Int(224 * 224 * 3));
  dyn.Attr("output_chw", Attribute::Ints({3, 224, 224}));
  dyn.Input(Tensor(DType::kUInt8, {1, 224 * 224 * 3}));
  dyn.Input(Tensor(DType::kUInt8, {static_cast<int64_t>(aipp::DynamicDataSize(1))}));
  OpRun r = dyn.RunReference();
  EXPECT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("aclmdlSetInputAIPP"), std::string::npos)
      << r.status.message();
}

TEST(AippOp, DynamicParametersInconsistentWithModelNameTheField) {
  Params p;
  p.format = InputFormat::kRgb888;
  p.src_w = 100, p.src_h = 100;
  p.crop = true;
  p.crop_x = 90, p.crop_w = 20, p.crop_h = 10;  // leaves the image
  Tensor params(DType::kUInt8, {static_cast<int64_t>(aipp::DynamicDataSize(1))});
  auto* h = static_cast<aipp::DynamicHeader*>(params.mutable_data());
  aipp::EncodeDynamic(p, h, reinterpret_cast<aipp::DynamicBatch*>(h + 1));
  h->batch_num = 1;
  OpTest dyn("Aipp", 1);
  dyn.Attr("aipp_mode", Attribute::String("dynamic"));
  dyn.Attr("max_src_image_size", Attribute::Int(100 * 100 * 3));
  dyn.Attr("output_chw", Attribute::Ints({3, 10, 20}));
  dyn.Input(Tensor(DType::kUInt8, {1, 100 * 100 * 3})).Input(params);
  OpRun r = dyn.RunReference();
  EXPECT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("crop_size_w"), std::string::npos) << r.status.message();
}

TEST(AippOp, StaticRulesNameTheField) {
  struct Bad {
    const char* field;
    void (*edit)(Params&);
  };
  const Bad bads[] = {
      {"src_image_size_w", [](Params& p) { p.src_w = 35, p.crop = true, p.crop_w = 20; }},
      {"load_start_pos_w", [](Params& p) { p.crop = true, p.crop_x = 3, p.crop_w = 20; }},
      {"crop_size_h", [](Params& p) { p.crop = true, p.crop_y = 20, p.crop_w = 20, p.crop_h = 10; }},
      {"resize_output_w", [](Params& p) { p.resize = true, p.resize_w = 8, p.resize_h = 20; }},
      {"left_padding_size", [](Params& p) { p.padding = true, p.pad_left = 33; }},
      {"matrix_r1c2", [](Params& p) { p.csc = true, p.matrix[5] = 40000; }},
      {"var_reci_chn_2", [](Params& p) { p.var_reci[2] = 1e6f; }},
      {"src_image_size_h", [](Params& p) { p.src_h = 26; }},
  };
  for (const Bad& bad : bads) {
    Params p;
    p.format = InputFormat::kYuv420sp;
    p.src_w = 36, p.src_h = 28;
    p.crop_h = 20, p.crop_w = 36;
    bad.edit(p);
    auto e = aipp::CheckParams(p, bad.field == std::string("src_image_size_h") ? 28 : 20,
                               bad.field == std::string("src_image_size_h") ? 36 : 20, 3);
    ASSERT_TRUE(e.has_value()) << bad.field;
    EXPECT_EQ(e->field, bad.field) << e->message;
  }
  Params grey;
  grey.format = InputFormat::kRgb888;
  grey.src_w = grey.src_h = 8;
  auto e = aipp::CheckParams(grey, 8, 8, 1);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->field, "csc_switch");
  EXPECT_EQ(aipp::CheckParams(grey, 8, 8, 3), std::nullopt);
  EXPECT_EQ(aipp::CheckParams(grey, 8, 8, 4)->field, "related_input_rank");
}

TEST(AippOp, DynamicDataSizeIsAscendClLayout) {
  EXPECT_EQ(aipp::DynamicDataSize(1), 160u);
  EXPECT_EQ(aipp::DynamicDataSize(4), 64u + 4 * 96u);
  EXPECT_EQ(aipp::CceFromAcl(InputFormat::kRgb888), 5);
  EXPECT_EQ(aipp::AclFromCce(10), InputFormat::kYuv400);
}

}  // namespace
}  // namespace openacl::testing
