// End-to-end over the engine: hand-built graph -> CompileGraph -> engine::LoadedModel -> Execute.
#include <gtest/gtest.h>

#include <cstring>
#include <thread>

#include "compiler/compiler.h"
#include "engine/loaded_model.h"

namespace openacl {
namespace {

std::unique_ptr<Graph> ReluAddGraph() {
  auto g = std::make_unique<Graph>();
  g->opset = 17;
  Value* x = g->AddValue("x");
  x->dtype = DType::kFloat32;
  x->shape = {2, 4};
  x->has_shape = true;
  g->inputs.push_back(x);
  Value* bias = g->AddConstant("bias", Tensor::FromFloat({1, 2, 3, 4}, {4}));
  Value* r = g->AddValue("r");
  Value* y = g->AddValue("y");
  g->AddNode("Relu", {x}, {r});
  g->AddNode("Add", {r, bias}, {y});
  g->outputs.push_back(y);
  return g;
}

TEST(CompileExecute, ReluAdd) {
  auto model = CompileGraph(ReluAddGraph(), CompileOptions());
  ASSERT_TRUE(model.ok()) << model.status().message();
  EXPECT_EQ(model->inputs.size(), 1u);
  EXPECT_EQ(model->outputs[0].nbytes, 32u);
  auto loaded = engine::LoadedModel::Create(std::move(model).value(), engine::ModelMemory(), "test");
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  float in[8] = {-1, 1, -2, 2, 0, 5, -5, 3}, out[8] = {};
  const void* ins[] = {in};
  void* outs[] = {out};
  size_t in_size = sizeof(in), out_size = sizeof(out);
  Status st = (*loaded)->Execute(ins, &in_size, 1, outs, &out_size, 1);
  ASSERT_TRUE(st.ok()) << st.message();
  float expected[8] = {1, 3, 3, 6, 1, 7, 3, 7};
  for (int i = 0; i < 8; ++i) EXPECT_FLOAT_EQ(out[i], expected[i]) << i;
}

TEST(CompileExecute, ConcurrentExecutions) {
  auto model = CompileGraph(ReluAddGraph(), CompileOptions());
  ASSERT_TRUE(model.ok());
  auto loaded = engine::LoadedModel::Create(std::move(model).value(), engine::ModelMemory(), "test");
  ASSERT_TRUE(loaded.ok());
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int it = 0; it < 200; ++it) {
        float in[8], out[8];
        for (int i = 0; i < 8; ++i) in[i] = static_cast<float>(t * 10 + i);
        const void* ins[] = {in};
        void* outs[] = {out};
        size_t s = sizeof(in);
        if (!(*loaded)->Execute(ins, &s, 1, outs, &s, 1).ok()) ++failures;
        for (int i = 0; i < 8; ++i)
          if (out[i] != in[i] + static_cast<float>(i % 4 + 1)) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST(CompileExecute, WrongSizesRejected) {
  auto model = CompileGraph(ReluAddGraph(), CompileOptions());
  ASSERT_TRUE(model.ok());
  auto loaded = engine::LoadedModel::Create(std::move(model).value(), engine::ModelMemory(), "test");
  ASSERT_TRUE(loaded.ok());
  float in[8] = {}, out[8] = {};
  const void* ins[] = {in};
  void* outs[] = {out};
  size_t small = 16, ok = 32;
  Status st = (*loaded)->Execute(ins, &small, 1, outs, &ok, 1);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("input 0"), std::string::npos) << st.message();
}

TEST(CompileExecute, DynamicInputNeedsShape) {
  auto g = ReluAddGraph();
  g->inputs[0]->shape = {-1, 4};
  auto model = CompileGraph(std::move(g), CompileOptions());
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.status().message().find("--input_shape"), std::string::npos);
}

TEST(CompileExecute, UnsupportedOpNamed) {
  auto g = ReluAddGraph();
  Value* z = g->AddValue("z");
  g->AddNode("NoSuchOp", {g->outputs[0]}, {z}, "weird");
  g->outputs[0] = z;
  auto model = CompileGraph(std::move(g), CompileOptions());
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.status().message().find("weird"), std::string::npos);
  EXPECT_NE(model.status().message().find("NoSuchOp"), std::string::npos);
}

}  // namespace
}  // namespace openacl
