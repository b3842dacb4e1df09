#include "device/memory_registry.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <mutex>

#include "base/checked_math.h"

#include "device/config.h"

namespace openacl::device {
namespace {

// Freed device blocks kept (see Quarantine): at most this many, and at most this many bytes of
// them with their pages still resident (blocks of kReleasePagesBytes or more give their pages
// back to the OS at once and cost only address space).
constexpr size_t kQuarantineBlocks = 256;
constexpr size_t kQuarantineResidentBytes = size_t{32} << 20;
constexpr size_t kReleasePagesBytes = size_t{256} << 10;

// Drops the whole pages inside [p, p+n) (they read back as zeros if touched).
void ReleasePages(uintptr_t p, size_t n) {
  const uintptr_t page = static_cast<uintptr_t>(sysconf(_SC_PAGE_SIZE));
  uintptr_t begin = (p + page - 1) / page * page, end = (p + n) / page * page;
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_DONTNEED);
}

size_t RoundUp(size_t n, size_t a) { return (n + a - 1) / a * a; }

size_t DefaultCapacity() {
  size_t phys = PhysicalMemoryBytes();
  return phys == 0 ? (size_t{4} << 30) : phys / 2;
}

}  // namespace

std::string PtrString(const void* p) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%p", p);
  return buf;
}

const char* MemKindName(MemKind kind) {
  switch (kind) {
    case MemKind::kDevice:
      return "device memory";
    case MemKind::kHostBlock:
      return "host memory (aclrtMallocHost)";
    case MemKind::kUnknown:
      return "host memory";
  }
  return "?";
}

MemoryRegistry& MemoryRegistry::Global() {
  static MemoryRegistry* registry = new MemoryRegistry();  // never destroyed: outlives statics
  return *registry;
}

MemoryRegistry::MemoryRegistry() : capacity_(DefaultCapacity()) {}

MemoryRegistry::~MemoryRegistry() { ReleaseAll(); }

Result<void*> MemoryRegistry::Allocate(size_t size) { return AllocateWithSlack(size, 0, kAlignment); }

Result<void*> MemoryRegistry::AllocateWithSlack(size_t size, size_t slack, size_t alignment) {
  if (size == 0) return InvalidParam("device allocation of 0 bytes");
  size_t reserved = RoundUp(size + slack, alignment);
  if (size + slack < size || reserved < size + slack) {
    return Status(StatusCode::kMemoryAllocation, "size overflow");
  }
  std::unique_lock<std::shared_mutex> lock(mu_);
  if (reserved > capacity_ - used_) {
    return Status(StatusCode::kMemoryAllocation,
                  "device memory exhausted: asked " + std::to_string(size) + " bytes, " +
                      std::to_string(capacity_ - used_) + " of " + std::to_string(capacity_) +
                      " bytes free (set openacl.device_memory_mb in acl.json to change)");
  }
  void* p = std::aligned_alloc(alignment, reserved);
  if (p == nullptr) {
    return Status(StatusCode::kMemoryAllocation,
                  "host RAM backing " + std::to_string(size) + " device bytes is exhausted");
  }
  device_[reinterpret_cast<uintptr_t>(p)] = Block{size, reserved, slack};
  used_ += reserved;
  return p;
}

Status MemoryRegistry::Free(void* ptr) {
  if (ptr == nullptr) return InvalidParam("device pointer is null");
  uintptr_t p = reinterpret_cast<uintptr_t>(ptr);
  std::unique_lock<std::shared_mutex> lock(mu_);
  auto it = device_.find(p);
  if (it == device_.end()) {
    if (const auto* inside = Find(device_, p)) {
      return InvalidParam("pointer " + PtrString(ptr) + " is inside device block " +
                          PtrString(reinterpret_cast<void*>(inside->first)) + " (offset " +
                          std::to_string(p - inside->first) + "), not its start");
    }
    if (Find(host_, p)) {
      return InvalidParam("pointer " + PtrString(ptr) +
                          " is host memory from aclrtMallocHost; free it with aclrtFreeHost");
    }
    if (InFreedDeviceRange(p)) {
      return InvalidParam("pointer " + PtrString(ptr) + " was already freed (double free)");
    }
    return InvalidParam("pointer " + PtrString(ptr) +
                        " was not allocated by aclrtMalloc (unknown device pointer)");
  }
  used_ -= it->second.reserved;
  Block block = it->second;
  device_.erase(it);
  std::vector<void*> evicted = Quarantine(p, block);
  lock.unlock();
  for (void* old : evicted) std::free(old);
  return Status::Ok();
}

Result<void*> MemoryRegistry::AllocateHost(size_t size) {
  if (size == 0) return InvalidParam("host allocation of 0 bytes");
  size_t reserved = 0;
  if (!CheckedRoundUp<size_t>(size, kAlignment, &reserved)) {
    return Status(StatusCode::kBadAlloc, "host allocation of " + std::to_string(size) +
                                             " bytes: the size rounded up to " +
                                             std::to_string(kAlignment) + " bytes overflows");
  }
  void* p = std::aligned_alloc(kAlignment, reserved);
  if (p == nullptr) {
    return Status(StatusCode::kBadAlloc,
                  "out of host memory for " + std::to_string(size) + " bytes");
  }
  std::unique_lock<std::shared_mutex> lock(mu_);
  host_[reinterpret_cast<uintptr_t>(p)] = Block{size, reserved};
  return p;
}

Status MemoryRegistry::FreeHost(void* ptr) {
  if (ptr == nullptr) return InvalidParam("host pointer is null");
  uintptr_t p = reinterpret_cast<uintptr_t>(ptr);
  std::unique_lock<std::shared_mutex> lock(mu_);
  auto it = host_.find(p);
  if (it == host_.end()) {
    if (Find(device_, p)) {
      return InvalidParam("pointer " + PtrString(ptr) +
                          " is device memory; free it with aclrtFree, not aclrtFreeHost");
    }
    if (Find(host_, p)) {
      return InvalidParam("pointer " + PtrString(ptr) +
                          " is inside an aclrtMallocHost block, not its start");
    }
    return InvalidParam("pointer " + PtrString(ptr) +
                        " was not allocated by aclrtMallocHost (unknown or already freed)");
  }
  host_.erase(it);
  lock.unlock();
  std::free(ptr);
  return Status::Ok();
}

const MemoryRegistry::BlockMap::value_type* MemoryRegistry::Find(const BlockMap& map, uintptr_t p) {
  auto it = map.upper_bound(p);
  if (it == map.begin()) return nullptr;
  --it;
  // A pointer one past the end of a block is not inside it (size >= 1).
  if (p - it->first < it->second.size + it->second.slack) return &*it;
  return nullptr;
}

MemLocation MemoryRegistry::Locate(const void* ptr, size_t n) const {
  MemLocation loc;
  uintptr_t p = reinterpret_cast<uintptr_t>(ptr);
  std::shared_lock<std::shared_mutex> lock(mu_);
  const BlockMap::value_type* hit = Find(device_, p);
  if (hit != nullptr) {
    loc.kind = MemKind::kDevice;
  } else if ((hit = Find(host_, p)) != nullptr) {
    loc.kind = MemKind::kHostBlock;
  }
  if (hit == nullptr) {
    loc.in_bounds = true;
    loc.recently_freed_device = InFreedDeviceRange(p);
    return loc;
  }
  loc.base = reinterpret_cast<const void*>(hit->first);
  loc.block_size = hit->second.size;
  loc.offset = p - hit->first;
  loc.in_bounds = n <= loc.block_size + hit->second.slack - loc.offset;
  if (loc.in_bounds && loc.offset + n > loc.block_size) loc.slack_overrun = loc.offset + n - loc.block_size;
  return loc;
}

bool MemoryRegistry::IsDeviceRange(const void* p, size_t n) const {
  MemLocation loc = Locate(p, n);
  return loc.kind == MemKind::kDevice && loc.in_bounds;
}

void MemoryRegistry::SetCapacity(size_t bytes) {
  std::unique_lock<std::shared_mutex> lock(mu_);
  capacity_ = bytes == 0 ? DefaultCapacity() : bytes;
}

size_t MemoryRegistry::capacity() const {
  std::shared_lock<std::shared_mutex> lock(mu_);
  return capacity_;
}

size_t MemoryRegistry::used() const {
  std::shared_lock<std::shared_mutex> lock(mu_);
  return used_;
}

size_t MemoryRegistry::num_device_blocks() const {
  std::shared_lock<std::shared_mutex> lock(mu_);
  return device_.size();
}

void MemoryRegistry::ReleaseAll() {
  std::unique_lock<std::shared_mutex> lock(mu_);
  for (auto& [base, block] : device_) std::free(reinterpret_cast<void*>(base));
  for (auto& [base, block] : host_) std::free(reinterpret_cast<void*>(base));
  for (auto& [base, block] : quarantine_) std::free(reinterpret_cast<void*>(base));
  device_.clear();
  host_.clear();
  quarantine_.clear();
  quarantine_order_.clear();
  quarantine_resident_ = 0;
  used_ = 0;
  ++generation_;
}

bool MemoryRegistry::InFreedDeviceRange(uintptr_t p) const {
  return Find(quarantine_, p) != nullptr;
}

std::vector<void*> MemoryRegistry::Quarantine(uintptr_t base, const Block& block) {
  size_t bytes = block.reserved;
  if (bytes >= kReleasePagesBytes) {
    ReleasePages(base, bytes);
  } else {
    quarantine_resident_ += bytes;
  }
  quarantine_[base] = block;
  quarantine_order_.push_back(base);
  std::vector<void*> evicted;
  size_t drop = 0;
  while (drop < quarantine_order_.size() &&
         (quarantine_order_.size() - drop > kQuarantineBlocks ||
          quarantine_resident_ > kQuarantineResidentBytes)) {
    uintptr_t old = quarantine_order_[drop++];
    auto it = quarantine_.find(old);
    size_t old_bytes = it->second.reserved;
    if (old_bytes < kReleasePagesBytes) quarantine_resident_ -= old_bytes;
    quarantine_.erase(it);
    evicted.push_back(reinterpret_cast<void*>(old));
  }
  quarantine_order_.erase(quarantine_order_.begin(), quarantine_order_.begin() + drop);
  return evicted;
}

Status MemoryRegistry::Charge(size_t bytes, const std::string& what, uint64_t* generation) {
  std::unique_lock<std::shared_mutex> lock(mu_);
  if (bytes > capacity_ - std::min(used_, capacity_)) {
    return Status(StatusCode::kMemoryAllocation,
                  "device memory exhausted: " + what + " needs " + std::to_string(bytes) +
                      " bytes, " + std::to_string(capacity_ - std::min(used_, capacity_)) +
                      " of " + std::to_string(capacity_) +
                      " bytes free (set openacl.device_memory_mb in acl.json to change)");
  }
  used_ += bytes;
  *generation = generation_;
  return Status::Ok();
}

void MemoryRegistry::Uncharge(size_t bytes, uint64_t generation) {
  std::unique_lock<std::shared_mutex> lock(mu_);
  if (generation != generation_) return;  // aclFinalize already released everything
  used_ -= std::min(used_, bytes);
}

}  // namespace openacl::device
