// aclDataBuffer: wraps (does not own) a memory region. (NULL, 0) is legal (unused optional or
// constant op inputs). Other C API files may read the fields directly; use
// DataBufferRegistry().Check(buf, "inputs[0]", "aclDataBuffer") to reject stale pointers.
#pragma once

#include <cstddef>

#include "acl/acl_base.h"
#include "capi/guard.h"

struct aclDataBuffer {
  void* data = nullptr;
  size_t size = 0;
};

namespace openacl::capi {
LiveSet<aclDataBuffer>& DataBufferRegistry();
}  // namespace openacl::capi
