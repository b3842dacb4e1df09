// Shared conversion helpers for the pyACL-compatible module `acl` (acl-api.md §4.2).
//
// Conventions: handles and pointers cross the boundary as Python ints (uintptr_t); C structs
// become dicts keyed by their C member names; lists of handles become C arrays. Only the public
// C API (include/acl/acl.h) is used here.
#ifndef OPENACL_PYTHON_PY_CONVERT_H_
#define OPENACL_PYTHON_PY_CONVERT_H_

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "acl/acl.h"

namespace openacl_py {

namespace py = pybind11;

// A raw address as seen from Python: a non-negative int. pybind11 rejects str/float/None with a
// TypeError naming the expected signature.
using Addr = uintptr_t;

template <typename T>
inline T* ToPtr(Addr a) {
  return reinterpret_cast<T*>(a);
}
inline Addr ToAddr(const void* p) { return reinterpret_cast<Addr>(p); }

// Index parameters are size_t in C, but pyACL callers pass -1 for "unused" indices
// (get_dynamic_hw(desc, -1)); accept any int64 and let the C API judge the wrapped value.
inline size_t ToIndex(int64_t i) { return static_cast<size_t>(i); }

// Runs `f` with the GIL released. Used around every call that may block on a stream, a thread
// or a file, so that callback threads (which need the GIL) can make progress meanwhile.
template <typename F>
inline auto NoGil(F&& f) -> decltype(f()) {
  py::gil_scoped_release release;
  return f();
}

// Raises TypeError unless `obj` is a list or tuple (a str is a sequence too, but never a valid
// list of handles or dims).
void RequireList(const py::handle& obj, const char* what);

// list/tuple of ints (or a 1-D numpy integer array) -> vector<int64_t>. None -> empty.
std::vector<int64_t> ToInt64Vector(const py::handle& obj, const char* what);

// list/tuple of handles (ints) -> vector<T*>. None -> empty.
std::vector<void*> ToPtrVectorRaw(const py::handle& obj, const char* what);
template <typename T>
inline std::vector<T*> ToPtrVector(const py::handle& obj, const char* what) {
  std::vector<void*> raw = ToPtrVectorRaw(obj, what);
  std::vector<T*> out;
  out.reserve(raw.size());
  for (void* p : raw) out.push_back(static_cast<T*>(p));
  return out;
}

// Ranges [[min, max], ...] -> flat vector of pairs (2 entries per row).
std::vector<int64_t> ToRangeVector(const py::handle& obj, const char* what);

// C string that may be NULL -> str ("" for NULL).
inline std::string SafeStr(const char* s) { return s ? std::string(s) : std::string(); }

// Struct <-> dict conversions (acl-api.md §4.2 rule 3).
py::dict IODimsToDict(const aclmdlIODims& d);
aclmdlIODims DictToIODims(const py::handle& obj);
py::dict IODimsRangeToDict(const aclmdlIODimsRange& r);
py::dict BatchToDict(const aclmdlBatch& b);
py::dict HWToDict(const aclmdlHW& hw);
py::dict AippInfoToDict(const aclAippInfo& info);

// Bindings of each namespace, one file each.
void BindTop(py::module_& m);
void BindRt(py::module_& rt);
void BindRtCallbacks(py::module_& rt);
void BindMdl(py::module_& mdl);
void BindMdlAipp(py::module_& mdl);
void BindOp(py::module_& op);
void BindUtil(py::module_& util);
void BindMedia(py::module_& top, py::module_& media);

}  // namespace openacl_py

#endif  // OPENACL_PYTHON_PY_CONVERT_H_
