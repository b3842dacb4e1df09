// acl.media: DVPP image processing (dvpp-api.md §6) over libacl_dvpp.so. pyACL conventions:
// handles and pointers are ints, out-parameters come back as (value..., ret) tuples, every
// stream call releases the GIL. The constants apps define in their own constants.py are
// exported too.
#define ENABLE_DVPP_INTERFACE
#include "acl/ops/acl_dvpp.h"

#include <string>
#include <tuple>
#include <vector>

#include "py_convert.h"

namespace openacl_py {
namespace {

constexpr size_t kMaxBatchList = 256;

template <typename D, typename V, typename F>
void DefSetter(py::module_& m, const char* name, F fn) {
  m.def(name, [fn](Addr d, V v) { return fn(ToPtr<D>(d), v); }, py::arg("desc"), py::arg("value"));
}
template <typename D, typename F>
void DefGetter(py::module_& m, const char* name, F fn) {
  m.def(name, [fn](Addr d) { return fn(ToPtr<D>(d)); }, py::arg("desc"));
}
template <typename D, typename F>
void DefDestroy(py::module_& m, const char* name, F fn) {
  m.def(name, [fn](Addr d) { return fn(ToPtr<D>(d)); }, py::arg("desc"));
}

std::vector<acldvppRoiConfig*> RoiList(const py::handle& obj, const char* what) {
  std::vector<acldvppRoiConfig*> v = ToPtrVector<acldvppRoiConfig>(obj, what);
  if (v.empty() || v.size() > kMaxBatchList) {
    throw py::value_error(std::string(what) + " must hold 1..256 entries, got " + std::to_string(v.size()));
  }
  return v;
}

std::vector<uint32_t> RoiNums(const py::handle& obj) {
  std::vector<int64_t> raw = ToInt64Vector(obj, "roi_num_list");
  if (raw.empty() || raw.size() > kMaxBatchList) {
    throw py::value_error("roi_num_list must hold 1..256 entries, got " + std::to_string(raw.size()));
  }
  std::vector<uint32_t> out;
  for (int64_t n : raw) {
    if (n < 0 || n > static_cast<int64_t>(kMaxBatchList)) {
      throw py::value_error("roi_num_list entry " + std::to_string(n) + " is outside 0..256");
    }
    out.push_back(static_cast<uint32_t>(n));
  }
  return out;
}

void BindConstants(py::module_& m) {
  const std::pair<const char*, int> kConstants[] = {
      {"PIXEL_FORMAT_YUV_400", PIXEL_FORMAT_YUV_400},
      {"PIXEL_FORMAT_YUV_SEMIPLANAR_420", PIXEL_FORMAT_YUV_SEMIPLANAR_420},
      {"PIXEL_FORMAT_YVU_SEMIPLANAR_420", PIXEL_FORMAT_YVU_SEMIPLANAR_420},
      {"PIXEL_FORMAT_YUV_SEMIPLANAR_422", PIXEL_FORMAT_YUV_SEMIPLANAR_422},
      {"PIXEL_FORMAT_YVU_SEMIPLANAR_422", PIXEL_FORMAT_YVU_SEMIPLANAR_422},
      {"PIXEL_FORMAT_YUV_SEMIPLANAR_444", PIXEL_FORMAT_YUV_SEMIPLANAR_444},
      {"PIXEL_FORMAT_YVU_SEMIPLANAR_444", PIXEL_FORMAT_YVU_SEMIPLANAR_444},
      {"PIXEL_FORMAT_YUYV_PACKED_422", PIXEL_FORMAT_YUYV_PACKED_422},
      {"PIXEL_FORMAT_UYVY_PACKED_422", PIXEL_FORMAT_UYVY_PACKED_422},
      {"PIXEL_FORMAT_YVYU_PACKED_422", PIXEL_FORMAT_YVYU_PACKED_422},
      {"PIXEL_FORMAT_VYUY_PACKED_422", PIXEL_FORMAT_VYUY_PACKED_422},
      {"PIXEL_FORMAT_YUV_PACKED_444", PIXEL_FORMAT_YUV_PACKED_444},
      {"PIXEL_FORMAT_RGB_888", PIXEL_FORMAT_RGB_888},
      {"PIXEL_FORMAT_BGR_888", PIXEL_FORMAT_BGR_888},
      {"PIXEL_FORMAT_ARGB_8888", PIXEL_FORMAT_ARGB_8888},
      {"PIXEL_FORMAT_ABGR_8888", PIXEL_FORMAT_ABGR_8888},
      {"PIXEL_FORMAT_RGBA_8888", PIXEL_FORMAT_RGBA_8888},
      {"PIXEL_FORMAT_BGRA_8888", PIXEL_FORMAT_BGRA_8888},
      {"PIXEL_FORMAT_YUV_SEMIPLANAR_440", PIXEL_FORMAT_YUV_SEMIPLANAR_440},
      {"PIXEL_FORMAT_YVU_SEMIPLANAR_440", PIXEL_FORMAT_YVU_SEMIPLANAR_440},
      {"PIXEL_FORMAT_UNKNOWN", PIXEL_FORMAT_UNKNOWN},
      {"H265_MAIN_LEVEL", H265_MAIN_LEVEL},
      {"H264_BASELINE_LEVEL", H264_BASELINE_LEVEL},
      {"H264_MAIN_LEVEL", H264_MAIN_LEVEL},
      {"H264_HIGH_LEVEL", H264_HIGH_LEVEL},
      {"DVPP_CHNMODE_VPC", DVPP_CHNMODE_VPC},
      {"DVPP_CHNMODE_JPEGD", DVPP_CHNMODE_JPEGD},
      {"DVPP_CHNMODE_JPEGE", DVPP_CHNMODE_JPEGE},
      {"DVPP_CHNMODE_PNGD", DVPP_CHNMODE_PNGD},
      {"ACL_JPEG_CSS_444", ACL_JPEG_CSS_444},
      {"ACL_JPEG_CSS_422", ACL_JPEG_CSS_422},
      {"ACL_JPEG_CSS_420", ACL_JPEG_CSS_420},
      {"ACL_JPEG_CSS_GRAY", ACL_JPEG_CSS_GRAY},
      {"ACL_JPEG_CSS_440", ACL_JPEG_CSS_440},
      {"ACL_JPEG_CSS_411", ACL_JPEG_CSS_411},
      {"ACL_JPEG_CSS_UNKNOWN", ACL_JPEG_CSS_UNKNOWN},
      {"BORDER_CONSTANT", BORDER_CONSTANT},
      {"BORDER_REPLICATE", BORDER_REPLICATE},
      {"BORDER_REFLECT", BORDER_REFLECT},
      {"BORDER_REFLECT_101", BORDER_REFLECT_101},
      {"ACL_DVPP_CSC_MATRIX_UINT32", ACL_DVPP_CSC_MATRIX_UINT32},
      {"ACL_DVPP_CSC_MATRIX_BT601_WIDE", ACL_DVPP_CSC_MATRIX_BT601_WIDE},
      {"ACL_DVPP_CSC_MATRIX_BT601_NARROW", ACL_DVPP_CSC_MATRIX_BT601_NARROW},
      {"ACL_DVPP_CSC_MATRIX_BT709_WIDE", ACL_DVPP_CSC_MATRIX_BT709_WIDE},
      {"ACL_DVPP_CSC_MATRIX_BT709_NARROW", ACL_DVPP_CSC_MATRIX_BT709_NARROW},
      {"ACL_DVPP_CSC_MATRIX_BT2020_WIDE", ACL_DVPP_CSC_MATRIX_BT2020_WIDE},
      {"ACL_DVPP_CSC_MATRIX_BT2020_NARROW", ACL_DVPP_CSC_MATRIX_BT2020_NARROW},
  };
  for (const auto& [name, value] : kConstants) m.attr(name) = value;
}

void BindMemoryAndChannel(py::module_& m) {
  m.def(
      "dvpp_malloc",
      [](size_t size) {
        void* p = nullptr;
        aclError ret = acldvppMalloc(&p, size);
        return std::make_tuple(ToAddr(p), ret);
      },
      py::arg("size"));
  m.def("dvpp_free", [](Addr p) { return NoGil([&] { return acldvppFree(ToPtr<void>(p)); }); }, py::arg("dev_ptr"));
  m.def("dvpp_create_channel_desc", [] { return ToAddr(acldvppCreateChannelDesc()); });
  DefDestroy<acldvppChannelDesc>(m, "dvpp_destroy_channel_desc", &acldvppDestroyChannelDesc);
  DefGetter<const acldvppChannelDesc>(m, "dvpp_get_channel_desc_channel_id", &acldvppGetChannelDescChannelId);
  DefSetter<acldvppChannelDesc, uint32_t>(m, "dvpp_set_channel_desc_mode", &acldvppSetChannelDescMode);
  m.def("dvpp_create_channel", [](Addr d) { return acldvppCreateChannel(ToPtr<acldvppChannelDesc>(d)); },
        py::arg("channel_desc"));
  m.def("dvpp_destroy_channel",
        [](Addr d) { return NoGil([&] { return acldvppDestroyChannel(ToPtr<acldvppChannelDesc>(d)); }); },
        py::arg("channel_desc"));
  m.def(
      "dvpp_set_channel_desc_param",
      [](Addr d, int type, uint32_t value) {
        aclError ret = acldvppSetChannelDescParam(ToPtr<acldvppChannelDesc>(d),
                                                  static_cast<acldvppChannelDescParamType>(type), sizeof(value), &value);
        return std::make_tuple(d, ret);
      },
      py::arg("channel_desc"), py::arg("param_type"), py::arg("value"));
  m.def(
      "dvpp_get_channel_desc_param",
      [](Addr d, int type) {
        uint32_t value = 0;
        size_t ret_size = 0;
        aclError ret = acldvppGetChannelDescParam(ToPtr<acldvppChannelDesc>(d),
                                                  static_cast<acldvppChannelDescParamType>(type), sizeof(value),
                                                  &ret_size, &value);
        return std::make_tuple(ret_size, value, ret);
      },
      py::arg("channel_desc"), py::arg("param_type"));
}

void BindPicDesc(py::module_& m) {
  m.def("dvpp_create_pic_desc", [] { return ToAddr(acldvppCreatePicDesc()); });
  DefDestroy<acldvppPicDesc>(m, "dvpp_destroy_pic_desc", &acldvppDestroyPicDesc);
  m.def("dvpp_set_pic_desc_data",
        [](Addr d, Addr data) { return acldvppSetPicDescData(ToPtr<acldvppPicDesc>(d), ToPtr<void>(data)); },
        py::arg("pic_desc"), py::arg("data"));
  DefSetter<acldvppPicDesc, uint32_t>(m, "dvpp_set_pic_desc_size", &acldvppSetPicDescSize);
  m.def("dvpp_set_pic_desc_format",
        [](Addr d, int f) { return acldvppSetPicDescFormat(ToPtr<acldvppPicDesc>(d), static_cast<acldvppPixelFormat>(f)); },
        py::arg("pic_desc"), py::arg("format"));
  DefSetter<acldvppPicDesc, uint32_t>(m, "dvpp_set_pic_desc_width", &acldvppSetPicDescWidth);
  DefSetter<acldvppPicDesc, uint32_t>(m, "dvpp_set_pic_desc_height", &acldvppSetPicDescHeight);
  DefSetter<acldvppPicDesc, uint32_t>(m, "dvpp_set_pic_desc_width_stride", &acldvppSetPicDescWidthStride);
  DefSetter<acldvppPicDesc, uint32_t>(m, "dvpp_set_pic_desc_height_stride", &acldvppSetPicDescHeightStride);
  DefSetter<acldvppPicDesc, uint32_t>(m, "dvpp_set_pic_desc_ret_code", &acldvppSetPicDescRetCode);
  m.def("dvpp_get_pic_desc_data", [](Addr d) { return ToAddr(acldvppGetPicDescData(ToPtr<acldvppPicDesc>(d))); },
        py::arg("pic_desc"));
  DefGetter<const acldvppPicDesc>(m, "dvpp_get_pic_desc_size", &acldvppGetPicDescSize);
  m.def("dvpp_get_pic_desc_format",
        [](Addr d) { return static_cast<int>(acldvppGetPicDescFormat(ToPtr<acldvppPicDesc>(d))); }, py::arg("pic_desc"));
  DefGetter<const acldvppPicDesc>(m, "dvpp_get_pic_desc_width", &acldvppGetPicDescWidth);
  DefGetter<const acldvppPicDesc>(m, "dvpp_get_pic_desc_height", &acldvppGetPicDescHeight);
  DefGetter<const acldvppPicDesc>(m, "dvpp_get_pic_desc_width_stride", &acldvppGetPicDescWidthStride);
  DefGetter<const acldvppPicDesc>(m, "dvpp_get_pic_desc_height_stride", &acldvppGetPicDescHeightStride);
  DefGetter<const acldvppPicDesc>(m, "dvpp_get_pic_desc_ret_code", &acldvppGetPicDescRetCode);
  m.def("dvpp_create_batch_pic_desc", [](uint32_t n) { return ToAddr(acldvppCreateBatchPicDesc(n)); },
        py::arg("batch_size"));
  m.def("dvpp_get_pic_desc",
        [](Addr b, uint32_t i) { return ToAddr(acldvppGetPicDesc(ToPtr<acldvppBatchPicDesc>(b), i)); },
        py::arg("batch_pic_desc"), py::arg("index"));
  DefDestroy<acldvppBatchPicDesc>(m, "dvpp_destroy_batch_pic_desc", &acldvppDestroyBatchPicDesc);
}

void BindConfigs(py::module_& m) {
  m.def("dvpp_create_roi_config",
        [](uint32_t l, uint32_t r, uint32_t t, uint32_t b) { return ToAddr(acldvppCreateRoiConfig(l, r, t, b)); },
        py::arg("left"), py::arg("right"), py::arg("top"), py::arg("bottom"));
  DefDestroy<acldvppRoiConfig>(m, "dvpp_destroy_roi_config", &acldvppDestroyRoiConfig);
  m.def("dvpp_set_roi_config",
        [](Addr c, uint32_t l, uint32_t r, uint32_t t, uint32_t b) {
          return acldvppSetRoiConfig(ToPtr<acldvppRoiConfig>(c), l, r, t, b);
        },
        py::arg("config"), py::arg("left"), py::arg("right"), py::arg("top"), py::arg("bottom"));
  DefSetter<acldvppRoiConfig, uint32_t>(m, "dvpp_set_roi_config_left", &acldvppSetRoiConfigLeft);
  DefSetter<acldvppRoiConfig, uint32_t>(m, "dvpp_set_roi_config_right", &acldvppSetRoiConfigRight);
  DefSetter<acldvppRoiConfig, uint32_t>(m, "dvpp_set_roi_config_top", &acldvppSetRoiConfigTop);
  DefSetter<acldvppRoiConfig, uint32_t>(m, "dvpp_set_roi_config_bottom", &acldvppSetRoiConfigBottom);
  m.def("dvpp_create_resize_config", [] { return ToAddr(acldvppCreateResizeConfig()); });
  DefDestroy<acldvppResizeConfig>(m, "dvpp_destroy_resize_config", &acldvppDestroyResizeConfig);
  DefSetter<acldvppResizeConfig, uint32_t>(m, "dvpp_set_resize_config_interpolation",
                                           &acldvppSetResizeConfigInterpolation);
  DefGetter<const acldvppResizeConfig>(m, "dvpp_get_resize_config_interpolation",
                                       &acldvppGetResizeConfigInterpolation);
  m.def("dvpp_create_jpege_config", [] { return ToAddr(acldvppCreateJpegeConfig()); });
  DefDestroy<acldvppJpegeConfig>(m, "dvpp_destroy_jpege_config", &acldvppDestroyJpegeConfig);
  DefSetter<acldvppJpegeConfig, uint32_t>(m, "dvpp_set_jpege_config_level", &acldvppSetJpegeConfigLevel);
  DefGetter<const acldvppJpegeConfig>(m, "dvpp_get_jpege_config_level", &acldvppGetJpegeConfigLevel);
  m.def("dvpp_create_stream_desc", [] { return ToAddr(acldvppCreateStreamDesc()); });
  DefDestroy<acldvppStreamDesc>(m, "dvpp_destroy_stream_desc", &acldvppDestroyStreamDesc);
  m.def("dvpp_set_stream_desc_data",
        [](Addr d, Addr p) { return acldvppSetStreamDescData(ToPtr<acldvppStreamDesc>(d), ToPtr<void>(p)); },
        py::arg("stream_desc"), py::arg("data"));
  DefSetter<acldvppStreamDesc, uint32_t>(m, "dvpp_set_stream_desc_size", &acldvppSetStreamDescSize);
  m.def("dvpp_set_stream_desc_format",
        [](Addr d, int f) {
          return acldvppSetStreamDescFormat(ToPtr<acldvppStreamDesc>(d), static_cast<acldvppStreamFormat>(f));
        },
        py::arg("stream_desc"), py::arg("format"));
  DefSetter<acldvppStreamDesc, uint64_t>(m, "dvpp_set_stream_desc_timestamp", &acldvppSetStreamDescTimestamp);
  DefSetter<acldvppStreamDesc, uint32_t>(m, "dvpp_set_stream_desc_ret_code", &acldvppSetStreamDescRetCode);
  DefSetter<acldvppStreamDesc, uint8_t>(m, "dvpp_set_stream_desc_eos", &acldvppSetStreamDescEos);
  m.def("dvpp_get_stream_desc_data",
        [](Addr d) { return ToAddr(acldvppGetStreamDescData(ToPtr<acldvppStreamDesc>(d))); }, py::arg("stream_desc"));
  DefGetter<const acldvppStreamDesc>(m, "dvpp_get_stream_desc_size", &acldvppGetStreamDescSize);
  m.def("dvpp_get_stream_desc_format",
        [](Addr d) { return static_cast<int>(acldvppGetStreamDescFormat(ToPtr<acldvppStreamDesc>(d))); },
        py::arg("stream_desc"));
  DefGetter<const acldvppStreamDesc>(m, "dvpp_get_stream_desc_timestamp", &acldvppGetStreamDescTimestamp);
  DefGetter<const acldvppStreamDesc>(m, "dvpp_get_stream_desc_ret_code", &acldvppGetStreamDescRetCode);
  DefGetter<const acldvppStreamDesc>(m, "dvpp_get_stream_desc_eos", &acldvppGetStreamDescEos);
}

void BindCodecs(py::module_& m) {
  auto info = [](Addr data, uint32_t size) {
    uint32_t w = 0, h = 0;
    int32_t c = 0;
    aclError ret = acldvppJpegGetImageInfo(ToPtr<void>(data), size, &w, &h, &c);
    return std::make_tuple(w, h, c, ret);
  };
  m.def("dvpp_jpeg_get_image_info", info, py::arg("data"), py::arg("size"));
  m.def(
      "dvpp_jpeg_get_image_info_v2",
      [](Addr data, uint32_t size) {
        uint32_t w = 0, h = 0;
        int32_t c = 0;
        acldvppJpegFormat f = ACL_JPEG_CSS_UNKNOWN;
        aclError ret = acldvppJpegGetImageInfoV2(ToPtr<void>(data), size, &w, &h, &c, &f);
        return std::make_tuple(w, h, c, static_cast<int>(f), ret);
      },
      py::arg("data"), py::arg("size"));
  m.def(
      "dvpp_jpeg_predict_dec_size",
      [](Addr data, uint32_t size, int fmt) {
        uint32_t out = 0;
        aclError ret = acldvppJpegPredictDecSize(ToPtr<void>(data), size, static_cast<acldvppPixelFormat>(fmt), &out);
        return std::make_tuple(out, ret);
      },
      py::arg("data"), py::arg("size"), py::arg("output_pixel_format"));
  m.def(
      "dvpp_jpeg_decode_async",
      [](Addr ch, Addr data, uint32_t size, Addr out, Addr stream) {
        return NoGil([&] {
          return acldvppJpegDecodeAsync(ToPtr<acldvppChannelDesc>(ch), ToPtr<void>(data), size,
                                        ToPtr<acldvppPicDesc>(out), ToPtr<void>(stream));
        });
      },
      py::arg("channel_desc"), py::arg("data"), py::arg("size"), py::arg("output_desc"), py::arg("stream"));
  m.def(
      "dvpp_jpeg_predict_enc_size",
      [](Addr in, Addr cfg) {
        uint32_t out = 0;
        aclError ret = acldvppJpegPredictEncSize(ToPtr<acldvppPicDesc>(in), ToPtr<acldvppJpegeConfig>(cfg), &out);
        return std::make_tuple(out, ret);
      },
      py::arg("input_desc"), py::arg("config"));
  m.def(
      "dvpp_jpeg_encode_async",
      [](Addr ch, Addr in, Addr data, Addr size_ptr, Addr cfg, Addr stream) {
        return NoGil([&] {
          return acldvppJpegEncodeAsync(ToPtr<acldvppChannelDesc>(ch), ToPtr<acldvppPicDesc>(in), ToPtr<void>(data),
                                        ToPtr<uint32_t>(size_ptr), ToPtr<acldvppJpegeConfig>(cfg), ToPtr<void>(stream));
        });
      },
      py::arg("channel_desc"), py::arg("input_desc"), py::arg("data"), py::arg("size"), py::arg("config"),
      py::arg("stream"));
  m.def(
      "dvpp_png_get_image_info",
      [](Addr data, uint32_t size) {
        uint32_t w = 0, h = 0;
        int32_t c = 0;
        aclError ret = acldvppPngGetImageInfo(ToPtr<void>(data), size, &w, &h, &c);
        return std::make_tuple(w, h, c, ret);
      },
      py::arg("data"), py::arg("size"));
  m.def(
      "dvpp_png_predict_dec_size",
      [](Addr data, uint32_t size, int fmt) {
        uint32_t out = 0;
        aclError ret = acldvppPngPredictDecSize(ToPtr<void>(data), size, static_cast<acldvppPixelFormat>(fmt), &out);
        return std::make_tuple(out, ret);
      },
      py::arg("data"), py::arg("size"), py::arg("output_pixel_format"));
  m.def(
      "dvpp_png_decode_async",
      [](Addr ch, Addr data, uint32_t size, Addr out, Addr stream) {
        return NoGil([&] {
          return acldvppPngDecodeAsync(ToPtr<acldvppChannelDesc>(ch), ToPtr<void>(data), size,
                                       ToPtr<acldvppPicDesc>(out), ToPtr<void>(stream));
        });
      },
      py::arg("channel_desc"), py::arg("data"), py::arg("size"), py::arg("output_desc"), py::arg("stream"));
}

void BindVpc(py::module_& m) {
  using Ch = acldvppChannelDesc;
  using Pic = acldvppPicDesc;
  using Roi = acldvppRoiConfig;
  using Cfg = acldvppResizeConfig;
  m.def("dvpp_vpc_resize_async",
        [](Addr ch, Addr in, Addr out, Addr cfg, Addr s) {
          return NoGil([&] {
            return acldvppVpcResizeAsync(ToPtr<Ch>(ch), ToPtr<Pic>(in), ToPtr<Pic>(out), ToPtr<Cfg>(cfg), ToPtr<void>(s));
          });
        },
        py::arg("channel_desc"), py::arg("input_desc"), py::arg("output_desc"), py::arg("resize_config"),
        py::arg("stream"));
  m.def("dvpp_vpc_crop_async",
        [](Addr ch, Addr in, Addr out, Addr crop, Addr s) {
          return NoGil([&] {
            return acldvppVpcCropAsync(ToPtr<Ch>(ch), ToPtr<Pic>(in), ToPtr<Pic>(out), ToPtr<Roi>(crop), ToPtr<void>(s));
          });
        },
        py::arg("channel_desc"), py::arg("input_desc"), py::arg("output_desc"), py::arg("crop_area"), py::arg("stream"));
  m.def("dvpp_vpc_crop_resize_async",
        [](Addr ch, Addr in, Addr out, Addr crop, Addr cfg, Addr s) {
          return NoGil([&] {
            return acldvppVpcCropResizeAsync(ToPtr<Ch>(ch), ToPtr<Pic>(in), ToPtr<Pic>(out), ToPtr<Roi>(crop),
                                             ToPtr<Cfg>(cfg), ToPtr<void>(s));
          });
        },
        py::arg("channel_desc"), py::arg("input_desc"), py::arg("output_desc"), py::arg("crop_area"),
        py::arg("resize_config"), py::arg("stream"));
  m.def("dvpp_vpc_crop_and_paste_async",
        [](Addr ch, Addr in, Addr out, Addr crop, Addr paste, Addr s) {
          return NoGil([&] {
            return acldvppVpcCropAndPasteAsync(ToPtr<Ch>(ch), ToPtr<Pic>(in), ToPtr<Pic>(out), ToPtr<Roi>(crop),
                                               ToPtr<Roi>(paste), ToPtr<void>(s));
          });
        },
        py::arg("channel_desc"), py::arg("input_desc"), py::arg("output_desc"), py::arg("crop_area"),
        py::arg("paste_area"), py::arg("stream"));
  m.def("dvpp_vpc_crop_resize_paste_async",
        [](Addr ch, Addr in, Addr out, Addr crop, Addr paste, Addr cfg, Addr s) {
          return NoGil([&] {
            return acldvppVpcCropResizePasteAsync(ToPtr<Ch>(ch), ToPtr<Pic>(in), ToPtr<Pic>(out), ToPtr<Roi>(crop),
                                                  ToPtr<Roi>(paste), ToPtr<Cfg>(cfg), ToPtr<void>(s));
          });
        },
        py::arg("channel_desc"), py::arg("input_desc"), py::arg("output_desc"), py::arg("crop_area"),
        py::arg("paste_area"), py::arg("resize_config"), py::arg("stream"));
  m.def("dvpp_vpc_batch_crop_async",
        [](Addr ch, Addr src, py::object roi_nums, Addr dst, py::object crops, Addr s) {
          std::vector<uint32_t> nums = RoiNums(roi_nums);
          std::vector<Roi*> c = RoiList(crops, "crop_area_list");
          aclError ret = NoGil([&] {
            return acldvppVpcBatchCropAsync(ToPtr<Ch>(ch), ToPtr<acldvppBatchPicDesc>(src), nums.data(),
                                            static_cast<uint32_t>(nums.size()), ToPtr<acldvppBatchPicDesc>(dst),
                                            c.data(), ToPtr<void>(s));
          });
          return std::make_tuple(dst, ret);
        },
        py::arg("channel_desc"), py::arg("src_batch_desc"), py::arg("roi_num_list"), py::arg("dst_batch_desc"),
        py::arg("crop_area_list"), py::arg("stream"));
  m.def("dvpp_vpc_batch_crop_and_paste_async",
        [](Addr ch, Addr src, py::object roi_nums, Addr dst, py::object crops, py::object pastes, Addr s) {
          std::vector<uint32_t> nums = RoiNums(roi_nums);
          std::vector<Roi*> c = RoiList(crops, "crop_area_list");
          std::vector<Roi*> p = RoiList(pastes, "paste_area_list");
          if (p.size() != c.size()) throw py::value_error("paste_area_list and crop_area_list differ in length");
          aclError ret = NoGil([&] {
            return acldvppVpcBatchCropAndPasteAsync(ToPtr<Ch>(ch), ToPtr<acldvppBatchPicDesc>(src), nums.data(),
                                                    static_cast<uint32_t>(nums.size()), ToPtr<acldvppBatchPicDesc>(dst),
                                                    c.data(), p.data(), ToPtr<void>(s));
          });
          return std::make_tuple(dst, ret);
        },
        py::arg("channel_desc"), py::arg("src_batch_desc"), py::arg("roi_num_list"), py::arg("dst_batch_desc"),
        py::arg("crop_area_list"), py::arg("paste_area_list"), py::arg("stream"));
  m.def("dvpp_vpc_convert_color_async",
        [](Addr ch, Addr in, Addr out, Addr s) {
          return NoGil([&] {
            return acldvppVpcConvertColorAsync(ToPtr<Ch>(ch), ToPtr<Pic>(in), ToPtr<Pic>(out), ToPtr<void>(s));
          });
        },
        py::arg("channel_desc"), py::arg("input_desc"), py::arg("output_desc"), py::arg("stream"));
}

void BindVideo(py::module_& m) {
  m.def("vdec_create_channel_desc", [] { return ToAddr(aclvdecCreateChannelDesc()); });
  DefDestroy<aclvdecChannelDesc>(m, "vdec_destroy_channel_desc", &aclvdecDestroyChannelDesc);
  DefSetter<aclvdecChannelDesc, uint32_t>(m, "vdec_set_channel_desc_channel_id", &aclvdecSetChannelDescChannelId);
  DefSetter<aclvdecChannelDesc, uint64_t>(m, "vdec_set_channel_desc_thread_id", &aclvdecSetChannelDescThreadId);
  m.def("vdec_set_channel_desc_entype",
        [](Addr d, int t) {
          return aclvdecSetChannelDescEnType(ToPtr<aclvdecChannelDesc>(d), static_cast<acldvppStreamFormat>(t));
        },
        py::arg("desc"), py::arg("value"));
  m.def("vdec_set_channel_desc_out_pic_format",
        [](Addr d, int f) {
          return aclvdecSetChannelDescOutPicFormat(ToPtr<aclvdecChannelDesc>(d), static_cast<acldvppPixelFormat>(f));
        },
        py::arg("desc"), py::arg("value"));
  DefSetter<aclvdecChannelDesc, uint32_t>(m, "vdec_set_channel_desc_out_pic_width", &aclvdecSetChannelDescOutPicWidth);
  DefSetter<aclvdecChannelDesc, uint32_t>(m, "vdec_set_channel_desc_out_pic_height",
                                          &aclvdecSetChannelDescOutPicHeight);
  DefSetter<aclvdecChannelDesc, uint32_t>(m, "vdec_set_channel_desc_ref_frame_num",
                                          &aclvdecSetChannelDescRefFrameNum);
  DefSetter<aclvdecChannelDesc, uint32_t>(m, "vdec_set_channel_desc_out_mode", &aclvdecSetChannelDescOutMode);
  m.def("vdec_create_channel", [](Addr d) { return aclvdecCreateChannel(ToPtr<aclvdecChannelDesc>(d)); },
        py::arg("desc"));
  m.def("vdec_destroy_channel", [](Addr d) { return aclvdecDestroyChannel(ToPtr<aclvdecChannelDesc>(d)); },
        py::arg("desc"));
  m.def("vdec_create_frame_config", [] { return ToAddr(aclvdecCreateFrameConfig()); });
  DefDestroy<aclvdecFrameConfig>(m, "vdec_destroy_frame_config", &aclvdecDestroyFrameConfig);
  m.def("vdec_send_frame",
        [](Addr d, Addr in, Addr out, Addr cfg, py::object) {
          return aclvdecSendFrame(ToPtr<aclvdecChannelDesc>(d), ToPtr<acldvppStreamDesc>(in), ToPtr<acldvppPicDesc>(out),
                                  ToPtr<aclvdecFrameConfig>(cfg), nullptr);
        },
        py::arg("desc"), py::arg("input"), py::arg("output"), py::arg("config"), py::arg("user_data"));
  m.def("venc_create_channel_desc", [] { return ToAddr(aclvencCreateChannelDesc()); });
  DefDestroy<aclvencChannelDesc>(m, "venc_destroy_channel_desc", &aclvencDestroyChannelDesc);
  m.def("venc_create_channel", [](Addr d) { return aclvencCreateChannel(ToPtr<aclvencChannelDesc>(d)); },
        py::arg("desc"));
  m.def("venc_destroy_channel", [](Addr d) { return aclvencDestroyChannel(ToPtr<aclvencChannelDesc>(d)); },
        py::arg("desc"));
  m.def("venc_create_frame_config", [] { return ToAddr(aclvencCreateFrameConfig()); });
  DefDestroy<aclvencFrameConfig>(m, "venc_destroy_frame_config", &aclvencDestroyFrameConfig);
}

}  // namespace

void BindMedia(py::module_& top, py::module_& media) {
  // acllite calls acl.get_soc_name() to pick its alignment rules.
  if (!py::hasattr(top, "get_soc_name")) top.def("get_soc_name", [] { return SafeStr(aclrtGetSocName()); });
  BindConstants(media);
  BindMemoryAndChannel(media);
  BindPicDesc(media);
  BindConfigs(media);
  BindCodecs(media);
  BindVpc(media);
  BindVideo(media);
}

}  // namespace openacl_py
