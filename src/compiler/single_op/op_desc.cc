#include "compiler/single_op/op_desc.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <sstream>

namespace openacl::single_op {
namespace {

struct DTypeRow {
  int32_t acl;
  DType ir;
  const char* name;  // canonical JSON spelling
};

const DTypeRow kDTypes[] = {
    {kAclFloat, DType::kFloat32, "float"},    {kAclFloat16, DType::kFloat16, "float16"},
    {kAclInt8, DType::kInt8, "int8"},         {kAclInt32, DType::kInt32, "int32"},
    {kAclUint8, DType::kUInt8, "uint8"},      {kAclInt16, DType::kInt16, "int16"},
    {kAclUint16, DType::kUInt16, "uint16"},   {kAclUint32, DType::kUInt32, "uint32"},
    {kAclInt64, DType::kInt64, "int64"},      {kAclUint64, DType::kUInt64, "uint64"},
    {kAclDouble, DType::kFloat64, "double"},  {kAclBool, DType::kBool, "bool"},
    {kAclBf16, DType::kBFloat16, "bfloat16"},
};

struct FormatRow {
  int32_t value;
  const char* name;
};
const FormatRow kFormats[] = {
    {0, "NCHW"},         {1, "NHWC"},          {2, "ND"},     {3, "NC1HWC0"},     {4, "FRACTAL_Z"},
    {12, "NC1HWC0_C04"}, {16, "HWCN"},         {27, "NDHWC"}, {29, "FRACTAL_NZ"}, {30, "NCDHW"},
    {32, "NDC1HWC0"},    {33, "FRACTAL_Z_3D"}, {35, "NC"},    {47, "NCL"},
};

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string Join(const std::vector<int64_t>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + std::to_string(v[i]);
  return s;
}

std::string FloatText(float f) {
  std::ostringstream os;
  os << f;
  return os.str();
}

}  // namespace

bool TensorSpec::dynamic() const {
  if (unknown_rank()) return true;
  for (int64_t d : dims)
    if (d < 0) return true;
  return false;
}

AttrValue AttrValue::Bool(bool v) {
  AttrValue a;
  a.type = Type::kBool;
  a.i = v ? 1 : 0;
  return a;
}
AttrValue AttrValue::Int(int64_t v) {
  AttrValue a;
  a.type = Type::kInt;
  a.i = v;
  return a;
}
AttrValue AttrValue::Float(float v) {
  AttrValue a;
  a.type = Type::kFloat;
  a.f = v;
  return a;
}
AttrValue AttrValue::String(std::string v) {
  AttrValue a;
  a.type = Type::kString;
  a.s = std::move(v);
  return a;
}
AttrValue AttrValue::DataType(int32_t v) {
  AttrValue a;
  a.type = Type::kDataType;
  a.i = v;
  return a;
}
AttrValue AttrValue::ListInt(std::vector<int64_t> v) {
  AttrValue a;
  a.type = Type::kListInt;
  a.ints = std::move(v);
  return a;
}

bool AttrValue::operator==(const AttrValue& o) const {
  if (type != o.type) return false;
  switch (type) {
    case Type::kBool:
    case Type::kInt:
    case Type::kDataType:
      return i == o.i;
    case Type::kFloat:
      return f == o.f;
    case Type::kString:
      return s == o.s;
    case Type::kListBool:
    case Type::kListInt:
    case Type::kListDataType:
      return ints == o.ints;
    case Type::kListFloat:
      return floats == o.floats;
    case Type::kListString:
      return strings == o.strings;
    case Type::kListListInt:
      return int_lists == o.int_lists;
  }
  return false;
}

const char* AttrTypeName(AttrValue::Type t) {
  switch (t) {
    case AttrValue::Type::kBool:
      return "bool";
    case AttrValue::Type::kInt:
      return "int";
    case AttrValue::Type::kFloat:
      return "float";
    case AttrValue::Type::kString:
      return "string";
    case AttrValue::Type::kDataType:
      return "data_type";
    case AttrValue::Type::kListBool:
      return "list_bool";
    case AttrValue::Type::kListInt:
      return "list_int";
    case AttrValue::Type::kListFloat:
      return "list_float";
    case AttrValue::Type::kListString:
      return "list_string";
    case AttrValue::Type::kListDataType:
      return "list_data_type";
    case AttrValue::Type::kListListInt:
      return "list_list_int";
  }
  return "?";
}

std::string AttrValueText(const AttrValue& v) {
  switch (v.type) {
    case AttrValue::Type::kBool:
      return v.i ? "true" : "false";
    case AttrValue::Type::kInt:
      return std::to_string(v.i);
    case AttrValue::Type::kFloat:
      return FloatText(v.f);
    case AttrValue::Type::kString:
      return "\"" + v.s + "\"";
    case AttrValue::Type::kDataType:
      return AclDTypeName(static_cast<int32_t>(v.i));
    case AttrValue::Type::kListBool:
    case AttrValue::Type::kListInt:
      return "[" + Join(v.ints) + "]";
    case AttrValue::Type::kListDataType: {
      std::string s = "[";
      for (size_t k = 0; k < v.ints.size(); ++k)
        s += (k ? "," : "") + AclDTypeName(static_cast<int32_t>(v.ints[k]));
      return s + "]";
    }
    case AttrValue::Type::kListFloat: {
      std::string s = "[";
      for (size_t k = 0; k < v.floats.size(); ++k) s += (k ? "," : "") + FloatText(v.floats[k]);
      return s + "]";
    }
    case AttrValue::Type::kListString: {
      std::string s = "[";
      for (size_t k = 0; k < v.strings.size(); ++k) s += (k ? ",\"" : "\"") + v.strings[k] + "\"";
      return s + "]";
    }
    case AttrValue::Type::kListListInt: {
      std::string s = "[";
      for (size_t k = 0; k < v.int_lists.size(); ++k)
        s += (k ? ",[" : "[") + Join(v.int_lists[k]) + "]";
      return s + "]";
    }
  }
  return "?";
}

std::string AclDTypeName(int32_t dtype) {
  if (dtype == kAclDtUndefined) return "undefined";
  for (const auto& r : kDTypes)
    if (r.acl == dtype) return r.name;
  return "dtype(" + std::to_string(dtype) + ")";
}

Result<int32_t> AclDTypeFromName(const std::string& name) {
  std::string n = Lower(name);
  if (n.rfind("dt_", 0) == 0) n = n.substr(3);
  if (n == "float32" || n == "fp32") return kAclFloat;
  if (n == "fp16" || n == "half") return kAclFloat16;
  if (n == "float64") return kAclDouble;
  if (n == "bf16") return kAclBf16;
  if (n == "undefined") return kAclDtUndefined;
  for (const auto& r : kDTypes)
    if (n == r.name) return r.acl;
  return InvalidParam("unknown data type '" + name +
                      "' (float, float16, int8, int16, int32, int64, uint8, uint16, uint32, "
                      "uint64, double, bool, bfloat16)");
}

Result<DType> AclToIrDType(int32_t dtype) {
  for (const auto& r : kDTypes)
    if (r.acl == dtype) return r.ir;
  return Status(StatusCode::kUnsupportedDataType,
                "data type " + AclDTypeName(dtype) + " is not supported by openacl");
}

int32_t IrToAclDType(DType dtype) {
  for (const auto& r : kDTypes)
    if (r.ir == dtype) return r.acl;
  return kAclDtUndefined;
}

size_t AclDTypeSize(int32_t dtype) {
  for (const auto& r : kDTypes)
    if (r.acl == dtype) return DTypeSize(r.ir);
  return 0;
}

std::string AclFormatName(int32_t format) {
  if (format == kAclFormatUndefined) return "UNDEFINED";
  for (const auto& r : kFormats)
    if (r.value == format) return r.name;
  return "format(" + std::to_string(format) + ")";
}

Result<int32_t> AclFormatFromName(const std::string& name) {
  std::string n = name;
  std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::toupper(c); });
  if (n.rfind("FORMAT_", 0) == 0) n = n.substr(7);
  if (n == "UNDEFINED" || n == "RESERVED") return kAclFormatUndefined;
  for (const auto& r : kFormats)
    if (n == r.name) return r.value;
  return InvalidParam("unknown format '" + name + "' (ND, NCHW, NHWC, NC1HWC0, FRACTAL_Z, ...)");
}

std::string DescribeTensor(const TensorSpec& t) {
  if (t.omitted()) return "(omitted)";
  std::string s = AclDTypeName(t.dtype) + " " + AclFormatName(t.format) + " ";
  s += t.unknown_rank() ? std::string("[unknown rank]") : "[" + Join(t.dims) + "]";
  if (!t.shape_range.empty()) {
    s += " range ";
    for (size_t i = 0; i < t.shape_range.size(); ++i)
      s += (i ? "," : "") + std::string("[") + std::to_string(t.shape_range[i][0]) + "," +
           std::to_string(t.shape_range[i][1]) + "]";
  }
  if (t.is_const) s += " const";
  return s;
}

std::string DescribeOp(const OpDesc& d) {
  std::string s = d.op + "(inputs: ";
  for (size_t i = 0; i < d.inputs.size(); ++i) s += (i ? ", " : "") + DescribeTensor(d.inputs[i]);
  s += "; outputs: ";
  for (size_t i = 0; i < d.outputs.size(); ++i) s += (i ? ", " : "") + DescribeTensor(d.outputs[i]);
  if (!d.attrs.empty()) {
    s += "; attrs: ";
    bool first = true;
    for (const auto& [name, v] : d.attrs) {
      s += (first ? "" : ", ") + name + "=" + AttrValueText(v);
      first = false;
    }
  }
  return s + ")";
}

std::string DefaultModelName(const OpDesc& d, size_t index) {
  std::string s = std::to_string(index) + "_" + d.op;
  auto add = [&s](const TensorSpec& t) {
    s += "_" + std::to_string(t.dtype) + "_" + std::to_string(t.format);
    for (int64_t dim : t.dims) s += "_" + std::to_string(dim);
  };
  for (const auto& t : d.inputs) add(t);
  for (const auto& t : d.outputs) add(t);
  return s + ".om";
}

Result<Tensor> ConstTensor(const TensorSpec& t) {
  ASSIGN_OR_RETURN(DType ir, AclToIrDType(t.dtype));
  if (!IsStatic(t.dims)) return InvalidParam("a constant input needs a static shape");
  Tensor out(ir, t.dims);
  if (t.const_data.size() != out.nbytes())
    return InvalidParam("constant value has " + std::to_string(t.const_data.size()) + " bytes, " +
                        DescribeTensor(t) + " needs " + std::to_string(out.nbytes()));
  if (!t.const_data.empty()) std::memcpy(out.mutable_data(), t.const_data.data(), out.nbytes());
  return out;
}

}  // namespace openacl::single_op
