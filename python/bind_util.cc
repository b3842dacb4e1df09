// acl.util: pointer <-> bytes/numpy helpers and native threads (acl-api.md §4.4).
#include <pthread.h>
#include <pybind11/numpy.h>

#include <cstring>
#include <mutex>
#include <thread>
#include <tuple>
#include <unordered_map>

#include "py_callback.h"
#include "py_convert.h"

namespace openacl_py {
namespace {

constexpr const char* kDiscontiguousWarning =
    "The input ndarray is discontiguous. Please use acl.util.numpy_contiguous_to_ptr instead.";

std::string TypeName(const py::handle& obj) { return Py_TYPE(obj.ptr())->tp_name; }

Addr BytesToPtr(const py::object& obj) {
  // The bytes object's own buffer: apps memcpy into it and read it back (acllite does), so this
  // must alias, never copy. The caller keeps `obj` alive while the address is in use.
  if (PyBytes_Check(obj.ptr())) return ToAddr(PyBytes_AsString(obj.ptr()));
  if (PyByteArray_Check(obj.ptr())) return ToAddr(PyByteArray_AsString(obj.ptr()));
  throw py::type_error("bytes_to_ptr: expected bytes, got " + TypeName(obj));
}

py::bytes PtrToBytes(Addr ptr, size_t size) {
  if (size == 0) return py::bytes("", 0);
  if (ptr == 0)
    throw py::value_error("ptr_to_bytes: ptr is NULL (0) but size is " + std::to_string(size));
  PyObject* raw = PyBytes_FromStringAndSize(nullptr, static_cast<Py_ssize_t>(size));
  if (raw == nullptr) throw py::error_already_set();
  py::bytes out = py::reinterpret_steal<py::bytes>(raw);
  char* dst = PyBytes_AS_STRING(raw);
  NoGil([&] { std::memcpy(dst, ToPtr<const void>(ptr), size); });
  return out;
}

py::array RequireArray(const py::object& obj, const char* fn) {
  // No conversion: a temporary array built from a list would die before the pointer is used.
  if (!py::isinstance<py::array>(obj)) {
    throw py::type_error(std::string(fn) + ": expected numpy.ndarray, got " + TypeName(obj));
  }
  return py::reinterpret_borrow<py::array>(obj);
}

bool IsCContiguous(const py::array& a) {
  return (a.flags() & py::detail::npy_api::NPY_ARRAY_C_CONTIGUOUS_) != 0;
}

Addr NumpyToPtr(const py::object& obj) {
  py::array a = RequireArray(obj, "numpy_to_ptr");
  if (!IsCContiguous(a) && PyErr_WarnEx(PyExc_UserWarning, kDiscontiguousWarning, 1) < 0) {
    throw py::error_already_set();
  }
  return ToAddr(a.data());
}

Addr NumpyContiguousToPtr(const py::object& obj) {
  py::array a = RequireArray(obj, "numpy_contiguous_to_ptr");
  if (IsCContiguous(a)) return ToAddr(a.data());
  // A C-contiguous copy that lives exactly as long as the source array (weakref.finalize holds
  // it until the source is collected). Writes through the pointer do not reach the source.
  py::object copy = py::module_::import("numpy").attr("ascontiguousarray")(a);
  py::module_::import("weakref").attr("finalize")(a, py::cpp_function([](py::object) {}), copy);
  return ToAddr(py::reinterpret_borrow<py::array>(copy).data());
}

py::array PtrToNumpy(Addr ptr, py::object shape_obj, int npy_type) {
  if (ptr == 0) throw py::value_error("ptr_to_numpy: ptr is NULL (0)");
  std::vector<int64_t> dims = ToInt64Vector(shape_obj, "shape");
  std::vector<py::ssize_t> shape;
  for (int64_t d : dims) {
    if (d < 0) throw py::value_error("ptr_to_numpy: negative dimension " + std::to_string(d));
    shape.push_back(static_cast<py::ssize_t>(d));
  }
  py::dtype dt(npy_type);
  if (!dt) {
    if (PyErr_Occurred()) throw py::error_already_set();
    throw py::value_error("ptr_to_numpy: unknown numpy type number " + std::to_string(npy_type));
  }
  // A view over foreign memory: a do-nothing capsule as base keeps numpy from copying or freeing.
  py::capsule no_owner(ToPtr<void>(ptr), [](void*) {});
  return py::array(dt, shape, ToPtr<const void>(ptr), no_owner);
}

// Native threads started by start_thread, by pthread_t (the id aclrtSubscribeReport expects).
// Never destroyed: a thread still running at exit must not hit std::thread's destructor.
std::mutex& ThreadsMutex() {
  static auto* mu = new std::mutex();
  return *mu;
}
std::unordered_map<uint64_t, std::thread*>& Threads() {
  static auto* threads = new std::unordered_map<uint64_t, std::thread*>();
  return *threads;
}

std::tuple<uint64_t, aclError> StartThread(py::function func, py::object args) {
  auto* call = new PyCall{std::move(func), std::move(args)};
  std::thread* t = nullptr;
  try {
    // The new thread blocks on the GIL until this call returns to Python.
    t = new std::thread([call] { RunPyCall(call, "acl.util.start_thread function"); });
  } catch (const std::system_error&) {
    delete call;
    return {0, ACL_ERROR_FAILURE};
  }
  auto tid = static_cast<uint64_t>(t->native_handle());
  std::lock_guard<std::mutex> lock(ThreadsMutex());
  Threads()[tid] = t;
  return {tid, ACL_SUCCESS};
}

aclError StopThread(uint64_t tid) {
  std::thread* t = nullptr;
  {
    std::lock_guard<std::mutex> lock(ThreadsMutex());
    auto it = Threads().find(tid);
    if (it == Threads().end()) return ACL_ERROR_INVALID_PARAM;
    if (static_cast<uint64_t>(pthread_self()) == tid) return ACL_ERROR_INVALID_PARAM;  // self-join
    t = it->second;
    Threads().erase(it);
  }
  NoGil([&] { t->join(); });
  delete t;
  return ACL_SUCCESS;
}

}  // namespace

void BindUtil(py::module_& util) {
  util.def("bytes_to_ptr", &BytesToPtr, py::arg("data"),
           "Address of the bytes object's own buffer (no copy).");
  util.def("ptr_to_bytes", &PtrToBytes, py::arg("ptr"), py::arg("size"),
           "Copy `size` bytes at `ptr` into a new bytes object.");
  util.def("numpy_to_ptr", &NumpyToPtr, py::arg("array"), "Data address of a numpy array.");
  util.def("numpy_contiguous_to_ptr", &NumpyContiguousToPtr, py::arg("array"),
           "Data address of a C-contiguous numpy array (a contiguous copy, kept alive with the "
           "array, for a discontiguous one).");
  util.def("ptr_to_numpy", &PtrToNumpy, py::arg("ptr"), py::arg("shape"), py::arg("npy_type"),
           "numpy view (no copy) over memory at `ptr`; npy_type is a NumPy C type number.");
  util.def("start_thread", &StartThread, py::arg("func"), py::arg("args"),
           "Run func(args) on a new native thread; returns (thread_id, ret).");
  util.def("stop_thread", &StopThread, py::arg("thread_id"), "Join a start_thread thread.");
}

}  // namespace openacl_py
