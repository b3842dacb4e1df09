// Hostile and damaged .om files: every one must give an error Status (or, for edits that keep
// the file meaningful, a model whose every byte can be touched safely), never a crash. Run under
// ASan/UBSan (OPENACL_SANITIZE=ON) to catch out-of-bounds reads.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>

#include "format/om_header.h"
#include "format/om_json.h"
#include "format/om_reader.h"
#include "format/om_writer.h"
#include "om_test_util.h"

namespace openacl {
namespace {

using testing_om::FixChecksums;
using testing_om::SampleModel;

std::vector<uint8_t> SampleBytes() { return SerializeOm(SampleModel()).value(); }

// Touches everything a runtime would: constants' bytes, attributes, JSON, re-serialization.
void Exercise(const CompiledModel& m) {
  uint64_t sum = 0;
  for (const auto& v : m.graph->values())
    if (v->constant && v->constant->data())
      for (size_t i = 0; i < v->constant->nbytes(); ++i) sum += v->constant->data_as<uint8_t>()[i];
  for (const auto& n : m.graph->nodes())
    for (const auto& [k, a] : n->attrs.all())
      if (a.kind == Attribute::Kind::kTensor && a.t.data())
        for (size_t i = 0; i < a.t.nbytes(); ++i) sum += a.t.data_as<uint8_t>()[i];
  EXPECT_FALSE(CompiledModelToJson(m).empty());
  (void)SerializeOm(m);
  (void)sum;
}

Status Load(const std::vector<uint8_t>& bytes) {
  static const uint8_t kEmpty = 0;
  auto m = ReadOmMemory(bytes.empty() ? &kEmpty : bytes.data(), bytes.size(), /*copy=*/true);
  if (m.ok()) Exercise(*m);
  return m.status();
}

std::string Message(const std::vector<uint8_t>& bytes) { return Load(bytes).message(); }

TEST(OmCorruption, TruncationAtEveryLengthFails) {
  std::vector<uint8_t> full = SampleBytes();
  for (size_t len = 0; len < full.size(); ++len) {
    std::vector<uint8_t> cut(full.begin(), full.begin() + len);
    Status st = Load(cut);
    ASSERT_FALSE(st.ok()) << "length " << len;
    EXPECT_EQ(st.code(), StatusCode::kDeserializeModel) << len << ": " << st.message();
    EXPECT_FALSE(PeekOmMemory(cut.empty() ? full.data() : cut.data(), cut.size()).ok()) << len;
  }
}

TEST(OmCorruption, TruncatedFilesFailWithThePath) {
  std::vector<uint8_t> full = SampleBytes();
  const std::string path = ::testing::TempDir() + "/om_trunc_" + std::to_string(getpid()) + ".om";
  for (size_t len : {size_t{0}, size_t{5}, size_t{63}, size_t{64}, size_t{200}, full.size() - 1}) {
    {
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      out.write(reinterpret_cast<const char*>(full.data()), static_cast<std::streamsize>(len));
    }
    auto m = ReadOmFile(path);
    ASSERT_FALSE(m.ok()) << len;
    EXPECT_NE(m.status().message().find(path), std::string::npos) << m.status().message();
    EXPECT_FALSE(PeekOm(path).ok()) << len;
  }
  std::remove(path.c_str());
  auto missing = ReadOmFile(path);
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidFile);
  EXPECT_NE(missing.status().message().find(path), std::string::npos);
}

TEST(OmCorruption, EveryFlippedByteIsDetected) {
  std::vector<uint8_t> full = SampleBytes();
  for (size_t at = 0; at < full.size(); ++at) {
    for (uint8_t mask : {0x01, 0x80, 0xff}) {
      std::vector<uint8_t> bad = full;
      bad[at] ^= mask;
      Status st = Load(bad);
      ASSERT_FALSE(st.ok()) << "offset " << at << " mask " << int(mask);
    }
  }
}

TEST(OmCorruption, ChecksummedRandomEditsNeverCrash) {
  // Edits with repaired checksums reach the flatbuffers verifier and the decoder's checks.
  std::vector<uint8_t> full = SampleBytes();
  std::mt19937 rng(12345);
  int rejected = 0;
  const int kTrials = 6000;
  for (int trial = 0; trial < kTrials; ++trial) {
    std::vector<uint8_t> bad = full;
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      size_t at = kOmHeaderSize + rng() % (full.size() - kOmHeaderSize);
      switch (rng() % 3) {
        case 0:
          bad[at] ^= static_cast<uint8_t>(1u << (rng() % 8));
          break;
        case 1:
          bad[at] = static_cast<uint8_t>(rng());
          break;
        default:
          bad[at] = (rng() % 2) ? 0xff : 0x00;
          break;
      }
    }
    FixChecksums(&bad);
    if (!Load(bad).ok()) ++rejected;
    (void)PeekOmMemory(bad.data(), bad.size());
  }
  EXPECT_GT(rejected, kTrials / 10);  // the checks are doing something
}

TEST(OmCorruption, EveryMetadataByteFlippedWithChecksumRepaired) {
  std::vector<uint8_t> full = SampleBytes();
  uint64_t weight_offset;
  std::memcpy(&weight_offset, &full[32], 8);
  for (size_t at = kOmHeaderSize; at < weight_offset; ++at) {
    for (uint8_t v : {uint8_t{0x00}, uint8_t{0xff}, uint8_t{0x7f}, uint8_t{0x80}}) {
      std::vector<uint8_t> bad = full;
      if (bad[at] == v) continue;
      bad[at] = v;
      FixChecksums(&bad);
      (void)Load(bad);
    }
  }
}

TEST(OmCorruption, HeaderErrorsAreSpecific) {
  std::vector<uint8_t> full = SampleBytes();
  {
    std::vector<uint8_t> bad = full;
    bad[0] = 'X';
    Status st = Load(bad);
    EXPECT_EQ(st.code(), StatusCode::kDeserializeModel);
    EXPECT_NE(st.message().find("not an openacl .om file"), std::string::npos) << st.message();
  }
  {
    std::vector<uint8_t> bad = full;
    bad[8] = static_cast<uint8_t>(kOmMajorVersion + 1);
    Status st = Load(bad);
    EXPECT_EQ(st.code(), StatusCode::kUnsupportedVersion);
    const std::string minor = "." + std::to_string(kOmMinorVersion);
    EXPECT_NE(st.message().find(std::to_string(kOmMajorVersion + 1) + minor), std::string::npos)
        << st.message();
    EXPECT_NE(st.message().find(std::to_string(kOmMajorVersion) + minor), std::string::npos)
        << st.message();
  }
  {
    std::vector<uint8_t> bad = full;
    bad[kOmHeaderSize + 9] ^= 1;
    Status st = Load(bad);
    EXPECT_EQ(st.code(), StatusCode::kDeserializeModel);
    EXPECT_NE(st.message().find("checksum mismatch (file corrupted)"), std::string::npos);
  }
  {
    std::vector<uint8_t> bad = full;
    bad.push_back(0);
    EXPECT_NE(Message(bad).find("does not match the header"), std::string::npos) << Message(bad);
  }
  {
    // A newer minor version of the same major version stays readable.
    std::vector<uint8_t> newer = full;
    newer[10] = 7;
    FixChecksums(&newer);
    EXPECT_TRUE(Load(newer).ok()) << Message(newer);
  }
}

// Plans that a buggy or hostile writer could produce, each rejected by name.
struct BadPlanCase {
  const char* name;
  void (*edit)(CompiledModel*);
  const char* expect;
};

Value* V(CompiledModel* m, const char* name) { return m->graph->FindValue(name); }

const BadPlanCase kBadPlans[] = {
    {"arena overflow", [](CompiledModel* m) { m->plan[V(m, "t")].offset = 128; },
     "exceeds the arena"},
    {"arena huge offset", [](CompiledModel* m) { m->plan[V(m, "t")].offset = ~uint64_t{0} - 8; },
     "exceeds the arena"},
    {"plan too small", [](CompiledModel* m) { m->plan[V(m, "t")].nbytes = 100; }, "planned bytes"},
    {"input index", [](CompiledModel* m) { m->plan[V(m, "x")].index = 1; }, "io index 1"},
    {"output index", [](CompiledModel* m) { m->plan[V(m, "y")].index = -3; }, "io index -3"},
    {"alias out of range", [](CompiledModel* m) { m->plan[V(m, "r")].index = 99; }, "alias target"},
    {"alias self", [](CompiledModel* m) { m->plan[V(m, "r")].index = 6; }, "alias target"},
    {"alias cycle",
     [](CompiledModel* m) {
       m->plan[V(m, "t")] = {Placement::kAlias, 0, 6, 192};
     },
     "cycle"},
    {"alias larger than target",
     [](CompiledModel* m) {
       m->plan[V(m, "t")].nbytes = 192;
       m->plan[V(m, "r")].nbytes = 256;
     },
     "alias of 256"},
    {"alias of a weight", [](CompiledModel* m) { m->plan[V(m, "r")].index = 1; },
     "not in the arena"},
    {"output into weights",
     [](CompiledModel* m) {
       static uint8_t blob[384] = {};
       m->weights = std::shared_ptr<const uint8_t>(blob, [](const uint8_t*) {});
       m->weight_size = sizeof(blob);
       m->plan[V(m, "y")] = {Placement::kWeight, 128, -1, 192};
     },
     "writes into constant"},
    {"unknown dtype", [](CompiledModel* m) { V(m, "t")->dtype = static_cast<DType>(14); },
     "unknown dtype 14"},
    {"dynamic arena value",
     [](CompiledModel* m) {
       V(m, "t")->shape = {1, -1};
     },
     "static shape"},
    {"io nbytes too small", [](CompiledModel* m) { m->inputs[0].nbytes = 10; }, "too small"},
    {"io count", [](CompiledModel* m) { m->inputs.push_back(m->inputs[0]); }, "input descriptions"},
    {"alias outside the arena",
     [](CompiledModel* m) { m->plan[V(m, "r")].offset = ~uint64_t{0} - 64; }, "exceeds the arena"},
    {"scratch outside the arena", [](CompiledModel* m) { m->scratch_size = 128; }, "scratch"},
    {"input without memory", [](CompiledModel* m) { m->plan[V(m, "x")] = {}; },
     "no memory placement"},
    {"alias of nothing", [](CompiledModel* m) { m->plan[V(m, "t")] = {}; }, "not in the arena"},
    {"misaligned weight", [](CompiledModel* m) { m->plan[V(m, "b")].offset = 60; }, "misaligned"},
    {"weights past the end", [](CompiledModel* m) { m->plan[V(m, "b")].offset = 120; },
     "weight_size"},
};

TEST(OmCorruption, BadPlansAreRejectedByName) {
  for (const auto& c : kBadPlans) {
    CompiledModel m = SampleModel();
    c.edit(&m);
    auto bytes = SerializeOm(m);
    Status st = bytes.ok() ? Load(*bytes) : bytes.status();
    ASSERT_FALSE(st.ok()) << c.name;
    EXPECT_NE(st.message().find(c.expect), std::string::npos) << c.name << ": " << st.message();
  }
}

}  // namespace
}  // namespace openacl
