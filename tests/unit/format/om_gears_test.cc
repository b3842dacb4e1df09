// Gear models in the .om (format 1.1): one plan per gear over one weight section; round trip and
// the checks that keep a hostile gear table from reaching past the app's buffers.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <functional>

#include "format/om_header.h"
#include "format/om_reader.h"
#include "format/om_writer.h"
#include "om_test_util.h"

namespace openacl {
namespace {

using testing_om::SampleModel;

// The sample's weights as one blob at their planned offsets (what the gear compiler produces).
std::shared_ptr<const uint8_t> SampleBlob(const CompiledModel& m) {
  uint8_t* raw = static_cast<uint8_t*>(std::aligned_alloc(64, m.weight_size));
  std::memset(raw, 0, m.weight_size);
  for (const auto& [v, p] : m.plan)
    if (p.placement == Placement::kWeight) std::memcpy(raw + p.offset, v->constant->data(), v->nbytes());
  return std::shared_ptr<const uint8_t>(raw, [](const uint8_t* q) { std::free(const_cast<uint8_t*>(q)); });
}

// Two gears (batch 1 and 2) whose plans are both the sample (shapes do not matter here).
CompiledModel GearModel() {
  CompiledModel m;
  m.graph = std::make_unique<Graph>();
  m.gear_kind = GearKind::kBatch;
  m.gear_values = {{1}, {2}};
  for (int g = 0; g < 2; ++g) m.gears.push_back(SampleModel());
  m.weight_size = m.gears[0].weight_size;
  m.weights = SampleBlob(m.gears[0]);
  for (CompiledModel& p : m.gears) p.weights = m.weights;
  m.inputs = m.gears[0].inputs;
  m.inputs[0].shape[0] = -1;
  m.inputs.push_back({kGearInputName, DType::kInt32, {1}, IOFormat::kND, 4});
  m.outputs = m.gears[0].outputs;
  m.arena_size = m.gears[0].arena_size;
  return m;
}

Result<CompiledModel> RoundTrip(const CompiledModel& m) {
  auto image = SerializeOm(m);
  if (!image.ok()) return image.status();
  return ReadOmMemory(image->data(), image->size(), /*copy=*/true);
}

TEST(OmGears, RoundTripKeepsEveryPlanOverOneWeightSection) {
  CompiledModel m = GearModel();
  auto image = SerializeOm(m);
  ASSERT_TRUE(image.ok()) << image.status().message();
  // One weight section, not one per gear.
  auto single = SerializeOm(SampleModel());
  ASSERT_TRUE(single.ok());
  uint64_t weight_size = 0;
  std::memcpy(&weight_size, image->data() + 40, 8);
  EXPECT_EQ(weight_size, m.weight_size);
  uint16_t minor = 0;
  std::memcpy(&minor, image->data() + 10, 2);
  EXPECT_EQ(minor, kOmMinorVersion);

  auto back = ReadOmMemory(image->data(), image->size(), /*copy=*/true);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->gear_kind, GearKind::kBatch);
  EXPECT_EQ(back->gear_values, m.gear_values);
  ASSERT_EQ(back->gears.size(), 2u);
  for (const CompiledModel& plan : back->gears) {
    testing_om::ExpectSameModel(m.gears[0], plan);
    EXPECT_EQ(plan.weights.get(), back->weights.get());  // every plan reads the one section
  }
  ASSERT_EQ(back->inputs.size(), 2u);
  EXPECT_EQ(back->inputs[1].name, kGearInputName);
  EXPECT_EQ(back->inputs[0].shape[0], -1);

  auto summary = PeekOmMemory(image->data(), image->size());
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  EXPECT_EQ(summary->arena_size, m.arena_size);
}

TEST(OmGears, ModelsWithoutGearsStayReadable) {
  auto back = RoundTrip(SampleModel());
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_FALSE(back->has_gears());
  // A 1.0 file (written before gears existed) has the same layout: only the minor differs.
  auto image = SerializeOm(SampleModel());
  ASSERT_TRUE(image.ok());
  (*image)[10] = 0;
  (*image)[11] = 0;
  testing_om::FixChecksums(&*image);
  auto old = ReadOmMemory(image->data(), image->size(), true);
  EXPECT_TRUE(old.ok()) << old.status().message();
}

TEST(OmGears, HostileGearTablesAreRejectedByName) {
  struct Case {
    const char* name;
    std::function<void(CompiledModel*)> edit;
    const char* expected;
  };
  const std::vector<Case> cases = {
      {"plan input larger than the description",
       [](CompiledModel* m) { m->inputs[0].nbytes = 100; }, "more than the model's description"},
      {"plan output larger than the description",
       [](CompiledModel* m) {
         m->outputs[0].shape = {-1, 48};
         m->outputs[0].nbytes = 8;
       },
       "more than the model's description"},
      {"plan arena larger", [](CompiledModel* m) { m->arena_size = 16; }, "work bytes"},
      {"gear input missing", [](CompiledModel* m) { m->inputs.pop_back(); }, "inputs"},
      {"gear input of the wrong type",
       [](CompiledModel* m) { m->inputs.back().dtype = DType::kFloat32; }, "ascend_mbatch_shape_data"},
      {"repeated gear", [](CompiledModel* m) { m->gear_values[1] = {1}; }, "repeats"},
      {"non-positive gear", [](CompiledModel* m) { m->gear_values[1] = {0}; }, "bad value"},
      {"two values for a batch gear", [](CompiledModel* m) { m->gear_values[1] = {2, 2}; },
       "expected 1"},
  };
  for (const Case& c : cases) {
    CompiledModel m = GearModel();
    c.edit(&m);
    auto back = RoundTrip(m);
    ASSERT_FALSE(back.ok()) << c.name;
    EXPECT_EQ(back.status().code(), StatusCode::kDeserializeModel) << c.name;
    EXPECT_NE(back.status().message().find(c.expected), std::string::npos)
        << c.name << ": " << back.status().message();
  }
  // A gear model's top graph is empty: nodes there are refused.
  CompiledModel m = GearModel();
  Value* v = m.graph->AddValue("v");
  m.graph->AddNode("Relu", {v}, {v});
  m.kernels = {""};
  auto back = RoundTrip(m);
  ASSERT_FALSE(back.ok());
  EXPECT_NE(back.status().message().find("top graph must be empty"), std::string::npos)
      << back.status().message();
}

}  // namespace
}  // namespace openacl
