// AscendCL op types -> ONNX nodes of our one op registry (docs/single-op.md lists the table).
// Each mapping declares its inputs, outputs and typed attributes with defaults, and a builder that
// adds the ONNX node(s) to a graph. Canonicalize() checks a description against the mapping and
// fills defaults, so "attr omitted" and "attr given with its default value" compare equal when
// aclopExecuteV2 looks for a loaded op model.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "compiler/single_op/op_desc.h"
#include "ir/graph.h"

namespace openacl::single_op {

struct OpMapping;

// What a builder sees: the graph, the (canonical) description, and one Value per AscendCL input
// (a graph input, a constant for is_const inputs, nullptr for an omitted optional input).
class BuildContext {
 public:
  BuildContext(Graph& graph, const OpDesc& desc, const OpMapping& mapping)
      : graph_(graph), desc_(desc), mapping_(mapping) {}

  Graph& graph() { return graph_; }
  const OpDesc& desc() const { return desc_; }
  const OpMapping& mapping() const { return mapping_; }
  std::vector<Value*>& in() { return in_; }
  Value* in(size_t i) const { return i < in_.size() ? in_[i] : nullptr; }

  // Adds an ONNX node with `num_outputs` fresh values; returns them.
  std::vector<Value*> Add(const std::string& onnx_op, const std::vector<Value*>& inputs,
                          size_t num_outputs, AttrMap attrs = AttrMap());
  Value* Add1(const std::string& onnx_op, const std::vector<Value*>& inputs,
              AttrMap attrs = AttrMap()) {
    return Add(onnx_op, inputs, 1, std::move(attrs))[0];
  }
  Value* ConstInts(const std::vector<int64_t>& v, bool as_scalar = false);
  // A scalar constant of `dtype` (the element type of a graph value).
  Value* ConstScalar(double v, DType dtype);
  Value* CastTo(Value* v, DType to);
  // Element type of AscendCL input i / output i as IR DType.
  Result<DType> InType(size_t i) const;
  Result<DType> OutType(size_t i) const;

  // Canonical attributes (declared ones are always present after Canonicalize).
  int64_t Int(const std::string& name) const;
  bool Bool(const std::string& name) const { return Int(name) != 0; }
  float Float(const std::string& name) const;
  std::string Str(const std::string& name) const;
  std::vector<int64_t> Ints(const std::string& name) const;
  bool Has(const std::string& name) const { return desc_.attrs.count(name) != 0; }
  // The value of constant input i as integers; error when it is not constant.
  Result<std::vector<int64_t>> ConstInputInts(size_t i) const;
  // "Conv2D: " prefix for messages.
  Status Error(const std::string& message) const;

 private:
  Graph& graph_;
  const OpDesc& desc_;
  const OpMapping& mapping_;
  std::vector<Value*> in_;
};

// Returns one Value per AscendCL output, in order.
using BuildFn = Result<std::vector<Value*>> (*)(BuildContext& ctx);

struct AttrSpec {
  std::string name;
  AttrValue::Type type;
  bool required = false;
  bool has_default = false;
  AttrValue def;
};

struct OpMapping {
  std::string acl_op;   // "ArgMaxD"
  std::string onnx_op;  // main ONNX op ("ArgMax"); generic builders use it
  int min_inputs = 1, max_inputs = 1;
  int min_outputs = 1, max_outputs = 1;  // max -1 = any number
  std::vector<AttrSpec> attrs;
  std::vector<int> const_inputs;  // inputs that must be is_const (axes, k, perm, ...)
  BuildFn build = nullptr;
  std::string note;  // docs: how it maps
};

const OpMapping* FindOpMapping(const std::string& acl_op);
const std::vector<OpMapping>& AllOpMappings();

// Checks input/output counts, constness, attribute names and types against the mapping
// (coercing int -> bool/float/data_type, list_int -> list_float), and fills defaults.
// Errors (kOpAttrNotMatch / kOpInputNotMatch / kUnsupportedOp) name the op and the attr/input.
Status Canonicalize(OpDesc& desc);

}  // namespace openacl::single_op
