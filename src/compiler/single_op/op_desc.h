// A single-operator description as AscendCL knows it (atc --singleop JSON entry, or the descs and
// attributes an app passes to aclopExecuteV2): op type, tensor descriptions, typed attributes.
// Data types and formats keep AscendCL's numbering (graph/types.h: aclDataType / aclFormat), so
// the compiler needs no acl header.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "ir/dtype.h"
#include "ir/tensor.h"

namespace openacl::single_op {

// aclDataType values.
constexpr int32_t kAclDtUndefined = -1;
constexpr int32_t kAclFloat = 0, kAclFloat16 = 1, kAclInt8 = 2, kAclInt32 = 3, kAclUint8 = 4,
                  kAclInt16 = 6, kAclUint16 = 7, kAclUint32 = 8, kAclInt64 = 9, kAclUint64 = 10,
                  kAclDouble = 11, kAclBool = 12, kAclBf16 = 27;
// aclFormat values.
constexpr int32_t kAclFormatUndefined = -1, kAclFormatNCHW = 0, kAclFormatNHWC = 1,
                  kAclFormatND = 2;

struct TensorSpec {
  int32_t dtype = kAclDtUndefined;  // aclDataType; undefined = an omitted optional input
  int32_t format = kAclFormatUndefined;
  Shape dims;                                       // -1 = dynamic dim; {-2} = unknown rank
  std::vector<std::array<int64_t, 2>> shape_range;  // per dim [min, max], -1 = unbounded
  std::string name;
  bool is_const = false;
  std::vector<uint8_t> const_data;  // is_const: the value, elements of `dtype`

  bool omitted() const { return dtype == kAclDtUndefined; }
  bool unknown_rank() const { return dims.size() == 1 && dims[0] == -2; }
  bool dynamic() const;
};

struct AttrValue {
  enum class Type {
    kBool,
    kInt,
    kFloat,
    kString,
    kDataType,
    kListBool,
    kListInt,
    kListFloat,
    kListString,
    kListDataType,
    kListListInt,
  };
  Type type = Type::kInt;
  int64_t i = 0;  // bool (0/1), int, data_type (aclDataType)
  float f = 0.0f;
  std::string s;
  std::vector<int64_t> ints;  // list_bool, list_int, list_data_type
  std::vector<float> floats;
  std::vector<std::string> strings;
  std::vector<std::vector<int64_t>> int_lists;

  static AttrValue Bool(bool v);
  static AttrValue Int(int64_t v);
  static AttrValue Float(float v);
  static AttrValue String(std::string v);
  static AttrValue DataType(int32_t v);
  static AttrValue ListInt(std::vector<int64_t> v);
  bool operator==(const AttrValue& o) const;
  bool operator!=(const AttrValue& o) const { return !(*this == o); }
};

struct OpDesc {
  std::string op;    // AscendCL op type: "ArgMaxD", "Cast", ...
  std::string name;  // atc: the .om file name asked for ("" = ATC's default name)
  std::vector<TensorSpec> inputs;
  std::vector<TensorSpec> outputs;
  std::map<std::string, AttrValue> attrs;
};

const char* AttrTypeName(AttrValue::Type t);
std::string AttrValueText(const AttrValue& v);

// "float", "float16", ... (the JSON spelling); "dtype(<n>)" when unknown.
std::string AclDTypeName(int32_t dtype);
// JSON spellings ("float", "float32", "fp16", "int32", "DT_INT32", ...). kInvalidParam if unknown.
Result<int32_t> AclDTypeFromName(const std::string& name);
// aclDataType -> IR DType; kUnsupportedDataType when openacl has no such element type.
Result<DType> AclToIrDType(int32_t dtype);
int32_t IrToAclDType(DType dtype);   // kAclDtUndefined when none
size_t AclDTypeSize(int32_t dtype);  // 0 when unknown

std::string AclFormatName(int32_t format);  // "ND", "NCHW", ... ; "format(<n>)" when unknown
Result<int32_t> AclFormatFromName(const std::string& name);

// "float16 ND [1,1000]" / "int32 ND [1] const" / "(omitted)".
std::string DescribeTensor(const TensorSpec& t);
// "ArgMaxD(inputs: float16 ND [1,1000]; outputs: int32 ND [1]; attrs: dimension=1)".
std::string DescribeOp(const OpDesc& d);

// ATC's default model name: <idx>_<op>_<dtype>_<format>_<dims...> for every input then every
// output, ".om" appended (e.g. 0_Add_3_2_3_3_3_2_3_3_3_2_3_3.om).
std::string DefaultModelName(const OpDesc& d, size_t index);

// The constant as an IR tensor (dims = spec dims).
Result<Tensor> ConstTensor(const TensorSpec& t);

}  // namespace openacl::single_op
