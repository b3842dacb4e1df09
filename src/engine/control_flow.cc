#include "engine/control_flow.h"

#include <algorithm>
#include <cstring>

namespace openacl::engine {
namespace {

Status Bad(const Node& node, const std::string& what) {
  return Status(StatusCode::kInvalidParam, node.Describe() + ": " + what);
}

Result<bool> ReadFlag(const Node& node, const Tensor& t, const char* what) {
  if (t.num_elements() != 1)
    return Bad(node, std::string(what) + " must hold one element, has shape " +
                         ShapeToString(t.shape()));
  return t.GetAsDouble(0) != 0.0;
}

Tensor ScalarInt64(int64_t v) { return Tensor::FromInt64({v}, {}); }

Tensor ScalarBool(bool v) {
  Tensor t(DType::kBool, {});
  *static_cast<uint8_t*>(t.mutable_data()) = v ? 1 : 0;
  return t;
}

// Stacks per-iteration values (in iteration order, or reversed) along a new axis.
Result<Tensor> StackIterations(const Node& node, std::vector<Tensor> parts, int64_t axis,
                               bool reverse, DType empty_dtype) {
  if (parts.empty()) return Tensor(empty_dtype, {0});
  if (reverse) std::reverse(parts.begin(), parts.end());
  for (const Tensor& p : parts)
    if (p.shape() != parts[0].shape() || p.dtype() != parts[0].dtype())
      return Bad(node, "scan output changes shape or type between iterations (" +
                           ShapeToString(parts[0].shape()) + " then " +
                           ShapeToString(p.shape()) + ")");
  int64_t rank = static_cast<int64_t>(parts[0].shape().size()) + 1;
  if (axis < -rank || axis >= rank)
    return Bad(node, "scan output axis " + std::to_string(axis) + " out of range");
  if (axis < 0) axis += rank;
  return StackAlongAxis(parts, axis, parts[0].dtype(), parts[0].shape());
}

}  // namespace

Result<Tensor> TakeAlongAxis(const Tensor& t, int64_t axis, int64_t index) {
  const Shape& s = t.shape();
  if (axis < 0 || axis >= static_cast<int64_t>(s.size()) || index < 0 || index >= s[axis])
    return Status(StatusCode::kInvalidParam, "element " + std::to_string(index) + " along axis " +
                                                 std::to_string(axis) + " of a tensor of shape " +
                                                 ShapeToString(s));
  Shape out_shape(s.begin(), s.end());
  out_shape.erase(out_shape.begin() + axis);
  Tensor out(t.dtype(), out_shape);
  int64_t outer = 1;
  for (int64_t i = 0; i < axis; ++i) outer *= s[i];
  size_t inner = DTypeSize(t.dtype());
  for (size_t i = static_cast<size_t>(axis) + 1; i < s.size(); ++i) inner *= s[i];
  const uint8_t* src = static_cast<const uint8_t*>(t.data());
  uint8_t* dst = static_cast<uint8_t*>(out.mutable_data());
  for (int64_t o = 0; o < outer && inner; ++o)
    std::memcpy(dst + o * inner, src + (o * s[axis] + index) * inner, inner);
  return out;
}

Result<Tensor> StackAlongAxis(const std::vector<Tensor>& parts, int64_t axis, DType dtype,
                              const Shape& part_shape) {
  if (axis < 0 || axis > static_cast<int64_t>(part_shape.size()))
    return Status(StatusCode::kInvalidParam, "stack axis " + std::to_string(axis) +
                                                 " out of range for " + ShapeToString(part_shape));
  Shape out_shape(part_shape.begin(), part_shape.end());
  int64_t n = static_cast<int64_t>(parts.size());
  out_shape.insert(out_shape.begin() + axis, n);
  Tensor out(dtype, out_shape);
  int64_t outer = 1;
  for (int64_t i = 0; i < axis; ++i) outer *= part_shape[i];
  size_t inner = DTypeSize(dtype);
  for (size_t i = static_cast<size_t>(axis); i < part_shape.size(); ++i) inner *= part_shape[i];
  uint8_t* dst = static_cast<uint8_t*>(out.mutable_data());
  for (int64_t i = 0; i < n && inner; ++i) {
    const uint8_t* src = static_cast<const uint8_t*>(parts[i].data());
    for (int64_t o = 0; o < outer; ++o)
      std::memcpy(dst + (o * n + i) * inner, src + o * inner, inner);
  }
  return out;
}

Status RunIf(const Node& node, const std::vector<const Tensor*>& formal,
             const SubgraphRunner& run, std::vector<Tensor>* outputs) {
  if (formal.empty() || !formal[0]) return Bad(node, "the condition input is missing");
  ASSIGN_OR_RETURN(bool taken, ReadFlag(node, *formal[0], "the condition"));
  return run(taken ? "then_branch" : "else_branch", {}, outputs);
}

Status RunLoop(const Node& node, const std::vector<const Tensor*>& formal,
               const SubgraphRunner& run, std::vector<Tensor>* outputs) {
  if (formal.size() < 2) return Bad(node, "Loop needs the M and cond inputs (may be empty)");
  int64_t max_trips = -1;
  if (formal[0]) {
    if (formal[0]->num_elements() != 1) return Bad(node, "M must hold one element");
    max_trips = formal[0]->GetAsInt64(0);
  }
  bool cond = true;
  if (formal[1]) {
    ASSIGN_OR_RETURN(cond, ReadFlag(node, *formal[1], "cond"));
  }
  std::vector<Tensor> carried;
  for (size_t i = 2; i < formal.size(); ++i) {
    if (!formal[i]) return Bad(node, "loop-carried input " + std::to_string(i) + " is missing");
    carried.push_back(*formal[i]);
  }
  const size_t n = carried.size();
  std::vector<std::vector<Tensor>> scans;
  constexpr int64_t kMaxUnboundedTrips = int64_t{1} << 31;
  for (int64_t iter = 0; (max_trips < 0 || iter < max_trips) && cond; ++iter) {
    if (max_trips < 0 && iter >= kMaxUnboundedTrips)
      return Bad(node, "loop without a trip count ran " + std::to_string(iter) + " iterations");
    std::vector<Tensor> ins = {ScalarInt64(iter), ScalarBool(cond)};
    ins.insert(ins.end(), carried.begin(), carried.end());
    std::vector<Tensor> outs;
    Status st = run("body", ins, &outs);
    if (!st.ok()) return st.WithContext("iteration " + std::to_string(iter));
    if (outs.size() < 1 + n)
      return Bad(node, "body returns " + std::to_string(outs.size()) + " values; needs at least " +
                           std::to_string(1 + n));
    ASSIGN_OR_RETURN(cond, ReadFlag(node, outs[0], "the body's condition output"));
    for (size_t i = 0; i < n; ++i) carried[i] = std::move(outs[1 + i]);
    if (scans.empty()) scans.resize(outs.size() - 1 - n);
    if (scans.size() != outs.size() - 1 - n) return Bad(node, "body output count changed");
    for (size_t k = 0; k < scans.size(); ++k) scans[k].push_back(std::move(outs[1 + n + k]));
  }
  *outputs = std::move(carried);
  size_t num_scans = node.outputs.size() > n ? node.outputs.size() - n : 0;
  scans.resize(std::max(scans.size(), num_scans));
  for (size_t k = 0; k < scans.size(); ++k) {
    const Value* o = node.output(n + k);
    DType dtype = o ? o->dtype : DType::kFloat32;
    ASSIGN_OR_RETURN(Tensor t, StackIterations(node, std::move(scans[k]), 0, false, dtype));
    outputs->push_back(std::move(t));
  }
  return Status::Ok();
}

namespace {

// One Scan (opset 9 semantics) over `states` and `scan_inputs` (no batch dim).
Status ScanOnce(const Node& node, std::vector<Tensor> states, const std::vector<Tensor>& scan_in,
                const std::vector<int64_t>& in_axes, const std::vector<int64_t>& in_dirs,
                const std::vector<int64_t>& out_axes, const std::vector<int64_t>& out_dirs,
                size_t num_scan_outputs, const SubgraphRunner& run, std::vector<Tensor>* outputs) {
  const size_t n = states.size(), m = scan_in.size();
  std::vector<int64_t> axes(m);
  int64_t steps = -1;
  for (size_t j = 0; j < m; ++j) {
    int64_t rank = static_cast<int64_t>(scan_in[j].shape().size());
    int64_t a = j < in_axes.size() ? in_axes[j] : 0;
    if (a < -rank || a >= rank) return Bad(node, "scan input axis out of range");
    axes[j] = a < 0 ? a + rank : a;
    int64_t len = scan_in[j].shape()[axes[j]];
    if (steps >= 0 && len != steps) return Bad(node, "scan inputs have different lengths");
    steps = len;
  }
  if (steps < 0) steps = 0;
  std::vector<std::vector<Tensor>> scans(num_scan_outputs);
  for (int64_t t = 0; t < steps; ++t) {
    std::vector<Tensor> ins = states;
    for (size_t j = 0; j < m; ++j) {
      bool reverse = j < in_dirs.size() && in_dirs[j] != 0;
      ASSIGN_OR_RETURN(Tensor e, TakeAlongAxis(scan_in[j], axes[j], reverse ? steps - 1 - t : t));
      ins.push_back(std::move(e));
    }
    std::vector<Tensor> outs;
    Status st = run("body", ins, &outs);
    if (!st.ok()) return st.WithContext("scan step " + std::to_string(t));
    if (outs.size() != n + num_scan_outputs)
      return Bad(node, "body returns " + std::to_string(outs.size()) + " values; the node has " +
                           std::to_string(n + num_scan_outputs) + " outputs");
    for (size_t i = 0; i < n; ++i) states[i] = std::move(outs[i]);
    for (size_t k = 0; k < num_scan_outputs; ++k) scans[k].push_back(std::move(outs[n + k]));
  }
  *outputs = std::move(states);
  for (size_t k = 0; k < num_scan_outputs; ++k) {
    int64_t axis = k < out_axes.size() ? out_axes[k] : 0;
    bool reverse = k < out_dirs.size() && out_dirs[k] != 0;
    const Value* o = node.output(n + k);
    ASSIGN_OR_RETURN(Tensor t, StackIterations(node, std::move(scans[k]), axis, reverse,
                                               o ? o->dtype : DType::kFloat32));
    outputs->push_back(std::move(t));
  }
  return Status::Ok();
}

}  // namespace

Status RunScan(const Node& node, const std::vector<const Tensor*>& formal,
               const SubgraphRunner& run, std::vector<Tensor>* outputs) {
  const int64_t m = node.attrs.get_int("num_scan_inputs", -1);
  const bool batched = node.opset < 9;  // opset 8: sequence_lens first, batch dim on all
  const size_t first = batched ? 1 : 0;
  if (m < 1 || formal.size() < first + static_cast<size_t>(m))
    return Bad(node, "num_scan_inputs " + std::to_string(m) + " does not fit " +
                         std::to_string(formal.size()) + " inputs");
  const size_t n = formal.size() - first - static_cast<size_t>(m);
  if (node.outputs.size() < n) return Bad(node, "fewer outputs than states");
  const size_t k_out = node.outputs.size() - n;
  std::vector<Tensor> states, scan_in;
  for (size_t i = first; i < formal.size(); ++i) {
    if (!formal[i]) return Bad(node, "input " + std::to_string(i) + " is missing");
    (i < first + n ? states : scan_in).push_back(*formal[i]);
  }
  if (!batched)
    return ScanOnce(node, states, scan_in, node.attrs.get_ints("scan_input_axes"),
                    node.attrs.get_ints("scan_input_directions"),
                    node.attrs.get_ints("scan_output_axes"),
                    node.attrs.get_ints("scan_output_directions"), k_out, run, outputs);
  // Opset 8: run each batch entry on its own (sequence axis 1 -> 0), then restack.
  std::vector<int64_t> dirs = node.attrs.get_ints("directions");
  int64_t batch = -1;
  for (const Tensor& t : states)
    batch = t.shape().empty() ? -1 : t.shape()[0];
  for (const Tensor& t : scan_in) {
    if (t.shape().size() < 2) return Bad(node, "scan inputs need [batch, sequence, ...]");
    batch = t.shape()[0];
  }
  std::vector<std::vector<Tensor>> per_output(n + k_out);
  for (int64_t b = 0; b < batch; ++b) {
    std::vector<Tensor> bs, bx, outs;
    for (const Tensor& t : states) {
      ASSIGN_OR_RETURN(Tensor e, TakeAlongAxis(t, 0, b));
      bs.push_back(std::move(e));
    }
    int64_t len = -1;
    if (formal[0]) len = formal[0]->GetAsInt64(b);
    for (const Tensor& t : scan_in) {
      ASSIGN_OR_RETURN(Tensor e, TakeAlongAxis(t, 0, b));
      if (len >= 0 && len != e.shape()[0])
        return Bad(node, "sequence_lens shorter than the sequence are not supported");
      bx.push_back(std::move(e));
    }
    RETURN_IF_ERROR(ScanOnce(node, bs, bx, {}, dirs, {}, {}, k_out, run, &outs));
    for (size_t i = 0; i < outs.size(); ++i) per_output[i].push_back(std::move(outs[i]));
  }
  outputs->clear();
  for (size_t i = 0; i < per_output.size(); ++i) {
    const Value* o = node.output(i);
    ASSIGN_OR_RETURN(Tensor t, StackIterations(node, std::move(per_output[i]), 0, false,
                                               o ? o->dtype : DType::kFloat32));
    outputs->push_back(std::move(t));
  }
  return Status::Ok();
}

}  // namespace openacl::engine
