// Runs the official ONNX backend node tests (single-node models) against the reference kernels
// and every fast kernel. The cases are dumped to plain text by dump_onnx_node_cases.py, which
// ctest runs as a fixture before this test (tests/CMakeLists.txt). Ops not registered are skipped.
#include <dirent.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

#include "op_test_util.h"

namespace openacl::testing {
namespace {

std::string FromHex(const std::string& hex) {
  std::string out;
  if (hex == "-") return out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

Tensor ReadTensor(std::istringstream& is) {
  int dtype = 0, rank = 0;
  is >> dtype >> rank;
  Shape shape(rank);
  for (auto& d : shape) is >> d;
  std::string hex;
  is >> hex;
  Tensor t(static_cast<DType>(dtype), shape);
  std::string bytes = FromHex(hex);
  if (bytes.size() == t.nbytes() && !bytes.empty())
    std::memcpy(t.mutable_data(), bytes.data(), bytes.size());
  return t;
}

struct Case {
  std::string name, op;
  int opset = 0;
  AttrMap attrs;
  std::vector<std::optional<Tensor>> inputs;
  std::vector<std::optional<Tensor>> outputs;  // nullopt: an omitted optional output
};

bool LoadCase(const std::string& path, Case& c) {
  std::ifstream f(path);
  std::string line;
  while (std::getline(f, line)) {
    std::istringstream is(line);
    std::string kind;
    is >> kind;
    if (kind == "op") {
      std::string domain;
      is >> c.op >> domain >> c.opset;
      if (domain != "-") return false;
    } else if (kind == "attr") {
      std::string name, type;
      is >> name >> type;
      if (type == "i") {
        int64_t v;
        is >> v;
        c.attrs.set(name, Attribute::Int(v));
      } else if (type == "f") {
        float v;
        is >> v;
        c.attrs.set(name, Attribute::Float(v));
      } else if (type == "s") {
        std::string hex;
        is >> hex;
        c.attrs.set(name, Attribute::String(FromHex(hex)));
      } else if (type == "ints") {
        size_t n;
        is >> n;
        std::vector<int64_t> v(n);
        for (auto& x : v) is >> x;
        c.attrs.set(name, Attribute::Ints(v));
      } else if (type == "floats") {
        size_t n;
        is >> n;
        std::vector<float> v(n);
        for (auto& x : v) is >> x;
        c.attrs.set(name, Attribute::Floats(v));
      }
    } else if (kind == "input") {
      if (line.rfind("input none", 0) == 0) {
        c.inputs.emplace_back(std::nullopt);
      } else {
        c.inputs.emplace_back(ReadTensor(is));
      }
    } else if (kind == "output") {
      if (line.rfind("output none", 0) == 0) {
        c.outputs.emplace_back(std::nullopt);
      } else {
        c.outputs.emplace_back(ReadTensor(is));
      }
    }
  }
  return !c.op.empty();
}

TEST(OnnxNodeCases, AllRegisteredOps) {
  // ctest dumps the cases into OPENACL_ONNX_CASES_DIR first (tests/CMakeLists.txt); the variable
  // OPENACL_ONNX_CASES points elsewhere. No cases found is a failure, not a skip.
  const char* dir = std::getenv("OPENACL_ONNX_CASES");
#ifdef OPENACL_ONNX_CASES_DIR
  if (!dir) dir = OPENACL_ONNX_CASES_DIR;
#endif
  ASSERT_NE(dir, nullptr) << "set OPENACL_ONNX_CASES to the output of dump_onnx_node_cases.py";
  const char* filter = std::getenv("OPENACL_ONNX_CASES_FILTER");
  std::vector<std::string> files;
  if (DIR* d = opendir(dir)) {
    while (dirent* e = readdir(d)) {
      std::string n = e->d_name;
      if (n.size() > 4 && n.substr(n.size() - 4) == ".txt") files.push_back(n);
    }
    closedir(d);
  }
  std::sort(files.begin(), files.end());
  int run = 0, passed = 0, unsupported = 0;
  for (const std::string& file : files) {
    if (filter && file.find(filter) == std::string::npos) continue;
    Case c;
    if (!LoadCase(std::string(dir) + "/" + file, c)) continue;
    if (!OpRegistry::Get().Find(c.op)) continue;
    ++run;
    OpTest t(c.op, c.opset);
    // Ops whose output shape depends on input values get every input as a constant, as the
    // dynamic executor binds them, so that infer computes the exact output shapes.
    bool bind_all = OpRegistry::Get().Find(c.op)->output_shape_from_values;
    for (size_t i = 0; i < c.inputs.size(); ++i) {
      if (!c.inputs[i]) {
        t.NoInput();
      } else if (bind_all || (i > 0 && c.inputs[i]->dtype() == DType::kInt64)) {
        t.ConstInput(*c.inputs[i]);  // axes, k, shapes... must be compile-time constants
      } else {
        t.Input(*c.inputs[i]);
      }
    }
    for (const auto& kv : c.attrs.all()) t.Attr(kv.first, kv.second);
    t.Outputs(static_cast<int>(c.outputs.size()));
    int failures_before =
        ::testing::UnitTest::GetInstance()->current_test_info()->result()->total_part_count();
    OpRun r = t.RunAndCompareAll(1e-5, 1e-3);
    if (r.status.code() == StatusCode::kFeatureUnsupported ||
        r.status.code() == StatusCode::kDataDependentShape) {  // a documented limitation
      std::printf("unsupported: %s: %s\n", file.c_str(), r.status.message().c_str());
      ++unsupported;
      continue;
    }
    EXPECT_TRUE(r.status.ok()) << file << ": " << r.status.message();
    if (r.status.ok()) {
      for (size_t i = 0; i < c.outputs.size() && i < r.outputs.size(); ++i) {
        if (!c.outputs[i]) continue;  // omitted in the model: nothing to compare
        Tensor expected = *c.outputs[i];
        // ONNX 1.12 stores bfloat16 expectations as uint16 bit patterns.
        if (expected.dtype() == DType::kUInt16 && r.outputs[i].dtype() == DType::kBFloat16) {
          Tensor bf(DType::kBFloat16, expected.shape());
          std::memcpy(bf.mutable_data(), expected.data(), expected.nbytes());
          expected = bf;
        }
        bool half = expected.dtype() == DType::kFloat16 || expected.dtype() == DType::kBFloat16;
        ExpectTensorNear(r.outputs[i], expected, half ? 1e-3 : 1e-5, half ? 1e-2 : 1e-3,
                         file + " output " + std::to_string(i));
      }
    }
    int failures_after =
        ::testing::UnitTest::GetInstance()->current_test_info()->result()->total_part_count();
    if (failures_after == failures_before) ++passed;
  }
  EXPECT_GT(run, 100) << "no ONNX node cases found in " << dir
                      << " (run tests/ops/dump_onnx_node_cases.py " << dir << ")";
  std::printf("ONNX node cases: %d/%d passed, %d rejected as unsupported\n", passed, run,
              unsupported);
}

}  // namespace
}  // namespace openacl::testing
