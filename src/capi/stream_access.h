// Stream access for other C API files (aclmdlExecuteAsync, single-op execution).
//
//   openacl::Status st = openacl::EnqueueOnStream(stream, [=]() -> openacl::Status {
//     return model->Execute(...);   // runs later on the stream's worker thread, in order
//   });
//
// stream_handle is the aclrtStream the app passed (NULL = the current context's default
// stream). A task's error surfaces at the next aclrtSynchronizeStream of that stream.
#pragma once

#include <functional>

#include "base/status.h"

namespace openacl {

Status EnqueueOnStream(void* stream_handle, std::function<Status()> task);
// Waits for the stream; returns the first task error since the last synchronize.
Status SynchronizeStreamHandle(void* stream_handle);

}  // namespace openacl
