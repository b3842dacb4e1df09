// Runs the official ONNX backend node tests of the shape/data-movement ops through the reference
// kernels. dump_onnx_node_tests.py (beside this file) turns each single-node model and its
// test_data_set_0 into text; every input is bound as a constant, since shapes must be static.
// Skipped when python3-onnx or the test data are not installed.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "op_test_util.h"

namespace openacl::testing {
namespace {

const char* kDataDir = "/usr/include/onnx/backend/test/data/node";

std::vector<uint8_t> FromHex(const std::string& hex) {
  std::vector<uint8_t> out;
  if (hex == "-") return out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

Tensor ReadTensor(std::istream& in) {
  int dtype, rank;
  in >> dtype >> rank;
  Shape shape(rank);
  for (int i = 0; i < rank; ++i) in >> shape[i];
  std::string hex;
  in >> hex;
  Tensor t(static_cast<DType>(dtype), shape);
  std::vector<uint8_t> bytes = FromHex(hex);
  if (!bytes.empty() && bytes.size() == t.nbytes())
    std::memcpy(t.mutable_data(), bytes.data(), bytes.size());
  return t;
}

// Why `actual` differs from `expected` ("" when they match within tolerance).
std::string Mismatch(const Tensor& actual, const Tensor& expected, double atol, double rtol) {
  if (actual.dtype() != expected.dtype())
    return std::string("dtype ") + DTypeName(actual.dtype()) + " vs " + DTypeName(expected.dtype());
  if (actual.shape() != expected.shape())
    return "shape " + ShapeToString(actual.shape()) + " vs " + ShapeToString(expected.shape());
  for (int64_t i = 0; i < expected.num_elements(); ++i) {
    double a = actual.GetAsDouble(i), e = expected.GetAsDouble(i);
    if ((std::isnan(a) && std::isnan(e)) || a == e) continue;
    if (std::fabs(a - e) > atol + rtol * std::fabs(e))
      return "element " + std::to_string(i) + " is " + std::to_string(a) + ", expected " +
             std::to_string(e);
  }
  return "";
}

double ReadHexFloat(std::istream& in) {
  std::string s;
  in >> s;
  return std::strtod(s.c_str(), nullptr);
}

Attribute ReadAttr(std::istream& in) {
  std::string kind;
  in >> kind;
  if (kind == "i") {
    int64_t v;
    in >> v;
    return Attribute::Int(v);
  }
  if (kind == "f") return Attribute::Float(static_cast<float>(ReadHexFloat(in)));
  if (kind == "s") {
    std::string hex;
    in >> hex;
    std::vector<uint8_t> b = FromHex(hex);
    return Attribute::String(std::string(b.begin(), b.end()));
  }
  if (kind == "ints") {
    size_t n;
    in >> n;
    std::vector<int64_t> v(n);
    for (auto& x : v) in >> x;
    return Attribute::Ints(v);
  }
  if (kind == "floats") {
    size_t n;
    in >> n;
    std::vector<float> v(n);
    for (auto& x : v) x = static_cast<float>(ReadHexFloat(in));
    return Attribute::Floats(v);
  }
  return Attribute::TensorValue(ReadTensor(in));
}

const std::set<std::string> kOps = {"Reshape",
                                    "Flatten",
                                    "Squeeze",
                                    "Unsqueeze",
                                    "Transpose",
                                    "Concat",
                                    "Split",
                                    "Slice",
                                    "Gather",
                                    "GatherElements",
                                    "GatherND",
                                    "ScatterND",
                                    "ScatterElements",
                                    "Scatter",
                                    "Expand",
                                    "Tile",
                                    "Pad",
                                    "Resize",
                                    "Upsample",
                                    "Shape",
                                    "Size",
                                    "ConstantOfShape",
                                    "Range",
                                    "Identity",
                                    "Dropout",
                                    "DepthToSpace",
                                    "SpaceToDepth",
                                    "OneHot",
                                    "Trilu",
                                    "ReverseSequence",
                                    "EyeLike",
                                    "Constant"};

TEST(OnnxNodeTests, TensorOpsMatchOfficialData) {
  std::string script = std::string(__FILE__);
  script = script.substr(0, script.rfind('/') + 1) + "dump_onnx_node_tests.py";
  if (!std::ifstream(script) || !std::ifstream(std::string(kDataDir) + "/test_shape/model.onnx"))
    GTEST_SKIP() << "ONNX node test data or dump script not found";
  std::string cmd = "/usr/bin/python3 " + script + " " + kDataDir +
                    " test_reshape test_flatten test_squeeze test_unsqueeze test_transpose"
                    " test_concat test_split test_slice test_gather test_scatter test_expand"
                    " test_tile test_constant test_edge_pad test_reflect_pad test_resize"
                    " test_upsample test_shape test_size test_range test_identity test_dropout"
                    " test_depthtospace test_spacetodepth test_onehot test_tril test_triu"
                    " test_reversesequence test_eyelike 2>/dev/null";
  FILE* pipe = popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string text;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0) text.append(buf, n);
  if (pclose(pipe) != 0 || text.empty()) GTEST_SKIP() << "python3 onnx not available";

  std::istringstream in(text);
  std::string tag;
  int cases = 0;
  std::vector<std::string> failed;
  while (in >> tag) {
    ASSERT_EQ(tag, "case");
    std::string name, op;
    int opset, nattrs, ninputs, noutputs;
    in >> name >> op >> opset >> nattrs >> ninputs >> noutputs;
    OpTest t(op, opset);
    for (int i = 0; i < nattrs; ++i) {
      std::string attr_tag, attr_name;
      in >> attr_tag >> attr_name;
      t.Attr(attr_name, ReadAttr(in));
    }
    for (int i = 0; i < ninputs; ++i) {
      std::string kind;
      in >> tag >> kind;
      if (kind == "none") {
        t.NoInput();
      } else {
        in.seekg(-static_cast<std::streamoff>(kind.size()), std::ios::cur);
        t.ConstInput(ReadTensor(in));
      }
    }
    std::vector<std::optional<Tensor>> expected;
    for (int i = 0; i < noutputs; ++i) {
      std::string kind;
      in >> tag >> kind;
      if (kind == "none") {
        expected.emplace_back();
      } else {
        in.seekg(-static_cast<std::streamoff>(kind.size()), std::ios::cur);
        expected.emplace_back(ReadTensor(in));
      }
    }
    if (!kOps.count(op)) continue;
    ++cases;
    SCOPED_TRACE(name);
    t.Outputs(noutputs);
    OpRun r = t.RunAndCompareAll();
    if (!r.status.ok()) {
      ADD_FAILURE() << name << ": " << r.status.message();
      failed.push_back(name);
      continue;
    }
    for (int i = 0; i < noutputs; ++i) {
      if (!expected[i]) continue;
      std::string why = Mismatch(r.outputs[i], *expected[i], 1e-4, 1e-4);
      if (why.empty()) continue;
      ADD_FAILURE() << name << " output " << i << ": " << why;
      failed.push_back(name);
      break;
    }
  }
  std::string list;
  for (const auto& f : failed) list += " " + f;
  EXPECT_TRUE(failed.empty()) << failed.size() << " of " << cases << " cases failed:" << list;
  EXPECT_GT(cases, 150);
  std::printf("[ onnx ] %d ONNX node test cases of tensor ops checked, %zu failed\n", cases,
              failed.size());
}

}  // namespace
}  // namespace openacl::testing
