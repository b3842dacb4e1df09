// The pyACL-compatible extension module `acl` (acl-api.md §4): top-level functions (init,
// version, data buffers, tensor descriptions) and the acl.rt / acl.mdl / acl.op / acl.util
// submodules, each bound in its own file.
#include <cstring>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "acl/acl_op_compiler.h"
#include "py_convert.h"

namespace openacl_py {
namespace {

constexpr size_t kMaxOutArray = 1 << 16;  // cap for caller-sized output arrays

void BindDataBuffer(py::module_& m) {
  m.def(
      "create_data_buffer",
      [](Addr data, size_t size) { return ToAddr(aclCreateDataBuffer(ToPtr<void>(data), size)); },
      py::arg("data"), py::arg("size"));
  m.def(
      "destroy_data_buffer",
      [](Addr buf) { return aclDestroyDataBuffer(ToPtr<aclDataBuffer>(buf)); },
      py::arg("data_buffer"));
  m.def(
      "update_data_buffer",
      [](Addr buf, Addr data, size_t size) {
        return aclUpdateDataBuffer(ToPtr<aclDataBuffer>(buf), ToPtr<void>(data), size);
      },
      py::arg("data_buffer"), py::arg("data"), py::arg("size"));
  m.def(
      "get_data_buffer_addr",
      [](Addr buf) { return ToAddr(aclGetDataBufferAddr(ToPtr<aclDataBuffer>(buf))); },
      py::arg("data_buffer"));
  m.def(
      "get_data_buffer_size",
      [](Addr buf) { return aclGetDataBufferSize(ToPtr<aclDataBuffer>(buf)); },
      py::arg("data_buffer"));
  m.def(
      "get_data_buffer_size_v2",
      [](Addr buf) { return aclGetDataBufferSizeV2(ToPtr<aclDataBuffer>(buf)); },
      py::arg("data_buffer"));
  m.def(
      "data_type_size", [](int dtype) { return aclDataTypeSize(static_cast<aclDataType>(dtype)); },
      py::arg("data_type"));
  m.def(
      "float16_to_float", [](uint16_t v) { return aclFloat16ToFloat(v); }, py::arg("value"));
  m.def(
      "float_to_float16", [](float v) { return aclFloatToFloat16(v); }, py::arg("value"));
}

// Shape setters share the (desc, dims_list) -> ret form.
template <typename F>
void DefShapeSetter(py::module_& m, const char* name, F c_fn) {
  m.def(
      name,
      [c_fn](Addr desc, py::object dims) {
        std::vector<int64_t> d = ToInt64Vector(dims, "dims");
        return c_fn(ToPtr<aclTensorDesc>(desc), static_cast<int>(d.size()),
                    d.empty() ? nullptr : d.data());
      },
      py::arg("desc"), py::arg("dims"));
}

template <typename F>
void DefFormatSetter(py::module_& m, const char* name, F c_fn) {
  m.def(
      name,
      [c_fn](Addr desc, int format) {
        return c_fn(ToPtr<aclTensorDesc>(desc), static_cast<aclFormat>(format));
      },
      py::arg("desc"), py::arg("format"));
}

template <typename F>
void DefRangeSetter(py::module_& m, const char* name, F c_fn) {
  m.def(
      name,
      [c_fn](Addr desc, py::object ranges) {
        std::vector<int64_t> r = ToRangeVector(ranges, "range");
        auto* rows = reinterpret_cast<int64_t(*)[2]>(r.empty() ? nullptr : r.data());
        return c_fn(ToPtr<aclTensorDesc>(desc), r.size() / 2, rows);
      },
      py::arg("desc"), py::arg("range"));
}

void BindTensorDesc(py::module_& m) {
  m.def(
      "create_tensor_desc",
      [](int dtype, py::object dims, int format) {
        std::vector<int64_t> d = ToInt64Vector(dims, "dims");
        return ToAddr(
            aclCreateTensorDesc(static_cast<aclDataType>(dtype), static_cast<int>(d.size()),
                                d.empty() ? nullptr : d.data(), static_cast<aclFormat>(format)));
      },
      py::arg("data_type"), py::arg("dims"), py::arg("format"));
  m.def(
      "destroy_tensor_desc", [](Addr desc) { aclDestroyTensorDesc(ToPtr<aclTensorDesc>(desc)); },
      py::arg("desc"));
  m.def(
      "get_tensor_desc_type",
      [](Addr desc) { return static_cast<int>(aclGetTensorDescType(ToPtr<aclTensorDesc>(desc))); },
      py::arg("desc"));
  m.def(
      "get_tensor_desc_format",
      [](Addr desc) {
        return static_cast<int>(aclGetTensorDescFormat(ToPtr<aclTensorDesc>(desc)));
      },
      py::arg("desc"));
  m.def(
      "get_tensor_desc_size",
      [](Addr desc) { return aclGetTensorDescSize(ToPtr<aclTensorDesc>(desc)); }, py::arg("desc"));
  m.def(
      "get_tensor_desc_element_count",
      [](Addr desc) { return aclGetTensorDescElementCount(ToPtr<aclTensorDesc>(desc)); },
      py::arg("desc"));
  m.def(
      "get_tensor_desc_num_dims",
      [](Addr desc) { return aclGetTensorDescNumDims(ToPtr<aclTensorDesc>(desc)); },
      py::arg("desc"));
  m.def(
      "get_tensor_desc_dim",
      [](Addr desc, int64_t index) {
        return aclGetTensorDescDim(ToPtr<aclTensorDesc>(desc), ToIndex(index));
      },
      py::arg("desc"), py::arg("index"));
  m.def(
      "get_tensor_desc_dim_v2",
      [](Addr desc, int64_t index) {
        int64_t dim = 0;
        aclError ret = aclGetTensorDescDimV2(ToPtr<aclTensorDesc>(desc), ToIndex(index), &dim);
        return std::make_tuple(dim, ret);
      },
      py::arg("desc"), py::arg("index"));
  m.def(
      "get_tensor_desc_dim_range",
      [](Addr desc, int64_t index, size_t dim_range_num) {
        if (dim_range_num > kMaxOutArray) {
          return std::make_tuple(py::list(), static_cast<aclError>(ACL_ERROR_INVALID_PARAM));
        }
        std::vector<int64_t> range(dim_range_num, 0);
        aclError ret = aclGetTensorDescDimRange(ToPtr<aclTensorDesc>(desc), ToIndex(index),
                                                dim_range_num, range.data());
        py::list out;
        for (int64_t v : range) out.append(v);
        return std::make_tuple(out, ret);
      },
      py::arg("desc"), py::arg("index"), py::arg("dim_range_num"));
  m.def(
      "set_tensor_desc_name",
      [](Addr desc, const std::string& name) {
        aclSetTensorDescName(ToPtr<aclTensorDesc>(desc), name.c_str());
      },
      py::arg("desc"), py::arg("name"));
  m.def(
      "get_tensor_desc_name",
      [](Addr desc) { return SafeStr(aclGetTensorDescName(ToPtr<aclTensorDesc>(desc))); },
      py::arg("desc"));
  DefShapeSetter(m, "set_tensor_shape", &aclSetTensorShape);
  DefShapeSetter(m, "set_tensor_origin_shape", &aclSetTensorOriginShape);
  DefShapeSetter(m, "set_tensor_storage_shape", &aclSetTensorStorageShape);
  DefFormatSetter(m, "set_tensor_format", &aclSetTensorFormat);
  DefFormatSetter(m, "set_tensor_origin_format", &aclSetTensorOriginFormat);
  DefFormatSetter(m, "set_tensor_storage_format", &aclSetTensorStorageFormat);
  DefRangeSetter(m, "set_tensor_shape_range", &aclSetTensorShapeRange);
  DefRangeSetter(m, "set_tensor_value_range", &aclSetTensorValueRange);
  m.def(
      "set_tensor_const",
      [](Addr desc, Addr data, size_t length) {
        return aclSetTensorConst(ToPtr<aclTensorDesc>(desc), ToPtr<void>(data), length);
      },
      py::arg("desc"), py::arg("data"), py::arg("length"));
  m.def(
      "set_tensor_place_ment",
      [](Addr desc, int mem_type) {
        return aclSetTensorPlaceMent(ToPtr<aclTensorDesc>(desc), static_cast<aclMemType>(mem_type));
      },
      py::arg("desc"), py::arg("mem_type"));
}

}  // namespace

void BindTop(py::module_& m) {
  m.def(
      "init",
      [](std::optional<std::string> config_path) {
        return NoGil([&] { return aclInit(config_path ? config_path->c_str() : nullptr); });
      },
      py::arg("config_path") = py::none());
  m.def("finalize", [] { return NoGil([] { return aclFinalize(); }); });
  m.def("get_version", [] {
    int32_t major = 0, minor = 0, patch = 0;
    aclError ret = aclrtGetVersion(&major, &minor, &patch);
    return std::make_tuple(major, minor, patch, ret);
  });
  m.def("finalize_reference", [] {
    uint64_t ref_count = 0;
    aclError ret = NoGil([&] { return aclFinalizeReference(&ref_count); });
    return std::make_tuple(ref_count, ret);
  });
  m.def(
      "get_cann_version",
      [](int name) {
        aclCANNPackageVersion v{};
        aclError ret = aclsysGetCANNVersion(static_cast<aclCANNPackageName>(name), &v);
        py::dict d;
        d["version"] = std::string(v.version, strnlen(v.version, sizeof(v.version)));
        d["majorVersion"] =
            std::string(v.majorVersion, strnlen(v.majorVersion, sizeof(v.majorVersion)));
        d["minorVersion"] =
            std::string(v.minorVersion, strnlen(v.minorVersion, sizeof(v.minorVersion)));
        d["releaseVersion"] =
            std::string(v.releaseVersion, strnlen(v.releaseVersion, sizeof(v.releaseVersion)));
        d["patchVersion"] =
            std::string(v.patchVersion, strnlen(v.patchVersion, sizeof(v.patchVersion)));
        return std::make_tuple(d, ret);
      },
      py::arg("name"));
  m.def(
      "set_compile_opt",
      [](int opt, const std::string& value) {
        return aclSetCompileopt(static_cast<aclCompileOpt>(opt), value.c_str());
      },
      py::arg("opt"), py::arg("value"));
  m.def("get_recent_err_msg", [] { return SafeStr(aclGetRecentErrMsg()); });
  m.def(
      "app_log",
      [](int level, const std::string& message) {
        aclAppLog(static_cast<aclLogLevel>(level), "python", "python", 0, "%s", message.c_str());
      },
      py::arg("level"), py::arg("message"));
  BindDataBuffer(m);
  BindTensorDesc(m);
}

}  // namespace openacl_py

PYBIND11_MODULE(acl, m) {
  namespace py = pybind11;
  m.doc() = "openacl: pyACL-compatible bindings over the AscendCL C API (libascendcl.so)";
  openacl_py::BindTop(m);
  py::module_ rt = m.def_submodule("rt", "Runtime: devices, contexts, streams, events, memory");
  py::module_ mdl = m.def_submodule("mdl", "Model loading, description, datasets, execution");
  py::module_ op = m.def_submodule("op", "Single-operator execution");
  py::module_ util = m.def_submodule("util", "Pointer, bytes, numpy and thread helpers");
  py::module_ media = m.def_submodule("media", "DVPP image processing (libacl_dvpp.so)");
  openacl_py::BindRt(rt);
  openacl_py::BindMdl(mdl);
  openacl_py::BindMdlAipp(mdl);
  openacl_py::BindOp(op);
  openacl_py::BindUtil(util);
  openacl_py::BindMedia(m, media);
  // Let `import acl.rt` and `from acl.rt import malloc` work as well as attribute access.
  py::dict modules = py::module_::import("sys").attr("modules");
  for (const char* name : {"rt", "mdl", "op", "util", "media"}) {
    modules[py::str(std::string("acl.") + name)] = m.attr(name);
  }
}
