/**
 * Helpers shared by the two ResNet-50 sample programs: logging, reading a raw input file,
 * datasets of device buffers sized from the model description, and the top-5 print.
 */
#ifndef RESNET50_SAMPLE_UTILS_H_
#define RESNET50_SAMPLE_UTILS_H_

#include <cstddef>
#include <cstdio>
#include <string>
#include <vector>

#include "acl/acl.h"

#define INFO_LOG(fmt, ...) fprintf(stdout, "[INFO]  " fmt "\n", ##__VA_ARGS__)
#define WARN_LOG(fmt, ...) fprintf(stdout, "[WARN]  " fmt "\n", ##__VA_ARGS__)
#define ERROR_LOG(fmt, ...) fprintf(stderr, "[ERROR] " fmt "\n", ##__VA_ARGS__)

enum Result { SUCCESS = 0, FAILED = 1 };

/* Logs the failed call with aclGetRecentErrMsg() and returns FAILED from the caller. */
#define CHECK_ACL(call)                                                               \
  do {                                                                                \
    aclError check_ret_ = (call);                                                     \
    if (check_ret_ != ACL_SUCCESS) {                                                  \
      const char* check_msg_ = aclGetRecentErrMsg();                                  \
      ERROR_LOG("%s failed, errorCode = %d: %s", #call, static_cast<int>(check_ret_), \
                check_msg_ != nullptr ? check_msg_ : "");                             \
      return FAILED;                                                                  \
    }                                                                                 \
  } while (0)

namespace utils {

/* Reads a whole file; fails if it does not hold exactly `expectedSize` bytes. */
Result ReadBinFile(const std::string& path, size_t expectedSize, std::vector<char>& data);

/* Creates a dataset with one aclrtMalloc'ed buffer per model input (or output), sized with
 * aclmdlGetInputSizeByIndex (or ...Output...). The device pointers are appended to `buffers`. */
Result CreateDataset(const aclmdlDesc* desc, bool isInput, aclmdlDataset** dataset,
                     std::vector<void*>& buffers);

/* Destroys the data buffers, the dataset, and frees the device memory behind them. */
void DestroyDataset(aclmdlDataset* dataset);

/* Prints the five largest scores as "[index]: value" lines under a header. */
void PrintTop5(const std::string& title, const float* scores, size_t count);

}  // namespace utils

#endif  // RESNET50_SAMPLE_UTILS_H_
