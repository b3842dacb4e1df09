// What a Caffe layer's lowering sees: its parameters, bottoms (IR values with inferred shapes),
// weights, and helpers that add IR nodes (inferring their shapes at once, so the next lowering
// sees static shapes) and name them after the layer. The node that writes top i is named after
// the layer, so `--out_nodes=<layer>:<i>` selects top i, as with ATC.
#pragma once

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "caffe.pb.h"
#include "ir/graph.h"

namespace openacl {
namespace caffe_frontend {

// The ONNX opset whose op semantics the lowerings emit.
inline constexpr int kLoweringOpset = 17;

using NamedAttrs = std::initializer_list<std::pair<const char*, Attribute>>;

class LayerContext {
 public:
  LayerContext(Graph& graph, const openacl_caffe::LayerParameter& layer, std::string where,
               std::vector<Value*> bottoms, std::vector<Tensor> blobs)
      : graph_(graph),
        layer_(layer),
        where_(std::move(where)),
        bottoms_(std::move(bottoms)),
        blobs_(std::move(blobs)),
        tops_(layer.top_size(), nullptr) {}

  const openacl_caffe::LayerParameter& layer() const { return layer_; }
  Graph& graph() { return graph_; }

  size_t num_bottoms() const { return bottoms_.size(); }
  Value* bottom(size_t i) const { return bottoms_[i]; }
  const Shape& shape(size_t i) const { return bottoms_[i]->shape; }
  int64_t rank(size_t i) const { return static_cast<int64_t>(bottoms_[i]->shape.size()); }

  size_t num_blobs() const { return blobs_.size(); }
  // Blob i with its element count checked against `shape`, returned in that shape (Caffe files
  // often store legacy 4-D blob shapes such as 1x1xOxI for an InnerProduct weight).
  Result<Tensor> Blob(size_t i, const Shape& shape, const char* role) const;

  // Checks bottom / top / blob counts ([min, max]); the error names the layer.
  Status Expect(size_t min_bottoms, size_t max_bottoms, size_t min_tops, size_t max_tops) const;

  // The value top i is written to (created on first use).
  Value* Top(size_t i);
  // Makes top i the same value as `v` (Split, Dropout in place): no node.
  void Alias(size_t i, Value* v) { tops_[i] = v; }
  const std::vector<Value*>& tops() const { return tops_; }

  Value* Const(const std::string& suffix, Tensor t);
  Value* ConstInts(const std::string& suffix, const std::vector<int64_t>& v);
  Value* ConstFloat(const std::string& suffix, float v);  // a scalar

  // Adds a node with one output (`out`, or a new value when null) and infers its shape.
  Result<Value*> Op(const std::string& op_type, const std::vector<Value*>& inputs,
                    NamedAttrs attrs = {}, Value* out = nullptr);
  // Adds a node with the given outputs and infers their shapes.
  Status OpN(const std::string& op_type, const std::vector<Value*>& inputs,
             const std::vector<Value*>& outputs, NamedAttrs attrs = {});

  // A Caffe axis (may be negative) checked against rank r.
  Result<int64_t> Axis(int64_t axis, int64_t r, const char* what) const;

  // An error naming the layer, its type and where it is in the .prototxt.
  Status Fail(const std::string& message, StatusCode code = StatusCode::kParseModel) const;
  const std::string& where() const { return where_; }

 private:
  Graph& graph_;
  const openacl_caffe::LayerParameter& layer_;
  std::string where_;
  std::vector<Value*> bottoms_;
  std::vector<Tensor> blobs_;
  std::vector<Value*> tops_;
};

}  // namespace caffe_frontend
}  // namespace openacl
