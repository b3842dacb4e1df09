/**
 * ResNet-50 classification with AscendCL (synchronous execution).
 *
 *   aclInit -> aclrtSetDevice -> aclrtCreateContext -> aclrtCreateStream -> aclmdlLoadFromFile
 *   -> aclmdlCreateDesc/aclmdlGetDesc -> input/output datasets sized from the desc
 *   -> per input file: aclrtMemcpy H2D -> aclmdlExecute -> aclrtMemcpy D2H -> top-5
 *   -> teardown in reverse order.
 *
 * usage: resnet50 [model.om [input.bin ...]]   (default ../model/resnet50.om ../data/input.bin)
 * An input file is the preprocessed image as raw float32 1x3x224x224 (NCHW), e.g. written by
 * samples/python/resnet50/preprocess.py --out ../data/input.bin
 */
#include <string>
#include <utility>
#include <vector>

#include "acl/acl.h"
#include "utils.h"

namespace {

class SampleProcess {
 public:
  SampleProcess(int32_t deviceId, std::string modelPath)
      : deviceId_(deviceId), modelPath_(std::move(modelPath)) {}
  ~SampleProcess() { DestroyResource(); }

  Result InitResource() {
    CHECK_ACL(aclInit(nullptr));
    aclInited_ = true;
    CHECK_ACL(aclrtSetDevice(deviceId_));
    deviceSet_ = true;
    CHECK_ACL(aclrtCreateContext(&context_, deviceId_));
    CHECK_ACL(aclrtCreateStream(&stream_));
    aclrtRunMode runMode;
    CHECK_ACL(aclrtGetRunMode(&runMode));
    bool onDevice = (runMode == ACL_DEVICE);
    toDevice_ = onDevice ? ACL_MEMCPY_DEVICE_TO_DEVICE : ACL_MEMCPY_HOST_TO_DEVICE;
    toHost_ = onDevice ? ACL_MEMCPY_DEVICE_TO_DEVICE : ACL_MEMCPY_DEVICE_TO_HOST;
    INFO_LOG("device %d ready, run mode %s", deviceId_, onDevice ? "ACL_DEVICE" : "ACL_HOST");

    CHECK_ACL(aclmdlLoadFromFile(modelPath_.c_str(), &modelId_));
    modelLoaded_ = true;
    modelDesc_ = aclmdlCreateDesc();
    if (modelDesc_ == nullptr) {
      ERROR_LOG("aclmdlCreateDesc failed");
      return FAILED;
    }
    CHECK_ACL(aclmdlGetDesc(modelDesc_, modelId_));
    if (aclmdlGetNumInputs(modelDesc_) != 1 || aclmdlGetNumOutputs(modelDesc_) < 1 ||
        aclmdlGetOutputDataType(modelDesc_, 0) != ACL_FLOAT) {
      ERROR_LOG("%s: expected one input and a float32 output", modelPath_.c_str());
      return FAILED;
    }
    if (utils::CreateDataset(modelDesc_, true, &input_, inputBuffers_) != SUCCESS ||
        utils::CreateDataset(modelDesc_, false, &output_, outputBuffers_) != SUCCESS) {
      return FAILED;
    }
    INFO_LOG("model %s loaded, modelId %u, input %zu bytes, output %zu bytes", modelPath_.c_str(),
             modelId_, aclmdlGetInputSizeByIndex(modelDesc_, 0),
             aclmdlGetOutputSizeByIndex(modelDesc_, 0));
    return SUCCESS;
  }

  Result Process(const std::string& inputFile) {
    size_t inputSize = aclmdlGetInputSizeByIndex(modelDesc_, 0);
    std::vector<char> hostInput;
    if (utils::ReadBinFile(inputFile, inputSize, hostInput) != SUCCESS) {
      return FAILED;
    }
    CHECK_ACL(aclrtMemcpy(inputBuffers_[0], inputSize, hostInput.data(), inputSize, toDevice_));
    CHECK_ACL(aclmdlExecute(modelId_, input_, output_));

    size_t outputSize = aclmdlGetOutputSizeByIndex(modelDesc_, 0);
    void* hostOutput = nullptr;
    CHECK_ACL(aclrtMallocHost(&hostOutput, outputSize));
    aclError ret = aclrtMemcpy(hostOutput, outputSize, outputBuffers_[0], outputSize, toHost_);
    if (ret == ACL_SUCCESS) {
      utils::PrintTop5(inputFile, static_cast<const float*>(hostOutput),
                       outputSize / sizeof(float));
    }
    (void)aclrtFreeHost(hostOutput);
    CHECK_ACL(ret);
    return SUCCESS;
  }

  void DestroyResource() {
    utils::DestroyDataset(input_);
    utils::DestroyDataset(output_);
    input_ = output_ = nullptr;
    if (modelLoaded_ && aclmdlUnload(modelId_) != ACL_SUCCESS) {
      ERROR_LOG("aclmdlUnload failed");
    }
    modelLoaded_ = false;
    if (modelDesc_ != nullptr) {
      (void)aclmdlDestroyDesc(modelDesc_);
      modelDesc_ = nullptr;
    }
    if (stream_ != nullptr) {
      (void)aclrtDestroyStream(stream_);
      stream_ = nullptr;
    }
    if (context_ != nullptr) {
      (void)aclrtDestroyContext(context_);
      context_ = nullptr;
    }
    if (deviceSet_) {
      (void)aclrtResetDevice(deviceId_);
      deviceSet_ = false;
    }
    if (aclInited_) {
      (void)aclFinalize();
      aclInited_ = false;
      INFO_LOG("resources released");
    }
  }

 private:
  int32_t deviceId_;
  std::string modelPath_;
  bool aclInited_ = false;
  bool deviceSet_ = false;
  bool modelLoaded_ = false;
  aclrtContext context_ = nullptr;
  aclrtStream stream_ = nullptr;
  aclrtMemcpyKind toDevice_ = ACL_MEMCPY_HOST_TO_DEVICE;
  aclrtMemcpyKind toHost_ = ACL_MEMCPY_DEVICE_TO_HOST;
  uint32_t modelId_ = 0;
  aclmdlDesc* modelDesc_ = nullptr;
  aclmdlDataset* input_ = nullptr;
  aclmdlDataset* output_ = nullptr;
  std::vector<void*> inputBuffers_;
  std::vector<void*> outputBuffers_;
};

}  // namespace

int main(int argc, char** argv) {
  std::string modelPath = argc > 1 ? argv[1] : "../model/resnet50.om";
  std::vector<std::string> inputs;
  for (int i = 2; i < argc; ++i) {
    inputs.emplace_back(argv[i]);
  }
  if (inputs.empty()) {
    inputs.emplace_back("../data/input.bin");
  }
  SampleProcess sample(0, modelPath);
  if (sample.InitResource() != SUCCESS) {
    ERROR_LOG("sample init resource failed");
    return FAILED;
  }
  for (const std::string& input : inputs) {
    if (sample.Process(input) != SUCCESS) {
      ERROR_LOG("sample process %s failed", input.c_str());
      return FAILED;
    }
  }
  sample.DestroyResource();
  INFO_LOG("execute sample success");
  return SUCCESS;
}
