// --precision_mode / --precision_mode_v2 / --keep_dtype (compiler/precision_mode.h): parsing,
// the per-node requests the compiler records, and what the oneDNN kernels do with them at load
// (bf16 where the CPU has it, fp32 with OPENACL_DISABLE_BF16=1 or without AVX512-BF16).
#include "compiler/precision_mode.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <random>

#include "compiler/compiler.h"
#include "engine/loaded_model.h"
#include "kernels/onednn/compute_precision.h"

namespace openacl {
namespace {

TEST(PrecisionMode, EveryAtcValue) {
  struct Case {
    const char* v1;
    const char* v2;
    PrecisionMode want;
  };
  const Case cases[] = {
      {"", "", PrecisionMode::kForceFp32},
      {"force_fp32", "", PrecisionMode::kForceFp32},
      {"must_keep_origin_dtype", "", PrecisionMode::kMustKeepOriginDtype},
      {"allow_fp32_to_fp16", "", PrecisionMode::kForceFp32},
      {"allow_fp32_to_bf16", "", PrecisionMode::kForceFp32},
      {"force_fp16", "", PrecisionMode::kForceFp16},
      {"force_lowerprecision", "", PrecisionMode::kForceFp16},
      {"cube_fp16in_fp32out", "", PrecisionMode::kForceFp16},
      {"allow_mix_precision", "", PrecisionMode::kMixFp16},
      {"allow_mix_precision_fp16", "", PrecisionMode::kMixFp16},
      {"allow_mix_precision_bf16", "", PrecisionMode::kMixBf16},
      {"", "fp16", PrecisionMode::kForceFp16},
      {"", "origin", PrecisionMode::kMustKeepOriginDtype},
      {"", "cube_fp16in_fp32out", PrecisionMode::kForceFp16},
      {"", "mixed_float16", PrecisionMode::kMixFp16},
      {"", "mixed_bfloat16", PrecisionMode::kMixBf16},
  };
  for (const Case& c : cases) {
    auto m = ParsePrecisionMode(c.v1, c.v2);
    ASSERT_TRUE(m.ok()) << c.v1 << c.v2 << ": " << m.status().message();
    EXPECT_EQ(*m, c.want) << c.v1 << c.v2;
  }
  EXPECT_STREQ(RequestedPrecision(PrecisionMode::kForceFp32), "fp32");
  EXPECT_STREQ(RequestedPrecision(PrecisionMode::kMustKeepOriginDtype), "fp32");
  EXPECT_STREQ(RequestedPrecision(PrecisionMode::kForceFp16), "fp16");
  EXPECT_STREQ(RequestedPrecision(PrecisionMode::kMixFp16), "fp16");
  EXPECT_STREQ(RequestedPrecision(PrecisionMode::kMixBf16), "bf16");
}

TEST(PrecisionMode, BadValuesNameTheFlag) {
  auto bad = ParsePrecisionMode("allow_mix", "");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidParam);
  EXPECT_NE(bad.status().message().find("--precision_mode=allow_mix is not a precision mode"),
            std::string::npos)
      << bad.status().message();
  EXPECT_NE(bad.status().message().find("force_fp32"), std::string::npos);
  auto bad2 = ParsePrecisionMode("", "FP16");  // values are case-sensitive, as in ATC
  ASSERT_FALSE(bad2.ok());
  EXPECT_NE(bad2.status().message().find("--precision_mode_v2=FP16"), std::string::npos);
  auto both = ParsePrecisionMode("force_fp16", "fp16");
  ASSERT_FALSE(both.ok());
  EXPECT_NE(both.status().message().find("cannot both be given"), std::string::npos);
}

TEST(PrecisionMode, KeepDtypeFileSyntax) {
  auto e = ParseKeepDtype("# comment\n  conv1 \r\n\nOpType::MatMul\nfc/2\n", "k.cfg");
  ASSERT_TRUE(e.ok()) << e.status().message();
  ASSERT_EQ(e->size(), 3u);
  EXPECT_EQ((*e)[0].name, "conv1");
  EXPECT_EQ((*e)[0].line, 2);
  EXPECT_FALSE((*e)[0].is_op_type);
  EXPECT_EQ((*e)[1].name, "MatMul");
  EXPECT_TRUE((*e)[1].is_op_type);
  EXPECT_EQ((*e)[2].line, 5);
  auto empty_type = ParseKeepDtype("OpType::\n", "k.cfg");
  ASSERT_FALSE(empty_type.ok());
  EXPECT_NE(empty_type.status().message().find("k.cfg line 1"), std::string::npos);
  auto missing = ReadKeepDtypeFile("/nonexistent/keep.cfg");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("/nonexistent/keep.cfg"), std::string::npos);
}

// x[1,8,12,12] -> Conv 3x3 (+bias) -> Relu -> Conv 1x1 -> flatten (Reshape) -> MatMul -> Softmax.
std::unique_ptr<Graph> ConvMatMulGraph() {
  std::mt19937 rng(11);
  std::normal_distribution<float> nd(0.f, 0.2f);
  auto random = [&](Shape s) {
    std::vector<float> v(static_cast<size_t>(NumElements(s)));
    for (float& f : v) f = nd(rng);
    return Tensor::FromFloat(v, s);
  };
  auto g = std::make_unique<Graph>();
  g->opset = 13;
  Value* x = g->AddValue("x");
  x->dtype = DType::kFloat32;
  x->shape = {1, 8, 12, 12};
  x->has_shape = true;
  g->inputs.push_back(x);
  auto value = [&](const char* n) { return g->AddValue(n); };
  Value* a = value("a");
  Value* ar = value("ar");
  Value* b = value("b");
  Value* flat = value("flat");
  Value* logits = value("logits");
  Value* prob = value("prob");
  Node* c1 = g->AddNode(
      "Conv", {x, g->AddConstant("w1", random({16, 8, 3, 3})), g->AddConstant("b1", random({16}))},
      {a}, "conv1");
  c1->attrs.set("pads", Attribute::Ints({1, 1, 1, 1}));
  g->AddNode("Relu", {a}, {ar}, "relu");
  g->AddNode("Conv", {ar, g->AddConstant("w2", random({16, 16, 1, 1}))}, {b}, "conv2");
  g->AddNode("Reshape", {b, g->AddConstant("shape", Tensor::FromInt64({1, -1}, {2}))}, {flat},
             "flatten");
  g->AddNode("MatMul", {flat, g->AddConstant("w3", random({16 * 12 * 12, 10}))}, {logits}, "fc");
  Node* sm = g->AddNode("Softmax", {logits}, {prob}, "softmax");
  sm->attrs.set("axis", Attribute::Int(1));
  g->outputs.push_back(prob);
  g->outputs.push_back(logits);
  return g;
}

CompileOptions WithMode(PrecisionMode mode, std::vector<KeepDtypeEntry> keep = {}) {
  CompileOptions o;
  o.precision.mode = mode;
  o.precision.keep_dtype = std::move(keep);
  o.precision.keep_dtype_file = "keep.cfg";
  return o;
}

std::map<std::string, std::string> Requests(const CompiledModel& m) {
  std::map<std::string, std::string> out;
  for (const auto& n : m.graph->nodes())
    if (n->attrs.has(onednn::kPrecisionAttr))
      out[n->name] = n->attrs.get_string(onednn::kPrecisionAttr);
  return out;
}

TEST(PrecisionMode, CompilerMarksOnlyConvAndMatMulNodes) {
  auto fp32 = CompileGraph(ConvMatMulGraph(), WithMode(PrecisionMode::kForceFp32));
  ASSERT_TRUE(fp32.ok()) << fp32.status().message();
  EXPECT_TRUE(Requests(*fp32).empty());  // default .om files carry no precision attribute
  auto mix = CompileGraph(ConvMatMulGraph(), WithMode(PrecisionMode::kMixFp16));
  ASSERT_TRUE(mix.ok()) << mix.status().message();
  std::map<std::string, std::string> want = {{"conv1", "fp16"}, {"conv2", "fp16"}, {"fc", "fp16"}};
  EXPECT_EQ(Requests(*mix), want);  // not Softmax, Relu, Reshape
  auto keep =
      CompileGraph(ConvMatMulGraph(), WithMode(PrecisionMode::kMixBf16, {{"conv2", false, 1}}));
  ASSERT_TRUE(keep.ok()) << keep.status().message();
  want = {{"conv1", "bf16"}, {"conv2", "fp32"}, {"fc", "bf16"}};
  EXPECT_EQ(Requests(*keep), want);
  auto by_type =
      CompileGraph(ConvMatMulGraph(), WithMode(PrecisionMode::kMixBf16, {{"MatMulV2", true, 1}}));
  ASSERT_TRUE(by_type.ok()) << by_type.status().message();
  EXPECT_EQ(Requests(*by_type)["fc"], "fp32");  // ATC's type name maps to ONNX MatMul
  auto unknown =
      CompileGraph(ConvMatMulGraph(), WithMode(PrecisionMode::kMixBf16, {{"conv9", false, 3}}));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().message(),
            "--keep_dtype file keep.cfg line 3: no node named 'conv9' in the model");
}

struct Outputs {
  std::vector<float> prob, logits;
};

Outputs LoadAndRun(CompiledModel model) {
  auto loaded = engine::LoadedModel::Create(std::move(model), engine::ModelMemory(), "test");
  EXPECT_TRUE(loaded.ok()) << loaded.status().message();
  Outputs o;
  if (!loaded.ok()) return o;
  std::vector<float> in(8 * 12 * 12);
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> u(-1.f, 1.f);
  for (float& v : in) v = u(rng);
  o.prob.assign(10, 0.f);
  o.logits.assign(10, 0.f);
  const void* ins[] = {in.data()};
  void* outs[] = {o.prob.data(), o.logits.data()};
  size_t in_size = in.size() * 4, out_sizes[] = {40, 40};
  Status st = (*loaded)->Execute(ins, &in_size, 1, outs, out_sizes, 2);
  EXPECT_TRUE(st.ok()) << st.message();
  return o;
}

float RelErr(const std::vector<float>& got, const std::vector<float>& ref) {
  float diff = 0, scale = 0;
  for (size_t i = 0; i < ref.size(); ++i) {
    diff = std::max(diff, std::fabs(got[i] - ref[i]));
    scale = std::max(scale, std::fabs(ref[i]));
  }
  return diff / scale;
}

class EnvGuard {
 public:
  explicit EnvGuard(const char* value) { setenv("OPENACL_DISABLE_BF16", value, 1); }
  ~EnvGuard() { unsetenv("OPENACL_DISABLE_BF16"); }
};

TEST(PrecisionMode, Bf16RunsWithinToleranceAndTheFallbackMatchesFp32Exactly) {
  auto fp32 = CompileGraph(ConvMatMulGraph(), CompileOptions());
  ASSERT_TRUE(fp32.ok());
  Outputs ref = LoadAndRun(std::move(fp32).value());
  ASSERT_EQ(ref.logits.size(), 10u);

  auto bf16 = CompileGraph(ConvMatMulGraph(), WithMode(PrecisionMode::kMixBf16));
  ASSERT_TRUE(bf16.ok());
  Outputs got = LoadAndRun(std::move(bf16).value());
  ASSERT_EQ(got.logits.size(), 10u);
  EXPECT_LT(RelErr(got.logits, ref.logits), 2e-2f);
  EXPECT_LT(RelErr(got.prob, ref.prob), 2e-2f);
  if (onednn::CpuHasBf16())  // bf16 really ran: not bit-equal to fp32
    EXPECT_GT(RelErr(got.logits, ref.logits), 0.f);

  EnvGuard disable("1");
  EXPECT_FALSE(onednn::Bf16AllowedByEnvironment());
  auto forced = CompileGraph(ConvMatMulGraph(), WithMode(PrecisionMode::kMixFp16));
  ASSERT_TRUE(forced.ok());
  Outputs same = LoadAndRun(std::move(forced).value());
  EXPECT_EQ(same.logits, ref.logits);
  EXPECT_EQ(same.prob, ref.prob);
}

TEST(PrecisionMode, KeptNodesRunExactlyAsFp32) {
  auto fp32 = CompileGraph(ConvMatMulGraph(), CompileOptions());
  ASSERT_TRUE(fp32.ok());
  Outputs ref = LoadAndRun(std::move(fp32).value());
  auto kept = CompileGraph(
      ConvMatMulGraph(), WithMode(PrecisionMode::kMixBf16, {{"Conv", true, 1}, {"fc", false, 2}}));
  ASSERT_TRUE(kept.ok()) << kept.status().message();
  Outputs got = LoadAndRun(std::move(kept).value());
  EXPECT_EQ(got.logits, ref.logits);
}

TEST(PrecisionMode, EnvironmentSwitch) {
  unsetenv("OPENACL_DISABLE_BF16");
  EXPECT_TRUE(onednn::Bf16AllowedByEnvironment());
  {
    EnvGuard zero("0");
    EXPECT_TRUE(onednn::Bf16AllowedByEnvironment());
  }
  {
    EnvGuard one("1");
    EXPECT_FALSE(onednn::Bf16AllowedByEnvironment());
  }
}

}  // namespace
}  // namespace openacl
