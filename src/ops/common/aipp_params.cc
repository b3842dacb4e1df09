#include "ops/common/aipp_params.h"

#include <cmath>
#include <cstring>

#include "ir/dtype.h"

namespace openacl {
namespace aipp {
namespace {

struct FormatInfo {
  InputFormat format;
  const char* name;
  int32_t cce;
};

constexpr FormatInfo kFormats[] = {
    {InputFormat::kYuv420sp, "YUV420SP_U8", 1}, {InputFormat::kXrgb8888, "XRGB8888_U8", 2},
    {InputFormat::kRgb888, "RGB888_U8", 5},     {InputFormat::kYuv400, "YUV400_U8", 10},
    {InputFormat::kArgb8888, "ARGB8888_U8", 6}, {InputFormat::kYuyv, "YUYV_U8", 7},
    {InputFormat::kYuv422sp, "YUV422SP_U8", 8}, {InputFormat::kAyuv444, "AYUV444_U8", 9},
};

std::optional<ParamError> Fail(std::string field, std::string message) {
  return ParamError{std::move(field), std::move(message)};
}

std::string Num(int64_t v) { return std::to_string(v); }

// Range rules of AscendCL's dynamic-AIPP setters, applied to static configs too.
constexpr int32_t kImageSizeMax = 4096;
constexpr int32_t kScfSizeMin = 16;
constexpr int32_t kPaddingMax = 32;
constexpr int32_t kMatrixMin = -32677, kMatrixMax = 32676;
constexpr float kVarReciMax = 65504.0f;

const char* const kMatrixNames[9] = {"matrix_r0c0", "matrix_r0c1", "matrix_r0c2",
                                     "matrix_r1c0", "matrix_r1c1", "matrix_r1c2",
                                     "matrix_r2c0", "matrix_r2c1", "matrix_r2c2"};

std::optional<ParamError> CheckRanges(const Params& p) {
  for (int i = 0; i < 9; ++i)
    if (p.csc && (p.matrix[i] < kMatrixMin || p.matrix[i] > kMatrixMax))
      return Fail(kMatrixNames[i], Num(p.matrix[i]) + " is outside [-32677, 32676]");
  for (int i = 0; i < 3; ++i) {
    if (p.csc && (p.out_bias[i] < 0 || p.out_bias[i] > 255))
      return Fail("output_bias_" + Num(i), Num(p.out_bias[i]) + " is outside [0, 255]");
    if (p.csc && (p.in_bias[i] < 0 || p.in_bias[i] > 255))
      return Fail("input_bias_" + Num(i), Num(p.in_bias[i]) + " is outside [0, 255]");
  }
  for (int i = 0; i < 4; ++i) {
    if (!(p.mean[i] >= 0 && p.mean[i] <= 255))
      return Fail("mean_chn_" + Num(i), std::to_string(p.mean[i]) + " is outside [0, 255]");
    if (!(p.min[i] >= 0 && p.min[i] <= 255))
      return Fail("min_chn_" + Num(i), std::to_string(p.min[i]) + " is outside [0, 255]");
    if (!(std::fabs(p.var_reci[i]) <= kVarReciMax))
      return Fail("var_reci_chn_" + Num(i),
                  std::to_string(p.var_reci[i]) + " is outside [-65504, 65504]");
  }
  return std::nullopt;
}

// Subsampled YUV formats need even positions / sizes where the chroma is shared.
std::optional<ParamError> CheckEven(const Params& p) {
  bool even_w = p.format == InputFormat::kYuv420sp || p.format == InputFormat::kYuv422sp ||
                p.format == InputFormat::kYuyv;
  bool even_h = p.format == InputFormat::kYuv420sp;
  std::string why = std::string(" must be even for ") + FormatName(p.format);
  if (even_w && p.src_w % 2) return Fail("src_image_size_w", Num(p.src_w) + why);
  if (even_h && p.src_h % 2) return Fail("src_image_size_h", Num(p.src_h) + why);
  if (!p.crop) return std::nullopt;
  if (even_w && p.crop_x % 2) return Fail("load_start_pos_w", Num(p.crop_x) + why);
  if (even_h && p.crop_y % 2) return Fail("load_start_pos_h", Num(p.crop_y) + why);
  if (even_w && p.crop_w % 2) return Fail("crop_size_w", Num(p.crop_w) + why);
  if (even_h && p.crop_h % 2) return Fail("crop_size_h", Num(p.crop_h) + why);
  return std::nullopt;
}

std::optional<ParamError> CheckCropAndResize(const Params& p) {
  if (p.crop) {
    if (p.crop_x < 0) return Fail("load_start_pos_w", Num(p.crop_x) + " is negative");
    if (p.crop_y < 0) return Fail("load_start_pos_h", Num(p.crop_y) + " is negative");
    if (p.crop_w < 1) return Fail("crop_size_w", Num(p.crop_w) + " must be at least 1");
    if (p.crop_h < 1) return Fail("crop_size_h", Num(p.crop_h) + " must be at least 1");
    if (int64_t{p.crop_x} + p.crop_w > p.src_w)
      return Fail("crop_size_w", "the crop [" + Num(p.crop_x) + ", " + Num(p.crop_x + p.crop_w) +
                                     ") leaves the source image (width " + Num(p.src_w) + ")");
    if (int64_t{p.crop_y} + p.crop_h > p.src_h)
      return Fail("crop_size_h", "the crop [" + Num(p.crop_y) + ", " + Num(p.crop_y + p.crop_h) +
                                     ") leaves the source image (height " + Num(p.src_h) + ")");
  }
  if (p.resize) {
    const int32_t in_w = p.cropped_w(), in_h = p.cropped_h();
    if (p.resize_w < kScfSizeMin || p.resize_w > kImageSizeMax)
      return Fail("resize_output_w", Num(p.resize_w) + " is outside [16, 4096]");
    if (p.resize_h < kScfSizeMin || p.resize_h > kImageSizeMax)
      return Fail("resize_output_h", Num(p.resize_h) + " is outside [16, 4096]");
    if (in_w < kScfSizeMin || in_h < kScfSizeMin)
      return Fail(p.crop ? "crop_size_w" : "src_image_size_w",
                  "resize needs an input of at least 16 x 16, got " + Num(in_w) + " x " +
                      Num(in_h));
    if (int64_t{p.resize_w} * 16 < in_w || p.resize_w > int64_t{in_w} * 16)
      return Fail("resize_output_w", "scaling " + Num(in_w) + " to " + Num(p.resize_w) +
                                         " is outside the ratio [1/16, 16]");
    if (int64_t{p.resize_h} * 16 < in_h || p.resize_h > int64_t{in_h} * 16)
      return Fail("resize_output_h", "scaling " + Num(in_h) + " to " + Num(p.resize_h) +
                                         " is outside the ratio [1/16, 16]");
  }
  return std::nullopt;
}

std::optional<ParamError> CheckPadding(const Params& p) {
  if (!p.padding) return std::nullopt;
  const std::pair<const char*, int32_t> sizes[] = {{"top_padding_size", p.pad_top},
                                                   {"bottom_padding_size", p.pad_bottom},
                                                   {"left_padding_size", p.pad_left},
                                                   {"right_padding_size", p.pad_right}};
  for (const auto& s : sizes)
    if (s.second < 0 || s.second > kPaddingMax)
      return Fail(s.first, Num(s.second) + " is outside [0, 32]");
  return std::nullopt;
}

// The field that decides the image size entering padding (for messages).
const char* SizeField(const Params& p, bool width) {
  if (p.resize) return width ? "resize_output_w" : "resize_output_h";
  if (p.crop) return width ? "crop_size_w" : "crop_size_h";
  return width ? "src_image_size_w" : "src_image_size_h";
}

}  // namespace

const char* FormatName(InputFormat f) {
  for (const auto& info : kFormats)
    if (info.format == f) return info.name;
  return "UNDEFINED";
}

std::optional<InputFormat> FormatFromAcl(int64_t acl_value) {
  for (const auto& info : kFormats)
    if (static_cast<int64_t>(info.format) == acl_value) return info.format;
  return std::nullopt;
}

int32_t CceFromAcl(InputFormat f) {
  for (const auto& info : kFormats)
    if (info.format == f) return info.cce;
  return 0;
}

std::optional<InputFormat> AclFromCce(int32_t cce) {
  for (const auto& info : kFormats)
    if (info.cce == cce) return info.format;
  return std::nullopt;
}

bool IsYuv(InputFormat f) {
  return f == InputFormat::kYuv420sp || f == InputFormat::kYuv400 || f == InputFormat::kYuyv ||
         f == InputFormat::kYuv422sp || f == InputFormat::kAyuv444;
}

int64_t ImageBytes(InputFormat f, int64_t w, int64_t h) {
  switch (f) {
    case InputFormat::kYuv420sp: return w * h * 3 / 2;
    case InputFormat::kYuv422sp:
    case InputFormat::kYuyv: return w * h * 2;
    case InputFormat::kRgb888: return w * h * 3;
    case InputFormat::kXrgb8888:
    case InputFormat::kArgb8888:
    case InputFormat::kAyuv444: return w * h * 4;
    case InputFormat::kYuv400: return w * h;
    default: return 0;
  }
}

Shape BufferShape(InputFormat f, int64_t n, int64_t w, int64_t h) {
  switch (f) {
    case InputFormat::kYuv420sp: return {n, h * 3 / 2, w, 1};
    case InputFormat::kYuv422sp: return {n, h * 2, w, 1};
    case InputFormat::kYuyv: return {n, h, w, 2};
    case InputFormat::kRgb888: return {n, h, w, 3};
    case InputFormat::kYuv400: return {n, h, w, 1};
    default: return {n, h, w, 4};
  }
}

std::optional<ParamError> CheckParams(const Params& p, int64_t out_h, int64_t out_w,
                                      int64_t out_c) {
  if (p.format == InputFormat::kUndefined)
    return Fail("input_format", "is required (YUV420SP_U8, XRGB8888_U8, RGB888_U8, YUV400_U8, "
                                "ARGB8888_U8, YUYV_U8, YUV422SP_U8, AYUV444_U8)");
  if (out_c != 1 && out_c != 3)
    return Fail("related_input_rank", "the model input has " + Num(out_c) +
                                          " channels; AIPP feeds 1 or 3");
  if (p.format == InputFormat::kYuv400 && p.csc)
    return Fail("csc_switch", "YUV400_U8 has no colour to convert: csc_switch must be false");
  if (p.format == InputFormat::kYuv400 && out_c != 1)
    return Fail("input_format", "YUV400_U8 gives 1 channel but the model input has " +
                                    Num(out_c));
  if (out_c == 1 && !IsYuv(p.format) && !p.csc)
    return Fail("csc_switch", std::string("a 1-channel model input fed ") + FormatName(p.format) +
                                  " needs csc_switch: true (colour -> Y)");
  if (p.src_w < 2 || p.src_w > kImageSizeMax)
    return Fail("src_image_size_w", Num(p.src_w) + " is outside [2, 4096]");
  if (p.src_h < 1 || p.src_h > kImageSizeMax)
    return Fail("src_image_size_h", Num(p.src_h) + " is outside [1, 4096]");
  if (auto e = CheckEven(p)) return e;
  if (auto e = CheckCropAndResize(p)) return e;
  if (auto e = CheckPadding(p)) return e;
  if (auto e = CheckRanges(p)) return e;
  int64_t w = p.resized_w() + (p.padding ? p.pad_left + p.pad_right : 0);
  int64_t h = p.resized_h() + (p.padding ? p.pad_top + p.pad_bottom : 0);
  if (w != out_w)
    return Fail(SizeField(p, true),
                "the pre-processed image is " + Num(w) + " wide (" + Num(p.resized_w()) +
                    (p.padding ? " + padding " + Num(p.pad_left + p.pad_right) : "") +
                    ") but the model input is " + Num(out_w) + " wide");
  if (h != out_h)
    return Fail(SizeField(p, false),
                "the pre-processed image is " + Num(h) + " high (" + Num(p.resized_h()) +
                    (p.padding ? " + padding " + Num(p.pad_top + p.pad_bottom) : "") +
                    ") but the model input is " + Num(out_h) + " high");
  return std::nullopt;
}

void ToAttrs(const Params& p, AttrMap* a) {
  auto ints = [](std::initializer_list<int64_t> v) { return Attribute::Ints(v); };
  a->set("input_format", Attribute::Int(static_cast<int64_t>(p.format)));
  a->set("src_image_size", ints({p.src_w, p.src_h}));
  a->set("switches", ints({p.csc, p.rbuv_swap, p.ax_swap}));
  a->set("matrix", Attribute::Ints(std::vector<int64_t>(p.matrix, p.matrix + 9)));
  a->set("output_bias", Attribute::Ints(std::vector<int64_t>(p.out_bias, p.out_bias + 3)));
  a->set("input_bias", Attribute::Ints(std::vector<int64_t>(p.in_bias, p.in_bias + 3)));
  a->set("crop", ints({p.crop, p.crop_x, p.crop_y, p.crop_w, p.crop_h}));
  a->set("resize", ints({p.resize, p.resize_w, p.resize_h}));
  a->set("padding", ints({p.padding, p.pad_top, p.pad_bottom, p.pad_left, p.pad_right}));
  a->set("padding_value", Attribute::Float(p.pad_value));
  a->set("mean", Attribute::Floats(std::vector<float>(p.mean, p.mean + 4)));
  a->set("min", Attribute::Floats(std::vector<float>(p.min, p.min + 4)));
  a->set("var_reci", Attribute::Floats(std::vector<float>(p.var_reci, p.var_reci + 4)));
}

Result<Params> FromAttrs(const AttrMap& a) {
  auto ints = [&](const char* name, size_t n) -> Result<std::vector<int64_t>> {
    std::vector<int64_t> v = a.get_ints(name);
    if (v.size() != n)
      return InvalidParam(std::string("AIPP attribute '") + name + "' needs " +
                          std::to_string(n) + " values, has " + std::to_string(v.size()));
    return v;
  };
  auto floats = [&](const char* name) -> Result<std::vector<float>> {
    std::vector<float> v = a.get_floats(name);
    if (v.size() != 4)
      return InvalidParam(std::string("AIPP attribute '") + name + "' needs 4 values");
    return v;
  };
  Params p;
  auto format = FormatFromAcl(a.get_int("input_format", 0));
  if (!format) return InvalidParam("AIPP attribute 'input_format' is not a supported format");
  p.format = *format;
  ASSIGN_OR_RETURN(auto src, ints("src_image_size", 2));
  ASSIGN_OR_RETURN(auto sw, ints("switches", 3));
  ASSIGN_OR_RETURN(auto m, ints("matrix", 9));
  ASSIGN_OR_RETURN(auto ob, ints("output_bias", 3));
  ASSIGN_OR_RETURN(auto ib, ints("input_bias", 3));
  ASSIGN_OR_RETURN(auto crop, ints("crop", 5));
  ASSIGN_OR_RETURN(auto resize, ints("resize", 3));
  ASSIGN_OR_RETURN(auto pad, ints("padding", 5));
  ASSIGN_OR_RETURN(auto mean, floats("mean"));
  ASSIGN_OR_RETURN(auto mn, floats("min"));
  ASSIGN_OR_RETURN(auto vr, floats("var_reci"));
  p.src_w = static_cast<int32_t>(src[0]);
  p.src_h = static_cast<int32_t>(src[1]);
  p.csc = sw[0] != 0;
  p.rbuv_swap = sw[1] != 0;
  p.ax_swap = sw[2] != 0;
  for (int i = 0; i < 9; ++i) p.matrix[i] = static_cast<int32_t>(m[i]);
  for (int i = 0; i < 3; ++i) {
    p.out_bias[i] = static_cast<int32_t>(ob[i]);
    p.in_bias[i] = static_cast<int32_t>(ib[i]);
  }
  p.crop = crop[0] != 0;
  p.crop_x = static_cast<int32_t>(crop[1]);
  p.crop_y = static_cast<int32_t>(crop[2]);
  p.crop_w = static_cast<int32_t>(crop[3]);
  p.crop_h = static_cast<int32_t>(crop[4]);
  p.resize = resize[0] != 0;
  p.resize_w = static_cast<int32_t>(resize[1]);
  p.resize_h = static_cast<int32_t>(resize[2]);
  p.padding = pad[0] != 0;
  p.pad_top = static_cast<int32_t>(pad[1]);
  p.pad_bottom = static_cast<int32_t>(pad[2]);
  p.pad_left = static_cast<int32_t>(pad[3]);
  p.pad_right = static_cast<int32_t>(pad[4]);
  p.pad_value = a.get_float("padding_value", 0.0f);
  for (int i = 0; i < 4; ++i) {
    p.mean[i] = mean[i];
    p.min[i] = mn[i];
    p.var_reci[i] = vr[i];
  }
  return p;
}

Result<Params> DecodeDynamic(const uint8_t* data, size_t size, int64_t batch_index) {
  if (!data || size < DynamicDataSize(static_cast<uint64_t>(batch_index) + 1))
    return InvalidParam("the dynamic AIPP parameter input holds " + std::to_string(size) +
                        " bytes; image " + std::to_string(batch_index) + " needs " +
                        std::to_string(DynamicDataSize(batch_index + 1)) +
                        " (aclmdlGetAippDataSize)");
  DynamicHeader h;
  DynamicBatch b;
  std::memcpy(&h, data, sizeof(h));
  std::memcpy(&b, data + sizeof(h) + sizeof(b) * static_cast<size_t>(batch_index), sizeof(b));
  auto format = AclFromCce(h.input_format);
  if (!format)
    return InvalidParam(h.input_format == 0
                            ? std::string("the dynamic AIPP parameters were never set: call "
                                          "aclmdlSetInputAIPP (or aclmdlSetAIPPByInputIndex) "
                                          "with an input format before executing")
                            : "the dynamic AIPP parameters name an unknown input format (code " +
                                  std::to_string(h.input_format) + ")");
  if (batch_index >= h.batch_num)
    return InvalidParam("the dynamic AIPP parameters were made for " +
                        std::to_string(h.batch_num) + " images (aclmdlCreateAIPP) but image " +
                        std::to_string(batch_index) + " is being processed");
  Params p;
  p.format = *format;
  p.src_w = h.src_image_size_w;
  p.src_h = h.src_image_size_h;
  p.csc = h.csc_switch != 0;
  p.rbuv_swap = h.rbuv_swap_switch != 0;
  p.ax_swap = h.ax_swap_switch != 0;
  for (int i = 0; i < 9; ++i) p.matrix[i] = h.csc_matrix[i];
  for (int i = 0; i < 3; ++i) {
    p.out_bias[i] = h.csc_output_bias[i];
    p.in_bias[i] = h.csc_input_bias[i];
  }
  p.crop = b.crop_switch != 0;
  p.crop_x = b.crop_start_pos_w;
  p.crop_y = b.crop_start_pos_h;
  p.crop_w = b.crop_size_w;
  p.crop_h = b.crop_size_h;
  p.resize = b.scf_switch != 0;
  p.resize_w = b.scf_output_size_w;
  p.resize_h = b.scf_output_size_h;
  p.padding = b.padding_switch != 0;
  p.pad_top = b.padding_size_top;
  p.pad_bottom = b.padding_size_bottom;
  p.pad_left = b.padding_size_left;
  p.pad_right = b.padding_size_right;
  for (int i = 0; i < 4; ++i) {
    p.mean[i] = b.dtc_pixel_mean[i];
    p.min[i] = HalfToFloat(b.dtc_pixel_min[i]);
    p.var_reci[i] = HalfToFloat(b.dtc_pixel_var_reci[i]);
  }
  return p;
}

void EncodeDynamic(const Params& p, DynamicHeader* h, DynamicBatch* b) {
  h->input_format = static_cast<uint8_t>(CceFromAcl(p.format));
  h->csc_switch = p.csc;
  h->rbuv_swap_switch = p.rbuv_swap;
  h->ax_swap_switch = p.ax_swap;
  h->src_image_size_w = p.src_w;
  h->src_image_size_h = p.src_h;
  for (int i = 0; i < 9; ++i) h->csc_matrix[i] = static_cast<int16_t>(p.matrix[i]);
  for (int i = 0; i < 3; ++i) {
    h->csc_output_bias[i] = static_cast<uint8_t>(p.out_bias[i]);
    h->csc_input_bias[i] = static_cast<uint8_t>(p.in_bias[i]);
  }
  b->crop_switch = p.crop;
  b->crop_start_pos_w = p.crop_x;
  b->crop_start_pos_h = p.crop_y;
  b->crop_size_w = p.crop_w;
  b->crop_size_h = p.crop_h;
  b->scf_switch = p.resize;
  b->scf_input_size_w = p.cropped_w();
  b->scf_input_size_h = p.cropped_h();
  b->scf_output_size_w = p.resize_w;
  b->scf_output_size_h = p.resize_h;
  b->padding_switch = p.padding;
  b->padding_size_top = p.pad_top;
  b->padding_size_bottom = p.pad_bottom;
  b->padding_size_left = p.pad_left;
  b->padding_size_right = p.pad_right;
  for (int i = 0; i < 4; ++i) {
    b->dtc_pixel_mean[i] = static_cast<int16_t>(p.mean[i]);
    b->dtc_pixel_min[i] = FloatToHalf(p.min[i]);
    b->dtc_pixel_var_reci[i] = FloatToHalf(p.var_reci[i]);
  }
}

Result<NodeGeometry> ReadNode(const Node& node) {
  NodeGeometry g;
  const Value* in = node.input(0);
  const Value* out = node.output(0);
  if (!in || !in->has_shape || in->dtype != DType::kUInt8)
    return InvalidParam(node.Describe() + ": input 0 must be uint8 images");
  std::string mode = node.attrs.get_string("aipp_mode", "static");
  if (mode != "static" && mode != "dynamic")
    return InvalidParam(node.Describe() + ": aipp_mode '" + mode + "' is not static or dynamic");
  g.dynamic = mode == "dynamic";
  std::vector<int64_t> chw = node.attrs.get_ints("output_chw");
  if (chw.size() != 3 || chw[0] < 1 || chw[1] < 1 || chw[2] < 1)
    return InvalidParam(node.Describe() + ": output_chw must be 3 positive dims");
  g.channels = chw[0];
  g.height = chw[1];
  g.width = chw[2];
  std::string layout = node.attrs.get_string("output_layout", "NCHW");
  if (layout != "NCHW" && layout != "NHWC")
    return InvalidParam(node.Describe() + ": output_layout '" + layout + "' is not NCHW or NHWC");
  g.nhwc = layout == "NHWC";
  g.out_dtype = static_cast<DType>(node.attrs.get_int("output_dtype", 1));
  if (g.out_dtype != DType::kFloat32 && g.out_dtype != DType::kFloat16)
    return InvalidParam(node.Describe() + ": AIPP writes float32 or float16, not " +
                        DTypeName(g.out_dtype));
  const Shape& s = in->shape;
  g.batch = s.empty() ? 0 : s[0];
  if (g.dynamic) {
    int64_t max_size = node.attrs.get_int("max_src_image_size", 0);
    if (s.size() != 2 || s[1] != max_size || max_size <= 0)
      return InvalidParam(node.Describe() + ": dynamic AIPP input must be [N, " +
                          std::to_string(max_size) + "], got " + ShapeToString(s));
    if (node.inputs.size() < 2 || !node.input(1))
      return InvalidParam(node.Describe() + ": dynamic AIPP needs the parameter input");
    g.image_stride = max_size;
    return g;
  }
  ASSIGN_OR_RETURN(g.static_params, FromAttrs(node.attrs));
  const Params& p = g.static_params;
  if (auto e = CheckParams(p, g.height, g.width, g.channels))
    return InvalidParam(node.Describe() + ": " + e->field + ": " + e->message);
  if (s != BufferShape(p.format, g.batch, p.src_w, p.src_h))
    return InvalidParam(node.Describe() + ": input shape " + ShapeToString(s) + " is not the " +
                        FormatName(p.format) + " buffer of a " + std::to_string(p.src_w) + " x " +
                        std::to_string(p.src_h) + " image");
  g.image_stride = ImageBytes(p.format, p.src_w, p.src_h);
  (void)out;
  return g;
}

Result<Params> ImageParams(const NodeGeometry& g, const uint8_t* params, size_t params_size,
                           int64_t n) {
  if (!g.dynamic) return g.static_params;
  ASSIGN_OR_RETURN(Params p, DecodeDynamic(params, params_size, n));
  if (auto e = CheckParams(p, g.height, g.width, g.channels))
    return InvalidParam("dynamic AIPP parameters of image " + std::to_string(n) + ": " + e->field +
                        ": " + e->message);
  int64_t bytes = ImageBytes(p.format, p.src_w, p.src_h);
  if (bytes > g.image_stride)
    return InvalidParam("dynamic AIPP: a " + std::to_string(p.src_w) + " x " +
                        std::to_string(p.src_h) + " " + FormatName(p.format) + " image is " +
                        std::to_string(bytes) + " bytes, more than max_src_image_size " +
                        std::to_string(g.image_stride));
  return p;
}

}  // namespace aipp
}  // namespace openacl
