// AIPP (AI pre-processing): the parameters of one image's pre-processing, shared by the Aipp op
// (ops/aipp.cc), its fast kernel, the compiler step that inserts it (atc --insert_op_conf) and the
// dynamic-AIPP C API. Also the byte layout of the dynamic-AIPP parameter input
// (ascend_dynamic_aipp_data) as AscendCL defines it: a 64-byte header followed by one 96-byte
// record per batch image; aclmdlGetAippDataSize(batch) = 64 + 96 * batch.
//
// What one image goes through (docs/aipp.md has the formulas):
//   read pixel in the source format (+ rbuv / ax swaps) -> crop -> CSC (integer matrix, >> 8)
//   -> resize (bilinear) -> (x - mean - min) * var_reci -> padding -> float NCHW / NHWC.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "base/status.h"
#include "ir/attribute.h"
#include "ir/graph.h"
#include "ir/tensor.h"

namespace openacl {
namespace aipp {

// Values of aclAippInputFormat.
enum class InputFormat : int32_t {
  kUndefined = 0,
  kYuv420sp = 1,  // NV12: Y plane, then interleaved U,V plane at half height
  kXrgb8888 = 2,
  kRgb888 = 3,
  kYuv400 = 4,    // Y only (grey)
  kArgb8888 = 7,
  kYuyv = 8,      // packed Y0 U Y1 V
  kYuv422sp = 9,  // Y plane, then interleaved U,V plane at full height
  kAyuv444 = 10,
};

const char* FormatName(InputFormat f);
// nullopt for a value that is not one of the supported formats above.
std::optional<InputFormat> FormatFromAcl(int64_t acl_value);
bool IsYuv(InputFormat f);
// Bytes of one w x h image in format f; the buffer shape AscendCL reports for it
// (aclmdlGetInputDimsV2): YUV420SP [n, h*3/2, w, 1], YUV422SP [n, h*2, w, 1], YUYV [n, h, w, 2],
// RGB888 [n, h, w, 3], XRGB/ARGB/AYUV [n, h, w, 4], YUV400 [n, h, w, 1].
int64_t ImageBytes(InputFormat f, int64_t w, int64_t h);
Shape BufferShape(InputFormat f, int64_t n, int64_t w, int64_t h);

struct Params {
  InputFormat format = InputFormat::kUndefined;
  int32_t src_w = 0, src_h = 0;
  bool csc = false, rbuv_swap = false, ax_swap = false;
  int32_t matrix[9] = {0};  // row-major r0c0 .. r2c2
  int32_t out_bias[3] = {0};
  int32_t in_bias[3] = {0};
  bool crop = false;
  int32_t crop_x = 0, crop_y = 0, crop_w = 0, crop_h = 0;  // load_start_pos_w/h, crop_size_w/h
  bool resize = false;
  int32_t resize_w = 0, resize_h = 0;
  bool padding = false;
  int32_t pad_top = 0, pad_bottom = 0, pad_left = 0, pad_right = 0;
  float pad_value = 0.0f;
  float mean[4] = {0, 0, 0, 0};
  float min[4] = {0, 0, 0, 0};
  float var_reci[4] = {1, 1, 1, 1};

  // Size of the image entering resize / padding.
  int32_t cropped_w() const { return crop ? crop_w : src_w; }
  int32_t cropped_h() const { return crop ? crop_h : src_h; }
  int32_t resized_w() const { return resize ? resize_w : cropped_w(); }
  int32_t resized_h() const { return resize ? resize_h : cropped_h(); }
};

// A violated rule: `field` is the config-file / API parameter at fault ("crop_size_w").
struct ParamError {
  std::string field;
  std::string message;
};

// Checks one image's parameters against the model input they feed (out_h x out_w, out_c
// channels): formats, even sizes for subsampled YUV, crop inside the source, resize ratio,
// padding sizes, the chain's result equal to the model input's H x W, channel counts, ranges.
std::optional<ParamError> CheckParams(const Params& p, int64_t out_h, int64_t out_w,
                                      int64_t out_c);

// The Aipp node's attributes <-> Params (static AIPP keeps everything in attributes).
void ToAttrs(const Params& p, AttrMap* attrs);
Result<Params> FromAttrs(const AttrMap& attrs);

// ---- dynamic AIPP parameter buffer (little-endian, packed) ----
#pragma pack(push, 1)
struct DynamicHeader {
  uint8_t input_format;  // CCE code (see CceFromAcl), not the aclAippInputFormat value
  int8_t csc_switch;
  int8_t rbuv_swap_switch;
  int8_t ax_swap_switch;
  int8_t batch_num;
  int8_t reserve1[3];
  int32_t src_image_size_w;
  int32_t src_image_size_h;
  int16_t csc_matrix[9];
  int16_t reserve2[3];
  uint8_t csc_output_bias[3];
  uint8_t csc_input_bias[3];
  uint8_t reserve3[2];
  int8_t reserve4[16];
};
struct DynamicBatch {
  int8_t crop_switch;
  int8_t scf_switch;
  int8_t padding_switch;
  int8_t rotate_switch;
  int8_t reserve[4];
  int32_t crop_start_pos_w;
  int32_t crop_start_pos_h;
  int32_t crop_size_w;
  int32_t crop_size_h;
  int32_t scf_input_size_w;
  int32_t scf_input_size_h;
  int32_t scf_output_size_w;
  int32_t scf_output_size_h;
  int32_t padding_size_top;
  int32_t padding_size_bottom;
  int32_t padding_size_left;
  int32_t padding_size_right;
  int16_t dtc_pixel_mean[4];
  uint16_t dtc_pixel_min[4];       // float16 bits
  uint16_t dtc_pixel_var_reci[4];  // float16 bits
  int8_t reserve1[16];
};
#pragma pack(pop)
static_assert(sizeof(DynamicHeader) == 64, "dynamic AIPP header is 64 bytes");
static_assert(sizeof(DynamicBatch) == 96, "dynamic AIPP batch record is 96 bytes");

constexpr const char* kDynamicInputName = "ascend_dynamic_aipp_data";
inline size_t DynamicDataSize(uint64_t batch) {
  return sizeof(DynamicHeader) + sizeof(DynamicBatch) * static_cast<size_t>(batch);
}
// The hardware's (CCE) format codes stored in DynamicHeader::input_format.
int32_t CceFromAcl(InputFormat f);
std::optional<InputFormat> AclFromCce(int32_t cce);

// Parameters of image `batch_index` from a dynamic buffer of `size` bytes. A buffer never
// filled by aclmdlSetInputAIPP (format 0) or too small is an error naming the problem.
Result<Params> DecodeDynamic(const uint8_t* data, size_t size, int64_t batch_index);
// Fills the record fields of `p` into header / batch (inverse of DecodeDynamic).
void EncodeDynamic(const Params& p, DynamicHeader* header, DynamicBatch* batch);

// ---- the Aipp node (ops/aipp.cc): attributes aipp_mode ("static" | "dynamic"),
// output_chw [C, H, W], output_layout ("NCHW" | "NHWC"), output_dtype (DType value), the Params
// attributes (static) or max_src_image_size (dynamic). Input 0: uint8 images, BufferShape(...)
// (static) or [N, max_src_image_size] (dynamic); input 1 (dynamic): the parameter buffer.
struct NodeGeometry {
  bool dynamic = false;
  Params static_params;
  int64_t batch = 0, channels = 0, height = 0, width = 0;
  bool nhwc = false;
  DType out_dtype = DType::kFloat32;
  int64_t image_stride = 0;  // bytes per image in input 0
};
Result<NodeGeometry> ReadNode(const Node& node);
// Parameters of image n for this run: the attributes (static) or the dynamic buffer `params`
// decoded and checked against the model input (an error names the parameter at fault).
Result<Params> ImageParams(const NodeGeometry& g, const uint8_t* params, size_t params_size,
                           int64_t n);

}  // namespace aipp
}  // namespace openacl
