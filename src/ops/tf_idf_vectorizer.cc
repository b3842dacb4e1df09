// TfIdfVectorizer: counts the pool's n-grams (min_gram_length..max_gram_length items, taken with
// a gap of 0..max_skip_count between items) in each row of an int32/int64 input [C] or [B, C],
// and writes float [output_size] or [B, output_size], output_size = max(ngram_indexes) + 1.
// Pool n-gram j (pool order, all gram sizes counted) goes to output ngram_indexes[j].
// Unigrams are counted once (skips do not apply to them). Mode TF: counts; IDF: weights[i] (or
// 1) where the count is > 0; TFIDF: count * weights[i] (or count). As onnxruntime and the ONNX
// reference do, weights are indexed by output position. String inputs and pool_strings are not
// supported (kUnsupportedDataType).
#include <algorithm>
#include <vector>

#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

enum class TfIdfMode { kTF, kIDF, kTFIDF };

struct PoolEntry {
  int64_t offset;     // first item in pool
  int64_t out_index;  // output position
};

struct TfIdfConfig {
  TfIdfMode mode = TfIdfMode::kTF;
  int64_t min_gram = 1, max_gram = 1, max_skip = 0, output_size = 0;
  std::vector<int64_t> pool;
  std::vector<float> weights;
  // by_size[n]: the pool's n-grams sorted by their items (n in [min_gram, max_gram]).
  std::vector<std::vector<PoolEntry>> by_size;
};

bool PoolLess(const std::vector<int64_t>& pool, int64_t n, int64_t a, int64_t b) {
  return std::lexicographical_compare(pool.begin() + a, pool.begin() + a + n, pool.begin() + b,
                                      pool.begin() + b + n);
}

Result<TfIdfConfig> ParseConfig(const Node& node) {
  auto bad = [&](const std::string& what) {
    return Status(StatusCode::kOpAttrNotMatch, node.Describe() + ": " + what);
  };
  if (node.attrs.has("pool_strings"))
    return Status(StatusCode::kUnsupportedDataType,
                  node.Describe() + ": pool_strings (string n-grams) are not supported");
  TfIdfConfig c;
  std::string mode = node.attrs.get_string("mode", "");
  if (mode == "TF")
    c.mode = TfIdfMode::kTF;
  else if (mode == "IDF")
    c.mode = TfIdfMode::kIDF;
  else if (mode == "TFIDF")
    c.mode = TfIdfMode::kTFIDF;
  else
    return bad("mode '" + mode + "' must be TF, IDF or TFIDF");
  c.min_gram = node.attrs.get_int("min_gram_length", 0);
  c.max_gram = node.attrs.get_int("max_gram_length", 0);
  c.max_skip = node.attrs.get_int("max_skip_count", 0);
  std::vector<int64_t> counts = node.attrs.get_ints("ngram_counts");
  std::vector<int64_t> indexes = node.attrs.get_ints("ngram_indexes");
  c.pool = node.attrs.get_ints("pool_int64s");
  c.weights = node.attrs.get_floats("weights");
  if (c.min_gram < 1 || c.max_gram < c.min_gram || c.max_skip < 0)
    return bad("need 1 <= min_gram_length <= max_gram_length and max_skip_count >= 0");
  if (counts.empty() || static_cast<size_t>(c.max_gram) > counts.size())
    return bad("ngram_counts must have an entry for every gram length up to max_gram_length");
  if (indexes.empty() || c.pool.empty()) return bad("ngram_indexes and pool_int64s are required");
  for (int64_t i : indexes)
    if (i < 0) return bad("ngram_indexes must not be negative");
  c.output_size = *std::max_element(indexes.begin(), indexes.end()) + 1;
  if (!c.weights.empty() && c.weights.size() != indexes.size())
    return bad("weights has " + std::to_string(c.weights.size()) + " entries, ngram_indexes " +
               std::to_string(indexes.size()));
  c.by_size.resize(static_cast<size_t>(c.max_gram) + 1);
  int64_t total = static_cast<int64_t>(c.pool.size()), id = 0;
  for (size_t level = 0; level < counts.size(); ++level) {
    int64_t n = static_cast<int64_t>(level) + 1;
    int64_t start = counts[level], end = level + 1 < counts.size() ? counts[level + 1] : total;
    if (start < 0 || end < start || end > total || (end - start) % n != 0)
      return bad("ngram_counts do not split pool_int64s into whole " + std::to_string(n) +
                 "-grams");
    for (int64_t off = start; off < end; off += n, ++id) {
      if (n < c.min_gram || n > c.max_gram) continue;
      if (id >= static_cast<int64_t>(indexes.size()))
        return bad("ngram_indexes has fewer entries than the pool has n-grams");
      c.by_size[n].push_back({off, indexes[id]});
    }
  }
  for (int64_t n = c.min_gram; n <= c.max_gram; ++n) {
    auto& table = c.by_size[n];
    std::sort(table.begin(), table.end(), [&](const PoolEntry& a, const PoolEntry& b) {
      return PoolLess(c.pool, n, a.offset, b.offset);
    });
    for (size_t i = 1; i < table.size(); ++i)
      if (!PoolLess(c.pool, n, table[i - 1].offset, table[i].offset))
        return bad("pool_int64s has a duplicate " + std::to_string(n) + "-gram");
  }
  return c;
}

Status InferTfIdfVectorizer(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  const Value* x = node.inputs[0];
  if (x->dtype != DType::kInt32 && x->dtype != DType::kInt64)
    return Status(StatusCode::kUnsupportedDataType,
                  node.Describe() + ": input type " + DTypeName(x->dtype) +
                      " is not supported (int32 and int64 only; string inputs are not supported)");
  ASSIGN_OR_RETURN(TfIdfConfig c, ParseConfig(node));
  if (x->shape.size() > 2)
    return Status(
        StatusCode::kShapeInvalid,
        node.Describe() + ": input shape " + ShapeToString(x->shape) + " must be [C] or [B, C]");
  if (x->shape.size() == 2) {
    SetOutput(node, 0, DType::kFloat32, {x->shape[0], c.output_size});
  } else {
    SetOutput(node, 0, DType::kFloat32, {c.output_size});
  }
  return Status::Ok();
}

class TfIdfVectorizerKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(config_, ParseConfig(node));
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef &x = io.in(0), &y = io.out(0);
    int64_t rows = x.rank() == 2 ? x.dim(0) : 1;
    int64_t cols = x.rank() == 2 ? x.dim(1) : x.numel();
    float* out = y.as<float>();
    std::fill(out, out + y.numel(), 0.0f);
    for (int64_t r = 0; r < rows; ++r) {
      float* row_out = out + r * config_.output_size;
      if (x.dtype == DType::kInt32) {
        CountRow(x.as<const int32_t>() + r * cols, cols, row_out);
      } else {
        CountRow(x.as<const int64_t>() + r * cols, cols, row_out);
      }
      ApplyMode(row_out);
    }
    return Status::Ok();
  }

 private:
  // Index of output for the n-gram x[0], x[step], ..., x[(n-1)*step] in the pool, or -1.
  template <typename T>
  int64_t Find(const T* x, int64_t n, int64_t step) const {
    const auto& table = config_.by_size[n];
    const int64_t* pool = config_.pool.data();
    auto less = [&](const PoolEntry& e, const T* s) {  // pool n-gram < sample
      for (int64_t k = 0; k < n; ++k) {
        int64_t v = static_cast<int64_t>(s[k * step]);
        if (pool[e.offset + k] != v) return pool[e.offset + k] < v;
      }
      return false;
    };
    auto it = std::lower_bound(table.begin(), table.end(), x, less);
    if (it == table.end()) return -1;
    for (int64_t k = 0; k < n; ++k)
      if (pool[it->offset + k] != static_cast<int64_t>(x[k * step])) return -1;
    return it->out_index;
  }

  template <typename T>
  void CountRow(const T* x, int64_t cols, float* counts) const {
    int64_t first_n = config_.min_gram;
    if (first_n == 1) {  // unigrams: once, independent of the skip
      for (int64_t s = 0; s < cols; ++s) {
        int64_t hit = Find(x + s, 1, 1);
        if (hit >= 0) counts[hit] += 1.0f;
      }
      first_n = 2;
    }
    for (int64_t n = first_n; n <= config_.max_gram; ++n) {
      if (config_.by_size[n].empty()) continue;
      for (int64_t step = 1; step <= config_.max_skip + 1; ++step) {
        for (int64_t s = 0; s + (n - 1) * step < cols; ++s) {
          int64_t hit = Find(x + s, n, step);
          if (hit >= 0) counts[hit] += 1.0f;
        }
      }
    }
  }

  void ApplyMode(float* row) const {
    const std::vector<float>& w = config_.weights;
    for (int64_t i = 0; i < config_.output_size; ++i) {
      float weight = w.empty() ? 1.0f : (i < static_cast<int64_t>(w.size()) ? w[i] : 0.0f);
      if (config_.mode == TfIdfMode::kIDF) {
        row[i] = row[i] > 0 ? weight : 0.0f;
      } else if (config_.mode == TfIdfMode::kTFIDF) {
        row[i] *= weight;
      }
    }
  }

  TfIdfConfig config_;
};

}  // namespace

void RegisterOp_TfIdfVectorizer(OpRegistry& registry) {
  OpSchema s;
  s.name = "TfIdfVectorizer";
  s.min_opset = 9;
  s.min_inputs = s.max_inputs = 1;
  s.infer = InferTfIdfVectorizer;
  s.reference = [] { return std::unique_ptr<Kernel>(new TfIdfVectorizerKernel()); };
  s.types = {DType::kInt32, DType::kInt64};
  registry.Register(std::move(s));
}

}  // namespace openacl
