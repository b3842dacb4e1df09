// Number of threads kernels use: OPENACL_NUM_THREADS, else acl.json's openacl.num_threads,
// else the cores available to the process.
#pragma once

namespace openacl::device {

int ConfiguredNumThreads();
// Set from aclInit's config file (0 = not configured).
void SetConfiguredNumThreads(int n);

}  // namespace openacl::device
