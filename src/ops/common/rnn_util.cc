#include "ops/common/rnn_util.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "ops/common/shape_util.h"

namespace openacl {
namespace {

int Gates(RnnCell c) { return c == RnnCell::kRnn ? 1 : c == RnnCell::kGru ? 3 : 4; }
int ActsPerDir(RnnCell c) { return c == RnnCell::kRnn ? 1 : c == RnnCell::kGru ? 2 : 3; }

struct Activation {
  std::string name;
  double alpha = 0, beta = 0;
  double operator()(double x) const {
    if (name == "Sigmoid") return 1.0 / (1.0 + std::exp(-x));
    if (name == "Tanh") return std::tanh(x);
    if (name == "Relu") return std::max(x, 0.0);
    if (name == "Affine") return alpha * x + beta;
    if (name == "LeakyRelu") return x >= 0 ? x : alpha * x;
    if (name == "ThresholdedRelu") return x > alpha ? x : 0.0;
    if (name == "ScaledTanh") return alpha * std::tanh(beta * x);
    if (name == "HardSigmoid") return std::max(0.0, std::min(1.0, alpha * x + beta));
    if (name == "Elu") return x >= 0 ? x : alpha * (std::exp(x) - 1);
    if (name == "Softsign") return x / (1 + std::fabs(x));
    return std::log1p(std::exp(x));  // Softplus
  }
};

struct RnnParams {
  RnnCell cell = RnnCell::kRnn;
  int64_t hidden = 0, dirs = 1, seq = 0, batch = 0, input = 0;
  bool reverse_only = false, layout_batch_first = false, linear_before_reset = false,
       input_forget = false;
  double clip = 0;               // 0 = no clip
  std::vector<Activation> acts;  // ActsPerDir * dirs
};

Activation DefaultAlphaBeta(std::string name, float alpha, float beta, bool has_a, bool has_b) {
  Activation a;
  a.name = std::move(name);
  double da = 0, db = 0;
  if (a.name == "LeakyRelu") da = 0.01;
  if (a.name == "ThresholdedRelu" || a.name == "Elu" || a.name == "Affine") da = 1.0;
  if (a.name == "ScaledTanh") da = db = 1.0;
  if (a.name == "HardSigmoid") da = 0.2, db = 0.5;
  a.alpha = has_a ? alpha : da;
  a.beta = has_b ? beta : db;
  return a;
}

Result<RnnParams> ReadRnn(const Node& node, RnnCell cell) {
  RnnParams p;
  p.cell = cell;
  const Shape& x = node.input(0)->shape;
  const Shape& w = node.input(1)->shape;
  if (x.size() != 3 || w.size() != 3)
    return InvalidParam(node.Describe() + ": X and W must have rank 3");
  p.layout_batch_first = node.attrs.get_int("layout", 0) != 0;
  p.seq = p.layout_batch_first ? x[1] : x[0];
  p.batch = p.layout_batch_first ? x[0] : x[1];
  p.input = x[2];
  std::string dir = node.attrs.get_string("direction", "forward");
  if (dir != "forward" && dir != "reverse" && dir != "bidirectional")
    return InvalidParam(node.Describe() + ": direction '" + dir + "'");
  p.dirs = dir == "bidirectional" ? 2 : 1;
  p.reverse_only = dir == "reverse";
  p.hidden = node.attrs.get_int("hidden_size", w[1] / Gates(cell));
  if (w[0] != p.dirs || w[1] != Gates(cell) * p.hidden || w[2] != p.input)
    return InvalidParam(node.Describe() + ": W " + ShapeToString(w) + " does not match X " +
                        ShapeToString(x) + " and hidden_size " + std::to_string(p.hidden));
  p.clip = node.attrs.has("clip") ? node.attrs.get_float("clip") : 0.0;
  p.linear_before_reset = node.attrs.get_int("linear_before_reset", 0) != 0;
  p.input_forget = node.attrs.get_int("input_forget", 0) != 0;
  std::vector<std::string> names;
  if (const Attribute* a = node.attrs.find("activations")) names = a->strings;
  const int per = ActsPerDir(cell);
  if (names.empty()) {
    std::vector<std::string> def = cell == RnnCell::kRnn ? std::vector<std::string>{"Tanh"}
                                   : cell == RnnCell::kGru
                                       ? std::vector<std::string>{"Sigmoid", "Tanh"}
                                       : std::vector<std::string>{"Sigmoid", "Tanh", "Tanh"};
    for (int d = 0; d < p.dirs; ++d) names.insert(names.end(), def.begin(), def.end());
  }
  if (static_cast<int64_t>(names.size()) != per * p.dirs)
    return InvalidParam(node.Describe() + ": expected " + std::to_string(per * p.dirs) +
                        " activations, got " + std::to_string(names.size()));
  std::vector<float> alphas = node.attrs.get_floats("activation_alpha");
  std::vector<float> betas = node.attrs.get_floats("activation_beta");
  static const char* kKnown[] = {
      "Sigmoid",    "Tanh",        "Relu", "Affine",   "LeakyRelu", "ThresholdedRelu",
      "ScaledTanh", "HardSigmoid", "Elu",  "Softsign", "Softplus"};
  for (size_t i = 0; i < names.size(); ++i) {
    if (std::find(std::begin(kKnown), std::end(kKnown), names[i]) == std::end(kKnown))
      return Unsupported(node.Describe() + ": activation '" + names[i] + "' is not supported");
    p.acts.push_back(DefaultAlphaBeta(names[i], i < alphas.size() ? alphas[i] : 0,
                                      i < betas.size() ? betas[i] : 0, i < alphas.size(),
                                      i < betas.size()));
  }
  return p;
}

Status InferRnn(Node& node, RnnCell cell) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 3));
  ASSIGN_OR_RETURN(RnnParams p, ReadRnn(node, cell));
  DType t = node.input(0)->dtype;
  if (!IsFloating(t))
    return Status(StatusCode::kUnsupportedDataType, node.Describe() + ": X must be floating");
  Shape y = p.layout_batch_first ? Shape{p.batch, p.seq, p.dirs, p.hidden}
                                 : Shape{p.seq, p.dirs, p.batch, p.hidden};
  Shape yh =
      p.layout_batch_first ? Shape{p.batch, p.dirs, p.hidden} : Shape{p.dirs, p.batch, p.hidden};
  SetOutput(node, 0, t, y);
  SetOutput(node, 1, t, yh);
  SetOutput(node, 2, t, yh);
  return Status::Ok();
}

class RnnKernel : public Kernel {
 public:
  explicit RnnKernel(RnnCell cell) : cell_(cell) {}
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(p_, ReadRnn(node, cell_));
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const int64_t H = p_.hidden, G = Gates(cell_), S = p_.seq, B = p_.batch, I = p_.input;
    const int per = ActsPerDir(cell_);
    auto in = [&](size_t k, int64_t i) { return ReadAsDouble(io.in(k).data, io.in(k).dtype, i); };
    auto yidx = [&](int64_t t, int64_t d, int64_t b) {
      return p_.layout_batch_first ? ((b * S + t) * p_.dirs + d) * H
                                   : ((t * p_.dirs + d) * B + b) * H;
    };
    auto hidx = [&](int64_t d, int64_t b) {
      return p_.layout_batch_first ? (b * p_.dirs + d) * H : (d * B + b) * H;
    };
    auto xidx = [&](int64_t t, int64_t b) {
      return p_.layout_batch_first ? (b * S + t) * I : (t * B + b) * I;
    };
    const bool has_b = io.has_input(3), has_len = io.has_input(4), has_h0 = io.has_input(5);
    const bool has_c0 = cell_ == RnnCell::kLstm && io.has_input(6);
    const bool has_p = cell_ == RnnCell::kLstm && io.has_input(7);
    std::vector<double> h(H), c(H), gx(G * H), gh(G * H), hn(H), z(H), r(H);
    auto clip = [&](double v) {
      return p_.clip > 0 ? std::min(std::max(v, -p_.clip), p_.clip) : v;
    };
    if (io.has_output(0))
      for (int64_t i = 0; i < io.out(0).numel(); ++i)
        WriteFromDouble(io.out(0).data, io.out(0).dtype, i, 0);
    for (int64_t d = 0; d < p_.dirs; ++d) {
      const bool reverse = p_.reverse_only || d == 1;
      const Activation* act = &p_.acts[d * per];
      for (int64_t b = 0; b < B; ++b) {
        int64_t len = has_len ? ReadAsInt64(io.in(4).data, io.in(4).dtype, b) : S;
        len = std::min(std::max<int64_t>(len, 0), S);
        for (int64_t j = 0; j < H; ++j) {
          h[j] = has_h0 ? in(5, (d * B + b) * H + j) : 0.0;
          c[j] = has_c0 ? in(6, (d * B + b) * H + j) : 0.0;
        }
        for (int64_t step = 0; step < len; ++step) {
          const int64_t t = reverse ? len - 1 - step : step;
          for (int64_t g = 0; g < G * H; ++g) {
            double sx = has_b ? in(3, d * 2 * G * H + g) : 0.0;
            double sh = has_b ? in(3, d * 2 * G * H + G * H + g) : 0.0;
            for (int64_t k = 0; k < I; ++k)
              sx += in(1, (d * G * H + g) * I + k) * in(0, xidx(t, b) + k);
            for (int64_t k = 0; k < H; ++k) sh += in(2, (d * G * H + g) * H + k) * h[k];
            gx[g] = sx;
            gh[g] = sh;
          }
          if (cell_ == RnnCell::kRnn) {
            for (int64_t j = 0; j < H; ++j) hn[j] = act[0](clip(gx[j] + gh[j]));
          } else if (cell_ == RnnCell::kGru) {  // gates z, r, h
            for (int64_t j = 0; j < H; ++j) {
              z[j] = act[0](clip(gx[j] + gh[j]));
              r[j] = act[0](clip(gx[H + j] + gh[H + j]));
            }
            for (int64_t j = 0; j < H; ++j) {
              double hh;
              if (p_.linear_before_reset) {
                hh = act[1](clip(gx[2 * H + j] + r[j] * gh[2 * H + j]));
              } else {
                double s = has_b ? in(3, d * 2 * G * H + G * H + 2 * H + j) : 0.0;
                for (int64_t k = 0; k < H; ++k)
                  s += in(2, (d * G * H + 2 * H + j) * H + k) * r[k] * h[k];
                hh = act[1](clip(gx[2 * H + j] + s));
              }
              hn[j] = (1 - z[j]) * hh + z[j] * h[j];
            }
          } else {  // LSTM: gates i, o, f, c; peepholes i, o, f
            for (int64_t j = 0; j < H; ++j) {
              double pi = has_p ? in(7, d * 3 * H + j) : 0.0;
              double po = has_p ? in(7, d * 3 * H + H + j) : 0.0;
              double pf = has_p ? in(7, d * 3 * H + 2 * H + j) : 0.0;
              double ig = act[0](clip(gx[j] + gh[j] + pi * c[j]));
              double fg = p_.input_forget ? 1 - ig
                                          : act[0](clip(gx[2 * H + j] + gh[2 * H + j] + pf * c[j]));
              double cg = act[1](clip(gx[3 * H + j] + gh[3 * H + j]));
              double cn = fg * c[j] + ig * cg;
              double og = act[0](clip(gx[H + j] + gh[H + j] + po * cn));
              c[j] = cn;
              hn[j] = og * act[2](cn);
            }
          }
          h = hn;
          if (io.has_output(0))
            for (int64_t j = 0; j < H; ++j)
              WriteFromDouble(io.out(0).data, io.out(0).dtype, yidx(t, d, b) + j, h[j]);
        }
        for (int64_t j = 0; j < H; ++j) {
          if (io.has_output(1))
            WriteFromDouble(io.out(1).data, io.out(1).dtype, hidx(d, b) + j, h[j]);
          if (io.has_output(2) && cell_ == RnnCell::kLstm)
            WriteFromDouble(io.out(2).data, io.out(2).dtype, hidx(d, b) + j, c[j]);
        }
      }
    }
    return Status::Ok();
  }

 private:
  RnnCell cell_;
  RnnParams p_;
};

}  // namespace

void RegisterRecurrentOp(OpRegistry& registry, RnnCell cell) {
  OpSchema s;
  s.name = cell == RnnCell::kRnn ? "RNN" : cell == RnnCell::kGru ? "GRU" : "LSTM";
  s.min_opset = 7;
  s.min_inputs = 3;
  s.max_inputs = cell == RnnCell::kLstm ? 8 : 6;
  s.min_outputs = 0;
  s.max_outputs = cell == RnnCell::kLstm ? 3 : 2;
  switch (cell) {
    case RnnCell::kRnn:
      s.infer = [](Node& n) { return InferRnn(n, RnnCell::kRnn); };
      s.reference = [] { return std::unique_ptr<Kernel>(new RnnKernel(RnnCell::kRnn)); };
      break;
    case RnnCell::kGru:
      s.infer = [](Node& n) { return InferRnn(n, RnnCell::kGru); };
      s.reference = [] { return std::unique_ptr<Kernel>(new RnnKernel(RnnCell::kGru)); };
      break;
    case RnnCell::kLstm:
      s.infer = [](Node& n) { return InferRnn(n, RnnCell::kLstm); };
      s.reference = [] { return std::unique_ptr<Kernel>(new RnnKernel(RnnCell::kLstm)); };
      break;
  }
  s.types = {DType::kFloat32, DType::kFloat64, DType::kFloat16};
  registry.Register(std::move(s));
}

}  // namespace openacl
