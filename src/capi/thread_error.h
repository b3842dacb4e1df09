// Per-thread record of the last error (aclGetRecentErrMsg, aclrtGetLastError).
#pragma once

#include <string>

#include "acl/acl.h"

namespace openacl::capi {

void RecordThreadError(aclError code, std::string message);
// Hands out the pending message (NULL when none) and clears it; the pointer stays valid until
// this thread's next call.
const char* TakeThreadErrorMessage();
// Last error code of this thread; `clear` resets it to ACL_SUCCESS.
aclError ThreadLastError(bool clear);

}  // namespace openacl::capi
