#include "msame_model.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "msame_options.h"

namespace msame {
namespace {

std::vector<int64_t> ToVector(const aclmdlIODims& d) {
  return std::vector<int64_t>(d.dims, d.dims + d.dimCount);
}

}  // namespace

void PrintAclError(const char* what, aclError ret) {
  std::printf("[ERROR] %s failed, error code %d\n", what, ret);
  const char* msg = aclGetRecentErrMsg();
  if (msg != nullptr && msg[0] != '\0') std::printf("[ERROR] %s\n", msg);
  std::fflush(stdout);
}

// ---- AclResources ----

bool AclResources::Init(int device, const char* config_path) {
  aclError ret = aclInit(config_path);
  if (ret != ACL_SUCCESS) {
    PrintAclError("aclInit", ret);
    std::printf("[ERROR] acl init failed\n");
    return false;
  }
  initialized_ = true;
  std::printf("[INFO] acl init success\n");
  ret = aclrtSetDevice(device);
  if (ret != ACL_SUCCESS) {
    PrintAclError("aclrtSetDevice", ret);
    std::printf("[ERROR] acl open device %d failed\n", device);
    return false;
  }
  device_set_ = true;
  device_ = device;
  std::printf("[INFO] open device %d success\n", device);
  ret = aclrtCreateContext(&context_, device);
  if (ret != ACL_SUCCESS) {
    PrintAclError("aclrtCreateContext", ret);
    return false;
  }
  std::printf("[INFO] create context success\n");
  ret = aclrtCreateStream(&stream_);
  if (ret != ACL_SUCCESS) {
    PrintAclError("aclrtCreateStream", ret);
    return false;
  }
  std::printf("[INFO] create stream success\n");
  aclrtRunMode mode;
  ret = aclrtGetRunMode(&mode);
  if (ret != ACL_SUCCESS) {
    PrintAclError("aclrtGetRunMode", ret);
    return false;
  }
  std::printf("[INFO] get run mode success\n");
  return true;
}

AclResources::~AclResources() {
  if (stream_ != nullptr) {
    aclError ret = aclrtDestroyStream(stream_);
    if (ret != ACL_SUCCESS) PrintAclError("aclrtDestroyStream", ret);
    std::printf("[INFO] end to destroy stream\n");
  }
  if (context_ != nullptr) {
    aclError ret = aclrtDestroyContext(context_);
    if (ret != ACL_SUCCESS) PrintAclError("aclrtDestroyContext", ret);
    std::printf("[INFO] end to destroy context\n");
  }
  if (device_set_) {
    aclError ret = aclrtResetDevice(device_);
    if (ret != ACL_SUCCESS) PrintAclError("aclrtResetDevice", ret);
    std::printf("[INFO] end to reset device is %d\n", device_);
  }
  if (initialized_) {
    aclError ret = aclFinalize();
    if (ret != ACL_SUCCESS) PrintAclError("aclFinalize", ret);
    std::printf("[INFO] end to finalize acl\n");
  }
  std::fflush(stdout);
}

// ---- ModelRunner ----

ModelRunner::~ModelRunner() {
  DestroyDataset(&input_);
  DestroyDataset(&output_);
  if (loaded_) {
    std::fflush(stdout);  // the runtime's --profile table goes to stderr at unload
    aclError ret = aclmdlUnload(model_id_);
    if (ret != ACL_SUCCESS)
      PrintAclError("aclmdlUnload", ret);
    else
      std::printf("[INFO] unload model success, model Id is %u\n", model_id_);
  }
  if (desc_ != nullptr) aclmdlDestroyDesc(desc_);
}

void ModelRunner::DestroyDataset(aclmdlDataset** dataset) {
  if (*dataset == nullptr) return;
  for (size_t i = 0; i < aclmdlGetDatasetNumBuffers(*dataset); ++i) {
    aclDataBuffer* b = aclmdlGetDatasetBuffer(*dataset, i);
    aclrtFree(aclGetDataBufferAddr(b));
    aclDestroyDataBuffer(b);
  }
  aclmdlDestroyDataset(*dataset);
  *dataset = nullptr;
}

bool ModelRunner::Load(const std::string& path, double* load_ms) {
  auto t0 = std::chrono::steady_clock::now();
  aclError ret = aclmdlLoadFromFile(path.c_str(), &model_id_);
  *load_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (ret != ACL_SUCCESS) {
    PrintAclError("aclmdlLoadFromFile", ret);
    std::printf("[ERROR] load model from file failed, model file is %s\n", path.c_str());
    return false;
  }
  loaded_ = true;
  std::printf("[INFO] load model %s success\n", path.c_str());
  return true;
}

bool ModelRunner::CreateDesc() {
  desc_ = aclmdlCreateDesc();
  if (desc_ == nullptr) {
    PrintAclError("aclmdlCreateDesc", ACL_ERROR_BAD_ALLOC);
    return false;
  }
  aclError ret = aclmdlGetDesc(desc_, model_id_);
  if (ret != ACL_SUCCESS) {
    PrintAclError("aclmdlGetDesc", ret);
    return false;
  }
  auto fill = [&](bool input, size_t i, IoDesc* d) -> bool {
    aclmdlIODims dims;
    const char* name =
        input ? aclmdlGetInputNameByIndex(desc_, i) : aclmdlGetOutputNameByIndex(desc_, i);
    d->name = name ? name : "";
    d->size = input ? aclmdlGetInputSizeByIndex(desc_, i) : aclmdlGetOutputSizeByIndex(desc_, i);
    d->dtype = input ? aclmdlGetInputDataType(desc_, i) : aclmdlGetOutputDataType(desc_, i);
    d->format = input ? aclmdlGetInputFormat(desc_, i) : aclmdlGetOutputFormat(desc_, i);
    aclError r =
        input ? aclmdlGetInputDims(desc_, i, &dims) : aclmdlGetCurOutputDims(desc_, i, &dims);
    if (r != ACL_SUCCESS) {
      PrintAclError(input ? "aclmdlGetInputDims" : "aclmdlGetCurOutputDims", r);
      return false;
    }
    d->dims = ToVector(dims);
    for (int64_t v : d->dims) d->dynamic = d->dynamic || v < 0;
    return true;
  };
  inputs_.resize(aclmdlGetNumInputs(desc_));
  outputs_.resize(aclmdlGetNumOutputs(desc_));
  for (size_t i = 0; i < inputs_.size(); ++i)
    if (!fill(true, i, &inputs_[i])) return false;
  for (size_t i = 0; i < outputs_.size(); ++i)
    if (!fill(false, i, &outputs_[i])) return false;
  std::printf("[INFO] create model description success\n");
  return true;
}

bool ModelRunner::CreateInput() {
  input_ = aclmdlCreateDataset();
  if (input_ == nullptr) {
    PrintAclError("aclmdlCreateDataset", ACL_ERROR_BAD_ALLOC);
    return false;
  }
  for (size_t i = 0; i < inputs_.size(); ++i) {
    size_t size = inputs_[i].size;
    void* dev = nullptr;
    aclError ret = aclrtMalloc(&dev, size ? size : 1, ACL_MEM_MALLOC_NORMAL_ONLY);
    if (ret != ACL_SUCCESS) {
      PrintAclError("aclrtMalloc", ret);
      return false;
    }
    if (size > 0 && (ret = aclrtMemset(dev, size, 0, size)) != ACL_SUCCESS) {
      PrintAclError("aclrtMemset", ret);
      aclrtFree(dev);
      return false;
    }
    aclDataBuffer* buf = aclCreateDataBuffer(dev, size);
    if (buf == nullptr || (ret = aclmdlAddDatasetBuffer(input_, buf)) != ACL_SUCCESS) {
      PrintAclError("aclmdlAddDatasetBuffer", ret);
      if (buf) aclDestroyDataBuffer(buf);
      aclrtFree(dev);
      return false;
    }
  }
  return true;
}

bool ModelRunner::CreateOutput(const std::vector<size_t>& output_sizes) {
  std::vector<size_t> model_sizes;
  std::vector<bool> dynamic;
  std::vector<std::string> names;
  for (const IoDesc& d : outputs_) {
    model_sizes.push_back(d.size);
    dynamic.push_back(d.dynamic);
    names.push_back(d.name);
  }
  std::string error;
  if (!ResolveOutputSizes(model_sizes, dynamic, names, output_sizes, &output_bytes_, &error)) {
    std::printf("[ERROR] %s\n", error.c_str());
    return false;
  }
  output_ = aclmdlCreateDataset();
  if (output_ == nullptr) {
    PrintAclError("aclmdlCreateDataset", ACL_ERROR_BAD_ALLOC);
    return false;
  }
  for (size_t i = 0; i < outputs_.size(); ++i) {
    size_t size = output_bytes_[i];
    void* dev = nullptr;
    aclError ret = aclrtMalloc(&dev, size ? size : 1, ACL_MEM_MALLOC_NORMAL_ONLY);
    if (ret != ACL_SUCCESS) {
      PrintAclError("aclrtMalloc", ret);
      std::printf("[ERROR] can't malloc buffer, size is %zu, create output failed\n", size);
      return false;
    }
    aclDataBuffer* buf = aclCreateDataBuffer(dev, size);
    if (buf == nullptr || (ret = aclmdlAddDatasetBuffer(output_, buf)) != ACL_SUCCESS) {
      PrintAclError("aclmdlAddDatasetBuffer", ret);
      if (buf) aclDestroyDataBuffer(buf);
      aclrtFree(dev);
      return false;
    }
  }
  std::printf("[INFO] create model output success\n");
  return true;
}

bool ModelRunner::SetInput(size_t index, const HostTensor& t) {
  const IoDesc& d = inputs_[index];
  std::string what = "input " + std::to_string(index) + " ('" + d.name + "', " +
                     DTypeName(d.dtype) + " [" + DimsText(d.dims) + "])";
  if (t.has_header && t.dtype != d.dtype) {
    std::printf("[ERROR] %s: file %s holds %s data, the model expects %s\n", what.c_str(),
                t.path.c_str(), DTypeName(t.dtype).c_str(), DTypeName(d.dtype).c_str());
    return false;
  }
  // A gear model's input buffers have the largest gear's size; a file of a smaller gear fills
  // their first rows (the gear set by --dymBatch / --dymHW / --dymDims decides what is read).
  bool geared = false;
  for (const IoDesc& in : inputs_) geared = geared || in.name == ACL_DYNAMIC_TENSOR_NAME;
  if (geared ? t.data.size() > d.size : t.data.size() != d.size) {
    std::printf("[ERROR] %s: file %s has %zu bytes%s, the model needs %zu bytes\n", what.c_str(),
                t.path.c_str(), t.data.size(),
                t.has_header ? (" (shape [" + DimsText(t.shape) + "])").c_str() : "", d.size);
    return false;
  }
  if (t.has_header && t.shape != d.dims)
    std::printf("[WARNING] %s: file %s has shape [%s]; same size, used as is\n", what.c_str(),
                t.path.c_str(), DimsText(t.shape).c_str());
  void* dev = aclGetDataBufferAddr(aclmdlGetDatasetBuffer(input_, index));
  aclError ret = aclrtMemcpy(dev, d.size, t.data.data(), t.data.size(), ACL_MEMCPY_HOST_TO_DEVICE);
  if (ret != ACL_SUCCESS) {
    PrintAclError("aclrtMemcpy", ret);
    return false;
  }
  return true;
}

bool ModelRunner::ZeroInput(size_t index) {
  size_t size = inputs_[index].size;
  // The gear input holds the gear --dymBatch / --dymHW / --dymDims set: not an input to zero.
  if (size == 0 || inputs_[index].name == ACL_DYNAMIC_TENSOR_NAME) return true;
  void* dev = aclGetDataBufferAddr(aclmdlGetDatasetBuffer(input_, index));
  aclError ret = aclrtMemset(dev, size, 0, size);
  if (ret != ACL_SUCCESS) {
    PrintAclError("aclrtMemset", ret);
    return false;
  }
  return true;
}

bool ModelRunner::Execute(double* ms) {
  auto t0 = std::chrono::steady_clock::now();
  aclError ret = aclmdlExecute(model_id_, input_, output_);
  *ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (ret != ACL_SUCCESS) {
    PrintAclError("aclmdlExecute", ret);
    std::printf("[ERROR] execute model failed, modelId is %u\n", model_id_);
    if (ret == ACL_ERROR_INVALID_PARAM && HasDynamicOutput())
      std::printf("[ERROR] outputs sized at run time may need a larger --outputSize\n");
    return false;
  }
  return true;
}

bool ModelRunner::HasDynamicOutput() const {
  for (const IoDesc& d : outputs_)
    if (d.dynamic) return true;
  return false;
}

RunOutput ModelRunner::CurrentOutput(size_t index) const {
  const IoDesc& d = outputs_[index];
  size_t buffer = index < output_bytes_.size() ? output_bytes_[index] : d.size;
  RunOutput r{d.dims, d.dtype, std::min(d.size, buffer)};
  if (!d.dynamic) {
    // A gear model's output holds this gear's shape at the start of the max-gear buffer.
    aclmdlIODims cur;
    if (aclmdlGetCurOutputDims(desc_, index, &cur) == ACL_SUCCESS) {
      r.dims = ToVector(cur);
      size_t count = 1;
      for (int64_t v : r.dims) count *= v > 0 ? static_cast<size_t>(v) : 0;
      r.bytes = std::min(count * DTypeSize(r.dtype), r.bytes);
    }
    return r;
  }
  r.bytes = 0;
  aclTensorDesc* td = output_ ? aclmdlGetDatasetTensorDesc(output_, index) : nullptr;
  if (td == nullptr) return r;  // not executed yet: nothing to report
  r.dims.clear();
  size_t rank = aclGetTensorDescNumDims(td);
  size_t count = 1;
  for (size_t k = 0; k < rank; ++k) {
    int64_t v = 0;
    if (aclGetTensorDescDimV2(td, k, &v) != ACL_SUCCESS || v < 0) v = 0;
    r.dims.push_back(v);
    count *= static_cast<size_t>(v);
  }
  aclDataType type = aclGetTensorDescType(td);
  if (type != ACL_DT_UNDEFINED) r.dtype = type;
  r.bytes = std::min(count * DTypeSize(r.dtype), buffer);
  return r;
}

bool ModelRunner::SaveOutputs(const std::string& dir, const std::string& prefix, bool txt,
                              std::vector<OutputInfo>* infos) {
  infos->clear();
  for (size_t i = 0; i < outputs_.size(); ++i) {
    const IoDesc& d = outputs_[i];
    RunOutput r = CurrentOutput(i);
    std::vector<uint8_t> host(r.bytes);
    void* dev = aclGetDataBufferAddr(aclmdlGetDatasetBuffer(output_, i));
    aclError ret =
        r.bytes ? aclrtMemcpy(host.data(), host.size(), dev, r.bytes, ACL_MEMCPY_DEVICE_TO_HOST)
                : ACL_SUCCESS;
    if (ret != ACL_SUCCESS) {
      PrintAclError("aclrtMemcpy", ret);
      return false;
    }
    OutputInfo info{d.name, DTypeName(r.dtype), "", {r.dims.begin(), r.dims.end()}};
    if (!dir.empty()) {
      info.file = dir + "/" + prefix + "_output_" + std::to_string(i) + (txt ? ".txt" : ".bin");
      std::string error;
      if (!WriteOutputFile(info.file, txt, host.data(), host.size(), r.dtype, r.dims, &error)) {
        std::printf("[ERROR] %s\n", error.c_str());
        return false;
      }
    }
    infos->push_back(info);
  }
  if (!dir.empty()) std::printf("[INFO] output data success\n");
  return true;
}

}  // namespace msame
