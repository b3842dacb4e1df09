#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>

#include "format/om_header.h"
#include "format/om_json.h"
#include "format/om_reader.h"
#include "format/om_writer.h"
#include "om_test_util.h"

namespace openacl {
namespace {

using testing_om::ExpectSameModel;
using testing_om::SampleModel;

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "/om_" + std::to_string(getpid()) + "_" + name;
}

// Constants placed in the weight section must alias the model's weight blob, not copies.
void ExpectWeightsAliased(const CompiledModel& m) {
  ASSERT_TRUE(m.weights);
  const uint8_t* lo = m.weights.get();
  for (const auto& v : m.graph->values()) {
    if (!v->constant || m.plan.at(v.get()).placement != Placement::kWeight) continue;
    const uint8_t* p = static_cast<const uint8_t*>(v->constant->data());
    EXPECT_EQ(p, lo + m.plan.at(v.get()).offset) << v->name;
  }
  EXPECT_EQ(reinterpret_cast<uintptr_t>(lo) % kOmAlignment, 0u);
}

TEST(OmRoundTrip, MemoryBorrowedAndCopied) {
  CompiledModel src = SampleModel();
  auto bytes = SerializeOm(src);
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  EXPECT_EQ(0, std::memcmp(bytes->data(), kOmMagic, 8));
  EXPECT_EQ(bytes->size() % kOmAlignment, 0u);  // weight_size 128 on a 64-aligned offset

  // A std::vector is not 64-aligned in general: copy into an aligned buffer to test borrowing.
  std::unique_ptr<uint8_t[], void (*)(void*)> aligned(
      static_cast<uint8_t*>(std::aligned_alloc(64, bytes->size())), std::free);
  std::memcpy(aligned.get(), bytes->data(), bytes->size());
  auto borrowed = ReadOmMemory(aligned.get(), bytes->size(), /*copy=*/false);
  ASSERT_TRUE(borrowed.ok()) << borrowed.status().message();
  ExpectSameModel(src, *borrowed);
  ExpectWeightsAliased(*borrowed);
  EXPECT_GE(borrowed->weights.get(), aligned.get());
  EXPECT_LT(borrowed->weights.get(), aligned.get() + bytes->size());

  auto copied = ReadOmMemory(bytes->data(), bytes->size(), /*copy=*/true);
  ASSERT_TRUE(copied.ok()) << copied.status().message();
  bytes->assign(bytes->size(), 0);  // the copy owns its data
  ExpectSameModel(src, *copied);
  ExpectWeightsAliased(*copied);
  EXPECT_FLOAT_EQ(copied->graph->FindValue("w")->constant->data_as<float>()[2], 3.25f);
  EXPECT_EQ(copied->graph->FindValue("b")->constant->data_as<int64_t>()[1], -9);
}

TEST(OmRoundTrip, FileIsMappedAndOutlivesTheModelObject) {
  CompiledModel src = SampleModel();
  const std::string path = TempPath("file.om");
  ASSERT_TRUE(WriteOm(src, path).ok());
  auto serialized = SerializeOm(src);
  ASSERT_TRUE(serialized.ok());
  std::ifstream in(path, std::ios::binary);
  std::vector<uint8_t> on_disk((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
  EXPECT_EQ(on_disk, *serialized);

  Tensor w;
  {
    auto m = ReadOmFile(path);
    ASSERT_TRUE(m.ok()) << m.status().message();
    ExpectSameModel(src, *m);
    ExpectWeightsAliased(*m);
    w = *m->graph->FindValue("w")->constant;
  }
  // The mapping stays alive through the tensor's shared storage.
  EXPECT_FLOAT_EQ(w.data_as<float>()[0], 1.5f);
  std::remove(path.c_str());
}

TEST(OmRoundTrip, ReserializingALoadedModelIsByteIdentical) {
  auto first = SerializeOm(SampleModel());
  ASSERT_TRUE(first.ok());
  auto loaded = ReadOmMemory(first->data(), first->size(), true);
  ASSERT_TRUE(loaded.ok());
  auto second = SerializeOm(*loaded);  // borrows loaded->weights
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_EQ(*first, *second);
}

TEST(OmRoundTrip, WeightSectionIsSizedFromThePlanWhenUnset) {
  CompiledModel src = SampleModel();
  src.weight_size = 0;
  auto bytes = SerializeOm(src);
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  auto m = ReadOmMemory(bytes->data(), bytes->size(), true);
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->weight_size, 128u);  // b ends at 80, aligned up to 64
}

TEST(OmRoundTrip, SingleOpAndEmptyModel) {
  CompiledModel src;
  src.graph = std::make_unique<Graph>();
  src.is_single_op = true;
  src.single_op = {"Cast", "{\"op\": \"Cast\"}"};
  auto bytes = SerializeOm(src);
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  auto m = ReadOmMemory(bytes->data(), bytes->size(), true);
  ASSERT_TRUE(m.ok()) << m.status().message();
  ExpectSameModel(src, *m);
}

TEST(OmRoundTrip, PeekReadsSummaryWithoutWeights) {
  CompiledModel src = SampleModel();
  const std::string path = TempPath("peek.om");
  ASSERT_TRUE(WriteOm(src, path).ok());
  auto s = PeekOm(path);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->major_version, kOmMajorVersion);
  EXPECT_EQ(s->arena_size, 256u);
  EXPECT_EQ(s->weight_size, 128u);
  EXPECT_EQ(s->num_nodes, 3u);
  EXPECT_EQ(s->num_values, 8u);
  ASSERT_EQ(s->inputs.size(), 1u);
  EXPECT_EQ(s->inputs[0].name, "x");
  EXPECT_EQ(s->inputs[0].format, IOFormat::kNCHW);
  EXPECT_EQ(s->inputs[0].shape, (Shape{1, 3, 4, 4}));
  ASSERT_EQ(s->outputs.size(), 1u);
  EXPECT_EQ(s->outputs[0].nbytes, 192u);
  EXPECT_EQ(s->options.at("soc_version"), "Ascend310");

  // Peek does not read the weights: a damaged weight section still peeks, but does not load.
  std::vector<uint8_t> bytes = SerializeOm(src).value();
  bytes[bytes.size() - 100] ^= 0x55;
  EXPECT_TRUE(PeekOmMemory(bytes.data(), bytes.size()).ok());
  auto loaded = ReadOmMemory(bytes.data(), bytes.size(), true);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find("checksum mismatch (file corrupted)"),
            std::string::npos);
  std::remove(path.c_str());
}

TEST(OmRoundTrip, JsonDumpNamesEverything) {
  CompiledModel src = SampleModel();
  std::string json = CompiledModelToJson(src);
  for (const char* want :
       {"\"custom\"", "\"com.example\"", "\"alias_of\": \"t\"", "\"onednn_binary\"",
        "\"placement\": \"weight\"", "\"hello \\\"om\\\"\\n\"", "\"soc_version\"",
        "\"format\": \"NCHW\"", "\"arena_size\": 256"})
    EXPECT_NE(json.find(want), std::string::npos) << want << "\n" << json;
}

TEST(OmWriter, RejectsWhatCannotBeStored) {
  {
    CompiledModel m = SampleModel();
    Attribute g;
    g.kind = Attribute::Kind::kGraph;
    m.graph->nodes()[2]->attrs.set("then_branch", g);
    auto r = SerializeOm(m);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("then_branch"), std::string::npos) << r.status().message();
    EXPECT_NE(r.status().message().find("custom"), std::string::npos);
  }
  {
    CompiledModel m = SampleModel();
    m.weight_size = 64;  // b lives at 64..80
    auto r = SerializeOm(m);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("weight_size"), std::string::npos) << r.status().message();
  }
  {
    CompiledModel m = SampleModel();
    m.kernels.pop_back();
    EXPECT_FALSE(SerializeOm(m).ok());
  }
  {
    CompiledModel m = SampleModel();
    EXPECT_EQ(WriteOm(m, "/nonexistent-dir/x.om").code(), StatusCode::kWriteFile);
  }
}

}  // namespace
}  // namespace openacl
