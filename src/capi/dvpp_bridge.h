/* The small internal C interface libascendcl.so offers libacl_dvpp.so, so that DVPP works on
 * the ONE device (tracked heap, streams, per-thread error record) of libascendcl instead of a
 * second static copy. Exported under the reserved prefix openaclInternal (libascendcl.map);
 * not part of the public API, no compatibility promise beyond "same build".
 *
 * Status codes are openacl::StatusCode values (base/status.h); both libraries come from one
 * build, so the numbers agree. `message`, when set on an error, points at a thread-local string
 * that stays valid until this thread's next bridge call. */
#ifndef OPENACL_CAPI_DVPP_BRIDGE_H_
#define OPENACL_CAPI_DVPP_BRIDGE_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define OPENACL_BRIDGE_EXPORT __attribute__((visibility("default")))

/* Device memory with DVPP's rounding: the block holds `reserved` >= `size` bytes, of which the
 * app asked for `size`; copies reaching into [size, reserved) succeed with a warning. Requires
 * aclInit and a current context, like aclrtMalloc. */
OPENACL_BRIDGE_EXPORT int openaclInternalDeviceMalloc(void **ptr, size_t size, size_t reserved,
                                                      const char *api, const char **message);
OPENACL_BRIDGE_EXPORT int openaclInternalDeviceFree(void *ptr, const char **message);
/* OK when [p, p+n) is device memory inside one live block; `role` names it in the message. */
OPENACL_BRIDGE_EXPORT int openaclInternalCheckDeviceRange(const void *p, size_t n, const char *role,
                                                          const char *api, const char **message);
/* aclInit done and a context current on this thread. */
OPENACL_BRIDGE_EXPORT int openaclInternalRequireContext(const char *api, const char **message);

/* A task for a stream: run() returns a status code (message valid until release()); release()
 * is called exactly once, after run() or when the task is dropped unrun. */
typedef int (*openaclInternalTaskRun)(void *user, const char **message);
typedef void (*openaclInternalTaskRelease)(void *user);
OPENACL_BRIDGE_EXPORT int openaclInternalEnqueue(void *stream, openaclInternalTaskRun run,
                                                 openaclInternalTaskRelease release, void *user,
                                                 const char **message);

/* Records an error for aclGetRecentErrMsg / aclrtGetLastError, logs it, returns the aclError. */
OPENACL_BRIDGE_EXPORT int openaclInternalReportError(const char *api, int status_code, const char *message);
/* Logs a warning line ("<api>: <message>"). */
OPENACL_BRIDGE_EXPORT void openaclInternalLogWarning(const char *api, const char *message);

#ifdef __cplusplus
}
#endif

#endif /* OPENACL_CAPI_DVPP_BRIDGE_H_ */
