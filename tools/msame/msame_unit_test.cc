// Unit tests of msame's host-side pieces: option parsing, .npy parsing, stats, TXT output.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>

#include "msame_io.h"
#include "msame_options.h"
#include "msame_stats.h"

namespace msame {
namespace {

std::vector<uint8_t> MakeNpy(const std::string& dict, const std::vector<uint8_t>& payload,
                             int version = 1) {
  std::string header = dict;
  size_t prefix = version == 1 ? 10 : 12;
  while ((prefix + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::vector<uint8_t> out = {0x93, 'N', 'U', 'M', 'P', 'Y', static_cast<uint8_t>(version), 0};
  size_t n = header.size();
  out.push_back(n & 0xff);
  out.push_back((n >> 8) & 0xff);
  if (version != 1) {
    out.push_back((n >> 16) & 0xff);
    out.push_back((n >> 24) & 0xff);
  }
  out.insert(out.end(), header.begin(), header.end());
  out.insert(out.end(), payload.begin(), payload.end());
  return out;
}

TEST(MsameOptions, BothValueForms) {
  Options o;
  std::string err;
  ASSERT_TRUE(ParseArgs({"--model=a.om", "--input", "x.bin, y.npy", "--loop", "3", "--outfmt=TXT",
                         "--debug", "true", "--threads=2", "--warmup", "1", "--json", "s.json"},
                        &o, &err))
      << err;
  EXPECT_EQ(o.model, "a.om");
  ASSERT_EQ(o.inputs.size(), 2u);
  EXPECT_EQ(o.inputs[1], "y.npy");
  EXPECT_EQ(o.loop, 3);
  EXPECT_EQ(o.outfmt, "TXT");
  EXPECT_TRUE(o.debug);
  EXPECT_EQ(o.threads, 2);
  EXPECT_EQ(o.warmup, 1);
  EXPECT_EQ(o.json, "s.json");
  EXPECT_TRUE(ValidateOptions(o, &err)) << err;
}

TEST(MsameOptions, Errors) {
  Options o;
  std::string err;
  EXPECT_FALSE(ParseArgs({"--bogus=1"}, &o, &err));
  EXPECT_NE(err.find("--bogus"), std::string::npos);
  EXPECT_FALSE(ParseArgs({"--loop", "abc"}, &o, &err));
  EXPECT_NE(err.find("--loop"), std::string::npos);
  EXPECT_FALSE(ParseArgs({"--model"}, &o, &err));
  EXPECT_FALSE(ParseArgs({"--debug", "maybe"}, &o, &err));
  Options bad;
  bad.model = "a.pb";
  EXPECT_FALSE(ValidateOptions(bad, &err));
  bad.model = "a.onnx";
  bad.outfmt = "NPY";
  EXPECT_FALSE(ValidateOptions(bad, &err));
  bad.outfmt = "BIN";
  bad.loop = 0;
  EXPECT_FALSE(ValidateOptions(bad, &err));
}

TEST(MsameOptions, DynamicOptionsAreReported) {
  Options o;
  std::string err;
  ASSERT_TRUE(ParseArgs({"--model=a.om", "--dymHW", "224,224"}, &o, &err));
  EXPECT_EQ(FirstDynamicOption(o), "--dymHW");
  Options plain;
  EXPECT_EQ(FirstDynamicOption(plain), "");
}

TEST(MsameOptions, OutputSizeParses) {
  Options o;
  std::string err;
  ASSERT_TRUE(ParseArgs({"--model=a.om", "--outputSize", "96, 4096,1"}, &o, &err)) << err;
  EXPECT_EQ(o.output_sizes, (std::vector<size_t>{96, 4096, 1}));
  EXPECT_EQ(FirstDynamicOption(o), "");  // not a gear option: no longer rejected
  ASSERT_TRUE(ParseArgs({"--outputSize=67108864"}, &o, &err)) << err;
  EXPECT_EQ(o.output_sizes, (std::vector<size_t>{67108864}));
}

TEST(MsameOptions, OutputSizeMalformed) {
  for (const char* bad : {"", "abc", "12,", ",12", "12,,3", "-5", "0", "1.5", "12x",
                          "99999999999999999999999", "+7"}) {
    Options o;
    std::string err;
    EXPECT_FALSE(ParseArgs({"--outputSize", bad}, &o, &err)) << bad;
    EXPECT_NE(err.find("--outputSize"), std::string::npos) << err;
    EXPECT_TRUE(o.output_sizes.empty()) << bad;
  }
}

TEST(MsameOptions, ResolveOutputSizes) {
  std::vector<size_t> sizes;
  std::string err;
  // Static model, no --outputSize: the description's sizes.
  ASSERT_TRUE(ResolveOutputSizes({24, 8}, {false, false}, {"a", "b"}, {}, &sizes, &err)) << err;
  EXPECT_EQ(sizes, (std::vector<size_t>{24, 8}));
  // A run-time-sized output with an entry; a static one may get a larger buffer.
  ASSERT_TRUE(ResolveOutputSizes({24, 0}, {false, true}, {"a", "idx"}, {32, 96}, &sizes, &err))
      << err;
  EXPECT_EQ(sizes, (std::vector<size_t>{32, 96}));
  // Missing --outputSize for a run-time-sized output: names it and says what to pass.
  EXPECT_FALSE(ResolveOutputSizes({24, 0}, {false, true}, {"a", "idx"}, {}, &sizes, &err));
  EXPECT_NE(err.find("output 1 ('idx')"), std::string::npos) << err;
  EXPECT_NE(err.find("--outputSize"), std::string::npos) << err;
  // Wrong count.
  EXPECT_FALSE(ResolveOutputSizes({24, 0}, {false, true}, {"a", "idx"}, {96}, &sizes, &err));
  EXPECT_NE(err.find("1 entry"), std::string::npos) << err;
  EXPECT_NE(err.find("2 outputs"), std::string::npos) << err;
  EXPECT_FALSE(ResolveOutputSizes({0}, {true}, {"idx"}, {96, 96, 96}, &sizes, &err));
  EXPECT_NE(err.find("3 entries"), std::string::npos) << err;
  // Below a static output's size.
  EXPECT_FALSE(ResolveOutputSizes({24}, {false}, {"a"}, {16}, &sizes, &err));
  EXPECT_NE(err.find("24 bytes"), std::string::npos) << err;
  // A run-time-shaped output whose description still gives a (maximum) size uses it.
  ASSERT_TRUE(ResolveOutputSizes({64}, {true}, {"m"}, {}, &sizes, &err)) << err;
  EXPECT_EQ(sizes, (std::vector<size_t>{64}));
  // A static empty output (size 0, not dynamic) needs nothing.
  ASSERT_TRUE(ResolveOutputSizes({0}, {false}, {"e"}, {}, &sizes, &err)) << err;
  EXPECT_EQ(sizes, (std::vector<size_t>{0}));
}

TEST(MsameOptions, ProfileFlag) {
  Options o;
  std::string err;
  ASSERT_TRUE(ParseArgs({"--model=a.om", "--profile"}, &o, &err)) << err;
  EXPECT_TRUE(o.profile);
  Options off;
  ASSERT_TRUE(ParseArgs({"--profile=1", "--noprofile"}, &off, &err)) << err;
  EXPECT_FALSE(off.profile);
  EXPECT_FALSE(ParseArgs({"--profile=maybe"}, &o, &err));
  EXPECT_FALSE(ParseArgs({"--profile", "true"}, &o, &err));  // a flag never takes the next word
  EXPECT_NE(Usage().find("OPENACL_PROFILE"), std::string::npos);
}

// gflags forms: one or two dashes, '=' or the next word; booleans bare, negated or with a value.
TEST(MsameOptions, EveryGflagsForm) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"--model=a.om", "--loop=4"},
           {"-model=a.om", "-loop=4"},
           {"--model", "a.om", "--loop", "4"},
           {"-model", "a.om", "-loop", "4"}}) {
    Options o;
    std::string err;
    ASSERT_TRUE(ParseArgs(args, &o, &err)) << args[0] << ": " << err;
    EXPECT_EQ(o.model, "a.om") << args[0];
    EXPECT_EQ(o.loop, 4) << args[0];
  }
  struct BoolCase {
    std::vector<std::string> args;
    bool debug;
  };
  for (const BoolCase& c : std::vector<BoolCase>{{{"--debug"}, true},
                                                 {{"-debug"}, true},
                                                 {{"--debug", "true"}, true},
                                                 {{"--debug", "false"}, false},
                                                 {{"--debug=true"}, true},
                                                 {{"-debug=false"}, false},
                                                 {{"--debug=1", "--nodebug"}, false},
                                                 {{"-nodebug"}, false},
                                                 {{"--debug", "--model=a.om"}, true}}) {
    Options o;
    std::string err;
    ASSERT_TRUE(ParseArgs(c.args, &o, &err)) << c.args[0] << ": " << err;
    EXPECT_EQ(o.debug, c.debug) << c.args[0] << " " << c.args.size();
  }
  Options o;
  std::string err;
  EXPECT_FALSE(ParseArgs({"-modle=a.om"}, &o, &err));
  EXPECT_EQ(err, "unknown option '-modle=a.om' (did you mean --model?)");
  EXPECT_FALSE(ParseArgs({"--outptuSize=4"}, &o, &err));
  EXPECT_NE(err.find("did you mean --outputSize?"), std::string::npos) << err;
  EXPECT_FALSE(ParseArgs({"--model", "-loop=2"}, &o, &err));  // value missing: next is an option
  EXPECT_NE(err.find("--model needs a value"), std::string::npos) << err;
  EXPECT_FALSE(ParseArgs({"--nomodel"}, &o, &err));  // "no" prefix only for booleans
  EXPECT_FALSE(ParseArgs({"--debug=maybe"}, &o, &err));
  Options neg;
  ASSERT_TRUE(ParseArgs({"-loop", "-3"}, &neg, &err)) << err;  // "-3" is a value, not an option
  EXPECT_EQ(neg.loop, -3);
  EXPECT_FALSE(ValidateOptions(neg, &err));
}

TEST(MsameNpy, ParsesFloat32) {
  std::vector<float> v = {1.f, 2.f, 3.f, 4.f, 5.f, 6.f};
  std::vector<uint8_t> payload(v.size() * 4);
  std::memcpy(payload.data(), v.data(), payload.size());
  for (int version : {1, 2}) {
    auto bytes =
        MakeNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", payload, version);
    HostTensor t;
    std::string err;
    ASSERT_TRUE(ParseNpy(bytes.data(), bytes.size(), &t, &err)) << err;
    EXPECT_EQ(t.dtype, ACL_FLOAT);
    EXPECT_EQ(t.shape, (std::vector<int64_t>{2, 3}));
    EXPECT_EQ(t.data, payload);
  }
}

TEST(MsameNpy, ScalarAndOneDim) {
  HostTensor t;
  std::string err;
  auto scalar = MakeNpy("{'descr': '<i8', 'fortran_order': False, 'shape': (), }",
                        std::vector<uint8_t>(8, 1));
  ASSERT_TRUE(ParseNpy(scalar.data(), scalar.size(), &t, &err)) << err;
  EXPECT_EQ(t.dtype, ACL_INT64);
  EXPECT_TRUE(t.shape.empty());
  auto one = MakeNpy("{'descr': '|u1', 'fortran_order': False, 'shape': (5,), }",
                     std::vector<uint8_t>(5, 7));
  ASSERT_TRUE(ParseNpy(one.data(), one.size(), &t, &err)) << err;
  EXPECT_EQ(t.dtype, ACL_UINT8);
  EXPECT_EQ(t.shape, (std::vector<int64_t>{5}));
}

TEST(MsameNpy, Rejects) {
  HostTensor t;
  std::string err;
  auto fortran =
      MakeNpy("{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }", std::vector<uint8_t>(4));
  EXPECT_FALSE(ParseNpy(fortran.data(), fortran.size(), &t, &err));
  EXPECT_NE(err.find("Fortran"), std::string::npos);
  auto big_endian =
      MakeNpy("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", std::vector<uint8_t>(4));
  EXPECT_FALSE(ParseNpy(big_endian.data(), big_endian.size(), &t, &err));
  auto short_data =
      MakeNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", std::vector<uint8_t>(8));
  EXPECT_FALSE(ParseNpy(short_data.data(), short_data.size(), &t, &err));
  EXPECT_NE(err.find("8 bytes"), std::string::npos) << err;
  const uint8_t junk[] = "not numpy at all";
  EXPECT_FALSE(ParseNpy(junk, sizeof(junk), &t, &err));
}

TEST(MsameStats, OrderStatistics) {
  LatencyStats s = ComputeStats({5, 1, 3, 2, 4});
  EXPECT_DOUBLE_EQ(s.min_ms, 1);
  EXPECT_DOUBLE_EQ(s.max_ms, 5);
  EXPECT_DOUBLE_EQ(s.median_ms, 3);
  EXPECT_DOUBLE_EQ(s.mean_ms, 3);
  EXPECT_DOUBLE_EQ(s.p99_ms, 5);
  EXPECT_DOUBLE_EQ(s.mean_without_first_ms, 2.5);
  EXPECT_DOUBLE_EQ(ComputeStats({1, 2, 3, 4}).median_ms, 2.5);
}

TEST(MsameIo, TxtRowsFollowInnermostDim) {
  char tmpl[] = "/tmp/msame_txt_XXXXXX";
  int fd = mkstemp(tmpl);
  ASSERT_GE(fd, 0);
  close(fd);
  std::vector<float> v = {1.5f, 2, 3, 4, 5, 6};
  std::string err;
  ASSERT_TRUE(WriteOutputFile(tmpl, true, v.data(), v.size() * 4, ACL_FLOAT, {2, 3}, &err)) << err;
  std::ifstream in(tmpl);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), "1.5 2 3 \n4 5 6 \n");
  uint16_t halves[] = {0x3c00, 0xc000};  // 1.0, -2.0
  ASSERT_TRUE(WriteOutputFile(tmpl, true, halves, 4, ACL_FLOAT16, {2}, &err)) << err;
  std::ifstream in2(tmpl);
  std::stringstream ss2;
  ss2 << in2.rdbuf();
  EXPECT_EQ(ss2.str(), "1 -2 \n");
  unlink(tmpl);
}

TEST(MsameIo, NamesAndLists) {
  EXPECT_EQ(ModelName("/a/b/resnet50.om"), "resnet50");
  EXPECT_EQ(ModelName("add.onnx"), "add");
  EXPECT_EQ(SplitList(" a.bin ,,b.bin ", ','), (std::vector<std::string>{"a.bin", "b.bin"}));
  std::string stamp = TimestampName();
  EXPECT_EQ(std::count(stamp.begin(), stamp.end(), '_'), 4) << stamp;
}

}  // namespace
}  // namespace msame
