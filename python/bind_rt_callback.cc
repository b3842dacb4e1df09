// acl.rt host callbacks: subscribe_report / launch_callback / process_report (acl-api.md §2.4),
// launch_host_func and the task-exception hook. Python callables travel as a heap PyCall passed
// as the C userData; a C trampoline re-acquires the GIL on whatever thread the runtime uses.
#include <tuple>

#include "py_callback.h"
#include "py_convert.h"

namespace openacl_py {
namespace {

// The Python hook for aclrtSetExceptionInfoCallback; owned forever (never destroyed at exit,
// when the GIL may be gone). Read and written only under the GIL.
py::object* g_exception_hook = nullptr;

extern "C" void ExceptionInfoTrampoline(aclrtExceptionInfo* info) {
  if (!InterpreterAlive()) return;
  py::gil_scoped_acquire gil;
  if (g_exception_hook == nullptr || g_exception_hook->is_none()) return;
  try {
    (*g_exception_hook)(ToAddr(info));
  } catch (py::error_already_set& e) {
    e.discard_as_unraisable("acl.rt.set_exception_info_callback callback");
  }
}

template <typename F>
void DefExceptionInfoGetter(py::module_& rt, const char* name, F c_fn) {
  rt.def(
      name, [c_fn](Addr info) { return c_fn(ToPtr<const aclrtExceptionInfo>(info)); },
      py::arg("info"));
}

}  // namespace

void BindRtCallbacks(py::module_& rt) {
  rt.def(
      "subscribe_report",
      [](uint64_t thread_id, Addr stream) {
        return NoGil([&] { return aclrtSubscribeReport(thread_id, ToPtr<void>(stream)); });
      },
      py::arg("thread_id"), py::arg("stream"));
  rt.def(
      "unsubscribe_report",
      [](uint64_t thread_id, Addr stream) {
        return NoGil([&] { return aclrtUnSubscribeReport(thread_id, ToPtr<void>(stream)); });
      },
      py::arg("thread_id"), py::arg("stream"));
  rt.def(
      "process_report",
      [](int32_t timeout) { return NoGil([&] { return aclrtProcessReport(timeout); }); },
      py::arg("timeout"));
  rt.def(
      "launch_callback",
      [](py::function fn, py::object user_data, int block_type, Addr stream) {
        auto* call = new PyCall{std::move(fn), std::move(user_data)};
        aclError ret = NoGil([&] {
          return aclrtLaunchCallback(&OpenaclPyCallbackTrampoline, call,
                                     static_cast<aclrtCallbackBlockType>(block_type),
                                     ToPtr<void>(stream));
        });
        // On failure the runtime never calls the trampoline, so the holder is still ours.
        if (ret != ACL_SUCCESS) delete call;
        return ret;
      },
      py::arg("fn"), py::arg("user_data"), py::arg("block_type"), py::arg("stream"));
  rt.def(
      "launch_host_func",
      [](Addr stream, py::function fn, py::object args) {
        auto* call = new PyCall{std::move(fn), std::move(args)};
        aclError ret = NoGil([&] {
          return aclrtLaunchHostFunc(ToPtr<void>(stream), &OpenaclPyHostFuncTrampoline, call);
        });
        if (ret != ACL_SUCCESS) delete call;
        return ret;
      },
      py::arg("stream"), py::arg("fn"), py::arg("args"));
  rt.def(
      "set_exception_info_callback",
      [](py::object fn) {
        if (!fn.is_none() && !PyCallable_Check(fn.ptr())) {
          throw py::type_error("set_exception_info_callback: expected a callable or None, got " +
                               std::string(Py_TYPE(fn.ptr())->tp_name));
        }
        if (g_exception_hook == nullptr) g_exception_hook = new py::object();
        *g_exception_hook = fn;
        return aclrtSetExceptionInfoCallback(fn.is_none() ? nullptr : &ExceptionInfoTrampoline);
      },
      py::arg("callback"));
  DefExceptionInfoGetter(rt, "get_task_id_from_exception_info", &aclrtGetTaskIdFromExceptionInfo);
  DefExceptionInfoGetter(rt, "get_stream_id_from_exception_info",
                         &aclrtGetStreamIdFromExceptionInfo);
  DefExceptionInfoGetter(rt, "get_thread_id_from_exception_info",
                         &aclrtGetThreadIdFromExceptionInfo);
  DefExceptionInfoGetter(rt, "get_device_id_from_exception_info",
                         &aclrtGetDeviceIdFromExceptionInfo);
  DefExceptionInfoGetter(rt, "get_error_code_from_exception_info",
                         &aclrtGetErrorCodeFromExceptionInfo);
}

}  // namespace openacl_py
