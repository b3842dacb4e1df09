// The "device" heap: on the CPU device, device memory is host RAM, but it is a separate, tracked
// heap so that every copy can be checked against where its pointers really live (a host pointer
// passed as the device side of a copy is an error, as it would be on an NPU).
//
// Device blocks (aclrtMalloc*) and host blocks (aclrtMallocHost) are tracked in two maps keyed
// by base address. Anything that is inside neither is plain host memory (malloc, numpy, ...).
// Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <shared_mutex>
#include <string>
#include <vector>

#include "base/status.h"

namespace openacl::device {

enum class MemKind { kDevice, kHostBlock, kUnknown };

struct MemLocation {
  MemKind kind = MemKind::kUnknown;
  const void* base = nullptr;          // block base (kDevice / kHostBlock)
  size_t block_size = 0;               // bytes requested for the block
  size_t offset = 0;                   // pointer - base
  bool in_bounds = false;              // [p, p+n) lies inside the block (true for kUnknown)
  bool recently_freed_device = false;  // kUnknown pointer inside a freed device block (certain:
                                       // freed blocks are quarantined, see MemoryRegistry)
  size_t slack_overrun = 0;            // in-bounds bytes past block_size, in the block's slack
};

// "0x7f..": pointer formatted for error messages.
std::string PtrString(const void* p);
const char* MemKindName(MemKind kind);

class MemoryRegistry {
 public:
  static constexpr size_t kAlignment = 64;

  static MemoryRegistry& Global();

  MemoryRegistry();
  ~MemoryRegistry();
  MemoryRegistry(const MemoryRegistry&) = delete;
  MemoryRegistry& operator=(const MemoryRegistry&) = delete;

  // Device memory: 64-byte aligned; past capacity -> kMemoryAllocation; size 0 -> kInvalidParam.
  Result<void*> Allocate(size_t size);
  // DVPP memory (acldvppMalloc): `size` requested plus `slack` bytes the block really holds;
  // ranges reaching into the slack are in bounds and report slack_overrun.
  Result<void*> AllocateWithSlack(size_t size, size_t slack, size_t alignment);
  // Free of an unknown, interior or already freed pointer -> kInvalidParam naming the pointer.
  Status Free(void* ptr);

  // Host (page-locked on a real device) memory; tracked apart from the device heap.
  Result<void*> AllocateHost(size_t size);
  Status FreeHost(void* ptr);

  // Where [p, p+n) lives.
  MemLocation Locate(const void* p, size_t n) const;
  // True when [p, p+n) lies entirely inside one live device block.
  bool IsDeviceRange(const void* p, size_t n) const;

  // Capacity of the device heap; 0 restores the default (half of physical RAM).
  void SetCapacity(size_t bytes);
  size_t capacity() const;
  size_t used() const;
  size_t num_device_blocks() const;

  // Frees every block (aclFinalize).
  void ReleaseAll();

  // Memory the device holds that is not an aclrtMalloc block (a loaded model's work and weight
  // memory): charged against the same capacity, so a device has one budget. Past capacity ->
  // kMemoryAllocation naming `what`. `generation` receives the heap generation to pass back to
  // Uncharge (a charge taken before aclFinalize released everything is not uncharged twice).
  Status Charge(size_t bytes, const std::string& what, uint64_t* generation);
  void Uncharge(size_t bytes, uint64_t generation);

 private:
  struct Block {
    size_t size;      // requested
    size_t reserved;  // rounded, counted against capacity
    size_t slack = 0; // usable bytes past `size` (DVPP rounding)
  };
  using BlockMap = std::map<uintptr_t, Block>;

  static const BlockMap::value_type* Find(const BlockMap& map, uintptr_t p);
  bool InFreedDeviceRange(uintptr_t p) const;
  // Keeps a freed device block's memory (its pages released to the OS) for a while, so that a
  // use after aclrtFree is recognised for certain by every memory operation: the address cannot
  // belong to anything else yet. Returns blocks to free now (the oldest, past the limits).
  std::vector<void*> Quarantine(uintptr_t base, const Block& block);

  mutable std::shared_mutex mu_;
  BlockMap device_;
  BlockMap host_;
  size_t capacity_ = 0;
  size_t used_ = 0;
  uint64_t generation_ = 0;  // bumped by ReleaseAll
  // Recently freed device blocks, still owned (see Quarantine), oldest first in the order.
  BlockMap quarantine_;
  std::vector<uintptr_t> quarantine_order_;
  size_t quarantine_resident_ = 0;  // bytes of quarantined blocks whose pages are kept
};

}  // namespace openacl::device
