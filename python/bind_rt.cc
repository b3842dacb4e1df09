// acl.rt: devices, contexts, streams, events, memory and host callbacks (acl-api.md §4.3).
#include <tuple>

#include "py_convert.h"

namespace openacl_py {
namespace {

void BindDeviceContext(py::module_& rt) {
  rt.def(
      "set_device", [](int32_t id) { return NoGil([&] { return aclrtSetDevice(id); }); },
      py::arg("device_id"));
  rt.def(
      "reset_device", [](int32_t id) { return NoGil([&] { return aclrtResetDevice(id); }); },
      py::arg("device_id"));
  rt.def("get_device", [] {
    int32_t id = 0;
    aclError ret = aclrtGetDevice(&id);
    return std::make_tuple(id, ret);
  });
  rt.def("get_device_count", [] {
    uint32_t count = 0;
    aclError ret = aclrtGetDeviceCount(&count);
    return std::make_tuple(count, ret);
  });
  rt.def("synchronize_device", [] { return NoGil([] { return aclrtSynchronizeDevice(); }); });
  rt.def("get_run_mode", [] {
    aclrtRunMode mode = ACL_DEVICE;
    aclError ret = aclrtGetRunMode(&mode);
    return std::make_tuple(static_cast<int>(mode), ret);
  });
  rt.def("get_soc_name", [] { return SafeStr(aclrtGetSocName()); });
  rt.def(
      "create_context",
      [](int32_t device_id) {
        aclrtContext ctx = nullptr;
        aclError ret = NoGil([&] { return aclrtCreateContext(&ctx, device_id); });
        return std::make_tuple(ToAddr(ctx), ret);
      },
      py::arg("device_id"));
  rt.def(
      "destroy_context",
      [](Addr ctx) { return NoGil([&] { return aclrtDestroyContext(ToPtr<void>(ctx)); }); },
      py::arg("context"));
  rt.def(
      "set_context", [](Addr ctx) { return aclrtSetCurrentContext(ToPtr<void>(ctx)); },
      py::arg("context"));
  rt.def("get_context", [] {
    aclrtContext ctx = nullptr;
    aclError ret = aclrtGetCurrentContext(&ctx);
    return std::make_tuple(ToAddr(ctx), ret);
  });
  rt.def(
      "get_last_error",
      [](int level) { return aclrtGetLastError(static_cast<aclrtLastErrLevel>(level)); },
      py::arg("level") = 0);
  rt.def(
      "peek_at_last_error",
      [](int level) { return aclrtPeekAtLastError(static_cast<aclrtLastErrLevel>(level)); },
      py::arg("level") = 0);
}

void BindStreamEvent(py::module_& rt) {
  rt.def("create_stream", [] {
    aclrtStream s = nullptr;
    aclError ret = aclrtCreateStream(&s);
    return std::make_tuple(ToAddr(s), ret);
  });
  rt.def(
      "create_stream_with_config",
      [](uint32_t priority, uint32_t flag) {
        aclrtStream s = nullptr;
        aclError ret = aclrtCreateStreamWithConfig(&s, priority, flag);
        return std::make_tuple(ToAddr(s), ret);
      },
      py::arg("priority"), py::arg("flag"));
  rt.def(
      "destroy_stream",
      [](Addr s) { return NoGil([&] { return aclrtDestroyStream(ToPtr<void>(s)); }); },
      py::arg("stream"));
  rt.def(
      "destroy_stream_force",
      [](Addr s) { return NoGil([&] { return aclrtDestroyStreamForce(ToPtr<void>(s)); }); },
      py::arg("stream"));
  rt.def(
      "synchronize_stream",
      [](Addr s) { return NoGil([&] { return aclrtSynchronizeStream(ToPtr<void>(s)); }); },
      py::arg("stream"));
  rt.def(
      "synchronize_stream_with_timeout",
      [](Addr s, int32_t timeout) {
        return NoGil([&] { return aclrtSynchronizeStreamWithTimeout(ToPtr<void>(s), timeout); });
      },
      py::arg("stream"), py::arg("timeout"));
  rt.def(
      "stream_query",
      [](Addr s) {
        aclrtStreamStatus status = ACL_STREAM_STATUS_RESERVED;
        aclError ret = NoGil([&] { return aclrtStreamQuery(ToPtr<void>(s), &status); });
        return std::make_tuple(static_cast<int>(status), ret);
      },
      py::arg("stream"));
  rt.def("create_event", [] {
    aclrtEvent ev = nullptr;
    aclError ret = aclrtCreateEvent(&ev);
    return std::make_tuple(ToAddr(ev), ret);
  });
  rt.def(
      "create_event_with_flag",
      [](uint32_t flag) {
        aclrtEvent ev = nullptr;
        aclError ret = aclrtCreateEventWithFlag(&ev, flag);
        return std::make_tuple(ToAddr(ev), ret);
      },
      py::arg("flag"));
  rt.def(
      "destroy_event",
      [](Addr ev) { return NoGil([&] { return aclrtDestroyEvent(ToPtr<void>(ev)); }); },
      py::arg("event"));
  rt.def(
      "record_event",
      [](Addr ev, Addr s) {
        return NoGil([&] { return aclrtRecordEvent(ToPtr<void>(ev), ToPtr<void>(s)); });
      },
      py::arg("event"), py::arg("stream"));
  rt.def(
      "reset_event",
      [](Addr ev, Addr s) {
        return NoGil([&] { return aclrtResetEvent(ToPtr<void>(ev), ToPtr<void>(s)); });
      },
      py::arg("event"), py::arg("stream"));
  rt.def(
      "synchronize_event",
      [](Addr ev) { return NoGil([&] { return aclrtSynchronizeEvent(ToPtr<void>(ev)); }); },
      py::arg("event"));
  rt.def(
      "query_event",
      [](Addr ev) {
        aclrtEventStatus status = ACL_EVENT_STATUS_RESERVED;
        aclError ret = aclrtQueryEvent(ToPtr<void>(ev), &status);
        return std::make_tuple(static_cast<int>(status), ret);
      },
      py::arg("event"));
  rt.def(
      "query_event_status",
      [](Addr ev) {
        aclrtEventRecordedStatus status = ACL_EVENT_RECORDED_STATUS_NOT_READY;
        aclError ret = aclrtQueryEventStatus(ToPtr<void>(ev), &status);
        return std::make_tuple(static_cast<int>(status), ret);
      },
      py::arg("event"));
  rt.def(
      "event_elapsed_time",
      [](Addr start, Addr end) {
        float ms = 0.0f;
        aclError ret = aclrtEventElapsedTime(&ms, ToPtr<void>(start), ToPtr<void>(end));
        return std::make_tuple(ms, ret);
      },
      py::arg("start"), py::arg("end"));
  rt.def(
      "stream_wait_event",
      [](Addr s, Addr ev) {
        return NoGil([&] { return aclrtStreamWaitEvent(ToPtr<void>(s), ToPtr<void>(ev)); });
      },
      py::arg("stream"), py::arg("event"));
}

using MallocFn = aclError (*)(void**, size_t, aclrtMemMallocPolicy);

void DefMalloc(py::module_& rt, const char* name, MallocFn fn) {
  rt.def(
      name,
      [fn](size_t size, int policy) {
        void* p = nullptr;
        aclError ret = fn(&p, size, static_cast<aclrtMemMallocPolicy>(policy));
        return std::make_tuple(ToAddr(p), ret);
      },
      py::arg("size"), py::arg("policy"));
}

void BindMemory(py::module_& rt) {
  DefMalloc(rt, "malloc", &aclrtMalloc);
  DefMalloc(rt, "malloc_cached", &aclrtMallocCached);
  DefMalloc(rt, "malloc_align32", &aclrtMallocAlign32);
  rt.def(
      "free", [](Addr p) { return NoGil([&] { return aclrtFree(ToPtr<void>(p)); }); },
      py::arg("dev_ptr"));
  rt.def(
      "malloc_host",
      [](size_t size) {
        void* p = nullptr;
        aclError ret = aclrtMallocHost(&p, size);
        return std::make_tuple(ToAddr(p), ret);
      },
      py::arg("size"));
  rt.def(
      "free_host", [](Addr p) { return NoGil([&] { return aclrtFreeHost(ToPtr<void>(p)); }); },
      py::arg("host_ptr"));
  rt.def(
      "mem_flush", [](Addr p, size_t size) { return aclrtMemFlush(ToPtr<void>(p), size); },
      py::arg("dev_ptr"), py::arg("size"));
  rt.def(
      "mem_invalidate",
      [](Addr p, size_t size) { return aclrtMemInvalidate(ToPtr<void>(p), size); },
      py::arg("dev_ptr"), py::arg("size"));
  rt.def(
      "memcpy",
      [](Addr dst, size_t dest_max, Addr src, size_t count, int kind) {
        return NoGil([&] {
          return aclrtMemcpy(ToPtr<void>(dst), dest_max, ToPtr<const void>(src), count,
                             static_cast<aclrtMemcpyKind>(kind));
        });
      },
      py::arg("dst"), py::arg("dest_max"), py::arg("src"), py::arg("count"), py::arg("kind"));
  rt.def(
      "memcpy_async",
      [](Addr dst, size_t dest_max, Addr src, size_t count, int kind, Addr stream) {
        return NoGil([&] {
          return aclrtMemcpyAsync(ToPtr<void>(dst), dest_max, ToPtr<const void>(src), count,
                                  static_cast<aclrtMemcpyKind>(kind), ToPtr<void>(stream));
        });
      },
      py::arg("dst"), py::arg("dest_max"), py::arg("src"), py::arg("count"), py::arg("kind"),
      py::arg("stream"));
  rt.def(
      "memcpy_2d",
      [](Addr dst, size_t dpitch, Addr src, size_t spitch, size_t width, size_t height, int kind) {
        return NoGil([&] {
          return aclrtMemcpy2d(ToPtr<void>(dst), dpitch, ToPtr<const void>(src), spitch, width,
                               height, static_cast<aclrtMemcpyKind>(kind));
        });
      },
      py::arg("dst"), py::arg("dpitch"), py::arg("src"), py::arg("spitch"), py::arg("width"),
      py::arg("height"), py::arg("kind"));
  rt.def(
      "memcpy_2d_async",
      [](Addr dst, size_t dpitch, Addr src, size_t spitch, size_t width, size_t height, int kind,
         Addr stream) {
        return NoGil([&] {
          return aclrtMemcpy2dAsync(ToPtr<void>(dst), dpitch, ToPtr<const void>(src), spitch, width,
                                    height, static_cast<aclrtMemcpyKind>(kind),
                                    ToPtr<void>(stream));
        });
      },
      py::arg("dst"), py::arg("dpitch"), py::arg("src"), py::arg("spitch"), py::arg("width"),
      py::arg("height"), py::arg("kind"), py::arg("stream"));
  rt.def(
      "memset",
      [](Addr p, size_t max_count, int32_t value, size_t count) {
        return NoGil([&] { return aclrtMemset(ToPtr<void>(p), max_count, value, count); });
      },
      py::arg("dev_ptr"), py::arg("max_count"), py::arg("value"), py::arg("count"));
  rt.def(
      "memset_async",
      [](Addr p, size_t max_count, int32_t value, size_t count, Addr stream) {
        return NoGil([&] {
          return aclrtMemsetAsync(ToPtr<void>(p), max_count, value, count, ToPtr<void>(stream));
        });
      },
      py::arg("dev_ptr"), py::arg("max_count"), py::arg("value"), py::arg("count"),
      py::arg("stream"));
  rt.def(
      "get_mem_info",
      [](int attr) {
        size_t free_bytes = 0, total = 0;
        aclError ret = aclrtGetMemInfo(static_cast<aclrtMemAttr>(attr), &free_bytes, &total);
        return std::make_tuple(free_bytes, total, ret);
      },
      py::arg("attr"));
}

}  // namespace

void BindRt(py::module_& rt) {
  BindDeviceContext(rt);
  BindStreamEvent(rt);
  BindMemory(rt);
  BindRtCallbacks(rt);
}

}  // namespace openacl_py
