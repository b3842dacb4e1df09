// acl.op: single-operator models, attributes, execution, handles, cast and online compile
// (acl-api.md §2.12, §4.3). Lists of descs/buffers are Python lists of handle ints; the C
// counts are their lengths.
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "acl/acl_op_compiler.h"
#include "py_convert.h"

namespace openacl_py {
namespace {

// The in/out descriptor and buffer lists of one op call, converted once.
struct OpIo {
  std::vector<aclTensorDesc*> in_descs, out_descs;
  std::vector<aclDataBuffer*> in_bufs, out_bufs;
  int num_inputs() const { return static_cast<int>(in_descs.size()); }
  int num_outputs() const { return static_cast<int>(out_descs.size()); }
};

void CheckSameLength(size_t descs, size_t bufs, const char* which) {
  if (descs != bufs) {
    throw py::value_error(std::string(which) + ": " + std::to_string(descs) + " tensor descs but " +
                          std::to_string(bufs) + " data buffers");
  }
}

OpIo ToOpIo(const py::object& in_descs, const py::object& in_bufs, const py::object& out_descs,
            const py::object& out_bufs) {
  OpIo io;
  io.in_descs = ToPtrVector<aclTensorDesc>(in_descs, "input_desc");
  io.in_bufs = ToPtrVector<aclDataBuffer>(in_bufs, "inputs");
  io.out_descs = ToPtrVector<aclTensorDesc>(out_descs, "output_desc");
  io.out_bufs = ToPtrVector<aclDataBuffer>(out_bufs, "outputs");
  CheckSameLength(io.in_descs.size(), io.in_bufs.size(), "inputs");
  CheckSameLength(io.out_descs.size(), io.out_bufs.size(), "outputs");
  return io;
}

template <typename T>
const T* const* ConstArray(const std::vector<T*>& v) {
  return const_cast<const T* const*>(v.data());
}

const char* OptStr(const std::optional<std::string>& s) { return s ? s->c_str() : nullptr; }

void BindAttr(py::module_& op) {
  op.def("create_attr", [] { return ToAddr(aclopCreateAttr()); });
  op.def(
      "destroy_attr", [](Addr attr) { aclopDestroyAttr(ToPtr<const aclopAttr>(attr)); },
      py::arg("attr"));
  op.def(
      "set_attr_bool",
      [](Addr attr, const std::string& name, bool v) {
        return aclopSetAttrBool(ToPtr<aclopAttr>(attr), name.c_str(), v ? 1 : 0);
      },
      py::arg("attr"), py::arg("attr_name"), py::arg("attr_value"));
  op.def(
      "set_attr_int",
      [](Addr attr, const std::string& name, int64_t v) {
        return aclopSetAttrInt(ToPtr<aclopAttr>(attr), name.c_str(), v);
      },
      py::arg("attr"), py::arg("attr_name"), py::arg("attr_value"));
  op.def(
      "set_attr_float",
      [](Addr attr, const std::string& name, float v) {
        return aclopSetAttrFloat(ToPtr<aclopAttr>(attr), name.c_str(), v);
      },
      py::arg("attr"), py::arg("attr_name"), py::arg("attr_value"));
  op.def(
      "set_attr_string",
      [](Addr attr, const std::string& name, const std::string& v) {
        return aclopSetAttrString(ToPtr<aclopAttr>(attr), name.c_str(), v.c_str());
      },
      py::arg("attr"), py::arg("attr_name"), py::arg("attr_value"));
  op.def(
      "set_attr_data_type",
      [](Addr attr, const std::string& name, int v) {
        return aclopSetAttrDataType(ToPtr<aclopAttr>(attr), name.c_str(),
                                    static_cast<aclDataType>(v));
      },
      py::arg("attr"), py::arg("attr_name"), py::arg("attr_value"));
  op.def(
      "set_attr_list_bool",
      [](Addr attr, const std::string& name, std::vector<bool> values) {
        std::vector<uint8_t> v(values.begin(), values.end());
        return aclopSetAttrListBool(ToPtr<aclopAttr>(attr), name.c_str(),
                                    static_cast<int>(v.size()), v.data());
      },
      py::arg("attr"), py::arg("attr_name"), py::arg("values"));
  op.def(
      "set_attr_list_int",
      [](Addr attr, const std::string& name, py::object values) {
        std::vector<int64_t> v = ToInt64Vector(values, "values");
        return aclopSetAttrListInt(ToPtr<aclopAttr>(attr), name.c_str(), static_cast<int>(v.size()),
                                   v.data());
      },
      py::arg("attr"), py::arg("attr_name"), py::arg("values"));
  op.def(
      "set_attr_list_float",
      [](Addr attr, const std::string& name, std::vector<float> v) {
        return aclopSetAttrListFloat(ToPtr<aclopAttr>(attr), name.c_str(),
                                     static_cast<int>(v.size()), v.data());
      },
      py::arg("attr"), py::arg("attr_name"), py::arg("values"));
  op.def(
      "set_attr_list_string",
      [](Addr attr, const std::string& name, std::vector<std::string> values) {
        std::vector<const char*> v;
        for (const std::string& s : values) v.push_back(s.c_str());
        return aclopSetAttrListString(ToPtr<aclopAttr>(attr), name.c_str(),
                                      static_cast<int>(v.size()), v.data());
      },
      py::arg("attr"), py::arg("attr_name"), py::arg("values"));
  op.def(
      "set_attr_list_data_type",
      [](Addr attr, const std::string& name, py::object values) {
        std::vector<aclDataType> v;
        for (int64_t t : ToInt64Vector(values, "values")) v.push_back(static_cast<aclDataType>(t));
        return aclopSetAttrListDataType(ToPtr<aclopAttr>(attr), name.c_str(),
                                        static_cast<int>(v.size()), v.data());
      },
      py::arg("attr"), py::arg("attr_name"), py::arg("values"));
  op.def(
      "set_attr_list_list_int",
      [](Addr attr, const std::string& name, py::object lists) {
        RequireList(lists, "values");
        std::vector<std::vector<int64_t>> rows;
        size_t i = 0;
        for (py::handle row : lists) {
          std::string what = "values[" + std::to_string(i++) + "]";
          rows.push_back(ToInt64Vector(row, what.c_str()));
        }
        std::vector<int> counts;
        std::vector<const int64_t*> ptrs;
        for (const auto& r : rows) {
          counts.push_back(static_cast<int>(r.size()));
          ptrs.push_back(r.data());
        }
        return aclopSetAttrListListInt(ToPtr<aclopAttr>(attr), name.c_str(),
                                       static_cast<int>(rows.size()), counts.data(), ptrs.data());
      },
      py::arg("attr"), py::arg("attr_name"), py::arg("values"));
}

void BindExecute(py::module_& op) {
  op.def(
      "set_model_dir",
      [](const std::string& dir) { return NoGil([&] { return aclopSetModelDir(dir.c_str()); }); },
      py::arg("model_dir"));
  op.def(
      "load",
      [](Addr model, size_t size) {
        return NoGil([&] { return aclopLoad(ToPtr<const void>(model), size); });
      },
      py::arg("model"), py::arg("model_size"));
  op.def(
      "execute",
      [](const std::string& type, py::object in_d, py::object in_b, py::object out_d,
         py::object out_b, Addr attr, Addr stream) {
        OpIo io = ToOpIo(in_d, in_b, out_d, out_b);
        return NoGil([&] {
          return aclopExecute(type.c_str(), io.num_inputs(), ConstArray(io.in_descs),
                              ConstArray(io.in_bufs), io.num_outputs(), ConstArray(io.out_descs),
                              io.out_bufs.data(), ToPtr<const aclopAttr>(attr),
                              ToPtr<void>(stream));
        });
      },
      py::arg("op_type"), py::arg("input_desc"), py::arg("inputs"), py::arg("output_desc"),
      py::arg("outputs"), py::arg("attr"), py::arg("stream"));
  op.def(
      "execute_v2",
      [](const std::string& type, py::object in_d, py::object in_b, py::object out_d,
         py::object out_b, Addr attr, Addr stream) {
        OpIo io = ToOpIo(in_d, in_b, out_d, out_b);
        return NoGil([&] {
          return aclopExecuteV2(type.c_str(), io.num_inputs(), io.in_descs.data(),
                                io.in_bufs.data(), io.num_outputs(), io.out_descs.data(),
                                io.out_bufs.data(), ToPtr<aclopAttr>(attr), ToPtr<void>(stream));
        });
      },
      py::arg("op_type"), py::arg("input_desc"), py::arg("inputs"), py::arg("output_desc"),
      py::arg("outputs"), py::arg("attr"), py::arg("stream"));
  op.def(
      "create_handle",
      [](const std::string& type, py::object in_d, py::object out_d, Addr attr) {
        auto in = ToPtrVector<aclTensorDesc>(in_d, "input_desc");
        auto out = ToPtrVector<aclTensorDesc>(out_d, "output_desc");
        aclopHandle* handle = nullptr;
        aclError ret = NoGil([&] {
          return aclopCreateHandle(type.c_str(), static_cast<int>(in.size()), ConstArray(in),
                                   static_cast<int>(out.size()), ConstArray(out),
                                   ToPtr<const aclopAttr>(attr), &handle);
        });
        return std::make_tuple(ToAddr(handle), ret);
      },
      py::arg("op_type"), py::arg("input_desc"), py::arg("output_desc"), py::arg("attr"));
  op.def(
      "destroy_handle", [](Addr h) { aclopDestroyHandle(ToPtr<aclopHandle>(h)); },
      py::arg("handle"));
  op.def(
      "execute_with_handle",
      [](Addr h, py::object in_b, py::object out_b, Addr stream) {
        auto in = ToPtrVector<aclDataBuffer>(in_b, "inputs");
        auto out = ToPtrVector<aclDataBuffer>(out_b, "outputs");
        return NoGil([&] {
          return aclopExecWithHandle(ToPtr<aclopHandle>(h), static_cast<int>(in.size()),
                                     ConstArray(in), static_cast<int>(out.size()), out.data(),
                                     ToPtr<void>(stream));
        });
      },
      py::arg("handle"), py::arg("inputs"), py::arg("outputs"), py::arg("stream"));
  op.def(
      "cast",
      [](Addr src_desc, Addr src, Addr dst_desc, Addr dst, uint8_t truncate, Addr stream) {
        return NoGil([&] {
          return aclopCast(ToPtr<const aclTensorDesc>(src_desc), ToPtr<const aclDataBuffer>(src),
                           ToPtr<const aclTensorDesc>(dst_desc), ToPtr<aclDataBuffer>(dst),
                           truncate, ToPtr<void>(stream));
        });
      },
      py::arg("src_desc"), py::arg("src_buffer"), py::arg("dst_desc"), py::arg("dst_buffer"),
      py::arg("truncate"), py::arg("stream"));
  op.def(
      "create_handle_for_cast",
      [](Addr src_desc, Addr dst_desc, uint8_t truncate) {
        aclopHandle* handle = nullptr;
        aclError ret = aclopCreateHandleForCast(ToPtr<aclTensorDesc>(src_desc),
                                                ToPtr<aclTensorDesc>(dst_desc), truncate, &handle);
        return std::make_tuple(ToAddr(handle), ret);
      },
      py::arg("src_desc"), py::arg("dst_desc"), py::arg("truncate"));
}

void BindCompile(py::module_& op) {
  op.def(
      "compile",
      [](const std::string& type, py::object in_d, py::object out_d, Addr attr, int engine,
         int compile_flag, std::optional<std::string> op_path) {
        auto in = ToPtrVector<aclTensorDesc>(in_d, "input_desc");
        auto out = ToPtrVector<aclTensorDesc>(out_d, "output_desc");
        return NoGil([&] {
          return aclopCompile(type.c_str(), static_cast<int>(in.size()), ConstArray(in),
                              static_cast<int>(out.size()), ConstArray(out),
                              ToPtr<const aclopAttr>(attr), static_cast<aclopEngineType>(engine),
                              static_cast<aclopCompileType>(compile_flag), OptStr(op_path));
        });
      },
      py::arg("op_type"), py::arg("input_desc"), py::arg("output_desc"), py::arg("attr"),
      py::arg("engine_type"), py::arg("compile_flag"), py::arg("op_path") = py::none());
  op.def(
      "compile_and_execute",
      [](const std::string& type, py::object in_d, py::object in_b, py::object out_d,
         py::object out_b, Addr attr, int engine, int compile_flag,
         std::optional<std::string> op_path, Addr stream) {
        OpIo io = ToOpIo(in_d, in_b, out_d, out_b);
        return NoGil([&] {
          return aclopCompileAndExecute(
              type.c_str(), io.num_inputs(), ConstArray(io.in_descs), ConstArray(io.in_bufs),
              io.num_outputs(), ConstArray(io.out_descs), io.out_bufs.data(),
              ToPtr<const aclopAttr>(attr), static_cast<aclopEngineType>(engine),
              static_cast<aclopCompileType>(compile_flag), OptStr(op_path), ToPtr<void>(stream));
        });
      },
      py::arg("op_type"), py::arg("input_desc"), py::arg("inputs"), py::arg("output_desc"),
      py::arg("outputs"), py::arg("attr"), py::arg("engine_type"), py::arg("compile_flag"),
      py::arg("op_path"), py::arg("stream"));
  op.def(
      "compile_and_execute_v2",
      [](const std::string& type, py::object in_d, py::object in_b, py::object out_d,
         py::object out_b, Addr attr, int engine, int compile_flag,
         std::optional<std::string> op_path, Addr stream) {
        OpIo io = ToOpIo(in_d, in_b, out_d, out_b);
        return NoGil([&] {
          return aclopCompileAndExecuteV2(
              type.c_str(), io.num_inputs(), io.in_descs.data(), io.in_bufs.data(),
              io.num_outputs(), io.out_descs.data(), io.out_bufs.data(), ToPtr<aclopAttr>(attr),
              static_cast<aclopEngineType>(engine), static_cast<aclopCompileType>(compile_flag),
              OptStr(op_path), ToPtr<void>(stream));
        });
      },
      py::arg("op_type"), py::arg("input_desc"), py::arg("inputs"), py::arg("output_desc"),
      py::arg("outputs"), py::arg("attr"), py::arg("engine_type"), py::arg("compile_flag"),
      py::arg("op_path"), py::arg("stream"));
  op.def(
      "set_compile_flag",
      [](int flag) { return aclopSetCompileFlag(static_cast<aclOpCompileFlag>(flag)); },
      py::arg("flag"));
}

}  // namespace

void BindOp(py::module_& op) {
  BindAttr(op);
  BindExecute(op);
  BindCompile(op);
}

}  // namespace openacl_py
