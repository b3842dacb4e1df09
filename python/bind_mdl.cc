// acl.mdl: model loading, descriptions, datasets, execution and dynamic gears (acl-api.md §4.3).
// AIPP and load/exec config handles are in bind_mdl_aipp.cc.
#include <string>
#include <tuple>
#include <vector>

#include "py_convert.h"

namespace openacl_py {
namespace {

constexpr size_t kMaxGears = 1 << 12;  // cap for the caller-sized gear array

void BindLoad(py::module_& mdl) {
  mdl.def(
      "load_from_file",
      [](const std::string& path) {
        uint32_t id = 0;
        aclError ret = NoGil([&] { return aclmdlLoadFromFile(path.c_str(), &id); });
        return std::make_tuple(id, ret);
      },
      py::arg("model_path"));
  mdl.def(
      "load_from_mem",
      [](Addr model, size_t size) {
        uint32_t id = 0;
        aclError ret =
            NoGil([&] { return aclmdlLoadFromMem(ToPtr<const void>(model), size, &id); });
        return std::make_tuple(id, ret);
      },
      py::arg("model"), py::arg("model_size"));
  mdl.def(
      "load_from_file_with_mem",
      [](const std::string& path, Addr work, size_t work_size, Addr weight, size_t weight_size) {
        uint32_t id = 0;
        aclError ret = NoGil([&] {
          return aclmdlLoadFromFileWithMem(path.c_str(), &id, ToPtr<void>(work), work_size,
                                           ToPtr<void>(weight), weight_size);
        });
        return std::make_tuple(id, ret);
      },
      py::arg("model_path"), py::arg("work_ptr"), py::arg("work_size"), py::arg("weight_ptr"),
      py::arg("weight_size"));
  mdl.def(
      "load_from_mem_with_mem",
      [](Addr model, size_t size, Addr work, size_t work_size, Addr weight, size_t weight_size) {
        uint32_t id = 0;
        aclError ret = NoGil([&] {
          return aclmdlLoadFromMemWithMem(ToPtr<const void>(model), size, &id, ToPtr<void>(work),
                                          work_size, ToPtr<void>(weight), weight_size);
        });
        return std::make_tuple(id, ret);
      },
      py::arg("model"), py::arg("model_size"), py::arg("work_ptr"), py::arg("work_size"),
      py::arg("weight_ptr"), py::arg("weight_size"));
  mdl.def(
      "query_size",
      [](const std::string& path) {
        size_t work = 0, weight = 0;
        aclError ret = NoGil([&] { return aclmdlQuerySize(path.c_str(), &work, &weight); });
        return std::make_tuple(work, weight, ret);
      },
      py::arg("model_path"));
  mdl.def(
      "query_size_from_mem",
      [](Addr model, size_t size) {
        size_t work = 0, weight = 0;
        aclError ret = NoGil(
            [&] { return aclmdlQuerySizeFromMem(ToPtr<const void>(model), size, &work, &weight); });
        return std::make_tuple(work, weight, ret);
      },
      py::arg("model"), py::arg("model_size"));
  mdl.def(
      "unload", [](uint32_t id) { return NoGil([&] { return aclmdlUnload(id); }); },
      py::arg("model_id"));
}

using DimsGetter = aclError (*)(const aclmdlDesc*, size_t, aclmdlIODims*);
using SizeGetter = size_t (*)(aclmdlDesc*, size_t);
using NameGetter = const char* (*)(const aclmdlDesc*, size_t);
using IndexGetter = aclError (*)(const aclmdlDesc*, const char*, size_t*);

void DefDims(py::module_& mdl, const char* name, DimsGetter fn) {
  mdl.def(
      name,
      [fn](Addr desc, int64_t index) {
        aclmdlIODims dims{};
        aclError ret = fn(ToPtr<const aclmdlDesc>(desc), ToIndex(index), &dims);
        return std::make_tuple(IODimsToDict(dims), ret);
      },
      py::arg("model_desc"), py::arg("index"));
}

void BindDesc(py::module_& mdl) {
  mdl.def("create_desc", [] { return ToAddr(aclmdlCreateDesc()); });
  mdl.def(
      "destroy_desc", [](Addr desc) { return aclmdlDestroyDesc(ToPtr<aclmdlDesc>(desc)); },
      py::arg("model_desc"));
  mdl.def(
      "get_desc", [](Addr desc, uint32_t id) { return aclmdlGetDesc(ToPtr<aclmdlDesc>(desc), id); },
      py::arg("model_desc"), py::arg("model_id"));
  mdl.def(
      "get_desc_from_file",
      [](Addr desc, const std::string& path) {
        return NoGil([&] { return aclmdlGetDescFromFile(ToPtr<aclmdlDesc>(desc), path.c_str()); });
      },
      py::arg("model_desc"), py::arg("model_path"));
  mdl.def(
      "get_desc_from_mem",
      [](Addr desc, Addr model, size_t size) {
        return NoGil([&] {
          return aclmdlGetDescFromMem(ToPtr<aclmdlDesc>(desc), ToPtr<const void>(model), size);
        });
      },
      py::arg("model_desc"), py::arg("model"), py::arg("model_size"));
  mdl.def(
      "get_num_inputs", [](Addr desc) { return aclmdlGetNumInputs(ToPtr<aclmdlDesc>(desc)); },
      py::arg("model_desc"));
  mdl.def(
      "get_num_outputs", [](Addr desc) { return aclmdlGetNumOutputs(ToPtr<aclmdlDesc>(desc)); },
      py::arg("model_desc"));
  for (auto [name, fn] :
       {std::pair<const char*, SizeGetter>{"get_input_size_by_index", &aclmdlGetInputSizeByIndex},
        {"get_output_size_by_index", &aclmdlGetOutputSizeByIndex}}) {
    mdl.def(
        name, [fn = fn](Addr desc, int64_t i) { return fn(ToPtr<aclmdlDesc>(desc), ToIndex(i)); },
        py::arg("model_desc"), py::arg("index"));
  }
  for (auto [name, fn] :
       {std::pair<const char*, NameGetter>{"get_input_name_by_index", &aclmdlGetInputNameByIndex},
        {"get_output_name_by_index", &aclmdlGetOutputNameByIndex}}) {
    mdl.def(
        name,
        [fn = fn](Addr desc, int64_t i) {
          return SafeStr(fn(ToPtr<const aclmdlDesc>(desc), ToIndex(i)));
        },
        py::arg("model_desc"), py::arg("index"));
  }
  mdl.def(
      "get_input_format",
      [](Addr desc, int64_t i) {
        return static_cast<int>(aclmdlGetInputFormat(ToPtr<const aclmdlDesc>(desc), ToIndex(i)));
      },
      py::arg("model_desc"), py::arg("index"));
  mdl.def(
      "get_output_format",
      [](Addr desc, int64_t i) {
        return static_cast<int>(aclmdlGetOutputFormat(ToPtr<const aclmdlDesc>(desc), ToIndex(i)));
      },
      py::arg("model_desc"), py::arg("index"));
  mdl.def(
      "get_input_data_type",
      [](Addr desc, int64_t i) {
        return static_cast<int>(aclmdlGetInputDataType(ToPtr<const aclmdlDesc>(desc), ToIndex(i)));
      },
      py::arg("model_desc"), py::arg("index"));
  mdl.def(
      "get_output_data_type",
      [](Addr desc, int64_t i) {
        return static_cast<int>(aclmdlGetOutputDataType(ToPtr<const aclmdlDesc>(desc), ToIndex(i)));
      },
      py::arg("model_desc"), py::arg("index"));
  DefDims(mdl, "get_input_dims", &aclmdlGetInputDims);
  DefDims(mdl, "get_input_dims_v2", &aclmdlGetInputDimsV2);
  DefDims(mdl, "get_output_dims", &aclmdlGetOutputDims);
  DefDims(mdl, "get_cur_output_dims", &aclmdlGetCurOutputDims);
  mdl.def(
      "get_input_dims_range",
      [](Addr desc, int64_t index) {
        aclmdlIODimsRange range{};
        aclError ret =
            aclmdlGetInputDimsRange(ToPtr<const aclmdlDesc>(desc), ToIndex(index), &range);
        return std::make_tuple(IODimsRangeToDict(range), ret);
      },
      py::arg("model_desc"), py::arg("index"));
  for (auto [name, fn] :
       {std::pair<const char*, IndexGetter>{"get_input_index_by_name", &aclmdlGetInputIndexByName},
        {"get_output_index_by_name", &aclmdlGetOutputIndexByName}}) {
    mdl.def(
        name,
        [fn = fn](Addr desc, const std::string& tensor_name) {
          size_t index = 0;
          aclError ret = fn(ToPtr<const aclmdlDesc>(desc), tensor_name.c_str(), &index);
          return std::make_tuple(index, ret);
        },
        py::arg("model_desc"), py::arg("name"));
  }
  mdl.def(
      "get_op_attr",
      [](Addr desc, const std::string& op_name, const std::string& attr) {
        return SafeStr(aclmdlGetOpAttr(ToPtr<aclmdlDesc>(desc), op_name.c_str(), attr.c_str()));
      },
      py::arg("model_desc"), py::arg("op_name"), py::arg("attr"));
  mdl.def(
      "get_tensor_real_name",
      [](Addr desc, const std::string& name) {
        return SafeStr(aclmdlGetTensorRealName(ToPtr<const aclmdlDesc>(desc), name.c_str()));
      },
      py::arg("model_desc"), py::arg("name"));
}

void BindDynamicQueries(py::module_& mdl) {
  mdl.def(
      "get_dynamic_batch",
      [](Addr desc) {
        aclmdlBatch batch{};
        aclError ret = aclmdlGetDynamicBatch(ToPtr<const aclmdlDesc>(desc), &batch);
        return std::make_tuple(BatchToDict(batch), ret);
      },
      py::arg("model_desc"));
  mdl.def(
      "get_dynamic_hw",
      [](Addr desc, int64_t index) {
        aclmdlHW hw{};
        aclError ret = aclmdlGetDynamicHW(ToPtr<const aclmdlDesc>(desc), ToIndex(index), &hw);
        return std::make_tuple(HWToDict(hw), ret);
      },
      py::arg("model_desc"), py::arg("index"));
  mdl.def(
      "get_input_dynamic_gear_count",
      [](Addr desc, int64_t index) {
        size_t count = 0;
        aclError ret =
            aclmdlGetInputDynamicGearCount(ToPtr<const aclmdlDesc>(desc), ToIndex(index), &count);
        return std::make_tuple(count, ret);
      },
      py::arg("model_desc"), py::arg("index"));
  mdl.def(
      "get_input_dynamic_dims",
      [](Addr desc, int64_t index, size_t gear_count) {
        py::list out;
        if (gear_count > kMaxGears) {
          return std::make_tuple(out, static_cast<aclError>(ACL_ERROR_INVALID_PARAM));
        }
        std::vector<aclmdlIODims> dims(gear_count);
        aclError ret = aclmdlGetInputDynamicDims(ToPtr<const aclmdlDesc>(desc), ToIndex(index),
                                                 dims.data(), gear_count);
        for (const aclmdlIODims& d : dims) out.append(IODimsToDict(d));
        return std::make_tuple(out, ret);
      },
      py::arg("model_desc"), py::arg("index"), py::arg("gear_count"));
}

void BindDataset(py::module_& mdl) {
  mdl.def("create_dataset", [] { return ToAddr(aclmdlCreateDataset()); });
  mdl.def(
      "destroy_dataset", [](Addr ds) { return aclmdlDestroyDataset(ToPtr<aclmdlDataset>(ds)); },
      py::arg("dataset"));
  mdl.def(
      "add_dataset_buffer",
      [](Addr ds, Addr buf) {
        aclError ret = aclmdlAddDatasetBuffer(ToPtr<aclmdlDataset>(ds), ToPtr<aclDataBuffer>(buf));
        return std::make_tuple(ds, ret);
      },
      py::arg("dataset"), py::arg("data_buffer"));
  mdl.def(
      "get_dataset_num_buffers",
      [](Addr ds) { return aclmdlGetDatasetNumBuffers(ToPtr<const aclmdlDataset>(ds)); },
      py::arg("dataset"));
  mdl.def(
      "get_dataset_buffer",
      [](Addr ds, int64_t i) {
        return ToAddr(aclmdlGetDatasetBuffer(ToPtr<const aclmdlDataset>(ds), ToIndex(i)));
      },
      py::arg("dataset"), py::arg("index"));
  mdl.def(
      "set_dataset_tensor_desc",
      [](Addr ds, Addr desc, int64_t i) {
        aclError ret = aclmdlSetDatasetTensorDesc(ToPtr<aclmdlDataset>(ds),
                                                  ToPtr<aclTensorDesc>(desc), ToIndex(i));
        return std::make_tuple(ds, ret);
      },
      py::arg("dataset"), py::arg("tensor_desc"), py::arg("index"));
  mdl.def(
      "get_dataset_tensor_desc",
      [](Addr ds, int64_t i) {
        return ToAddr(aclmdlGetDatasetTensorDesc(ToPtr<const aclmdlDataset>(ds), ToIndex(i)));
      },
      py::arg("dataset"), py::arg("index"));
}

void BindExecute(py::module_& mdl) {
  mdl.def(
      "execute",
      [](uint32_t id, Addr in, Addr out) {
        return NoGil([&] {
          return aclmdlExecute(id, ToPtr<const aclmdlDataset>(in), ToPtr<aclmdlDataset>(out));
        });
      },
      py::arg("model_id"), py::arg("input"), py::arg("output"));
  mdl.def(
      "execute_async",
      [](uint32_t id, Addr in, Addr out, Addr stream) {
        return NoGil([&] {
          return aclmdlExecuteAsync(id, ToPtr<const aclmdlDataset>(in), ToPtr<aclmdlDataset>(out),
                                    ToPtr<void>(stream));
        });
      },
      py::arg("model_id"), py::arg("input"), py::arg("output"), py::arg("stream"));
  mdl.def(
      "set_dynamic_batch_size",
      [](uint32_t id, Addr ds, int64_t index, uint64_t batch) {
        return aclmdlSetDynamicBatchSize(id, ToPtr<aclmdlDataset>(ds), ToIndex(index), batch);
      },
      py::arg("model_id"), py::arg("dataset"), py::arg("index"), py::arg("batch_size"));
  mdl.def(
      "set_dynamic_hw_size",
      [](uint32_t id, Addr ds, int64_t index, uint64_t height, uint64_t width) {
        return aclmdlSetDynamicHWSize(id, ToPtr<aclmdlDataset>(ds), ToIndex(index), height, width);
      },
      py::arg("model_id"), py::arg("dataset"), py::arg("index"), py::arg("height"),
      py::arg("width"));
  mdl.def(
      "set_input_dynamic_dims",
      [](uint32_t id, Addr ds, int64_t index, py::object dims) {
        aclmdlIODims d = DictToIODims(dims);
        return aclmdlSetInputDynamicDims(id, ToPtr<aclmdlDataset>(ds), ToIndex(index), &d);
      },
      py::arg("model_id"), py::arg("dataset"), py::arg("index"), py::arg("dims"));
}

}  // namespace

void BindMdl(py::module_& mdl) {
  BindLoad(mdl);
  BindDesc(mdl);
  BindDynamicQueries(mdl);
  BindDataset(mdl);
  BindExecute(mdl);
}

}  // namespace openacl_py
