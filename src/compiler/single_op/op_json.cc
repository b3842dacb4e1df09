#include "compiler/single_op/op_json.h"

#include <cstring>
#include <nlohmann/json.hpp>

namespace openacl::single_op {
namespace {

using json = nlohmann::json;

Status Bad(const std::string& m) { return Status(StatusCode::kParseFile, m); }

Result<int64_t> GetInt(const json& j, const std::string& what) {
  if (j.is_boolean()) return j.get<bool>() ? 1 : 0;
  if (j.is_number_integer()) return j.get<int64_t>();
  if (j.is_number_float() &&
      j.get<double>() == static_cast<double>(static_cast<int64_t>(j.get<double>())))
    return static_cast<int64_t>(j.get<double>());
  return Bad(what + " must be an integer, got " + j.dump());
}

Result<std::vector<int64_t>> GetInts(const json& j, const std::string& what) {
  if (!j.is_array()) return Bad(what + " must be an array of integers, got " + j.dump());
  std::vector<int64_t> out;
  for (size_t i = 0; i < j.size(); ++i) {
    ASSIGN_OR_RETURN(int64_t v, GetInt(j[i], what + "[" + std::to_string(i) + "]"));
    out.push_back(v);
  }
  return out;
}

Result<int32_t> GetDType(const json& j, const std::string& what) {
  if (j.is_number_integer()) {
    int32_t v = j.get<int32_t>();
    if (v != kAclDtUndefined && AclDTypeSize(v) == 0)
      return Bad(what + ": unknown data type value " + std::to_string(v));
    return v;
  }
  if (!j.is_string()) return Bad(what + " must be a data type name, got " + j.dump());
  auto r = AclDTypeFromName(j.get<std::string>());
  if (!r.ok()) return Bad(what + ": " + r.status().message());
  return r;
}

// Flattens nested arrays of numbers / bools.
void Flatten(const json& j, std::vector<json>* out) {
  if (j.is_array()) {
    for (const auto& e : j) Flatten(e, out);
  } else {
    out->push_back(j);
  }
}

Status ParseConst(const json& value, TensorSpec* t, const std::string& what) {
  std::vector<json> elems;
  Flatten(value, &elems);
  int64_t n = t->unknown_rank() ? -1 : NumElements(t->dims);
  if (n < 0) return Bad(what + ": a constant input needs a static shape");
  if (static_cast<int64_t>(elems.size()) != n)
    return Bad(what + ": const_value has " + std::to_string(elems.size()) + " values, shape " +
               ShapeToString(t->dims) + " needs " + std::to_string(n));
  auto ir = AclToIrDType(t->dtype);
  if (!ir.ok()) return Bad(what + ": " + ir.status().message());
  size_t esize = DTypeSize(*ir);
  t->const_data.assign(static_cast<size_t>(n) * esize, 0);
  for (int64_t i = 0; i < n; ++i) {
    const json& e = elems[i];
    std::string at = what + ": const_value[" + std::to_string(i) + "]";
    if (!e.is_number() && !e.is_boolean()) return Bad(at + " is not a number: " + e.dump());
    if (*ir == DType::kInt64 || *ir == DType::kUInt64) {
      ASSIGN_OR_RETURN(int64_t v, GetInt(e, at));
      std::memcpy(t->const_data.data() + i * esize, &v, esize);
    } else {
      double v = e.is_boolean() ? (e.get<bool>() ? 1.0 : 0.0) : e.get<double>();
      WriteFromDouble(t->const_data.data(), *ir, i, v);
    }
  }
  return Status::Ok();
}

Result<TensorSpec> ParseTensor(const json& j, const std::string& what) {
  if (!j.is_object()) return Bad(what + " must be an object");
  TensorSpec t;
  for (const auto& [key, v] : j.items()) {
    static const char* kKnown[] = {"format",        "type",          "shape",        "shape_range",
                                   "name",          "is_const",      "const_value",  "param_type",
                                   "dynamic_input", "origin_format", "origin_shape", "value_range"};
    bool known = false;
    for (const char* k : kKnown) known = known || key == k;
    if (!known) return Bad(what + ": unknown field '" + key + "'");
  }
  if (!j.contains("type")) return Bad(what + ": 'type' is required");
  ASSIGN_OR_RETURN(t.dtype, GetDType(j["type"], what + ".type"));
  if (!j.contains("format")) return Bad(what + ": 'format' is required");
  if (j["format"].is_number_integer()) {
    t.format = j["format"].get<int32_t>();
  } else if (j["format"].is_string()) {
    auto f = AclFormatFromName(j["format"].get<std::string>());
    if (!f.ok()) return Bad(what + ".format: " + f.status().message());
    t.format = *f;
  } else {
    return Bad(what + ".format must be a string");
  }
  if (j.contains("shape")) {
    ASSIGN_OR_RETURN(t.dims, GetInts(j["shape"], what + ".shape"));
  }
  for (int64_t d : t.dims)
    if (d < -2 || (d == -2 && t.dims.size() != 1))
      return Bad(what + ".shape: dim " + std::to_string(d) +
                 " is invalid (-1 = dynamic, [-2] = "
                 "unknown rank)");
  if (j.contains("shape_range")) {
    const json& r = j["shape_range"];
    if (!r.is_array()) return Bad(what + ".shape_range must be [[min,max],...]");
    for (size_t i = 0; i < r.size(); ++i) {
      ASSIGN_OR_RETURN(auto mm, GetInts(r[i], what + ".shape_range[" + std::to_string(i) + "]"));
      if (mm.size() != 2 && mm.size() != 1)
        return Bad(what + ".shape_range[" + std::to_string(i) + "] must be [min,max]");
      t.shape_range.push_back({mm[0], mm.size() == 2 ? mm[1] : mm[0]});
    }
    if (!t.unknown_rank() && !t.shape_range.empty() && t.shape_range.size() != t.dims.size())
      return Bad(what + ".shape_range has " + std::to_string(t.shape_range.size()) +
                 " entries for " + std::to_string(t.dims.size()) + " dims");
  }
  if (j.contains("name")) {
    if (!j["name"].is_string()) return Bad(what + ".name must be a string");
    t.name = j["name"].get<std::string>();
  }
  if (j.contains("is_const")) {
    if (!j["is_const"].is_boolean()) return Bad(what + ".is_const must be true or false");
    t.is_const = j["is_const"].get<bool>();
  }
  if (t.is_const) {
    if (!j.contains("const_value")) return Bad(what + ": is_const needs 'const_value'");
    RETURN_IF_ERROR(ParseConst(j["const_value"], &t, what));
  }
  return t;
}

Result<AttrValue> ParseAttrValue(const std::string& type, const json& v, const std::string& what) {
  AttrValue a;
  if (type == "bool") {
    if (!v.is_boolean() && !v.is_number_integer()) return Bad(what + " must be true or false");
    a.type = AttrValue::Type::kBool;
    a.i = v.is_boolean() ? v.get<bool>() : v.get<int64_t>() != 0;
  } else if (type == "int") {
    a.type = AttrValue::Type::kInt;
    ASSIGN_OR_RETURN(a.i, GetInt(v, what));
  } else if (type == "float") {
    if (!v.is_number()) return Bad(what + " must be a number");
    a.type = AttrValue::Type::kFloat;
    a.f = v.get<float>();
  } else if (type == "string" || type == "str") {
    if (!v.is_string()) return Bad(what + " must be a string");
    a.type = AttrValue::Type::kString;
    a.s = v.get<std::string>();
  } else if (type == "data_type" || type == "type") {
    a.type = AttrValue::Type::kDataType;
    ASSIGN_OR_RETURN(a.i, GetDType(v, what));
  } else if (type == "list_bool" || type == "list_int") {
    a.type = type == "list_bool" ? AttrValue::Type::kListBool : AttrValue::Type::kListInt;
    ASSIGN_OR_RETURN(a.ints, GetInts(v, what));
    if (type == "list_bool")
      for (auto& x : a.ints) x = x != 0;
  } else if (type == "list_float") {
    if (!v.is_array()) return Bad(what + " must be an array of numbers");
    a.type = AttrValue::Type::kListFloat;
    for (const auto& e : v) {
      if (!e.is_number()) return Bad(what + " must be an array of numbers");
      a.floats.push_back(e.get<float>());
    }
  } else if (type == "list_string" || type == "list_str") {
    if (!v.is_array()) return Bad(what + " must be an array of strings");
    a.type = AttrValue::Type::kListString;
    for (const auto& e : v) {
      if (!e.is_string()) return Bad(what + " must be an array of strings");
      a.strings.push_back(e.get<std::string>());
    }
  } else if (type == "list_data_type" || type == "list_type") {
    if (!v.is_array()) return Bad(what + " must be an array of data types");
    a.type = AttrValue::Type::kListDataType;
    for (size_t i = 0; i < v.size(); ++i) {
      ASSIGN_OR_RETURN(int32_t t, GetDType(v[i], what + "[" + std::to_string(i) + "]"));
      a.ints.push_back(t);
    }
  } else if (type == "list_list_int") {
    if (!v.is_array()) return Bad(what + " must be an array of integer arrays");
    a.type = AttrValue::Type::kListListInt;
    for (size_t i = 0; i < v.size(); ++i) {
      ASSIGN_OR_RETURN(auto row, GetInts(v[i], what + "[" + std::to_string(i) + "]"));
      a.int_lists.push_back(std::move(row));
    }
  } else {
    return Bad(what + ": unknown attr type '" + type +
               "' (bool, int, float, string, data_type, list_bool, list_int, list_float, "
               "list_string, list_data_type, list_list_int)");
  }
  return a;
}

Result<OpDesc> ParseEntry(const json& e, const std::string& where) {
  if (!e.is_object()) return Bad(where + ": not an object");
  OpDesc d;
  if (!e.contains("op") || !e["op"].is_string() || e["op"].get<std::string>().empty())
    return Bad(where + ": 'op' (the op type) is required");
  d.op = e["op"].get<std::string>();
  std::string at = where + " (" + d.op + ")";
  for (const auto& [key, v] : e.items())
    if (key != "op" && key != "name" && key != "input_desc" && key != "output_desc" &&
        key != "attr" && key != "compile_flag")
      return Bad(at + ": unknown field '" + key + "'");
  if (e.contains("name")) {
    if (!e["name"].is_string()) return Bad(at + ": 'name' must be a string");
    d.name = e["name"].get<std::string>();
  }
  for (const char* side : {"input_desc", "output_desc"}) {
    if (!e.contains(side)) {
      if (std::string(side) == "output_desc") return Bad(at + ": 'output_desc' is required");
      continue;
    }
    if (!e[side].is_array()) return Bad(at + ": '" + side + "' must be an array");
    auto& list = std::string(side) == "input_desc" ? d.inputs : d.outputs;
    for (size_t i = 0; i < e[side].size(); ++i) {
      ASSIGN_OR_RETURN(TensorSpec t,
                       ParseTensor(e[side][i], at + ": " + side + "[" + std::to_string(i) + "]"));
      list.push_back(std::move(t));
    }
  }
  if (e.contains("attr")) {
    if (!e["attr"].is_array()) return Bad(at + ": 'attr' must be an array");
    for (size_t i = 0; i < e["attr"].size(); ++i) {
      const json& a = e["attr"][i];
      std::string aw = at + ": attr[" + std::to_string(i) + "]";
      if (!a.is_object() || !a.contains("name") || !a["name"].is_string() || !a.contains("type") ||
          !a["type"].is_string() || !a.contains("value"))
        return Bad(aw + " needs string 'name', string 'type' and 'value'");
      std::string name = a["name"].get<std::string>();
      ASSIGN_OR_RETURN(AttrValue v, ParseAttrValue(a["type"].get<std::string>(), a["value"],
                                                   aw + " '" + name + "'"));
      if (d.attrs.count(name)) return Bad(aw + ": attr '" + name + "' given twice");
      d.attrs[name] = std::move(v);
    }
  }
  return d;
}

json TensorToJson(const TensorSpec& t) {
  json j;
  j["type"] = AclDTypeName(t.dtype);
  j["format"] = AclFormatName(t.format);
  j["shape"] = t.dims;
  if (!t.shape_range.empty()) {
    json r = json::array();
    for (const auto& mm : t.shape_range) r.push_back({mm[0], mm[1]});
    j["shape_range"] = r;
  }
  if (!t.name.empty()) j["name"] = t.name;
  if (t.is_const) {
    j["is_const"] = true;
    json v = json::array();
    auto ir = AclToIrDType(t.dtype);
    size_t n = ir.ok() && DTypeSize(*ir) ? t.const_data.size() / DTypeSize(*ir) : 0;
    for (size_t i = 0; i < n; ++i) {
      if (IsFloating(*ir)) {
        v.push_back(ReadAsDouble(t.const_data.data(), *ir, i));
      } else {
        v.push_back(ReadAsInt64(t.const_data.data(), *ir, i));
      }
    }
    j["const_value"] = v;
  }
  return j;
}

json AttrToJson(const std::string& name, const AttrValue& a) {
  json j;
  j["name"] = name;
  j["type"] = AttrTypeName(a.type);
  switch (a.type) {
    case AttrValue::Type::kBool:
      j["value"] = a.i != 0;
      break;
    case AttrValue::Type::kInt:
      j["value"] = a.i;
      break;
    case AttrValue::Type::kFloat:
      j["value"] = a.f;
      break;
    case AttrValue::Type::kString:
      j["value"] = a.s;
      break;
    case AttrValue::Type::kDataType:
      j["value"] = AclDTypeName(static_cast<int32_t>(a.i));
      break;
    case AttrValue::Type::kListBool: {
      json v = json::array();
      for (int64_t x : a.ints) v.push_back(x != 0);
      j["value"] = v;
      break;
    }
    case AttrValue::Type::kListInt:
      j["value"] = a.ints;
      break;
    case AttrValue::Type::kListFloat:
      j["value"] = a.floats;
      break;
    case AttrValue::Type::kListString:
      j["value"] = a.strings;
      break;
    case AttrValue::Type::kListDataType: {
      json v = json::array();
      for (int64_t x : a.ints) v.push_back(AclDTypeName(static_cast<int32_t>(x)));
      j["value"] = v;
      break;
    }
    case AttrValue::Type::kListListInt:
      j["value"] = a.int_lists;
      break;
  }
  return j;
}

}  // namespace

Result<std::vector<OpDesc>> ParseOpDescList(const std::string& text, const std::string& source) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::exception& e) {  // parse_error, and out_of_range for numbers
    return Bad(source + ": not valid JSON: " + e.what());
  }
  if (root.is_object()) root = json::array({root});
  if (!root.is_array()) return Bad(source + ": expected a JSON array of op descriptions");
  if (root.empty()) return Bad(source + ": the op description array is empty");
  std::vector<OpDesc> out;
  for (size_t i = 0; i < root.size(); ++i) {
    ASSIGN_OR_RETURN(OpDesc d, ParseEntry(root[i], source + ": entry " + std::to_string(i)));
    out.push_back(std::move(d));
  }
  return out;
}

std::string OpDescToJson(const OpDesc& d) {
  json j;
  j["op"] = d.op;
  if (!d.name.empty()) j["name"] = d.name;
  j["input_desc"] = json::array();
  for (const auto& t : d.inputs) j["input_desc"].push_back(TensorToJson(t));
  j["output_desc"] = json::array();
  for (const auto& t : d.outputs) j["output_desc"].push_back(TensorToJson(t));
  j["attr"] = json::array();
  for (const auto& [name, a] : d.attrs) j["attr"].push_back(AttrToJson(name, a));
  return j.dump();
}

Result<OpDesc> ParseOpDesc(const std::string& text) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::exception& e) {  // parse_error, and out_of_range for numbers
    return Bad(std::string("single-op description is not valid JSON: ") + e.what());
  }
  return ParseEntry(j, "single-op description");
}

}  // namespace openacl::single_op
