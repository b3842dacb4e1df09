// The graph IR: Values (edges) produced and consumed by Nodes. No ONNX types here.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "ir/attribute.h"
#include "ir/tensor.h"

namespace openacl {

class Node;

struct Value {
  std::string name;
  DType dtype = DType::kUndefined;
  Shape shape;                       // dims < 0 are unknown until shapes are fixed
  std::vector<std::string> dim_names;  // symbolic dim names from the model ("" if none)
  bool has_shape = false;            // false = rank unknown
  bool dtype_known_from_type = false;  // dtype declared by the model (import only)
  Node* producer = nullptr;
  std::optional<Tensor> constant;    // set for initializers and folded constants

  bool is_constant() const { return constant.has_value(); }
  size_t nbytes() const { return SaturatedBytes(NumElements(shape), dtype); }
};

class Node {
 public:
  std::string name;
  std::string op_type;
  std::string domain;       // "" for ai.onnx
  int opset = 0;            // opset version of the domain the node was imported with
  std::vector<Value*> inputs;   // nullptr for an omitted optional input
  std::vector<Value*> outputs;  // nullptr for an omitted optional output
  AttrMap attrs;

  Value* input(size_t i) const { return i < inputs.size() ? inputs[i] : nullptr; }
  Value* output(size_t i) const { return i < outputs.size() ? outputs[i] : nullptr; }
  // "name (OpType)" for messages.
  std::string Describe() const { return "node '" + name + "' (" + op_type + ")"; }
};

class Graph {
 public:
  Graph() = default;
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;

  Value* AddValue(const std::string& name);
  Value* FindValue(const std::string& name) const;
  Value* AddConstant(const std::string& name, Tensor t);
  // Adds a node; sets producer of outputs.
  Node* AddNode(const std::string& op_type, const std::vector<Value*>& inputs,
                const std::vector<Value*>& outputs, const std::string& name = "");
  void RemoveNode(Node* node);
  // Replaces every use of `from` (node inputs, graph outputs) with `to`.
  void ReplaceAllUses(Value* from, Value* to);
  // Nodes consuming value v.
  std::vector<Node*> Consumers(const Value* v) const;
  bool IsGraphOutput(const Value* v) const;
  bool IsGraphInput(const Value* v) const;
  // Sorts nodes topologically; error names a node on a cycle or with an undefined input.
  Status TopoSort();
  // Removes nodes whose outputs are unused and values nobody references.
  void RemoveDeadNodes();
  std::string UniqueName(const std::string& base);

  const std::vector<std::unique_ptr<Node>>& nodes() const { return nodes_; }
  const std::vector<std::unique_ptr<Value>>& values() const { return values_; }
  std::vector<Value*> inputs;
  std::vector<Value*> outputs;
  std::string name;
  int opset = 0;  // ai.onnx opset of the model

 private:
  std::vector<std::unique_ptr<Node>> nodes_;
  std::vector<std::unique_ptr<Value>> values_;
  int unique_counter_ = 0;
};

// Names a subgraph reads from enclosing scopes: values it (or a graph nested in it) uses that
// it neither computes, receives as an input nor holds as a constant. Deterministic order.
std::vector<std::string> OuterScopeNames(const Graph& sub);

// Control-flow nodes (If, Loop, Scan) carry the outer values their subgraphs read as extra
// trailing inputs, named by this attribute (strings, in input order), so that dead-code removal,
// topological order and the executor see those uses.
inline constexpr const char* kImplicitInputsAttr = "openacl_implicit_inputs";
// Number of inputs of `node` before its implicit ones.
size_t NumFormalInputs(const Node& node);

}  // namespace openacl
