// Calling Python from native threads: the holder passed as a C `void* userData` and the
// trampoline that runs it (used by acl.rt callbacks and acl.util.start_thread).
#ifndef OPENACL_PYTHON_PY_CALLBACK_H_
#define OPENACL_PYTHON_PY_CALLBACK_H_

#include <pybind11/pybind11.h>

namespace openacl_py {

namespace py = pybind11;

// A Python callable and its single argument, heap-allocated so a C callback can own it.
// Created and destroyed only while holding the GIL.
struct PyCall {
  py::object fn;
  py::object arg;
};

// False once the interpreter is shutting down; native threads must not touch Python then.
bool InterpreterAlive();

// Acquires the GIL, calls call->fn(call->arg), reports a raised exception through
// sys.unraisablehook (never propagates into C), then deletes `call`. `context` names the caller
// in that report. If the interpreter is gone, leaks `call` instead of touching Python.
void RunPyCall(PyCall* call, const char* context);

// C trampolines for aclrtCallback / aclrtHostFunc: userData is a PyCall*.
extern "C" void OpenaclPyCallbackTrampoline(void* user_data);
extern "C" void OpenaclPyHostFuncTrampoline(void* args);

}  // namespace openacl_py

#endif  // OPENACL_PYTHON_PY_CALLBACK_H_
