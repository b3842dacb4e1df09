// aclInit / aclFinalize / version / error queries / logging / SoC name.
#include <cstdarg>
#include <cstring>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "capi/enum_arg.h"
#include "base/logging.h"
#include "capi/guard.h"
#include "capi/thread_error.h"
#include "device/callback.h"
#include "device/config.h"
#include "device/device.h"
#include "device/memory_registry.h"

namespace openacl::capi {
namespace {

std::mutex g_init_mu;
bool g_initialized = false;

std::vector<void (*)()>& FinalizeHooks() {
  static std::vector<void (*)()>* hooks = new std::vector<void (*)()>();
  return *hooks;
}

Status Initialize(const char* config_path) {
  ASSIGN_OR_RETURN(device::RuntimeConfig config, device::LoadConfigFile(config_path));
  std::lock_guard<std::mutex> lock(g_init_mu);
  if (g_initialized) {
    return Status(StatusCode::kRepeatInitialize,
                  "aclInit was already called (call aclFinalize before initializing again)");
  }
  device::SetActiveConfig(config);
  device::MemoryRegistry::Global().SetCapacity(config.device_memory_bytes);
  g_initialized = true;
  return Status::Ok();
}

Status Finalize() {
  std::vector<void (*)()> hooks;
  {
    std::lock_guard<std::mutex> lock(g_init_mu);
    if (!g_initialized) {
      return Status(StatusCode::kRepeatFinalize, "aclFinalize without a matching aclInit");
    }
    hooks = FinalizeHooks();
  }
  for (auto hook : hooks) hook();  // outside the lock: hooks may call back into the API
  device::DeviceManager::Global().Finalize();
  device::ReportHub::Global().Clear();
  device::MemoryRegistry::Global().ReleaseAll();
  device::SetActiveConfig(device::RuntimeConfig{});
  std::lock_guard<std::mutex> lock(g_init_mu);
  g_initialized = false;
  return Status::Ok();
}

}  // namespace

bool IsInitialized() {
  std::lock_guard<std::mutex> lock(g_init_mu);
  return g_initialized;
}

Status RequireInit(const char* api) {
  if (IsInitialized()) return Status::Ok();
  return Status(StatusCode::kUninitialized, std::string(api) + " needs aclInit to be called first");
}

void RegisterFinalizeHook(void (*hook)()) {
  std::lock_guard<std::mutex> lock(g_init_mu);
  for (auto h : FinalizeHooks()) {
    if (h == hook) return;
  }
  FinalizeHooks().push_back(hook);
}

}  // namespace openacl::capi

using openacl::Status;
using openacl::capi::Guard;

extern "C" {

aclError aclInit(const char* configPath) {
  return Guard(__func__, [&] { return openacl::capi::Initialize(configPath); });
}

aclError aclFinalize(void) {
  return Guard(__func__, [] { return openacl::capi::Finalize(); });
}

aclError aclFinalizeReference(uint64_t* refCount) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(openacl::capi::Finalize());  // aclInit is not reference counted here
    if (refCount != nullptr) *refCount = 0;
    return Status::Ok();
  });
}

aclError aclrtGetVersion(int32_t* majorVersion, int32_t* minorVersion, int32_t* patchVersion) {
  return Guard(__func__, [&]() -> Status {
    if (!majorVersion || !minorVersion || !patchVersion) {
      return openacl::InvalidParam("majorVersion, minorVersion and patchVersion must not be null");
    }
    *majorVersion = ACL_MAJOR_VERSION;
    *minorVersion = ACL_MINOR_VERSION;
    *patchVersion = ACL_PATCH_VERSION;
    return Status::Ok();
  });
}

aclError aclsysGetCANNVersion(aclCANNPackageName nameArg, aclCANNPackageVersion* version) {
  return Guard(__func__, [&]() -> Status {
    if (version == nullptr) return openacl::InvalidParam("version is null");
    const int32_t name = openacl::capi::EnumArg(nameArg);
    if (name < ACL_PKG_NAME_CANN || name > ACL_PKG_NAME_DRIVER) {
      return openacl::InvalidParam("unknown package name " + std::to_string(name));
    }
    std::memset(version, 0, sizeof(*version));
    std::strcpy(version->version, "8.0.0");  // the CANN release whose API openacl follows
    std::strcpy(version->majorVersion, "8");
    std::strcpy(version->minorVersion, "0");
    std::strcpy(version->releaseVersion, "0");
    std::strcpy(version->patchVersion, "0");
    return Status::Ok();
  });
}

const char* aclGetRecentErrMsg(void) { return openacl::capi::TakeThreadErrorMessage(); }

aclError aclrtGetLastError(aclrtLastErrLevel level) {
  return openacl::capi::ThreadLastError(/*clear=*/true);
}

aclError aclrtPeekAtLastError(aclrtLastErrLevel level) {
  return openacl::capi::ThreadLastError(/*clear=*/false);
}

void aclAppLog(aclLogLevel logLevel, const char* func, const char* file, uint32_t line,
               const char* fmt, ...) {
  if (fmt == nullptr) return;
  int level = openacl::capi::EnumArg(logLevel);
  if (level < 0 || level > 3) level = 3;
  auto lvl = static_cast<openacl::LogLevel>(level);
  if (!openacl::LogEnabled(lvl)) return;
  va_list args;
  va_start(args, fmt);
  openacl::LogMessageV(lvl, func ? func : "?", file ? file : "?", static_cast<int>(line), fmt,
                       args);
  va_end(args);
}

const char* aclrtGetSocName(void) {
  // Names handed out stay valid for the life of the process.
  static std::mutex mu;
  static std::set<std::string>* names = new std::set<std::string>();
  std::lock_guard<std::mutex> lock(mu);
  return names->insert(openacl::device::ConfiguredSocName()).first->c_str();
}

}  // extern "C"
