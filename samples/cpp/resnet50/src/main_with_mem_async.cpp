/**
 * ResNet-50 classification with AscendCL: caller-owned model memory + asynchronous execution.
 *
 *   aclmdlQuerySize -> aclrtMalloc(work), aclrtMalloc(weight) -> aclmdlLoadFromFileWithMem
 *   -> a report thread looping on aclrtProcessReport, bound with aclrtSubscribeReport
 *   -> per input file: its own datasets, aclrtMemcpy H2D, aclmdlExecuteAsync, and
 *      aclrtLaunchCallback(callback) queued behind it: the callback runs on the report thread,
 *      copies that execution's output to the host and keeps it
 *   -> aclrtSynchronizeStream -> the main thread prints every top-5 in submission order (one
 *      thread writes stdout, so lines never interleave) -> aclrtUnSubscribeReport -> teardown.
 *
 * usage: resnet50_mem_async [model.om [input.bin ...]]
 *        (default ../model/resnet50.om ../data/input.bin; inputs are raw float32 1x3x224x224)
 */
#include <atomic>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "acl/acl.h"
#include "utils.h"

namespace {

std::atomic<bool> g_exitReport{false};

/* One in-flight execution: its datasets and what the callback needs. */
struct Job {
  std::string name;
  aclmdlDataset* input = nullptr;
  aclmdlDataset* output = nullptr;
  std::vector<void*> inputBuffers;
  std::vector<void*> outputBuffers;
  size_t outputSize = 0;
  std::vector<float> scores;  // filled by the callback, printed by the main thread
  aclrtMemcpyKind toHost = ACL_MEMCPY_DEVICE_TO_HOST;
  std::atomic<bool> done{false};
};

void ReportThread(aclrtContext context) {
  if (aclrtSetCurrentContext(context) != ACL_SUCCESS) {
    ERROR_LOG("report thread: aclrtSetCurrentContext failed");
    return;
  }
  while (!g_exitReport.load()) {
    (void)aclrtProcessReport(100);  // runs the callbacks launched on the subscribed stream
  }
}

/* Runs on the report thread once the execution queued before it has finished. */
void OnExecuted(void* userData) {
  Job* job = static_cast<Job*>(userData);
  void* host = nullptr;
  if (aclrtMallocHost(&host, job->outputSize) != ACL_SUCCESS) {
    ERROR_LOG("callback: aclrtMallocHost failed");
    return;
  }
  if (aclrtMemcpy(host, job->outputSize, job->outputBuffers[0], job->outputSize, job->toHost) ==
      ACL_SUCCESS) {
    const float* values = static_cast<const float*>(host);
    job->scores.assign(values, values + job->outputSize / sizeof(float));
    job->done = true;
  } else {
    ERROR_LOG("callback: aclrtMemcpy D2H failed: %s", aclGetRecentErrMsg());
  }
  (void)aclrtFreeHost(host);
}

uint64_t ThreadIdOf(const std::thread& thread) {
  std::ostringstream text;  // as the AscendCL samples do: the pthread_t value on Linux
  text << thread.get_id();
  return std::stoull(text.str());
}

class AsyncSample {
 public:
  explicit AsyncSample(std::string modelPath) : modelPath_(std::move(modelPath)) {}
  ~AsyncSample() { DestroyResource(); }

  Result InitResource() {
    CHECK_ACL(aclInit(nullptr));
    aclInited_ = true;
    CHECK_ACL(aclrtSetDevice(deviceId_));
    deviceSet_ = true;
    CHECK_ACL(aclrtCreateContext(&context_, deviceId_));
    CHECK_ACL(aclrtCreateStream(&stream_));
    aclrtRunMode runMode;
    CHECK_ACL(aclrtGetRunMode(&runMode));
    toDevice_ = runMode == ACL_DEVICE ? ACL_MEMCPY_DEVICE_TO_DEVICE : ACL_MEMCPY_HOST_TO_DEVICE;
    toHost_ = runMode == ACL_DEVICE ? ACL_MEMCPY_DEVICE_TO_DEVICE : ACL_MEMCPY_DEVICE_TO_HOST;

    size_t workSize = 0;
    size_t weightSize = 0;
    CHECK_ACL(aclmdlQuerySize(modelPath_.c_str(), &workSize, &weightSize));
    CHECK_ACL(aclrtMalloc(&workPtr_, workSize == 0 ? 1 : workSize, ACL_MEM_MALLOC_HUGE_FIRST));
    CHECK_ACL(
        aclrtMalloc(&weightPtr_, weightSize == 0 ? 1 : weightSize, ACL_MEM_MALLOC_HUGE_FIRST));
    CHECK_ACL(aclmdlLoadFromFileWithMem(modelPath_.c_str(), &modelId_, workPtr_, workSize,
                                        weightPtr_, weightSize));
    modelLoaded_ = true;
    INFO_LOG("model %s loaded with caller memory: work %zu bytes, weight %zu bytes, modelId %u",
             modelPath_.c_str(), workSize, weightSize, modelId_);
    modelDesc_ = aclmdlCreateDesc();
    if (modelDesc_ == nullptr) {
      ERROR_LOG("aclmdlCreateDesc failed");
      return FAILED;
    }
    CHECK_ACL(aclmdlGetDesc(modelDesc_, modelId_));
    if (aclmdlGetNumInputs(modelDesc_) != 1 ||
        aclmdlGetOutputDataType(modelDesc_, 0) != ACL_FLOAT) {
      ERROR_LOG("%s: expected one input and a float32 output", modelPath_.c_str());
      return FAILED;
    }

    reportThread_ = std::thread(ReportThread, context_);
    reportThreadId_ = ThreadIdOf(reportThread_);
    CHECK_ACL(aclrtSubscribeReport(reportThreadId_, stream_));
    subscribed_ = true;
    return SUCCESS;
  }

  /* Queues one execution and its callback; returns without waiting. */
  Result Submit(const std::string& inputFile) {
    jobs_.push_back(std::make_unique<Job>());
    Job& job = *jobs_.back();
    job.name = inputFile;
    job.toHost = toHost_;
    job.outputSize = aclmdlGetOutputSizeByIndex(modelDesc_, 0);
    if (utils::CreateDataset(modelDesc_, true, &job.input, job.inputBuffers) != SUCCESS ||
        utils::CreateDataset(modelDesc_, false, &job.output, job.outputBuffers) != SUCCESS) {
      return FAILED;
    }
    size_t inputSize = aclmdlGetInputSizeByIndex(modelDesc_, 0);
    std::vector<char> hostInput;
    if (utils::ReadBinFile(inputFile, inputSize, hostInput) != SUCCESS) {
      return FAILED;
    }
    CHECK_ACL(aclrtMemcpy(job.inputBuffers[0], inputSize, hostInput.data(), inputSize, toDevice_));
    CHECK_ACL(aclmdlExecuteAsync(modelId_, job.input, job.output, stream_));
    CHECK_ACL(aclrtLaunchCallback(OnExecuted, &job, ACL_CALLBACK_BLOCK, stream_));
    return SUCCESS;
  }

  Result Wait() {
    CHECK_ACL(aclrtSynchronizeStream(stream_));
    size_t done = 0;
    for (const auto& job : jobs_) {
      done += job->done ? 1 : 0;
      if (job->done) {
        utils::PrintTop5(job->name + " (copied back by the callback)", job->scores.data(),
                         job->scores.size());
      }
    }
    INFO_LOG("%zu of %zu callbacks completed on the report thread", done, jobs_.size());
    return done == jobs_.size() ? SUCCESS : FAILED;
  }

  void DestroyResource() {
    if (stream_ != nullptr) {
      (void)aclrtSynchronizeStream(stream_);  // nothing may still use the buffers freed below
    }
    if (subscribed_ && aclrtUnSubscribeReport(reportThreadId_, stream_) != ACL_SUCCESS) {
      ERROR_LOG("aclrtUnSubscribeReport failed");
    }
    subscribed_ = false;
    g_exitReport = true;
    if (reportThread_.joinable()) {
      reportThread_.join();
    }
    for (const auto& job : jobs_) {
      utils::DestroyDataset(job->input);
      utils::DestroyDataset(job->output);
    }
    jobs_.clear();
    if (modelLoaded_ && aclmdlUnload(modelId_) != ACL_SUCCESS) {
      ERROR_LOG("aclmdlUnload failed");
    }
    modelLoaded_ = false;
    if (modelDesc_ != nullptr) {
      (void)aclmdlDestroyDesc(modelDesc_);
      modelDesc_ = nullptr;
    }
    for (void** ptr : {&workPtr_, &weightPtr_}) {  // freed only after the unload
      if (*ptr != nullptr) {
        (void)aclrtFree(*ptr);
        *ptr = nullptr;
      }
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
  int32_t deviceId_ = 0;
  std::string modelPath_;
  bool aclInited_ = false;
  bool deviceSet_ = false;
  bool modelLoaded_ = false;
  bool subscribed_ = false;
  aclrtContext context_ = nullptr;
  aclrtStream stream_ = nullptr;
  aclrtMemcpyKind toDevice_ = ACL_MEMCPY_HOST_TO_DEVICE;
  aclrtMemcpyKind toHost_ = ACL_MEMCPY_DEVICE_TO_HOST;
  void* workPtr_ = nullptr;
  void* weightPtr_ = nullptr;
  uint32_t modelId_ = 0;
  aclmdlDesc* modelDesc_ = nullptr;
  std::thread reportThread_;
  uint64_t reportThreadId_ = 0;
  std::vector<std::unique_ptr<Job>> jobs_;
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
  AsyncSample sample(modelPath);
  if (sample.InitResource() != SUCCESS) {
    ERROR_LOG("sample init resource failed");
    return FAILED;
  }
  for (const std::string& input : inputs) {
    if (sample.Submit(input) != SUCCESS) {
      ERROR_LOG("sample submit %s failed", input.c_str());
      return FAILED;
    }
  }
  INFO_LOG("%zu executions queued on the stream", inputs.size());
  if (sample.Wait() != SUCCESS) {
    return FAILED;
  }
  sample.DestroyResource();
  INFO_LOG("execute sample success");
  return SUCCESS;
}
