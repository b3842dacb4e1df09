/* Compiled as strict C99 (-std=c99 -pedantic-errors -Werror) against the public headers and
 * linked with libascendcl.so: the headers are valid C and every call below resolves. */
#include <stdio.h>

#include "acl/acl.h"
#include "acl/acl_op_compiler.h"
#define ENABLE_DVPP_INTERFACE
#include "acl/ops/acl_dvpp.h"
#include "ge/ge_error_codes.h"

typedef char check_iodims_size[sizeof(aclmdlIODims) == 1160 ? 1 : -1];
typedef char check_batch_size[sizeof(aclmdlBatch) == 1032 ? 1 : -1];
typedef char check_hw_size[sizeof(aclmdlHW) == 2056 ? 1 : -1];

int main(void) {
  int32_t major = 0, minor = 0, patch = 0;
  aclrtStream stream = NULL;
  void* dev = NULL;
  int64_t dims[2] = {2, 3};
  aclTensorDesc* desc;
  check_iodims_size* unused0 = NULL;
  check_batch_size* unused1 = NULL;
  check_hw_size* unused2 = NULL;
  (void)unused0;
  (void)unused1;
  (void)unused2;
  if (aclInit(NULL) != ACL_SUCCESS) return 1;
  if (aclrtGetVersion(&major, &minor, &patch) != ACL_SUCCESS || major != 1 || minor != 15) return 2;
  if (aclrtSetDevice(0) != ACL_SUCCESS) return 3;
  if (aclrtCreateStream(&stream) != ACL_SUCCESS) return 4;
  if (aclrtMalloc(&dev, 64, ACL_MEM_MALLOC_HUGE_FIRST) != ACL_SUCCESS) return 5;
  if (aclrtMemsetAsync(dev, 64, 7, 64, stream) != ACL_SUCCESS) return 6;
  if (aclrtSynchronizeStream(stream) != ACL_SUCCESS) return 7;
  desc = aclCreateTensorDesc(ACL_FLOAT, 2, dims, ACL_FORMAT_ND);
  if (aclGetTensorDescSize(desc) != 24) return 8;
  aclDestroyTensorDesc(desc);
  ACL_APP_LOG(ACL_DEBUG, "%s", "c99 check");
  {
    void* pic_data = NULL;
    acldvppPicDesc* pic = acldvppCreatePicDesc();
    if (acldvppMalloc(&pic_data, 100) != ACL_SUCCESS) return 13;
    if (pic == NULL || acldvppSetPicDescData(pic, pic_data) != ACL_SUCCESS) return 14;
    if (acldvppDestroyPicDesc(pic) != ACL_SUCCESS || acldvppFree(pic_data) != ACL_SUCCESS) return 15;
  }
  if (aclrtFree(dev) != ACL_SUCCESS) return 9;
  if (aclrtDestroyStream(stream) != ACL_SUCCESS) return 10;
  if (aclrtResetDevice(0) != ACL_SUCCESS) return 11;
  if (aclFinalize() != ACL_SUCCESS) return 12;
  printf("c99_header_check: ok\n");
  return 0;
}
