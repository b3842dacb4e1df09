#include "py_callback.h"

#include <exception>
#include <string>

namespace openacl_py {

bool InterpreterAlive() {
#if PY_VERSION_HEX >= 0x030D0000
  return Py_IsInitialized() && !Py_IsFinalizing();
#else
  return Py_IsInitialized() && !_Py_IsFinalizing();
#endif
}

void RunPyCall(PyCall* call, const char* context) {
  if (call == nullptr || !InterpreterAlive()) return;
  py::gil_scoped_acquire gil;
  try {
    call->fn(call->arg);
  } catch (py::error_already_set& e) {
    e.discard_as_unraisable(context);
  } catch (const std::exception& e) {
    PyErr_SetString(PyExc_RuntimeError, e.what());
    py::error_already_set err;
    err.discard_as_unraisable(context);
  }
  delete call;
}

extern "C" void OpenaclPyCallbackTrampoline(void* user_data) {
  RunPyCall(static_cast<PyCall*>(user_data), "acl.rt.launch_callback callback");
}

extern "C" void OpenaclPyHostFuncTrampoline(void* args) {
  RunPyCall(static_cast<PyCall*>(args), "acl.rt.launch_host_func function");
}

}  // namespace openacl_py
