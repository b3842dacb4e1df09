#include "unit/passes/graph_test_util.h"

#include <cmath>
#include <limits>
#include <random>
#include <unordered_map>

#include "kernels/kernel_registry.h"
#include "passes/infer_and_fold.h"

namespace openacl {
namespace testing_util {

Value* AddInput(Graph& g, const std::string& name, const Shape& shape, DType dtype) {
  Value* v = g.AddValue(name);
  v->dtype = dtype;
  v->shape = shape;
  v->has_shape = true;
  g.inputs.push_back(v);
  return v;
}

std::vector<float> RandomFloats(size_t n, uint32_t seed, float lo, float hi) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(lo, hi);
  std::vector<float> out(n);
  for (float& f : out) f = dist(rng);
  return out;
}

Tensor RandomTensor(const Shape& shape, uint32_t seed, float lo, float hi) {
  return Tensor::FromFloat(RandomFloats(static_cast<size_t>(NumElements(shape)), seed, lo, hi),
                           shape);
}

Value* AddRandomConstant(Graph& g, const std::string& name, const Shape& shape, uint32_t seed,
                         float lo, float hi) {
  return g.AddConstant(name, RandomTensor(shape, seed, lo, hi));
}

Attribute GraphAttr(std::shared_ptr<Graph> g) {
  Attribute a;
  a.kind = Attribute::Kind::kGraph;
  a.g = std::move(g);
  return a;
}

Result<std::vector<Tensor>> RunReference(const Graph& graph,
                                         const std::map<std::string, Tensor>& feeds) {
  std::unordered_map<const Value*, Tensor> env;
  for (const Value* in : graph.inputs) {
    auto it = feeds.find(in->name);
    if (it == feeds.end()) return InvalidParam("no feed for input '" + in->name + "'");
    if (it->second.shape() != in->shape || it->second.dtype() != in->dtype)
      return InvalidParam("feed for '" + in->name + "' has the wrong shape or dtype");
    env[in] = it->second;
  }
  auto lookup = [&](const Value* v) -> const Tensor* {
    if (v->is_constant()) return &*v->constant;
    auto it = env.find(v);
    return it == env.end() ? nullptr : &it->second;
  };
  for (const auto& n : graph.nodes()) {
    ASSIGN_OR_RETURN(std::unique_ptr<Kernel> kernel, CreateReferenceKernel(*n));
    std::vector<TensorRef> ins(n->inputs.size()), outs(n->outputs.size());
    for (size_t i = 0; i < n->inputs.size(); ++i) {
      const Value* v = n->inputs[i];
      if (!v) continue;
      const Tensor* t = lookup(v);
      if (!t) return Internal(n->Describe() + ": input '" + v->name + "' not computed yet");
      ins[i] = {const_cast<void*>(t->data()), v->dtype, &v->shape};
    }
    std::vector<Tensor> results(n->outputs.size());
    for (size_t i = 0; i < n->outputs.size(); ++i) {
      const Value* v = n->outputs[i];
      if (!v) continue;
      if (!IsStatic(v->shape)) return Internal(n->Describe() + ": output shape not static");
      results[i] = Tensor(v->dtype, v->shape);
      outs[i] = {results[i].mutable_data(), v->dtype, &v->shape};
    }
    std::vector<uint8_t> scratch(kernel->ScratchBytes() + 64);
    KernelIO io{ins.data(), ins.size(), outs.data(), outs.size(), scratch.data()};
    RETURN_IF_ERROR(kernel->Run(io));
    for (size_t i = 0; i < n->outputs.size(); ++i)
      if (n->outputs[i]) env[n->outputs[i]] = std::move(results[i]);
  }
  std::vector<Tensor> out;
  for (const Value* v : graph.outputs) {
    const Tensor* t = lookup(v);
    if (!t) return Internal("graph output '" + v->name + "' was never computed");
    out.push_back(*t);
  }
  return out;
}

int CountOps(const Graph& graph, const std::string& op_type) {
  int count = 0;
  for (const auto& n : graph.nodes()) count += n->op_type == op_type;
  return count;
}

Node* OnlyNode(const Graph& graph, const std::string& op_type) {
  Node* found = nullptr;
  for (const auto& n : graph.nodes()) {
    if (n->op_type != op_type) continue;
    if (found) return nullptr;
    found = n.get();
  }
  return found;
}

double MaxAbsDiff(const Tensor& a, const Tensor& b) {
  if (a.num_elements() != b.num_elements() || a.dtype() != DType::kFloat32 ||
      b.dtype() != DType::kFloat32)
    return std::numeric_limits<double>::infinity();
  double worst = 0.0;
  for (int64_t i = 0; i < a.num_elements(); ++i) {
    double d = std::fabs(static_cast<double>(a.data_as<float>()[i]) - b.data_as<float>()[i]);
    if (std::isnan(d)) return std::numeric_limits<double>::infinity();
    worst = std::max(worst, d);
  }
  return worst;
}

Value* AddFilledConstant(Graph& g, const std::string& name, float v, const Shape& shape) {
  Tensor t(DType::kFloat32, shape);
  float* d = static_cast<float*>(t.mutable_data());
  for (int64_t i = 0; i < t.num_elements(); ++i) d[i] = v;
  return g.AddConstant(name, std::move(t));
}

Result<double> PassMaxDiff(Graph& g, const std::map<std::string, Tensor>& feeds,
                           Status (*pass)(Graph&)) {
  RETURN_IF_ERROR(InferAndFold(g));
  ASSIGN_OR_RETURN(std::vector<Tensor> before, RunReference(g, feeds));
  RETURN_IF_ERROR(pass(g));
  RETURN_IF_ERROR(g.TopoSort());
  ASSIGN_OR_RETURN(std::vector<Tensor> after, RunReference(g, feeds));
  if (before.size() != after.size())
    return Status(StatusCode::kInternal, "output count changed from " +
                                             std::to_string(before.size()) + " to " +
                                             std::to_string(after.size()));
  double worst = 0;
  for (size_t i = 0; i < before.size(); ++i)
    worst = std::max(worst, MaxAbsDiff(before[i], after[i]));
  return worst;
}

Value* Op(Graph& g, const std::string& op, std::vector<Value*> in, const std::string& name) {
  Value* y = g.AddValue(name);
  g.AddNode(op, in, {y}, name + "_node");
  return y;
}

}  // namespace testing_util
}  // namespace openacl
