// acl.mdl, continued: dynamic AIPP parameter sets, AIPP queries, and the load / execute config
// handles (load_with_config, execute_v2).
#include <memory>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "py_convert.h"

namespace openacl_py {
namespace {

// (aipp, args...) -> ret for every aclmdlSetAIPP*(aclmdlAIPP*, args...) setter.
template <typename... Args, typename... Extra>
void DefAippSetter(py::module_& mdl, const char* name, aclError (*fn)(aclmdlAIPP*, Args...),
                   const Extra&... extra) {
  mdl.def(
      name, [fn](Addr aipp, Args... a) { return fn(ToPtr<aclmdlAIPP>(aipp), a...); },
      py::arg("aipp_parms_set"), extra...);
}

void BindAipp(py::module_& mdl) {
  mdl.def(
      "create_aipp", [](uint64_t batch) { return ToAddr(aclmdlCreateAIPP(batch)); },
      py::arg("batch_size"));
  mdl.def(
      "destroy_aipp", [](Addr aipp) { return aclmdlDestroyAIPP(ToPtr<const aclmdlAIPP>(aipp)); },
      py::arg("aipp_parms_set"));
  mdl.def(
      "get_aipp_data_size",
      [](uint64_t batch) {
        size_t size = 0;
        aclError ret = aclmdlGetAippDataSize(batch, &size);
        return std::make_tuple(size, ret);
      },
      py::arg("batch_size"));
  mdl.def(
      "set_aipp_input_format",
      [](Addr aipp, int format) {
        return aclmdlSetAIPPInputFormat(ToPtr<aclmdlAIPP>(aipp),
                                        static_cast<aclAippInputFormat>(format));
      },
      py::arg("aipp_parms_set"), py::arg("input_format"));
  DefAippSetter(
      mdl, "set_aipp_csc_params", &aclmdlSetAIPPCscParams, py::arg("csc_switch"),
      py::arg("csc_matrix_r0_c0"), py::arg("csc_matrix_r0_c1"), py::arg("csc_matrix_r0_c2"),
      py::arg("csc_matrix_r1_c0"), py::arg("csc_matrix_r1_c1"), py::arg("csc_matrix_r1_c2"),
      py::arg("csc_matrix_r2_c0"), py::arg("csc_matrix_r2_c1"), py::arg("csc_matrix_r2_c2"),
      py::arg("csc_output_bias_r0"), py::arg("csc_output_bias_r1"), py::arg("csc_output_bias_r2"),
      py::arg("csc_input_bias_r0"), py::arg("csc_input_bias_r1"), py::arg("csc_input_bias_r2"));
  DefAippSetter(mdl, "set_aipp_rbuv_swap_switch", &aclmdlSetAIPPRbuvSwapSwitch,
                py::arg("rbuv_swap_switch"));
  DefAippSetter(mdl, "set_aipp_ax_swap_switch", &aclmdlSetAIPPAxSwapSwitch,
                py::arg("ax_swap_switch"));
  DefAippSetter(mdl, "set_aipp_src_image_size", &aclmdlSetAIPPSrcImageSize,
                py::arg("src_image_size_w"), py::arg("src_image_size_h"));
  DefAippSetter(mdl, "set_aipp_scf_params", &aclmdlSetAIPPScfParams, py::arg("scf_switch"),
                py::arg("scf_input_size_w"), py::arg("scf_input_size_h"),
                py::arg("scf_output_size_w"), py::arg("scf_output_size_h"), py::arg("batch_index"));
  DefAippSetter(mdl, "set_aipp_crop_params", &aclmdlSetAIPPCropParams, py::arg("crop_switch"),
                py::arg("crop_start_pos_w"), py::arg("crop_start_pos_h"), py::arg("crop_size_w"),
                py::arg("crop_size_h"), py::arg("batch_index"));
  DefAippSetter(mdl, "set_aipp_padding_params", &aclmdlSetAIPPPaddingParams,
                py::arg("padding_switch"), py::arg("padding_size_top"),
                py::arg("padding_size_bottom"), py::arg("padding_size_left"),
                py::arg("padding_size_right"), py::arg("batch_index"));
  DefAippSetter(mdl, "set_aipp_dtc_pixel_mean", &aclmdlSetAIPPDtcPixelMean,
                py::arg("dtc_pixel_mean_chn0"), py::arg("dtc_pixel_mean_chn1"),
                py::arg("dtc_pixel_mean_chn2"), py::arg("dtc_pixel_mean_chn3"),
                py::arg("batch_index"));
  DefAippSetter(mdl, "set_aipp_dtc_pixel_min", &aclmdlSetAIPPDtcPixelMin,
                py::arg("dtc_pixel_min_chn0"), py::arg("dtc_pixel_min_chn1"),
                py::arg("dtc_pixel_min_chn2"), py::arg("dtc_pixel_min_chn3"),
                py::arg("batch_index"));
  DefAippSetter(mdl, "set_aipp_pixel_var_reci", &aclmdlSetAIPPPixelVarReci,
                py::arg("dtc_pixel_var_reci_chn0"), py::arg("dtc_pixel_var_reci_chn1"),
                py::arg("dtc_pixel_var_reci_chn2"), py::arg("dtc_pixel_var_reci_chn3"),
                py::arg("batch_index"));
  mdl.def(
      "set_input_aipp",
      [](uint32_t id, Addr ds, int64_t index, Addr aipp) {
        return aclmdlSetInputAIPP(id, ToPtr<aclmdlDataset>(ds), ToIndex(index),
                                  ToPtr<const aclmdlAIPP>(aipp));
      },
      py::arg("model_id"), py::arg("dataset"), py::arg("index"), py::arg("aipp_parms_set"));
  mdl.def(
      "set_aipp_by_input_index",
      [](uint32_t id, Addr ds, int64_t index, Addr aipp) {
        return aclmdlSetAIPPByInputIndex(id, ToPtr<aclmdlDataset>(ds), ToIndex(index),
                                         ToPtr<const aclmdlAIPP>(aipp));
      },
      py::arg("model_id"), py::arg("dataset"), py::arg("index"), py::arg("aipp_parms_set"));
  mdl.def(
      "get_aipp_type",
      [](uint32_t id, int64_t index) {
        aclmdlInputAippType type = ACL_DATA_WITHOUT_AIPP;
        size_t attached = ACL_INVALID_NODE_INDEX;
        aclError ret = aclmdlGetAippType(id, ToIndex(index), &type, &attached);
        return std::make_tuple(static_cast<int>(type), attached, ret);
      },
      py::arg("model_id"), py::arg("index"));
  mdl.def(
      "get_first_aipp_info",
      [](uint32_t id, int64_t index) {
        auto info = std::make_unique<aclAippInfo>();  // ~300 KB: keep it off the stack
        aclError ret = aclmdlGetFirstAippInfo(id, ToIndex(index), info.get());
        return std::make_tuple(AippInfoToDict(*info), ret);
      },
      py::arg("model_id"), py::arg("index"));
}

// Strings handed to aclmdlSetConfigOpt stay alive until their handle is destroyed, whether or
// not the runtime deep-copies them. Accessed only under the GIL.
std::unordered_map<Addr, std::vector<std::unique_ptr<std::string>>>& ConfigStrings() {
  static auto* strings = new std::unordered_map<Addr, std::vector<std::unique_ptr<std::string>>>();
  return *strings;
}

enum class OptKind { kInt32, kSizeT, kPtr, kPath };

OptKind ConfigOptKind(int attr) {
  switch (attr) {
    case ACL_MDL_PRIORITY_INT32:
      return OptKind::kInt32;
    case ACL_MDL_PATH_PTR:
    case ACL_MDL_WEIGHT_PATH_PTR:
      return OptKind::kPath;
    case ACL_MDL_MEM_ADDR_PTR:
    case ACL_MDL_WEIGHT_ADDR_PTR:
    case ACL_MDL_WORKSPACE_ADDR_PTR:
    case ACL_MDL_INPUTQ_ADDR_PTR:
    case ACL_MDL_OUTPUTQ_ADDR_PTR:
    case ACL_MDL_MODEL_DESC_PTR:
    case ACL_MDL_KERNEL_PTR:
    case ACL_MDL_KERNEL_ARGS_PTR:
    case ACL_MDL_STATIC_TASK_PTR:
    case ACL_MDL_DYNAMIC_TASK_PTR:
    case ACL_MDL_FIFO_PTR:
      return OptKind::kPtr;
    default:
      return OptKind::kSizeT;
  }
}

OptKind ExecConfigOptKind(int attr) {
  switch (attr) {
    case ACL_MDL_STREAM_SYNC_TIMEOUT:
    case ACL_MDL_EVENT_SYNC_TIMEOUT:
      return OptKind::kInt32;
    case ACL_MDL_WORK_ADDR_PTR:
      return OptKind::kPtr;
    default:
      return OptKind::kSizeT;
  }
}

// Passes `value` the way C callers do: the address of an int32_t / size_t / void* / const char*
// variable and its size. Path strings are kept in ConfigStrings()[handle].
template <typename SetFn>
aclError SetOpt(SetFn set, Addr handle, int attr, const py::object& value, OptKind kind) {
  const char* type_name = Py_TYPE(value.ptr())->tp_name;
  if (kind == OptKind::kPath) {
    if (!PyUnicode_Check(value.ptr())) {
      throw py::type_error("config attribute " + std::to_string(attr) +
                           " expects a str (path), got " + type_name);
    }
    auto& kept = ConfigStrings()[handle];
    kept.push_back(std::make_unique<std::string>(py::cast<std::string>(value)));
    const char* s = kept.back()->c_str();
    return set(&s, sizeof(s));
  }
  if (!PyIndex_Check(value.ptr())) {
    throw py::type_error("config attribute " + std::to_string(attr) + " expects an int, got " +
                         type_name);
  }
  if (kind == OptKind::kInt32) {
    int32_t v = py::cast<int32_t>(value);
    return set(&v, sizeof(v));
  }
  if (kind == OptKind::kPtr) {
    void* v = ToPtr<void>(py::cast<Addr>(value));
    return set(&v, sizeof(v));
  }
  size_t v = py::cast<size_t>(value);
  return set(&v, sizeof(v));
}

void BindConfigHandles(py::module_& mdl) {
  mdl.def("create_config_handle", [] { return ToAddr(aclmdlCreateConfigHandle()); });
  mdl.def(
      "destroy_config_handle",
      [](Addr h) {
        ConfigStrings().erase(h);
        return aclmdlDestroyConfigHandle(ToPtr<aclmdlConfigHandle>(h));
      },
      py::arg("handle"));
  mdl.def(
      "set_config_opt",
      [](Addr h, int attr, py::object value) {
        auto set = [&](const void* v, size_t size) {
          return aclmdlSetConfigOpt(ToPtr<aclmdlConfigHandle>(h),
                                    static_cast<aclmdlConfigAttr>(attr), v, size);
        };
        return SetOpt(set, h, attr, value, ConfigOptKind(attr));
      },
      py::arg("handle"), py::arg("attr"), py::arg("value"));
  mdl.def(
      "load_with_config",
      [](Addr h) {
        uint32_t id = 0;
        aclError ret =
            NoGil([&] { return aclmdlLoadWithConfig(ToPtr<const aclmdlConfigHandle>(h), &id); });
        return std::make_tuple(id, ret);
      },
      py::arg("handle"));
  mdl.def("create_exec_config_handle", [] { return ToAddr(aclmdlCreateExecConfigHandle()); });
  mdl.def(
      "destroy_exec_config_handle",
      [](Addr h) { return aclmdlDestroyExecConfigHandle(ToPtr<const aclmdlExecConfigHandle>(h)); },
      py::arg("handle"));
  mdl.def(
      "set_exec_config_opt",
      [](Addr h, int attr, py::object value) {
        auto set = [&](const void* v, size_t size) {
          return aclmdlSetExecConfigOpt(ToPtr<aclmdlExecConfigHandle>(h),
                                        static_cast<aclmdlExecConfigAttr>(attr), v, size);
        };
        return SetOpt(set, h, attr, value, ExecConfigOptKind(attr));
      },
      py::arg("handle"), py::arg("attr"), py::arg("value"));
  mdl.def(
      "execute_v2",
      [](uint32_t id, Addr in, Addr out, Addr stream, Addr h) {
        return NoGil([&] {
          return aclmdlExecuteV2(id, ToPtr<const aclmdlDataset>(in), ToPtr<aclmdlDataset>(out),
                                 ToPtr<void>(stream), ToPtr<const aclmdlExecConfigHandle>(h));
        });
      },
      py::arg("model_id"), py::arg("input"), py::arg("output"), py::arg("stream"),
      py::arg("handle"));
  mdl.def(
      "execute_async_v2",
      [](uint32_t id, Addr in, Addr out, Addr stream, Addr h) {
        return NoGil([&] {
          return aclmdlExecuteAsyncV2(id, ToPtr<const aclmdlDataset>(in), ToPtr<aclmdlDataset>(out),
                                      ToPtr<void>(stream), ToPtr<const aclmdlExecConfigHandle>(h));
        });
      },
      py::arg("model_id"), py::arg("input"), py::arg("output"), py::arg("stream"),
      py::arg("handle"));
}

}  // namespace

void BindMdlAipp(py::module_& mdl) {
  BindAipp(mdl);
  BindConfigHandles(mdl);
}

}  // namespace openacl_py
