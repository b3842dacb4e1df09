// compile -> .om -> read back -> execute gives the same outputs as executing the compiled model
// directly (format/ against the real compiler and runtime). Lives beside atc because it needs
// the whole engine, which format_tests deliberately does not link.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <vector>

#include "compiler/compiler.h"
#include "format/om_reader.h"
#include "format/om_writer.h"
#include "engine/loaded_model.h"

namespace openacl {
namespace {

// x[2,4] -> Relu -> Add(bias) -> Reshape([4,2]) -> Mul(scale) -> y
std::unique_ptr<Graph> SmallGraph() {
  auto g = std::make_unique<Graph>();
  g->opset = 17;
  Value* x = g->AddValue("x");
  x->dtype = DType::kFloat32;
  x->shape = {2, 4};
  x->has_shape = true;
  g->inputs.push_back(x);
  Value* bias = g->AddConstant("bias", Tensor::FromFloat({1, 2, 3, 4}, {4}));
  Value* shape = g->AddConstant("shape", Tensor::FromInt64({4, 2}, {2}));
  Value* scale = g->AddConstant("scale", Tensor::FromFloat({0.5f, -2.0f}, {2}));
  Value* r = g->AddValue("r");
  Value* a = g->AddValue("a");
  Value* s = g->AddValue("s");
  Value* y = g->AddValue("y");
  g->AddNode("Relu", {x}, {r});
  g->AddNode("Add", {r, bias}, {a});
  g->AddNode("Reshape", {a, shape}, {s});
  g->AddNode("Mul", {s, scale}, {y});
  g->outputs.push_back(y);
  return g;
}

std::vector<float> Execute(CompiledModel model) {
  auto loaded = engine::LoadedModel::Create(std::move(model), engine::ModelMemory(), "test");
  EXPECT_TRUE(loaded.ok()) << loaded.status().message();
  if (!loaded.ok()) return {};
  float in[8] = {-1, 1, -2, 2, 0, 5, -5, 3};
  std::vector<float> out(8, 0.0f);
  const void* ins[] = {in};
  void* outs[] = {out.data()};
  size_t in_size = sizeof(in), out_size = out.size() * sizeof(float);
  Status st = (*loaded)->Execute(ins, &in_size, 1, outs, &out_size, 1);
  EXPECT_TRUE(st.ok()) << st.message();
  return out;
}

TEST(OmLoad, ExecutesLikeTheCompiledModel) {
  auto direct = CompileGraph(SmallGraph(), CompileOptions());
  ASSERT_TRUE(direct.ok()) << direct.status().message();
  auto bytes = SerializeOm(*direct);
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  std::vector<float> expected = Execute(std::move(direct).value());
  ASSERT_EQ(expected.size(), 8u);
  EXPECT_FLOAT_EQ(expected[1], -6.0f);  // (1 + 2) * -2

  auto from_memory = ReadOmMemory(bytes->data(), bytes->size(), /*copy=*/true);
  ASSERT_TRUE(from_memory.ok()) << from_memory.status().message();
  EXPECT_EQ(Execute(std::move(from_memory).value()), expected);

  const std::string path = ::testing::TempDir() + "/om_load_" + std::to_string(getpid()) + ".om";
  {
    auto again = CompileGraph(SmallGraph(), CompileOptions());
    ASSERT_TRUE(again.ok());
    ASSERT_TRUE(WriteOm(*again, path).ok());
  }
  auto from_file = ReadOmFile(path);
  ASSERT_TRUE(from_file.ok()) << from_file.status().message();
  EXPECT_EQ(Execute(std::move(from_file).value()), expected);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace openacl
