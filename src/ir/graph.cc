#include "ir/graph.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace openacl {

Value* Graph::AddValue(const std::string& name) {
  values_.push_back(std::make_unique<Value>());
  values_.back()->name = name;
  return values_.back().get();
}

Value* Graph::FindValue(const std::string& name) const {
  for (const auto& v : values_)
    if (v->name == name) return v.get();
  return nullptr;
}

Value* Graph::AddConstant(const std::string& name, Tensor t) {
  Value* v = AddValue(name);
  v->dtype = t.dtype();
  v->shape = t.shape();
  v->has_shape = true;
  v->constant = std::move(t);
  return v;
}

Node* Graph::AddNode(const std::string& op_type, const std::vector<Value*>& inputs,
                     const std::vector<Value*>& outputs, const std::string& name) {
  nodes_.push_back(std::make_unique<Node>());
  Node* n = nodes_.back().get();
  n->op_type = op_type;
  n->name = name.empty() ? UniqueName(op_type) : name;
  n->inputs = inputs;
  n->outputs = outputs;
  n->opset = opset;
  for (Value* o : outputs)
    if (o) o->producer = n;
  return n;
}

void Graph::RemoveNode(Node* node) {
  for (Value* o : node->outputs)
    if (o && o->producer == node) o->producer = nullptr;
  nodes_.erase(std::remove_if(nodes_.begin(), nodes_.end(),
                              [node](const std::unique_ptr<Node>& n) { return n.get() == node; }),
               nodes_.end());
}

void Graph::ReplaceAllUses(Value* from, Value* to) {
  for (auto& n : nodes_)
    for (Value*& in : n->inputs)
      if (in == from) in = to;
  for (Value*& o : outputs)
    if (o == from) o = to;
}

std::vector<Node*> Graph::Consumers(const Value* v) const {
  std::vector<Node*> out;
  for (const auto& n : nodes_)
    for (const Value* in : n->inputs)
      if (in == v) {
        out.push_back(n.get());
        break;
      }
  return out;
}

bool Graph::IsGraphOutput(const Value* v) const {
  return std::find(outputs.begin(), outputs.end(), v) != outputs.end();
}

bool Graph::IsGraphInput(const Value* v) const {
  return std::find(inputs.begin(), inputs.end(), v) != inputs.end();
}

Status Graph::TopoSort() {
  std::unordered_map<const Value*, Node*> producer;
  for (auto& n : nodes_)
    for (Value* o : n->outputs)
      if (o) producer[o] = n.get();
  std::unordered_map<Node*, int> pending;
  std::unordered_map<Node*, std::vector<Node*>> users;
  for (auto& n : nodes_) {
    std::unordered_set<Node*> deps;
    for (Value* in : n->inputs) {
      if (!in) continue;
      auto it = producer.find(in);
      if (it != producer.end()) {
        deps.insert(it->second);
      } else if (!in->is_constant() && !IsGraphInput(in)) {
        return Status(StatusCode::kParseModel, n->Describe() + " uses value '" + in->name +
                                                   "' that no node, input or initializer defines");
      }
    }
    pending[n.get()] = static_cast<int>(deps.size());
    for (Node* d : deps) users[d].push_back(n.get());
  }
  std::vector<Node*> ready;
  for (auto& n : nodes_)
    if (pending[n.get()] == 0) ready.push_back(n.get());
  std::vector<Node*> order;
  for (size_t i = 0; i < ready.size(); ++i) {
    Node* n = ready[i];
    order.push_back(n);
    for (Node* u : users[n])
      if (--pending[u] == 0) ready.push_back(u);
  }
  if (order.size() != nodes_.size()) {
    for (auto& n : nodes_)
      if (pending[n.get()] > 0)
        return Status(StatusCode::kParseModel, "graph has a cycle through " + n->Describe());
  }
  std::unordered_map<Node*, size_t> rank;
  for (size_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
  std::stable_sort(nodes_.begin(), nodes_.end(),
                   [&](const std::unique_ptr<Node>& a, const std::unique_ptr<Node>& b) {
                     return rank[a.get()] < rank[b.get()];
                   });
  return Status::Ok();
}

void Graph::RemoveDeadNodes() {
  bool changed = true;
  while (changed) {
    changed = false;
    std::unordered_set<const Value*> used(outputs.begin(), outputs.end());
    for (auto& n : nodes_)
      for (Value* in : n->inputs)
        if (in) used.insert(in);
    for (size_t i = nodes_.size(); i-- > 0;) {
      Node* n = nodes_[i].get();
      bool any_used = false;
      for (Value* o : n->outputs)
        if (o && used.count(o)) any_used = true;
      if (!any_used) {
        RemoveNode(n);
        changed = true;
      }
    }
  }
  std::unordered_set<const Value*> referenced(outputs.begin(), outputs.end());
  referenced.insert(inputs.begin(), inputs.end());
  for (auto& n : nodes_) {
    for (Value* in : n->inputs)
      if (in) referenced.insert(in);
    for (Value* o : n->outputs)
      if (o) referenced.insert(o);
  }
  values_.erase(std::remove_if(values_.begin(), values_.end(),
                               [&](const std::unique_ptr<Value>& v) {
                                 return referenced.count(v.get()) == 0;
                               }),
                values_.end());
}

std::string Graph::UniqueName(const std::string& base) {
  return base + "_oacl" + std::to_string(unique_counter_++);
}

std::vector<std::string> OuterScopeNames(const Graph& sub) {
  std::vector<std::string> names;
  std::unordered_set<std::string> seen, defined;
  for (const Value* in : sub.inputs) defined.insert(in->name);
  for (const auto& v : sub.values())
    if (v->producer || v->is_constant()) defined.insert(v->name);
  auto add = [&](const std::string& name) {
    if (!defined.count(name) && seen.insert(name).second) names.push_back(name);
  };
  for (const auto& n : sub.nodes()) {
    for (size_t i = 0; i < NumFormalInputs(*n); ++i)
      if (n->inputs[i]) add(n->inputs[i]->name);
    for (const auto& [attr_name, attr] : n->attrs.all())
      if (attr.kind == Attribute::Kind::kGraph && attr.g)
        for (const std::string& name : OuterScopeNames(*attr.g)) add(name);
  }
  for (const Value* out : sub.outputs) add(out->name);
  return names;
}

size_t NumFormalInputs(const Node& node) {
  const Attribute* a = node.attrs.find(kImplicitInputsAttr);
  size_t implicit = a ? a->strings.size() : 0;
  return node.inputs.size() >= implicit ? node.inputs.size() - implicit : 0;
}

}  // namespace openacl
