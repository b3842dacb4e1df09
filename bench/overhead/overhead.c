/* Per-call overhead of aclmdlExecute on a tiny model (e.g. models/add.onnx: one Add of 16
 * floats), through the public C API: median and min of N synchronous round trips.
 * usage: overhead <model.om|model.onnx> [iterations] */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "acl/acl.h"

static double now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp(const void* a, const void* b) {
  double x = *(const double*)a, y = *(const double*)b;
  return (x > y) - (x < y);
}

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s model [iterations]\n", argv[0]);
    return 2;
  }
  int iters = argc > 2 ? atoi(argv[2]) : 100000;
  uint32_t id = 0;
  size_t i;
  aclInit(NULL);
  aclrtSetDevice(0);
  if (aclmdlLoadFromFile(argv[1], &id) != ACL_SUCCESS) {
    fprintf(stderr, "load failed: %s\n", aclGetRecentErrMsg());
    return 1;
  }
  aclmdlDesc* desc = aclmdlCreateDesc();
  aclmdlGetDesc(desc, id);
  aclmdlDataset* ds[2] = {aclmdlCreateDataset(), aclmdlCreateDataset()};
  for (int side = 0; side < 2; ++side) {
    size_t n = side == 0 ? aclmdlGetNumInputs(desc) : aclmdlGetNumOutputs(desc);
    for (i = 0; i < n; ++i) {
      size_t size = side == 0 ? aclmdlGetInputSizeByIndex(desc, i)
                              : aclmdlGetOutputSizeByIndex(desc, i);
      void* dev = NULL;
      aclrtMalloc(&dev, size, ACL_MEM_MALLOC_HUGE_FIRST);
      aclmdlAddDatasetBuffer(ds[side], aclCreateDataBuffer(dev, size));
    }
  }
  for (i = 0; i < 1000; ++i) aclmdlExecute(id, ds[0], ds[1]);
  double* t = malloc(sizeof(double) * iters);
  for (int k = 0; k < iters; ++k) {
    double t0 = now_us();
    if (aclmdlExecute(id, ds[0], ds[1]) != ACL_SUCCESS) {
      fprintf(stderr, "execute failed: %s\n", aclGetRecentErrMsg());
      return 1;
    }
    t[k] = now_us() - t0;
  }
  qsort(t, iters, sizeof(double), cmp);
  printf("aclmdlExecute round trip over %d calls: median %.2f us, min %.2f us, p99 %.2f us\n",
         iters, t[iters / 2], t[0], t[(int)(iters * 0.99)]);
  return 0;
}
