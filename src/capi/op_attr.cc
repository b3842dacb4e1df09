// aclopCreateAttr / aclopDestroyAttr and every aclopSetAttr* setter.
#include "capi/enum_arg.h"
#include "capi/op_internal.h"
#include "capi/tensor_desc.h"

using openacl::Result;
using openacl::Status;
using AttrValue = openacl::single_op::AttrValue;
namespace capi = openacl::capi;

namespace openacl::capi {
LiveSet<aclopAttr>& OpAttrRegistry() {
  static auto* s = new LiveSet<aclopAttr>();
  return *s;
}
}  // namespace openacl::capi

namespace {

aclError Set(const char* api, aclopAttr* attr, const char* name, AttrValue v) {
  return capi::Guard(api, [&]() -> Status {
    RETURN_IF_ERROR(capi::OpAttrRegistry().Check(attr, "attr", "aclopAttr"));
    CHECK_OR_RETURN(name != nullptr && name[0] != '\0', kInvalidParam, "attrName is null or empty");
    attr->attrs[name] = std::move(v);
    return Status::Ok();
  });
}

// Lists: numValues >= 0 and values non-null when numValues > 0.
template <typename T, typename Fill>
aclError SetList(const char* api, aclopAttr* attr, const char* name, int n, const T* values,
                 AttrValue::Type type, Fill fill) {
  return capi::Guard(api, [&]() -> Status {
    RETURN_IF_ERROR(capi::OpAttrRegistry().Check(attr, "attr", "aclopAttr"));
    CHECK_OR_RETURN(name != nullptr && name[0] != '\0', kInvalidParam, "attrName is null or empty");
    CHECK_OR_RETURN(n >= 0, kInvalidParam, "numValues " + std::to_string(n) + " is negative");
    CHECK_OR_RETURN(n == 0 || values != nullptr, kInvalidParam,
                    "values is null with numValues " + std::to_string(n));
    AttrValue v;
    v.type = type;
    for (int i = 0; i < n; ++i) RETURN_IF_ERROR(fill(v, values[i], i));
    attr->attrs[name] = std::move(v);
    return Status::Ok();
  });
}

}  // namespace

extern "C" {

aclopAttr* aclopCreateAttr(void) {
  return capi::GuardValue(__func__, static_cast<aclopAttr*>(nullptr), []() -> Result<aclopAttr*> {
    return capi::OpAttrRegistry().Add(new aclopAttr());
  });
}

void aclopDestroyAttr(const aclopAttr* attr) {
  if (attr == nullptr) return;
  capi::Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(capi::OpAttrRegistry().Check(attr, "attr", "aclopAttr"));
    capi::OpAttrRegistry().Destroy(attr);
    return Status::Ok();
  });
}

aclError aclopSetAttrBool(aclopAttr* attr, const char* attrName, uint8_t attrValue) {
  return Set(__func__, attr, attrName, AttrValue::Bool(attrValue != 0));
}

aclError aclopSetAttrInt(aclopAttr* attr, const char* attrName, int64_t attrValue) {
  return Set(__func__, attr, attrName, AttrValue::Int(attrValue));
}

aclError aclopSetAttrFloat(aclopAttr* attr, const char* attrName, float attrValue) {
  return Set(__func__, attr, attrName, AttrValue::Float(attrValue));
}

aclError aclopSetAttrString(aclopAttr* attr, const char* attrName, const char* attrValue) {
  if (attrValue == nullptr)
    return capi::Guard(__func__, [] { return openacl::InvalidParam("attrValue is null"); });
  return Set(__func__, attr, attrName, AttrValue::String(attrValue));
}

aclError aclopSetAttrDataType(aclopAttr* attr, const char* attrName, aclDataType attrValue) {
  auto dtype = capi::ReadAclDataType(capi::EnumArg(attrValue), "attrValue");
  if (!dtype.ok()) return capi::Guard(__func__, [&] { return dtype.status(); });
  return Set(__func__, attr, attrName, AttrValue::DataType(*dtype));
}

aclError aclopSetAttrListBool(aclopAttr* attr, const char* attrName, int numValues,
                              const uint8_t* values) {
  return SetList(__func__, attr, attrName, numValues, values, AttrValue::Type::kListBool,
                 [](AttrValue& v, uint8_t x, int) {
                   v.ints.push_back(x != 0);
                   return Status::Ok();
                 });
}

aclError aclopSetAttrListInt(aclopAttr* attr, const char* attrName, int numValues,
                             const int64_t* values) {
  return SetList(__func__, attr, attrName, numValues, values, AttrValue::Type::kListInt,
                 [](AttrValue& v, int64_t x, int) {
                   v.ints.push_back(x);
                   return Status::Ok();
                 });
}

aclError aclopSetAttrListFloat(aclopAttr* attr, const char* attrName, int numValues,
                               const float* values) {
  return SetList(__func__, attr, attrName, numValues, values, AttrValue::Type::kListFloat,
                 [](AttrValue& v, float x, int) {
                   v.floats.push_back(x);
                   return Status::Ok();
                 });
}

aclError aclopSetAttrListString(aclopAttr* attr, const char* attrName, int numValues,
                                const char** values) {
  return SetList(__func__, attr, attrName, numValues, values, AttrValue::Type::kListString,
                 [](AttrValue& v, const char* x, int i) {
                   if (x == nullptr)
                     return openacl::InvalidParam("values[" + std::to_string(i) + "] is null");
                   v.strings.push_back(x);
                   return Status::Ok();
                 });
}

aclError aclopSetAttrListDataType(aclopAttr* attr, const char* attrName, int numValues,
                                  const aclDataType values[]) {
  // Read as integers (capi/enum_arg.h): a C caller may put any int in the array.
  return SetList(__func__, attr, attrName, numValues, reinterpret_cast<const int32_t*>(values),
                 AttrValue::Type::kListDataType, [](AttrValue& v, int32_t x, int i) -> Status {
                   RETURN_IF_ERROR(capi::ReadAclDataType(x, ("values[" + std::to_string(i) + "]").c_str())
                                       .status());
                   v.ints.push_back(x);
                   return Status::Ok();
                 });
}

aclError aclopSetAttrListListInt(aclopAttr* attr, const char* attrName, int numLists,
                                 const int* numValues, const int64_t* const values[]) {
  return capi::Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(capi::OpAttrRegistry().Check(attr, "attr", "aclopAttr"));
    CHECK_OR_RETURN(attrName != nullptr && attrName[0] != '\0', kInvalidParam,
                    "attrName is null or empty");
    CHECK_OR_RETURN(numLists >= 0, kInvalidParam, "numLists is negative");
    CHECK_OR_RETURN(numLists == 0 || (numValues != nullptr && values != nullptr), kInvalidParam,
                    "numValues or values is null with numLists " + std::to_string(numLists));
    AttrValue v;
    v.type = AttrValue::Type::kListListInt;
    for (int i = 0; i < numLists; ++i) {
      CHECK_OR_RETURN(numValues[i] >= 0, kInvalidParam,
                      "numValues[" + std::to_string(i) + "] is negative");
      CHECK_OR_RETURN(numValues[i] == 0 || values[i] != nullptr, kInvalidParam,
                      "values[" + std::to_string(i) + "] is null");
      v.int_lists.emplace_back(values[i], values[i] + numValues[i]);
    }
    attr->attrs[attrName] = std::move(v);
    return Status::Ok();
  });
}

}  // extern "C"
