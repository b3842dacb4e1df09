#include "op_test_util.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "compiler/single_op/single_op_compiler.h"
#include "model_test_util.h"

namespace openacl_test {

std::string CompileOpsJson(const std::string& json, const std::string& name, std::string* error) {
  std::string dir = TempDir() + "/" + name;
  std::filesystem::create_directories(dir);
  {
    std::ofstream f(dir + "/ops.json");
    f << json;
  }
  openacl::Status st = openacl::CompileSingleOpJson(dir + "/ops.json", dir + "/models", "");
  if (!st.ok()) {
    if (error) *error = st.message();
    return "";
  }
  return dir + "/models";
}

std::string CompileOpBytes(const std::string& entry_json, std::string* error) {
  static int counter = 0;
  std::string dir = CompileOpsJson("[" + entry_json + "]", "op" + std::to_string(counter++), error);
  if (dir.empty()) return "";
  for (const auto& f : std::filesystem::directory_iterator(dir))
    return ReadFileBytes(f.path().string());
  return "";
}

aclError LoadOp(const std::string& entry_json) {
  std::string error;
  std::string bytes = CompileOpBytes(entry_json, &error);
  if (bytes.empty()) {
    ADD_FAILURE() << "compiling " << entry_json << ": " << error;
    return ACL_ERROR_INVALID_PARAM;
  }
  return aclopLoad(bytes.data(), bytes.size());
}

DeviceBuffer::DeviceBuffer(size_t size) : size_(size) {
  if (size > 0) {
    EXPECT_EQ(aclrtMalloc(&ptr_, size, ACL_MEM_MALLOC_HUGE_FIRST), ACL_SUCCESS);
  }
  buf_ = aclCreateDataBuffer(ptr_, size_);
}

DeviceBuffer::~DeviceBuffer() {
  aclDestroyDataBuffer(buf_);
  if (ptr_) aclrtFree(ptr_);
}

void DeviceBuffer::CopyIn(const void* host, size_t n) {
  EXPECT_EQ(aclrtMemcpy(ptr_, size_, host, n, ACL_MEMCPY_HOST_TO_DEVICE), ACL_SUCCESS);
}

void DeviceBuffer::ReadInto(void* host, size_t n) const {
  EXPECT_EQ(aclrtMemcpy(host, n, ptr_, n, ACL_MEMCPY_DEVICE_TO_HOST), ACL_SUCCESS);
}

Descs::~Descs() {
  for (aclTensorDesc* d : descs_) aclDestroyTensorDesc(d);
}

aclTensorDesc* Descs::Add(aclDataType t, std::vector<int64_t> dims, aclFormat f) {
  descs_.push_back(aclCreateTensorDesc(t, static_cast<int>(dims.size()), dims.data(), f));
  return descs_.back();
}

aclTensorDesc* Descs::Omitted() {
  descs_.push_back(aclCreateTensorDesc(ACL_DT_UNDEFINED, 0, nullptr, ACL_FORMAT_UNDEFINED));
  return descs_.back();
}

}  // namespace openacl_test
