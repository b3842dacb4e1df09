// Helpers for the single-op tests: compile op JSON into .om files, device buffers, tensor descs.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "acl/acl.h"

namespace openacl_test {

// Writes `json` to <tmp>/<name>/ops.json and compiles it with the atc --singleop path into
// <tmp>/<name>/models. Returns the models folder; on failure "" and *error set.
std::string CompileOpsJson(const std::string& json, const std::string& name, std::string* error);
// Compiles one JSON entry and returns the bytes of its .om (for aclopLoad).
std::string CompileOpBytes(const std::string& entry_json, std::string* error);
// Loads one JSON entry with aclopLoad. Returns the aclError.
aclError LoadOp(const std::string& entry_json);

// aclrtMalloc'd device memory, optionally filled from host data; freed on destruction.
class DeviceBuffer {
 public:
  explicit DeviceBuffer(size_t size);
  template <typename T>
  explicit DeviceBuffer(const std::vector<T>& host) : DeviceBuffer(host.size() * sizeof(T)) {
    CopyIn(host.data(), host.size() * sizeof(T));
  }
  ~DeviceBuffer();
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;

  void CopyIn(const void* host, size_t n);
  template <typename T>
  std::vector<T> Read(size_t count) const {
    std::vector<T> out(count);
    ReadInto(out.data(), count * sizeof(T));
    return out;
  }
  void ReadInto(void* host, size_t n) const;
  void* ptr() const { return ptr_; }
  size_t size() const { return size_; }
  aclDataBuffer* buffer() const { return buf_; }

 private:
  void* ptr_ = nullptr;
  size_t size_ = 0;
  aclDataBuffer* buf_ = nullptr;
};

// Owns tensor descs.
class Descs {
 public:
  ~Descs();
  aclTensorDesc* Add(aclDataType t, std::vector<int64_t> dims, aclFormat f = ACL_FORMAT_ND);
  aclTensorDesc* Omitted();

 private:
  std::vector<aclTensorDesc*> descs_;
};

}  // namespace openacl_test
