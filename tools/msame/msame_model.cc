#include "msame_model.h"

#include <chrono>
#include <cstdio>
#include <iostream>

namespace msame {
namespace {

std::vector<int64_t> ToVector(const aclmdlIODims& d) {
  return std::vector<int64_t>(d.dims, d.dims + d.dimCount);
}

std::string DimsLine(const std::vector<int64_t>& dims) {
  std::string s;
  for (int64_t d : dims) s += std::to_string(d) + " ";
  return s;
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

void ModelRunner::PrintDesc() const {
  std::printf("[DEBUG] start print model description\n");
  std::printf("[DEBUG] NumInputs: %zu\n[DEBUG] NumOutputs: %zu\n", inputs_.size(), outputs_.size());
  auto print = [](const char* side, size_t i, const IoDesc& d) {
    std::printf("[DEBUG] the size of %zu %s: %zu\n", i, side, d.size);
    std::printf("[DEBUG] the dims of %zu %s:\n%s\n", i, side, DimsLine(d.dims).c_str());
    std::printf("[DEBUG] the name of %zu %s: %s\n", i, side, d.name.c_str());
    std::printf("[DEBUG] the Format of %zu %s: %d\n", i, side, static_cast<int>(d.format));
    std::printf("[DEBUG] the DataType of %zu %s: %d (%s)\n", i, side, static_cast<int>(d.dtype),
                DTypeName(d.dtype).c_str());
  };
  for (size_t i = 0; i < inputs_.size(); ++i) print("input", i, inputs_[i]);
  for (size_t i = 0; i < outputs_.size(); ++i) {
    aclmdlIODims max_dims;
    if (aclmdlGetOutputDims(desc_, i, &max_dims) == ACL_SUCCESS)
      std::printf("[DEBUG] the max dims of %zu output:\n%s\n", i,
                  DimsLine(ToVector(max_dims)).c_str());
    print("output", i, outputs_[i]);
  }
  aclmdlBatch batch;
  aclmdlHW hw;
  size_t gears = 0;
  bool dynamic = false;
  if (aclmdlGetDynamicBatch(desc_, &batch) == ACL_SUCCESS && batch.batchCount > 0) {
    dynamic = true;
    std::printf("[DEBUG] DynamicBatch:\n");
    for (size_t i = 0; i < batch.batchCount; ++i)
      std::printf("%llu ", (unsigned long long)batch.batch[i]);
    std::printf("\n");
  }
  if (aclmdlGetDynamicHW(desc_, static_cast<size_t>(-1), &hw) == ACL_SUCCESS && hw.hwCount > 0) {
    dynamic = true;
    std::printf("[DEBUG] DynamicHW:\n");
    for (size_t i = 0; i < hw.hwCount; ++i)
      std::printf("%llu,%llu ", (unsigned long long)hw.hw[i][0], (unsigned long long)hw.hw[i][1]);
    std::printf("\n");
  }
  if (aclmdlGetInputDynamicGearCount(desc_, static_cast<size_t>(-1), &gears) == ACL_SUCCESS &&
      gears > 0) {
    dynamic = true;
    std::vector<aclmdlIODims> dims(gears);
    if (aclmdlGetInputDynamicDims(desc_, static_cast<size_t>(-1), dims.data(), gears) ==
        ACL_SUCCESS) {
      std::printf("[DEBUG] DynamicDims: %zu gears\n", gears);
      for (size_t g = 0; g < gears; ++g)
        std::printf("[DEBUG]   gear %zu: %s\n", g, DimsLine(ToVector(dims[g])).c_str());
    }
  }
  if (!dynamic) std::printf("[DEBUG] dynamic gears: none (static model)\n");
  std::printf("[DEBUG] end print model description\n");
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

bool ModelRunner::CreateOutput() {
  output_ = aclmdlCreateDataset();
  if (output_ == nullptr) {
    PrintAclError("aclmdlCreateDataset", ACL_ERROR_BAD_ALLOC);
    return false;
  }
  for (size_t i = 0; i < outputs_.size(); ++i) {
    size_t size = outputs_[i].size;
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
  if (t.data.size() != d.size) {
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
  if (size == 0) return true;
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
    return false;
  }
  return true;
}

bool ModelRunner::SaveOutputs(const std::string& dir, const std::string& prefix, bool txt,
                              std::vector<OutputInfo>* infos) {
  infos->clear();
  for (size_t i = 0; i < outputs_.size(); ++i) {
    const IoDesc& d = outputs_[i];
    aclmdlIODims cur;
    std::vector<int64_t> dims = d.dims;
    if (aclmdlGetCurOutputDims(desc_, i, &cur) == ACL_SUCCESS) dims = ToVector(cur);
    std::vector<uint8_t> host(d.size);
    void* dev = aclGetDataBufferAddr(aclmdlGetDatasetBuffer(output_, i));
    aclError ret =
        d.size ? aclrtMemcpy(host.data(), host.size(), dev, d.size, ACL_MEMCPY_DEVICE_TO_HOST)
               : ACL_SUCCESS;
    if (ret != ACL_SUCCESS) {
      PrintAclError("aclrtMemcpy", ret);
      return false;
    }
    OutputInfo info{d.name, DTypeName(d.dtype), "", {dims.begin(), dims.end()}};
    if (!dir.empty()) {
      info.file = dir + "/" + prefix + "_output_" + std::to_string(i) + (txt ? ".txt" : ".bin");
      std::string error;
      if (!WriteOutputFile(info.file, txt, host.data(), host.size(), d.dtype, dims, &error)) {
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
