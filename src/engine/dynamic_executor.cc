#include "engine/dynamic_executor.h"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <unordered_map>

#include "kernels/kernel_registry.h"
#include "ops/op_registry.h"
#include "planner/memory_plan.h"
#include "engine/control_flow.h"

namespace openacl::engine {
namespace {

// Inputs this small are bound as constants for shape inference and preparation: shape
// operands (Reshape's shape, Slice's starts, Resize's scales, TopK's k, ...) are all small.
constexpr int64_t kBindMaxElements = 64;
// Prepared kernels kept per node (least recently used one is dropped beyond this).
constexpr size_t kMaxCachedPerNode = 8;

void AppendBytes(std::string& key, const void* p, size_t n) {
  key.append(static_cast<const char*>(p), n);
}

// An owned copy (kernels may keep pointers to bound constants beyond this run).
Tensor OwnedCopy(const Tensor& t) {
  Tensor copy(t.dtype(), t.shape());
  if (t.nbytes() && t.data()) std::memcpy(copy.mutable_data(), t.data(), t.nbytes());
  return copy;
}

}  // namespace

struct DynamicExecutor::CachedKernel {
  std::string key;
  std::unique_ptr<Kernel> kernel;
  std::vector<Tensor> bound;  // the constants the kernel was prepared with (kept alive)
  std::vector<DType> out_dtypes;
  std::vector<Shape> out_shapes;
  uint64_t last_use = 0;
};

enum class DynamicExecutor::BindLevel { kSmallIntegers = 0, kSmall = 1, kAll = 2 };

struct DynamicExecutor::NodeState {
  Node* node = nullptr;
  const OpSchema* schema = nullptr;  // null for control flow
  bool control_flow = false;
  std::vector<std::string> subgraph_names;  // graph attributes, in attribute order
  std::vector<std::unique_ptr<DynamicExecutor>> subgraphs;
  std::vector<int32_t> inputs;   // value index, -1 = omitted
  std::vector<int32_t> outputs;  // value index, -1 = omitted
  std::vector<std::unique_ptr<CachedKernel>> cache;
  BindLevel bind_level = BindLevel::kSmallIntegers;
};

DynamicExecutor::DynamicExecutor(Graph& graph) : graph_(graph), scratch_(nullptr, std::free) {}
DynamicExecutor::~DynamicExecutor() = default;

Result<std::unique_ptr<DynamicExecutor>> DynamicExecutor::Create(Graph& graph) {
  std::unique_ptr<DynamicExecutor> ex(new DynamicExecutor(graph));
  RETURN_IF_ERROR(ex->Prepare(nullptr));
  return ex;
}

Result<std::unique_ptr<DynamicExecutor>> DynamicExecutor::CreateSubgraph(
    Graph& graph, const std::vector<std::string>& outer_names) {
  std::unique_ptr<DynamicExecutor> ex(new DynamicExecutor(graph));
  ex->is_subgraph_ = true;
  RETURN_IF_ERROR(ex->Prepare(&outer_names));
  return ex;
}

// If / Loop / Scan: one executor per graph attribute, reading the node's implicit inputs.
Status DynamicExecutor::PrepareSubgraphs(NodeState& st) {
  const Node& n = *st.node;
  std::vector<std::string> outer;
  if (const Attribute* a = n.attrs.find(kImplicitInputsAttr)) outer = a->strings;
  for (const auto& [name, attr] : n.attrs.all()) {
    if (attr.kind != Attribute::Kind::kGraph || !attr.g) continue;
    auto sub = CreateSubgraph(*attr.g, outer);
    if (!sub.ok()) return sub.status().WithContext(n.Describe() + " subgraph '" + name + "'");
    st.subgraph_names.push_back(name);
    st.subgraphs.push_back(std::move(sub).value());
  }
  return Status::Ok();
}

// Checks the graph once: every op known, every node input computed before it is used.
Status DynamicExecutor::Prepare(const std::vector<std::string>* outer_names) {
  std::unordered_map<const Value*, int32_t> index;
  const auto& values = graph_.values();
  for (size_t i = 0; i < values.size(); ++i) {
    index[values[i].get()] = static_cast<int32_t>(i);
    is_constant_.push_back(values[i]->is_constant());
  }
  std::vector<bool> available(is_constant_);
  for (const Value* in : graph_.inputs) {
    auto it = index.find(in);
    if (it == index.end()) return Internal("graph input '" + in->name + "' is not a graph value");
    if (!outer_names && !IsStatic(in->shape))
      return Status(StatusCode::kShapeInvalid, "input '" + in->name + "' has no static shape");
    value_index_of_input_.push_back(it->second);
    available[it->second] = true;
  }
  if (outer_names) {
    // Values with no producer that are neither inputs nor constants come from outside.
    for (const std::string& name : *outer_names) {
      int32_t id = -1;
      for (size_t i = 0; i < values.size() && id < 0; ++i)
        if (values[i]->name == name && !values[i]->producer && !available[i])
          id = static_cast<int32_t>(i);
      if (id >= 0) available[id] = true;
      outer_value_index_.push_back(id);
    }
  }
  uses_.assign(values.size(), 0);
  for (const auto& n : graph_.nodes()) {
    auto st = std::make_unique<NodeState>();
    st->node = n.get();
    st->control_flow = n->domain.empty() &&
                       (n->op_type == "If" || n->op_type == "Loop" || n->op_type == "Scan");
    st->schema = OpRegistry::Get().Find(n->op_type, n->domain);
    if (st->control_flow) {
      RETURN_IF_ERROR(PrepareSubgraphs(*st));
    } else if (!st->schema || n->opset < st->schema->min_opset ||
               n->opset > st->schema->max_opset) {
      return Status(StatusCode::kUnsupportedOp, "unsupported op: " + n->Describe() +
                                                    " at opset " + std::to_string(n->opset));
    }
    for (const Value* v : n->inputs) {
      int32_t id = v ? index.at(v) : -1;
      if (id >= 0 && !available[id])
        return Status(StatusCode::kParseModel, n->Describe() + ": input '" + v->name +
                                                   "' is used before it is computed");
      if (id >= 0) ++uses_[id];
      st->inputs.push_back(id);
    }
    for (const Value* v : n->outputs) {
      int32_t id = v ? index.at(v) : -1;
      if (id >= 0 && (is_constant_[id] || available[id]))
        return Status(StatusCode::kParseModel,
                      n->Describe() + ": output '" + v->name + "' is written twice");
      if (id >= 0) available[id] = true;
      st->outputs.push_back(id);
    }
    nodes_.push_back(std::move(st));
  }
  for (const Value* out : graph_.outputs) {
    int32_t id = index.at(out);
    if (!available[id])
      return Status(StatusCode::kParseModel, "graph output '" + out->name + "' is never computed");
    ++uses_[id];
    output_value_index_.push_back(id);
  }
  return Status::Ok();
}

// Which run-time inputs a node's shape inference sees as constants. A node starts at
// kSmallIntegers (shape operands are int64 / int32) and moves up for good when inference asks
// for more, so activations flowing into, say, a MatMul never become part of its cache key.
bool DynamicExecutor::Binds(BindLevel level, const Tensor& t) {
  switch (level) {
    case BindLevel::kSmallIntegers:
      return t.num_elements() <= kBindMaxElements &&
             (t.dtype() == DType::kInt64 || t.dtype() == DType::kInt32);
    case BindLevel::kSmall:
      return t.num_elements() <= kBindMaxElements;
    default:
      return true;
  }
}

Result<const DynamicExecutor::CachedKernel*> DynamicExecutor::KernelFor(
    size_t n, const std::vector<const Tensor*>& inputs) {
  NodeState& st = *nodes_[n];
  Node& node = *st.node;
  if (st.schema->output_shape_from_values) st.bind_level = BindLevel::kAll;
  auto binds = [&](const Tensor& t) { return Binds(st.bind_level, t); };
  std::string key;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const Tensor* t = inputs[i];
    if (!t) {
      key += "-;";
      continue;
    }
    int32_t dt = static_cast<int32_t>(t->dtype());
    AppendBytes(key, &dt, sizeof dt);
    for (int64_t d : t->shape()) AppendBytes(key, &d, sizeof d);
    key += binds(*t) ? '=' : ';';
    if (binds(*t) && !is_constant_[st.inputs[i]]) AppendBytes(key, t->data(), t->nbytes());
  }
  ++tick_;
  for (auto& c : st.cache)
    if (c->key == key) {
      c->last_use = tick_;
      return c.get();
    }

  // Not seen: bind the inputs to the node's values, infer, prepare.
  auto entry = std::make_unique<CachedKernel>();
  auto bind = [&]() {
    entry->bound.clear();
    for (size_t i = 0; i < inputs.size(); ++i) {
      if (!inputs[i] || is_constant_[st.inputs[i]]) continue;
      Value* v = node.inputs[i];
      v->dtype = inputs[i]->dtype();
      v->shape = inputs[i]->shape();
      v->has_shape = true;
      v->constant.reset();
      if (binds(*inputs[i])) {
        v->constant = OwnedCopy(*inputs[i]);
        entry->bound.push_back(*v->constant);
      }
    }
  };
  bind();
  Status inferred = st.schema->infer(node);
  if (!inferred.ok() && inferred.code() == StatusCode::kDataDependentShape &&
      st.bind_level != BindLevel::kAll) {
    // Inference needs more values than this level binds: move up (the key changes with it).
    st.bind_level = static_cast<BindLevel>(static_cast<int>(st.bind_level) + 1);
    return KernelFor(n, inputs);
  }
  if (!inferred.ok()) return inferred.WithContext("shape inference at run time");
  entry->key = std::move(key);
  for (const Value* o : node.outputs) {
    if (o && (!o->has_shape || !IsStatic(o->shape)))
      return Status(StatusCode::kShapeInvalid,
                    node.Describe() + ": the shape of output '" + o->name +
                        "' could not be decided from the inputs (" + ShapeToString(o->shape) + ")");
    entry->out_dtypes.push_back(o ? o->dtype : DType::kUndefined);
    entry->out_shapes.push_back(o ? o->shape : Shape());
  }
  ASSIGN_OR_RETURN(entry->kernel, CreateKernel(node, ""));
  size_t scratch = entry->kernel->ScratchBytes();
  if (scratch > scratch_size_) {
    size_t size = AlignUp(scratch);
    void* p = std::aligned_alloc(64, size);
    if (!p) return Status(StatusCode::kBadAlloc, "kernel scratch of " + std::to_string(size) +
                                                     " bytes for " + node.Describe());
    scratch_.reset(static_cast<uint8_t*>(p));
    scratch_size_ = size;
  }
  entry->last_use = tick_;
  if (st.cache.size() >= kMaxCachedPerNode) {
    size_t oldest = 0;
    for (size_t i = 1; i < st.cache.size(); ++i)
      if (st.cache[i]->last_use < st.cache[oldest]->last_use) oldest = i;
    st.cache.erase(st.cache.begin() + static_cast<std::ptrdiff_t>(oldest));
  }
  st.cache.push_back(std::move(entry));
  return st.cache.back().get();
}

Status DynamicExecutor::RunNode(size_t n, std::vector<Tensor>& values) {
  NodeState& st = *nodes_[n];
  const auto& graph_values = graph_.values();
  std::vector<const Tensor*> ins(st.inputs.size(), nullptr);
  for (size_t i = 0; i < st.inputs.size(); ++i) {
    int32_t id = st.inputs[i];
    if (id < 0) continue;
    ins[i] = is_constant_[id] ? &*graph_values[id]->constant : &values[id];
  }
  if (st.control_flow) {
    Status cf = RunControlFlow(st, ins, values);
    if (!cf.ok()) return cf.WithContext("executing " + st.node->Describe());
    for (int32_t id : st.inputs)
      if (id >= 0 && !is_constant_[id] && --remaining_[id] == 0) values[id] = Tensor();
    return Status::Ok();
  }
  ASSIGN_OR_RETURN(const CachedKernel* k, KernelFor(n, ins));
  std::vector<TensorRef> in_refs(ins.size()), out_refs(st.outputs.size());
  for (size_t i = 0; i < ins.size(); ++i)
    if (ins[i])
      in_refs[i] = {const_cast<void*>(ins[i]->data()), ins[i]->dtype(), &ins[i]->shape()};
  for (size_t o = 0; o < st.outputs.size(); ++o) {
    int32_t id = st.outputs[o];
    if (id < 0) continue;
    values[id] = Tensor::Uninitialized(k->out_dtypes[o], k->out_shapes[o]);
    out_refs[o] = {values[id].mutable_data(), k->out_dtypes[o], &values[id].shape()};
  }
  KernelIO io{in_refs.data(), in_refs.size(), out_refs.data(), out_refs.size(), scratch_.get()};
  Status run = k->kernel->Run(io);
  if (!run.ok()) return run.WithContext("executing " + st.node->Describe());
  for (int32_t id : st.inputs)
    if (id >= 0 && !is_constant_[id] && --remaining_[id] == 0) values[id] = Tensor();
  return Status::Ok();
}

Status DynamicExecutor::RunControlFlow(NodeState& st, const std::vector<const Tensor*>& ins,
                                       std::vector<Tensor>& values) {
  const Node& node = *st.node;
  std::vector<const Tensor*> formal(ins.begin(), ins.begin() + NumFormalInputs(node));
  std::vector<const Tensor*> outer(ins.begin() + formal.size(), ins.end());
  SubgraphRunner run = [&](const std::string& name, const std::vector<Tensor>& inputs,
                           std::vector<Tensor>* outputs) -> Status {
    for (size_t g = 0; g < st.subgraph_names.size(); ++g)
      if (st.subgraph_names[g] == name) return st.subgraphs[g]->RunTensors(inputs, outer, outputs);
    return Status(StatusCode::kParseModel, node.Describe() + " has no subgraph '" + name + "'");
  };
  std::vector<Tensor> results;
  if (node.op_type == "If") {
    RETURN_IF_ERROR(RunIf(node, formal, run, &results));
  } else if (node.op_type == "Loop") {
    RETURN_IF_ERROR(RunLoop(node, formal, run, &results));
  } else {
    RETURN_IF_ERROR(RunScan(node, formal, run, &results));
  }
  if (results.size() < st.outputs.size())
    return Status(StatusCode::kParseModel, node.Describe() + " produced " +
                                               std::to_string(results.size()) + " values for " +
                                               std::to_string(st.outputs.size()) + " outputs");
  for (size_t o = 0; o < st.outputs.size(); ++o)
    if (st.outputs[o] >= 0) values[st.outputs[o]] = std::move(results[o]);
  return Status::Ok();
}

Status DynamicExecutor::Run(const void* const* inputs, std::vector<Tensor>* outputs,
                            std::vector<int64_t>* node_ns) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<Tensor> values(graph_.values().size());
  for (size_t i = 0; i < graph_.inputs.size(); ++i) {
    const Value* in = graph_.inputs[i];
    std::shared_ptr<const uint8_t> borrowed(static_cast<const uint8_t*>(inputs[i]),
                                            [](const uint8_t*) {});
    values[value_index_of_input_[i]] = Tensor(in->dtype, in->shape, std::move(borrowed));
  }
  return RunLocked(values, outputs, node_ns);
}

Status DynamicExecutor::RunTensors(const std::vector<Tensor>& inputs,
                                   const std::vector<const Tensor*>& outer,
                                   std::vector<Tensor>* outputs) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (inputs.size() != graph_.inputs.size() || outer.size() != outer_value_index_.size())
    return Status(StatusCode::kInvalidParam,
                  "subgraph '" + graph_.name + "' takes " + std::to_string(graph_.inputs.size()) +
                      " inputs and " + std::to_string(outer_value_index_.size()) +
                      " outer values; got " + std::to_string(inputs.size()) + " and " +
                      std::to_string(outer.size()));
  std::vector<Tensor> values(graph_.values().size());
  for (size_t i = 0; i < inputs.size(); ++i) values[value_index_of_input_[i]] = inputs[i];
  for (size_t k = 0; k < outer.size(); ++k)
    if (outer_value_index_[k] >= 0) {
      if (!outer[k])
        return Status(StatusCode::kInvalidParam, "outer value '" +
                                                     graph_.values()[outer_value_index_[k]]->name +
                                                     "' of subgraph '" + graph_.name + "' is missing");
      values[outer_value_index_[k]] = *outer[k];
    }
  return RunLocked(values, outputs);
}

Status DynamicExecutor::RunLocked(std::vector<Tensor>& values, std::vector<Tensor>* outputs,
                                  std::vector<int64_t>* node_ns) {
  using clock = std::chrono::steady_clock;
  remaining_ = uses_;
  if (node_ns) node_ns->assign(nodes_.size(), 0);
  Status st = Status::Ok();
  for (size_t n = 0; n < nodes_.size() && st.ok(); ++n) {
    auto t0 = node_ns ? clock::now() : clock::time_point();
    st = RunNode(n, values);
    if (node_ns)
      (*node_ns)[n] = std::chrono::duration_cast<std::chrono::nanoseconds>(clock::now() - t0).count();
  }
  // Values bound as constants for inference are not constants of the model.
  for (size_t i = 0; i < graph_.values().size(); ++i)
    if (!is_constant_[i]) graph_.values()[i]->constant.reset();
  RETURN_IF_ERROR(st);
  outputs->clear();
  for (int32_t id : output_value_index_)
    outputs->push_back(is_constant_[id] ? *graph_.values()[id]->constant : values[id]);
  return Status::Ok();
}

}  // namespace openacl::engine
