// The op registry: one OpSchema per ONNX op type (schema + shape inference + reference kernel).
// Ops are registered by the X-macro list ops.def: one line per op, no static initializers.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "ir/graph.h"
#include "ops/kernel.h"

namespace openacl {

// Shape inference. OpRegistry::Register wraps every op's function with CheckInferredSizes, so
// whoever calls schema->infer (compile, load verification, the dynamic executor) gets an error
// naming the tensor when an output's size overflows or exceeds base/size_limits.h.
using InferFn = std::function<Status(Node& node)>;
using KernelFactory = std::unique_ptr<Kernel> (*)();

struct OpSchema {
  std::string name;         // ONNX op type, e.g. "Add"
  std::string domain;       // "" = ai.onnx, "com.microsoft" for contrib ops
  int min_opset = 1;        // first opset version whose semantics we implement
  int max_opset = 18;       // last opset version we implement
  int min_inputs = 1;
  int max_inputs = 1;
  int min_outputs = 1;
  int max_outputs = 1;
  InferFn infer = nullptr;             // sets outputs' dtype and shape from the inputs
  KernelFactory reference = nullptr;   // plain, obviously-correct kernel
  std::vector<DType> types;            // element types the reference handles (docs, checks)
  // True for ops whose output shape depends on input *values* that are computed at run time
  // (NonZero, Unique, Compress, NonMaxSuppression, ...). Their infer sets the unknown dims to -1
  // unless every input is constant, in which case it computes the exact shape from the values.
  // The dynamic executor binds all inputs as constants before calling infer for such ops.
  bool output_shape_from_values = false;
};

class OpRegistry {
 public:
  static const OpRegistry& Get();
  void Register(OpSchema schema);
  const OpSchema* Find(const std::string& op_type, const std::string& domain = "") const;
  std::vector<const OpSchema*> All() const;

 private:
  std::map<std::string, OpSchema> schemas_;  // key: domain + "::" + name
};

// Convenience for infer functions.
inline void SetOutput(Node& node, size_t i, DType dtype, Shape shape) {
  if (i < node.outputs.size() && node.outputs[i]) {
    node.outputs[i]->dtype = dtype;
    node.outputs[i]->shape = std::move(shape);
    node.outputs[i]->has_shape = true;
  }
}

// Every output of `node` with a known shape: its element count and byte size must not overflow
// and must stay within MaxTensorBytes(); the error names the output and the node.
Status CheckInferredSizes(const Node& node);

// Creates and prepares the op's reference kernel (constant folding, tests, and the fallback of
// CreateKernel in kernels/kernel_registry.h).
Result<std::unique_ptr<Kernel>> CreateReferenceKernel(const Node& node);

}  // namespace openacl
