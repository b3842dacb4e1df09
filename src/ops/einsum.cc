// Einsum: general Einstein summation by index iteration. Supports explicit ("ij,jk->ik") and
// implicit ("ij,jk") outputs, ellipsis with broadcasting, repeated labels in one operand
// (diagonals) and any number of operands. Accumulates in double.
#include <algorithm>
#include <cctype>

#include "ops/common/math_util.h"

namespace openacl {
namespace {

constexpr int kEllipsisBase = 52;  // labels: a-z 0..25, A-Z 26..51, ellipsis dims 52+

struct EinsumPlan {
  std::vector<int> out_labels, sum_labels;
  std::vector<int64_t> size;                  // by label id
  std::vector<std::vector<int64_t>> strides;  // [input][label id], 0 if unused/broadcast
  Shape out_shape;
};

int LabelId(char c) { return std::islower(c) ? c - 'a' : 26 + (c - 'A'); }

// Parses one term into label ids; "..." expands to `ell_rank` ellipsis labels (right-aligned
// within max_ell).
Result<std::vector<int>> ParseTerm(const std::string& term, int64_t rank, int64_t* ell_rank,
                                   const Node& node) {
  std::vector<int> labels;
  size_t letters = 0;
  bool has_ellipsis = false;
  for (size_t i = 0; i < term.size(); ++i) {
    if (term.compare(i, 3, "...") == 0) {
      if (has_ellipsis) break;
      has_ellipsis = true;
      i += 2;
    } else if (std::isalpha(static_cast<unsigned char>(term[i]))) {
      ++letters;
    } else {
      return Status(StatusCode::kOpAttrNotMatch,
                    node.Describe() + ": bad character in equation term '" + term + "'");
    }
  }
  if (rank >= 0) {
    if (static_cast<int64_t>(letters) > rank ||
        (!has_ellipsis && static_cast<int64_t>(letters) != rank))
      return Status(StatusCode::kShapeInvalid, node.Describe() + ": equation term '" + term +
                                                   "' does not match rank " + std::to_string(rank));
    *ell_rank = has_ellipsis ? rank - static_cast<int64_t>(letters) : 0;
  }
  for (size_t i = 0; i < term.size(); ++i) {
    if (term.compare(i, 3, "...") == 0) {
      labels.push_back(-1);  // placeholder, expanded by the caller
      i += 2;
    } else {
      labels.push_back(LabelId(term[i]));
    }
  }
  return labels;
}

Result<EinsumPlan> MakePlan(const Node& node, const std::vector<Shape>& shapes) {
  std::string eq;
  for (char c : node.attrs.get_string("equation"))
    if (c != ' ') eq += c;
  size_t arrow = eq.find("->");
  std::string lhs = eq.substr(0, arrow);
  std::vector<std::string> terms;
  for (size_t start = 0;;) {
    size_t comma = lhs.find(',', start);
    terms.push_back(
        lhs.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (terms.size() != shapes.size())
    return Status(StatusCode::kOpAttrNotMatch,
                  node.Describe() + ": equation '" + eq + "' has " + std::to_string(terms.size()) +
                      " operands but the node has " + std::to_string(shapes.size()) + " inputs");
  EinsumPlan p;
  int64_t max_ell = 0;
  std::vector<std::vector<int>> in_labels(shapes.size());
  std::vector<int64_t> ell_ranks(shapes.size());
  for (size_t t = 0; t < terms.size(); ++t) {
    ASSIGN_OR_RETURN(
        std::vector<int> labels,
        ParseTerm(terms[t], static_cast<int64_t>(shapes[t].size()), &ell_ranks[t], node));
    std::vector<int> expanded;
    for (int l : labels) {
      if (l >= 0) {
        expanded.push_back(l);
      } else {
        for (int64_t j = 0; j < ell_ranks[t]; ++j)
          expanded.push_back(kEllipsisBase + static_cast<int>(j));  // renumbered below
      }
    }
    in_labels[t] = expanded;
    max_ell = std::max(max_ell, ell_ranks[t]);
  }
  // Right-align ellipsis dims: operand with e dims uses labels base + (max_ell - e) + j.
  for (size_t t = 0; t < terms.size(); ++t)
    for (int& l : in_labels[t])
      if (l >= kEllipsisBase) l += static_cast<int>(max_ell - ell_ranks[t]);
  int num_labels = kEllipsisBase + static_cast<int>(max_ell);
  p.size.assign(num_labels, -1);
  std::vector<int> count(num_labels, 0);
  for (size_t t = 0; t < terms.size(); ++t) {
    for (size_t d = 0; d < in_labels[t].size(); ++d) {
      int l = in_labels[t][d];
      int64_t s = shapes[t][d];
      ++count[l];
      if (p.size[l] < 0 || p.size[l] == 1) {
        if (p.size[l] == 1 && l < kEllipsisBase && s != 1)
          return Status(StatusCode::kShapeInvalid, node.Describe() + ": label sizes disagree");
        p.size[l] = std::max(p.size[l], s);
      } else if (s != p.size[l] && !(s == 1 && l >= kEllipsisBase)) {
        return Status(StatusCode::kShapeInvalid,
                      node.Describe() + ": dimension sizes disagree for an equation label (" +
                          std::to_string(s) + " vs " + std::to_string(p.size[l]) + ")");
      }
    }
  }
  std::vector<bool> in_output(num_labels, false);
  if (arrow != std::string::npos) {
    std::string rhs = eq.substr(arrow + 2);
    for (size_t i = 0; i < rhs.size(); ++i) {
      if (rhs.compare(i, 3, "...") == 0) {
        for (int64_t j = 0; j < max_ell; ++j)
          p.out_labels.push_back(kEllipsisBase + static_cast<int>(j));
        i += 2;
      } else if (std::isalpha(static_cast<unsigned char>(rhs[i]))) {
        int l = LabelId(rhs[i]);
        if (count[l] == 0)
          return Status(StatusCode::kOpAttrNotMatch, node.Describe() + ": output label '" +
                                                         std::string(1, rhs[i]) +
                                                         "' is not in any input");
        p.out_labels.push_back(l);
      } else {
        return Status(StatusCode::kOpAttrNotMatch, node.Describe() + ": bad equation '" + eq + "'");
      }
    }
  } else {
    for (int64_t j = 0; j < max_ell; ++j)
      p.out_labels.push_back(kEllipsisBase + static_cast<int>(j));
    for (int l = 0; l < kEllipsisBase; ++l)  // a..z then A..Z: ids are already in that order
      if (count[l] == 1) p.out_labels.push_back(l);
  }
  for (int l : p.out_labels) in_output[l] = true;
  for (int l = 0; l < num_labels; ++l)
    if (count[l] > 0 && !in_output[l]) p.sum_labels.push_back(l);
  for (int l : p.out_labels) p.out_shape.push_back(std::max<int64_t>(p.size[l], 1));
  p.strides.assign(shapes.size(), std::vector<int64_t>(num_labels, 0));
  for (size_t t = 0; t < shapes.size(); ++t) {
    std::vector<int64_t> st = Strides(shapes[t]);
    for (size_t d = 0; d < in_labels[t].size(); ++d)
      if (shapes[t][d] != 1 || p.size[in_labels[t][d]] == 1) p.strides[t][in_labels[t][d]] += st[d];
  }
  return p;
}

std::vector<Shape> InputShapes(const Node& node) {
  std::vector<Shape> shapes;
  for (const Value* v : node.inputs) shapes.push_back(v ? v->shape : Shape{});
  return shapes;
}

Status InferEinsum(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, node.inputs.size()));
  RETURN_IF_ERROR(CheckSchemaType(node, 0));
  RETURN_IF_ERROR(CheckSameTypes(node, node.inputs.size()));
  ASSIGN_OR_RETURN(EinsumPlan p, MakePlan(node, InputShapes(node)));
  SetOutput(node, 0, node.inputs[0]->dtype, p.out_shape);
  return Status::Ok();
}

class EinsumKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(plan_, MakePlan(node, InputShapes(node)));
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const EinsumPlan& p = plan_;
    std::vector<int> labels = p.out_labels;
    labels.insert(labels.end(), p.sum_labels.begin(), p.sum_labels.end());
    int64_t n_out = NumElements(p.out_shape), n_sum = 1;
    for (int l : p.sum_labels) n_sum *= p.size[l];
    const TensorRef& y = io.out(0);
    std::vector<int64_t> idx(labels.size());
    for (int64_t o = 0; o < n_out; ++o) {
      double acc = 0;
      for (int64_t s = 0; s < n_sum; ++s) {
        // Decompose (o, s) into per-label indices.
        int64_t rem = s;
        for (size_t j = labels.size(); j-- > p.out_labels.size();) {
          idx[j] = rem % p.size[labels[j]];
          rem /= p.size[labels[j]];
        }
        rem = o;
        for (size_t j = p.out_labels.size(); j-- > 0;) {
          int64_t sz = std::max<int64_t>(p.size[labels[j]], 1);
          idx[j] = rem % sz;
          rem /= sz;
        }
        double prod = 1;
        for (size_t t = 0; t < io.num_inputs; ++t) {
          int64_t off = 0;
          for (size_t j = 0; j < labels.size(); ++j) off += idx[j] * p.strides[t][labels[j]];
          prod *= ReadAsDouble(io.in(t).data, io.in(t).dtype, off);
        }
        acc += prod;
      }
      WriteFromDouble(y.data, y.dtype, o, acc);
    }
    return Status::Ok();
  }

 private:
  EinsumPlan plan_;
};

}  // namespace

void RegisterOp_Einsum(OpRegistry& registry) {
  OpSchema s;
  s.name = "Einsum";
  s.min_opset = 12;
  s.min_inputs = 1;
  s.max_inputs = 1 << 10;
  s.infer = InferEinsum;
  s.reference = [] { return std::unique_ptr<Kernel>(new EinsumKernel()); };
  s.types = NumericTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
