#include "ops/op_registry.h"

namespace openacl {

// Each ops/<op>.cc defines RegisterOp_<Name>(OpRegistry&); ops.def lists them.
#define OPENACL_OP(name) void RegisterOp_##name(OpRegistry& registry);
#include "ops/ops.def"
#undef OPENACL_OP

const OpRegistry& OpRegistry::Get() {
  static const OpRegistry* registry = [] {
    auto* r = new OpRegistry();
#define OPENACL_OP(name) RegisterOp_##name(*r);
#include "ops/ops.def"
#undef OPENACL_OP
    return r;
  }();
  return *registry;
}

Status CheckInferredSizes(const Node& node) {
  for (const Value* o : node.outputs) {
    if (!o || !o->has_shape) continue;
    auto bytes = CheckShapeBytes(o->shape, o->dtype, "output '" + o->name + "' of " + node.Describe());
    if (!bytes.ok()) return bytes.status();
  }
  return Status::Ok();
}

void OpRegistry::Register(OpSchema schema) {
  if (schema.infer) {
    schema.infer = [op = std::move(schema.infer)](Node& node) -> Status {
      RETURN_IF_ERROR(op(node));
      return CheckInferredSizes(node);
    };
  }
  std::string key = schema.domain + "::" + schema.name;
  schemas_[key] = std::move(schema);
}

const OpSchema* OpRegistry::Find(const std::string& op_type, const std::string& domain) const {
  std::string d = domain == "ai.onnx" ? "" : domain;
  auto it = schemas_.find(d + "::" + op_type);
  return it == schemas_.end() ? nullptr : &it->second;
}

std::vector<const OpSchema*> OpRegistry::All() const {
  std::vector<const OpSchema*> out;
  for (const auto& kv : schemas_) out.push_back(&kv.second);
  return out;
}

Result<std::unique_ptr<Kernel>> CreateReferenceKernel(const Node& node) {
  const OpSchema* schema = OpRegistry::Get().Find(node.op_type, node.domain);
  if (!schema || !schema->reference)
    return Status(StatusCode::kUnsupportedOp, node.Describe() + ": op type '" + node.op_type +
                                                  "' is not supported");
  std::unique_ptr<Kernel> kernel = schema->reference();
  RETURN_IF_ERROR(kernel->Prepare(node));
  return kernel;
}

}  // namespace openacl
