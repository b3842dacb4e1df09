#include "py_convert.h"

#include <algorithm>
#include <cstring>

namespace openacl_py {
namespace {

std::string TypeName(const py::handle& obj) { return Py_TYPE(obj.ptr())->tp_name; }

[[noreturn]] void ThrowItemType(const char* what, size_t i, const py::handle& item,
                                const char* expected) {
  throw py::type_error(std::string(what) + "[" + std::to_string(i) + "]: expected " + expected +
                       ", got " + TypeName(item));
}

// Any object with __index__ (int, bool, numpy integer) -> int64. Floats and strings are rejected.
int64_t ItemToInt64(const py::handle& item, const char* what, size_t i) {
  if (!PyIndex_Check(item.ptr())) ThrowItemType(what, i, item, "int");
  py::object idx = py::reinterpret_steal<py::object>(PyNumber_Index(item.ptr()));
  if (!idx) throw py::error_already_set();
  long long v = PyLong_AsLongLong(idx.ptr());
  if (v == -1 && PyErr_Occurred()) {
    PyErr_Clear();
    throw py::value_error(std::string(what) + "[" + std::to_string(i) +
                          "]: value does not fit in int64");
  }
  return static_cast<int64_t>(v);
}

void* ItemToPtr(const py::handle& item, const char* what, size_t i) {
  if (!PyIndex_Check(item.ptr())) ThrowItemType(what, i, item, "int (handle)");
  py::object idx = py::reinterpret_steal<py::object>(PyNumber_Index(item.ptr()));
  if (!idx) throw py::error_already_set();
  unsigned long long v = PyLong_AsUnsignedLongLong(idx.ptr());
  if (v == static_cast<unsigned long long>(-1) && PyErr_Occurred()) {
    PyErr_Clear();
    throw py::type_error(std::string(what) + "[" + std::to_string(i) +
                         "]: expected a non-negative int (handle)");
  }
  return reinterpret_cast<void*>(static_cast<uintptr_t>(v));
}

// Lists, tuples and numpy arrays are accepted; str/bytes/dict are not, although iterable.
void RequireIterable(const py::handle& obj, const char* what) {
  if (PyUnicode_Check(obj.ptr()) || PyBytes_Check(obj.ptr()) || PyDict_Check(obj.ptr()) ||
      !py::isinstance<py::iterable>(obj)) {
    throw py::type_error(std::string(what) + ": expected a list, got " + TypeName(obj));
  }
}

template <typename F>
void ForEachItem(const py::handle& obj, const char* what, F&& f) {
  RequireIterable(obj, what);
  size_t i = 0;
  for (py::handle item : obj) f(item, i++);
}

}  // namespace

void RequireList(const py::handle& obj, const char* what) {
  if (!PyList_Check(obj.ptr()) && !PyTuple_Check(obj.ptr())) {
    throw py::type_error(std::string(what) + ": expected a list, got " + TypeName(obj));
  }
}

std::vector<int64_t> ToInt64Vector(const py::handle& obj, const char* what) {
  std::vector<int64_t> out;
  if (obj.is_none()) return out;
  ForEachItem(obj, what,
              [&](py::handle item, size_t i) { out.push_back(ItemToInt64(item, what, i)); });
  return out;
}

std::vector<void*> ToPtrVectorRaw(const py::handle& obj, const char* what) {
  std::vector<void*> out;
  if (obj.is_none()) return out;
  ForEachItem(obj, what,
              [&](py::handle item, size_t i) { out.push_back(ItemToPtr(item, what, i)); });
  return out;
}

std::vector<int64_t> ToRangeVector(const py::handle& obj, const char* what) {
  std::vector<int64_t> out;
  if (obj.is_none()) return out;
  ForEachItem(obj, what, [&](py::handle row, size_t i) {
    std::string row_what = std::string(what) + "[" + std::to_string(i) + "]";
    std::vector<int64_t> pair = ToInt64Vector(row, row_what.c_str());
    if (pair.size() != 2) {
      throw py::value_error(row_what + ": expected [min, max], got " + std::to_string(pair.size()) +
                            " values");
    }
    out.insert(out.end(), pair.begin(), pair.end());
  });
  return out;
}

py::dict IODimsToDict(const aclmdlIODims& d) {
  py::dict out;
  size_t n = std::min<size_t>(d.dimCount, ACL_MAX_DIM_CNT);
  out["name"] = std::string(d.name, strnlen(d.name, sizeof(d.name)));
  out["dimCount"] = d.dimCount;
  py::list dims;
  for (size_t i = 0; i < n; ++i) dims.append(d.dims[i]);
  out["dims"] = dims;
  return out;
}

aclmdlIODims DictToIODims(const py::handle& obj) {
  if (!PyDict_Check(obj.ptr())) {
    throw py::type_error("dims: expected a dict {'name', 'dimCount', 'dims'}, got " +
                         TypeName(obj));
  }
  py::dict d = py::reinterpret_borrow<py::dict>(obj);
  aclmdlIODims out;
  std::memset(&out, 0, sizeof(out));
  if (!d.contains("dims")) throw py::value_error("dims: dict has no 'dims' entry");
  std::vector<int64_t> dims = ToInt64Vector(d["dims"], "dims['dims']");
  size_t count = dims.size();
  if (d.contains("dimCount")) {
    int64_t c = ItemToInt64(d["dimCount"], "dims['dimCount']", 0);
    if (c < 0 || static_cast<size_t>(c) > dims.size()) {
      throw py::value_error("dims: dimCount " + std::to_string(c) + " but " +
                            std::to_string(dims.size()) + " dims given");
    }
    count = static_cast<size_t>(c);
  }
  if (count > ACL_MAX_DIM_CNT) {
    throw py::value_error("dims: " + std::to_string(count) + " dims exceed ACL_MAX_DIM_CNT (" +
                          std::to_string(ACL_MAX_DIM_CNT) + ")");
  }
  out.dimCount = count;
  std::copy(dims.begin(), dims.begin() + count, out.dims);
  if (d.contains("name") && !d["name"].is_none()) {
    std::string name = py::cast<std::string>(d["name"]);
    std::strncpy(out.name, name.c_str(), sizeof(out.name) - 1);
  }
  return out;
}

py::dict IODimsRangeToDict(const aclmdlIODimsRange& r) {
  py::dict out;
  size_t n = std::min<size_t>(r.rangeCount, ACL_MAX_DIM_CNT);
  out["rangeCount"] = r.rangeCount;
  py::list range;
  for (size_t i = 0; i < n; ++i) range.append(py::make_tuple(r.range[i][0], r.range[i][1]));
  out["range"] = range;
  return out;
}

py::dict BatchToDict(const aclmdlBatch& b) {
  py::dict out;
  size_t n = std::min<size_t>(b.batchCount, ACL_MAX_BATCH_NUM);
  out["batchCount"] = b.batchCount;
  py::list batch;
  for (size_t i = 0; i < n; ++i) batch.append(b.batch[i]);
  out["batch"] = batch;
  return out;
}

py::dict HWToDict(const aclmdlHW& hw) {
  py::dict out;
  size_t n = std::min<size_t>(hw.hwCount, ACL_MAX_HW_NUM);
  out["hwCount"] = hw.hwCount;
  py::list list;
  for (size_t i = 0; i < n; ++i) {
    py::list pair;
    pair.append(hw.hw[i][0]);
    pair.append(hw.hw[i][1]);
    list.append(pair);
  }
  out["hw"] = list;
  return out;
}

py::dict AippInfoToDict(const aclAippInfo& a) {
  py::dict d;
#define OPENACL_AIPP_FIELD(f) d[#f] = a.f
  d["inputFormat"] = static_cast<int>(a.inputFormat);
  OPENACL_AIPP_FIELD(srcImageSizeW);
  OPENACL_AIPP_FIELD(srcImageSizeH);
  OPENACL_AIPP_FIELD(cropSwitch);
  OPENACL_AIPP_FIELD(loadStartPosW);
  OPENACL_AIPP_FIELD(loadStartPosH);
  OPENACL_AIPP_FIELD(cropSizeW);
  OPENACL_AIPP_FIELD(cropSizeH);
  OPENACL_AIPP_FIELD(resizeSwitch);
  OPENACL_AIPP_FIELD(resizeOutputW);
  OPENACL_AIPP_FIELD(resizeOutputH);
  OPENACL_AIPP_FIELD(paddingSwitch);
  OPENACL_AIPP_FIELD(leftPaddingSize);
  OPENACL_AIPP_FIELD(rightPaddingSize);
  OPENACL_AIPP_FIELD(topPaddingSize);
  OPENACL_AIPP_FIELD(bottomPaddingSize);
  OPENACL_AIPP_FIELD(cscSwitch);
  OPENACL_AIPP_FIELD(rbuvSwapSwitch);
  OPENACL_AIPP_FIELD(axSwapSwitch);
  OPENACL_AIPP_FIELD(singleLineMode);
  OPENACL_AIPP_FIELD(matrixR0C0);
  OPENACL_AIPP_FIELD(matrixR0C1);
  OPENACL_AIPP_FIELD(matrixR0C2);
  OPENACL_AIPP_FIELD(matrixR1C0);
  OPENACL_AIPP_FIELD(matrixR1C1);
  OPENACL_AIPP_FIELD(matrixR1C2);
  OPENACL_AIPP_FIELD(matrixR2C0);
  OPENACL_AIPP_FIELD(matrixR2C1);
  OPENACL_AIPP_FIELD(matrixR2C2);
  OPENACL_AIPP_FIELD(outputBias0);
  OPENACL_AIPP_FIELD(outputBias1);
  OPENACL_AIPP_FIELD(outputBias2);
  OPENACL_AIPP_FIELD(inputBias0);
  OPENACL_AIPP_FIELD(inputBias1);
  OPENACL_AIPP_FIELD(inputBias2);
  OPENACL_AIPP_FIELD(meanChn0);
  OPENACL_AIPP_FIELD(meanChn1);
  OPENACL_AIPP_FIELD(meanChn2);
  OPENACL_AIPP_FIELD(meanChn3);
  OPENACL_AIPP_FIELD(minChn0);
  OPENACL_AIPP_FIELD(minChn1);
  OPENACL_AIPP_FIELD(minChn2);
  OPENACL_AIPP_FIELD(minChn3);
  OPENACL_AIPP_FIELD(varReciChn0);
  OPENACL_AIPP_FIELD(varReciChn1);
  OPENACL_AIPP_FIELD(varReciChn2);
  OPENACL_AIPP_FIELD(varReciChn3);
  d["srcFormat"] = static_cast<int>(a.srcFormat);
  d["srcDatatype"] = static_cast<int>(a.srcDatatype);
  OPENACL_AIPP_FIELD(srcDimNum);
  OPENACL_AIPP_FIELD(shapeCount);
#undef OPENACL_AIPP_FIELD
  py::list out_dims;
  size_t n = std::min<size_t>(a.shapeCount, ACL_MAX_SHAPE_COUNT);
  for (size_t i = 0; i < n; ++i) {
    py::dict od;
    od["srcDims"] = IODimsToDict(a.outDims[i].srcDims);
    od["srcSize"] = a.outDims[i].srcSize;
    od["aippOutdims"] = IODimsToDict(a.outDims[i].aippOutdims);
    od["aippOutSize"] = a.outDims[i].aippOutSize;
    out_dims.append(od);
  }
  d["outDims"] = out_dims;
  d["aippExtend"] = ToAddr(a.aippExtend);
  return d;
}

}  // namespace openacl_py
