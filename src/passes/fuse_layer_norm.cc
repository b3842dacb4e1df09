// Recognizes LayerNormalization over the last axis written out with primitive ops (PyTorch and
// paddle2onnx exports before opset 17) and rewrites it to one LayerNormalization node:
//   m = ReduceMean(x, axes=[last], keepdims=1)     d = Sub(x, m)
//   v = ReduceMean(Pow(d, 2), axes=[last])          n = Div(d, Sqrt(Add(v, eps)))
//   y = Add(Mul(n, gamma), beta)                    (Mul and Add optional, operands either order)
// Pow(d, 2) may also be Mul(d, d). eps is a float32 scalar constant; gamma/beta are float32
// constants with one value per element of the last axis (leading dims 1). Every intermediate
// value must feed only the next step (d feeds exactly the Pow and the Div); x may have other
// consumers. The ops compute the same formula as LayerNormalization(axis=-1, epsilon=eps).
#include <algorithm>

#include "passes/fusion_util.h"
#include "passes/pass_manager.h"

namespace openacl {
namespace {

// Only the node of type `op` consuming `v`, if `v` feeds exactly that node and is no graph output.
Node* SoleConsumer(const Graph& graph, const Value* v, const std::string& op) {
  if (!v || graph.IsGraphOutput(v)) return nullptr;
  std::vector<Node*> c = graph.Consumers(v);
  if (c.size() != 1 || c[0]->op_type != op || c[0]->outputs.size() != 1 || !c[0]->outputs[0])
    return nullptr;
  return c[0];
}

// True if `rm` is ReduceMean over exactly the last axis of its input, keeping dims.
bool IsLastAxisMean(const Node* rm) {
  if (!rm || rm->op_type != "ReduceMean" || !rm->input(0)) return false;
  int64_t rank = static_cast<int64_t>(rm->input(0)->shape.size());
  if (rank == 0 || rm->attrs.get_int("keepdims", 1) != 1) return false;
  std::vector<int64_t> axes;
  if (rm->attrs.has("axes")) {
    axes = rm->attrs.get_ints("axes");
  } else if (rm->input(1) && rm->input(1)->is_constant()) {
    axes = rm->input(1)->constant->ToInt64Vector();
  } else {
    return false;
  }
  if (rm->inputs.size() > 2) return false;
  return axes.size() == 1 && (axes[0] == -1 || axes[0] == rank - 1);
}

// A [D] copy of constant `c` if it holds one float per element of the last axis (size d).
bool LastAxisVector(const Value* c, int64_t d, int64_t x_rank, Tensor* out) {
  if (!c || !c->is_constant() || c->dtype != DType::kFloat32 || c->shape.empty()) return false;
  if (static_cast<int64_t>(c->shape.size()) > x_rank || c->shape.back() != d) return false;
  for (size_t i = 0; i + 1 < c->shape.size(); ++i)
    if (c->shape[i] != 1) return false;
  *out = Tensor(DType::kFloat32, {d});
  std::copy(c->constant->data_as<float>(), c->constant->data_as<float>() + d,
            static_cast<float*>(out->mutable_data()));
  return true;
}

struct Match {
  std::vector<Node*> nodes;  // to remove
  Value* x = nullptr;
  Value* y = nullptr;
  float eps = 0;
  Tensor gamma, beta;
  bool has_gamma = false, has_beta = false;
};

bool MatchAt(const Graph& graph, Node* m1, Match* mt) {
  if (!IsLastAxisMean(m1)) return false;
  Value* x = m1->input(0);
  if (!x || x->dtype != DType::kFloat32 || !IsStatic(x->shape)) return false;
  int64_t rank = static_cast<int64_t>(x->shape.size());
  int64_t d_len = x->shape.back();
  Node* sub = SoleConsumer(graph, m1->outputs[0], "Sub");
  if (!sub || sub->input(0) != x || sub->input(1) != m1->outputs[0]) return false;
  Value* d = sub->outputs[0];
  if (d->shape != x->shape || graph.IsGraphOutput(d)) return false;
  std::vector<Node*> dc = graph.Consumers(d);
  if (dc.size() != 2) return false;
  Node* sq = dc[0]->op_type == "Div" ? dc[1] : dc[0];
  Node* div = dc[0]->op_type == "Div" ? dc[0] : dc[1];
  if (div->op_type != "Div" || div->input(0) != d || div->outputs.size() != 1) return false;
  float two = 0;
  bool square =
      (sq->op_type == "Pow" && sq->input(0) == d && ScalarConstFloat(sq->input(1), &two) &&
       two == 2.0f) ||
      (sq->op_type == "Mul" && sq->inputs.size() == 2 && sq->input(0) == d && sq->input(1) == d);
  if (!square || sq->outputs.size() != 1) return false;
  Node* m2 = SoleConsumer(graph, sq->outputs[0], "ReduceMean");
  if (!IsLastAxisMean(m2)) return false;
  Node* add_eps = SoleConsumer(graph, m2->outputs[0], "Add");
  if (!add_eps) return false;
  Value* eps_v = OtherInput(add_eps, m2->outputs[0]);
  if (!ScalarConstFloat(eps_v, &mt->eps) || mt->eps < 0) return false;
  Node* sqrt = SoleConsumer(graph, add_eps->outputs[0], "Sqrt");
  if (!sqrt || SoleConsumer(graph, sqrt->outputs[0], "Div") != div ||
      div->input(1) != sqrt->outputs[0])
    return false;
  mt->nodes = {m1, sub, sq, m2, add_eps, sqrt, div};
  Value* y = div->outputs[0];
  if (y->shape != x->shape || y->dtype != x->dtype) return false;
  if (Node* mul = SoleConsumer(graph, y, "Mul")) {
    if (LastAxisVector(OtherInput(mul, y), d_len, rank, &mt->gamma) &&
        mul->outputs[0]->shape == x->shape) {
      mt->has_gamma = true;
      mt->nodes.push_back(mul);
      y = mul->outputs[0];
      if (Node* add = SoleConsumer(graph, y, "Add")) {
        if (LastAxisVector(OtherInput(add, y), d_len, rank, &mt->beta) &&
            add->outputs[0]->shape == x->shape) {
          mt->has_beta = true;
          mt->nodes.push_back(add);
          y = add->outputs[0];
        }
      }
    }
  }
  if (y->dtype != DType::kFloat32) return false;
  mt->x = x;
  mt->y = y;
  return true;
}

}  // namespace

Status FuseLayerNorm(Graph& graph) {
  std::vector<Node*> means;
  for (const auto& n : graph.nodes())
    if (n->op_type == "ReduceMean") means.push_back(n.get());
  std::vector<Node*> removed;
  for (Node* m1 : means) {
    if (std::find(removed.begin(), removed.end(), m1) != removed.end()) continue;
    Match mt;
    if (!MatchAt(graph, m1, &mt)) continue;
    int64_t d_len = mt.x->shape.back();
    if (!mt.has_gamma) {
      mt.gamma = Tensor(DType::kFloat32, {d_len});
      std::fill_n(static_cast<float*>(mt.gamma.mutable_data()), d_len, 1.0f);
    }
    std::string base = mt.y->name + "_layernorm";
    std::vector<Value*> ins = {
        mt.x, graph.AddConstant(graph.UniqueName(base + "_scale"), std::move(mt.gamma))};
    if (mt.has_beta)
      ins.push_back(graph.AddConstant(graph.UniqueName(base + "_bias"), std::move(mt.beta)));
    for (Node* n : mt.nodes) {
      removed.push_back(n);
      graph.RemoveNode(n);
    }
    Node* ln = graph.AddNode("LayerNormalization", ins, {mt.y}, graph.UniqueName(base));
    ln->opset = std::max(graph.opset, 17);
    ln->attrs.set("axis", Attribute::Int(-1));
    ln->attrs.set("epsilon", Attribute::Float(mt.eps));
  }
  graph.RemoveDeadNodes();
  return graph.TopoSort();
}

}  // namespace openacl
