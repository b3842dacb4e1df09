#include <cstdio>

#include "capi/guard.h"
#include "device/device.h"

namespace openacl::capi {
namespace {
constexpr int kKindShift = 44;
constexpr uint64_t kIdMask = (uint64_t{1} << kKindShift) - 1;
}  // namespace

std::string PointerText(const void* p) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%p", p);
  return buf;
}

void* EncodeHandle(HandleKind kind, uint64_t id) {
  return reinterpret_cast<void*>((static_cast<uint64_t>(kind) << kKindShift) | (id & kIdMask));
}

uint64_t DecodeHandle(HandleKind kind, const void* handle) {
  uint64_t v = reinterpret_cast<uint64_t>(handle);
  if ((v >> kKindShift) != static_cast<uint64_t>(kind)) return 0;
  return v & kIdMask;
}

namespace {
Status NotAHandle(const char* what, const void* h) {
  return Status(StatusCode::kInvalidResourceHandle,
                std::string(what) + " " + PointerText(h) + " is not a live " + what +
                    " handle (destroyed, or not created by openacl)");
}
}  // namespace

Result<std::shared_ptr<device::Stream>> StreamFromHandle(void* stream) {
  if (stream == nullptr) return device::DeviceManager::Global().ResolveStream(0);
  uint64_t id = DecodeHandle(HandleKind::kStream, stream);
  auto s = id ? device::DeviceManager::Global().FindStream(id) : nullptr;
  if (!s) return NotAHandle("stream", stream);
  return s;
}

Result<std::shared_ptr<device::Event>> EventFromHandle(void* event) {
  if (event == nullptr) return InvalidParam("event is null");
  uint64_t id = DecodeHandle(HandleKind::kEvent, event);
  auto e = id ? device::DeviceManager::Global().FindEvent(id) : nullptr;
  if (!e) return NotAHandle("event", event);
  return e;
}

Result<std::shared_ptr<device::Context>> ContextFromHandle(void* context) {
  if (context == nullptr) return InvalidParam("context is null");
  uint64_t id = DecodeHandle(HandleKind::kContext, context);
  auto c = id ? device::DeviceManager::Global().FindContext(id) : nullptr;
  if (!c) return NotAHandle("context", context);
  return c;
}

}  // namespace openacl::capi
