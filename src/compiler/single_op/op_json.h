// The atc --singleop JSON (acl-api.md §6.2): an array of OpDesc objects
//   {"op": "Add", "name": "opt.om", "input_desc": [TensorDesc...], "output_desc": [...],
//    "attr": [{"name": "...", "type": "bool|int|float|string|list_bool|list_int|list_float|
//              list_string|list_list_int|data_type|list_data_type", "value": ...}]}
// TensorDesc: {"format": "ND", "type": "float16", "shape": [..], "shape_range": [[min,max],..],
//              "name": "..", "is_const": true, "const_value": [..]}.
// Syntax only: op types and attribute names are checked against the mapping table later.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "compiler/single_op/op_desc.h"

namespace openacl::single_op {

// Errors (kParseFile) name `source`, the entry index and the op: "ops.json: entry 1 (Add): ...".
Result<std::vector<OpDesc>> ParseOpDescList(const std::string& text, const std::string& source);

// One entry in the same schema, canonical (sorted attrs, every field spelled out) — what a
// single-op .om records in SingleOpInfo::json, and what ParseOpDesc reads back.
std::string OpDescToJson(const OpDesc& desc);
Result<OpDesc> ParseOpDesc(const std::string& json_object_text);

}  // namespace openacl::single_op
