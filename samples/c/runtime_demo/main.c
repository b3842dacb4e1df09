/*
 * runtime_demo: the AscendCL runtime API at work, in plain C99.
 *   init -> device -> context -> stream -> device memory -> async copies -> events
 *   -> host callback on a report thread -> teardown.
 * Build: part of the openacl CMake tree (build/bin/runtime_demo). Run: ./runtime_demo [acl.json]
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "acl/acl.h"

#define CHECK(call)                                                                     \
  do {                                                                                  \
    aclError ret_ = (call);                                                             \
    if (ret_ != ACL_SUCCESS) {                                                          \
      const char* msg_ = aclGetRecentErrMsg();                                          \
      fprintf(stderr, "%s failed: %d (%s)\n", #call, ret_, msg_ ? msg_ : "no message"); \
      return 1;                                                                         \
    }                                                                                   \
  } while (0)

enum { kCount = 1024 };

static volatile int g_stop = 0;
static aclrtContext g_context = NULL;

/* The report thread: runs launched callbacks inside aclrtProcessReport. */
static void* ReportThread(void* arg) {
  (void)arg;
  aclrtSetCurrentContext(g_context);
  while (!g_stop) (void)aclrtProcessReport(100);
  return NULL;
}

static void OnCopied(void* user_data) {
  const float* host = (const float*)user_data;
  printf("callback on report thread: host[0]=%.1f host[%d]=%.1f\n", host[0], kCount - 1,
         host[kCount - 1]);
}

int main(int argc, char** argv) {
  int32_t major = 0, minor = 0, patch = 0;
  aclrtRunMode mode;
  aclrtStream stream = NULL;
  aclrtEvent start = NULL, end = NULL;
  void* dev = NULL;
  void* host = NULL;
  float input[kCount];
  float elapsed_ms = 0.0f;
  size_t free_bytes = 0, total_bytes = 0;
  pthread_t reporter;
  aclError bad;
  int i;

  CHECK(aclInit(argc > 1 ? argv[1] : NULL));
  CHECK(aclrtGetVersion(&major, &minor, &patch));
  printf("AscendCL %d.%d.%d on %s\n", major, minor, patch, aclrtGetSocName());
  CHECK(aclrtSetDevice(0));
  CHECK(aclrtCreateContext(&g_context, 0));
  CHECK(aclrtCreateStream(&stream));
  CHECK(aclrtGetRunMode(&mode));
  printf("run mode: %s\n", mode == ACL_HOST ? "ACL_HOST" : "ACL_DEVICE");

  for (i = 0; i < kCount; ++i) input[i] = (float)i * 0.5f;
  CHECK(aclrtMalloc(&dev, sizeof(input), ACL_MEM_MALLOC_HUGE_FIRST));
  CHECK(aclrtMallocHost(&host, sizeof(input)));
  CHECK(aclrtGetMemInfo(ACL_HBM_MEM, &free_bytes, &total_bytes));
  printf("device memory: %zu of %zu bytes free\n", free_bytes, total_bytes);

  /* A wrong copy kind is caught, as on real hardware. */
  bad = aclrtMemcpy(host, sizeof(input), input, sizeof(input), ACL_MEMCPY_HOST_TO_DEVICE);
  printf("H2D into host memory -> %d: %s\n", bad, aclGetRecentErrMsg());

  CHECK(pthread_create(&reporter, NULL, ReportThread, NULL) == 0 ? ACL_SUCCESS : ACL_ERROR_FAILURE);
  CHECK(aclrtSubscribeReport((uint64_t)reporter, stream));

  CHECK(aclrtCreateEvent(&start));
  CHECK(aclrtCreateEvent(&end));
  CHECK(aclrtRecordEvent(start, stream));
  CHECK(aclrtMemcpyAsync(dev, sizeof(input), input, sizeof(input), ACL_MEMCPY_HOST_TO_DEVICE,
                         stream));
  CHECK(aclrtMemcpyAsync(host, sizeof(input), dev, sizeof(input), ACL_MEMCPY_DEVICE_TO_HOST,
                         stream));
  CHECK(aclrtLaunchCallback(OnCopied, host, ACL_CALLBACK_BLOCK, stream));
  CHECK(aclrtRecordEvent(end, stream));
  CHECK(aclrtSynchronizeStream(stream));
  CHECK(aclrtEventElapsedTime(&elapsed_ms, start, end));
  printf("copies + callback took %.3f ms; round trip %s\n", elapsed_ms,
         memcmp(host, input, sizeof(input)) == 0 ? "matches" : "DIFFERS");

  CHECK(aclrtUnSubscribeReport((uint64_t)reporter, stream));
  g_stop = 1;
  pthread_join(reporter, NULL);
  CHECK(aclrtDestroyEvent(start));
  CHECK(aclrtDestroyEvent(end));
  CHECK(aclrtFreeHost(host));
  CHECK(aclrtFree(dev));
  CHECK(aclrtDestroyStream(stream));
  CHECK(aclrtDestroyContext(g_context));
  CHECK(aclrtResetDevice(0));
  CHECK(aclFinalize());
  printf("runtime_demo: done\n");
  return 0;
}
