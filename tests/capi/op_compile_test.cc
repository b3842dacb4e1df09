// Single-op compilation (atc --singleop path): JSON parsing, the mapping table's checks, ATC's
// default file names, and the matching rules used by aclopExecuteV2.
#include <gtest/gtest.h>

#include <filesystem>

#include "compiler/single_op/op_json.h"
#include "compiler/single_op/op_mapping.h"
#include "compiler/single_op/op_match.h"
#include "compiler/single_op/single_op_compiler.h"
#include "format/om_reader.h"
#include "op_test_util.h"

namespace openacl_test {
namespace {

using namespace openacl;
using namespace openacl::single_op;

OpDesc Parse(const std::string& entry) {
  auto r = ParseOpDescList("[" + entry + "]", "t.json");
  EXPECT_TRUE(r.ok()) << r.status().message();
  if (!r.ok()) return OpDesc();
  OpDesc d = r->at(0);
  Status st = Canonicalize(d);
  EXPECT_TRUE(st.ok()) << st.message();
  return d;
}

std::string ParseError(const std::string& json) {
  auto r = ParseOpDescList(json, "t.json");
  EXPECT_FALSE(r.ok()) << json;
  return r.ok() ? "" : r.status().message();
}

std::string CompileError(const std::string& json) {
  std::string error;
  EXPECT_EQ(CompileOpsJson(json, "bad" + std::to_string(std::hash<std::string>()(json)), &error),
            "");
  return error;
}

const char* kAdd =
    R"({"op":"Add","input_desc":[{"format":"ND","shape":[3,3],"type":"int32"},
        {"format":"ND","shape":[3,3],"type":"int32"}],
        "output_desc":[{"format":"ND","shape":[3,3],"type":"int32"}]})";
const char* kArgMaxD =
    R"({"op":"ArgMaxD","input_desc":[{"format":"ND","shape":[2,10],"type":"float16"}],
        "output_desc":[{"format":"ND","shape":[2],"type":"int32"}],
        "attr":[{"name":"dimension","type":"int","value":1}]})";

TEST(OpJson, ParsesEveryAttrType) {
  OpDesc d = Parse(R"({"op":"Conv2D","input_desc":[
      {"format":"NCHW","shape":[1,1,4,4],"type":"float"},
      {"format":"NCHW","shape":[1,1,3,3],"type":"float","name":"w"}],
      "output_desc":[{"format":"NCHW","shape":[1,1,2,2],"type":"float"}],
      "attr":[{"name":"strides","type":"list_int","value":[1,1,1,1]},
              {"name":"pads","type":"list_int","value":[0,0,0,0]},
              {"name":"data_format","type":"string","value":"NCHW"}]})");
  EXPECT_EQ(d.op, "Conv2D");
  EXPECT_EQ(d.inputs[1].name, "w");
  EXPECT_EQ(d.attrs.at("groups").i, 1);  // default filled
  EXPECT_EQ(d.attrs.at("dilations").ints, (std::vector<int64_t>{1, 1, 1, 1}));

  auto all = ParseOpDescList(R"([{"op":"X","input_desc":[],"output_desc":[],"attr":[
      {"name":"b","type":"bool","value":true}, {"name":"i","type":"int","value":-3},
      {"name":"f","type":"float","value":0.5}, {"name":"s","type":"string","value":"x"},
      {"name":"lb","type":"list_bool","value":[true,false]},
      {"name":"li","type":"list_int","value":[1,2]},
      {"name":"lf","type":"list_float","value":[1.5]},
      {"name":"ls","type":"list_string","value":["a","b"]},
      {"name":"lli","type":"list_list_int","value":[[1,2],[3]]},
      {"name":"dt","type":"data_type","value":"DT_FLOAT16"}]}])",
                             "t.json");
  ASSERT_TRUE(all.ok()) << all.status().message();
  const auto& a = all->at(0).attrs;
  EXPECT_EQ(a.at("b").i, 1);
  EXPECT_EQ(a.at("i").i, -3);
  EXPECT_FLOAT_EQ(a.at("f").f, 0.5f);
  EXPECT_EQ(a.at("s").s, "x");
  EXPECT_EQ(a.at("lb").ints, (std::vector<int64_t>{1, 0}));
  EXPECT_EQ(a.at("lf").floats, (std::vector<float>{1.5f}));
  EXPECT_EQ(a.at("ls").strings, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(a.at("lli").int_lists, (std::vector<std::vector<int64_t>>{{1, 2}, {3}}));
  EXPECT_EQ(a.at("dt").i, kAclFloat16);
  // Canonical JSON round trip.
  auto back = ParseOpDesc(OpDescToJson(all->at(0)));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->attrs.size(), a.size());
  for (const auto& [k, v] : a) EXPECT_TRUE(back->attrs.at(k) == v) << k;
}

TEST(OpJson, ConstInputsAndRanges) {
  OpDesc d = Parse(R"({"op":"ArgMaxV2","input_desc":[
      {"format":"ND","shape":[-1,1000],"shape_range":[[1,8],[1000,1000]],"type":"float16"},
      {"format":"ND","shape":[1],"type":"int32","is_const":true,"const_value":[1]}],
      "output_desc":[{"format":"ND","shape":[-1],"type":"int32"}]})");
  ASSERT_EQ(d.inputs.size(), 2u);
  EXPECT_TRUE(d.inputs[1].is_const);
  ASSERT_EQ(d.inputs[1].const_data.size(), 4u);
  int32_t v;
  std::memcpy(&v, d.inputs[1].const_data.data(), 4);
  EXPECT_EQ(v, 1);
  EXPECT_EQ(d.inputs[0].shape_range[0][1], 8);
  EXPECT_TRUE(IsDynamic(d));
}

// The same out_of_range escape as in aclInit's config (found by fuzzing it): a huge number.
TEST(OpJson, NumberOutOfRangeIsAnError) {
  EXPECT_FALSE(ParseOpDescList("[{\"op\": \"Add\", \"x\": 1e999}]", "t.json").ok());
}

TEST(OpJson, SyntaxErrorsNameEntryAndField) {
  EXPECT_NE(ParseError("[").find("not valid JSON"), std::string::npos);
  EXPECT_NE(ParseError(R"([{"input_desc":[]}])").find("entry 0: 'op'"), std::string::npos);
  std::string m = ParseError(std::string("[") + kAdd + R"(,{"op":"Mul","output_desc":[
      {"format":"ND","shape":[1],"type":"complex7"}]}])");
  EXPECT_NE(m.find("entry 1 (Mul)"), std::string::npos) << m;
  EXPECT_NE(m.find("complex7"), std::string::npos) << m;
  m = ParseError(
      R"([{"op":"Add","output_desc":[],"attr":[{"name":"a","type":"tensor","value":1}]}])");
  EXPECT_NE(m.find("unknown attr type 'tensor'"), std::string::npos) << m;
  m = ParseError(R"([{"op":"Add","output_desc":[{"format":"ND","shape":[2],"type":"int32",
      "is_const":true,"const_value":[1,2,3]}]}])");
  EXPECT_NE(m.find("3 values"), std::string::npos) << m;
  m = ParseError(R"([{"op":"Add","output_desc":[{"format":"XYZ","shape":[2],"type":"int32"}]}])");
  EXPECT_NE(m.find("unknown format 'XYZ'"), std::string::npos) << m;
}

TEST(SingleOpCompile, UnknownOpAttrTypeAreClearErrors) {
  std::string m = CompileError(std::string("[") + kAdd + R"(,{"op":"FancyOp","input_desc":[],
      "output_desc":[{"format":"ND","shape":[1],"type":"float"}]}])");
  EXPECT_NE(m.find("entry 1 (FancyOp)"), std::string::npos) << m;
  EXPECT_NE(m.find("not supported"), std::string::npos) << m;
  m = CompileError(R"([{"op":"ArgMaxD","input_desc":[{"format":"ND","shape":[2,10],"type":"float"}],
      "output_desc":[{"format":"ND","shape":[2],"type":"int32"}],
      "attr":[{"name":"dimension","type":"int","value":1},{"name":"axis","type":"int","value":1}]}])");
  EXPECT_NE(m.find("entry 0 (ArgMaxD)"), std::string::npos) << m;
  EXPECT_NE(m.find("unknown attr 'axis'"), std::string::npos) << m;
  m = CompileError(R"([{"op":"ArgMaxD","input_desc":[{"format":"ND","shape":[2,10],"type":"float"}],
      "output_desc":[{"format":"ND","shape":[2],"type":"int32"}]}])");
  EXPECT_NE(m.find("required attr 'dimension'"), std::string::npos) << m;
  m = CompileError(R"([{"op":"ArgMaxD","input_desc":[{"format":"ND","shape":[2,10],"type":"float"}],
      "output_desc":[{"format":"ND","shape":[2],"type":"int32"}],
      "attr":[{"name":"dimension","type":"string","value":"1"}]}])");
  EXPECT_NE(m.find("attr 'dimension' is string, expected int"), std::string::npos) << m;
  // Output type disagreeing with what the op computes.
  m = CompileError(R"([{"op":"Add","input_desc":[{"format":"ND","shape":[2],"type":"float"},
      {"format":"ND","shape":[2],"type":"float"}],
      "output_desc":[{"format":"ND","shape":[2],"type":"int32"}]}])");
  EXPECT_NE(m.find("output 0 is described as int32"), std::string::npos) << m;
  m = CompileError(R"([{"op":"Add","input_desc":[{"format":"ND","shape":[2],"type":"float"},
      {"format":"ND","shape":[2],"type":"float"}],
      "output_desc":[{"format":"ND","shape":[3],"type":"float"}]}])");
  EXPECT_NE(m.find("shape [3]"), std::string::npos) << m;
  m = CompileError(
      R"([{"op":"Relu","input_desc":[{"format":"FRACTAL_NZ","shape":[2],"type":"float"}],
      "output_desc":[{"format":"ND","shape":[2],"type":"float"}]}])");
  EXPECT_NE(m.find("FRACTAL_NZ"), std::string::npos) << m;
  m = CompileError(R"([{"op":"Sqrt","input_desc":[{"format":"ND","shape":[2],"type":"bool"}],
      "output_desc":[{"format":"ND","shape":[2],"type":"bool"}]}])");
  EXPECT_NE(m.find("entry 0 (Sqrt)"), std::string::npos) << m;
}

TEST(SingleOpCompile, WritesOneOmPerEntryWithAtcNames) {
  std::string error;
  std::string dir = CompileOpsJson(std::string("[") + kAdd + "," + kArgMaxD +
                                       R"(,{"op":"Relu","name":"my_relu",
      "input_desc":[{"format":"ND","shape":[4],"type":"float"}],
      "output_desc":[{"format":"ND","shape":[4],"type":"float"}]}])",
                                   "names", &error);
  ASSERT_FALSE(dir.empty()) << error;
  EXPECT_TRUE(std::filesystem::exists(dir + "/0_Add_3_2_3_3_3_2_3_3_3_2_3_3.om"));
  EXPECT_TRUE(std::filesystem::exists(dir + "/1_ArgMaxD_1_2_2_10_3_2_2.om"));
  EXPECT_TRUE(std::filesystem::exists(dir + "/my_relu.om"));
  auto model = ReadOmFile(dir + "/1_ArgMaxD_1_2_2_10_3_2_2.om");
  ASSERT_TRUE(model.ok()) << model.status().message();
  EXPECT_TRUE(model->is_single_op);
  EXPECT_EQ(model->single_op.acl_op_type, "ArgMaxD");
  EXPECT_EQ(model->outputs[0].dtype, DType::kInt32);
}

TEST(SingleOpCompile, EveryMappingBuildsForFloat) {
  // A representative description per family compiles (kernels from the one op registry).
  const char* entries[] = {
      R"({"op":"Cast","input_desc":[{"format":"ND","shape":[2,3],"type":"float"}],
          "output_desc":[{"format":"ND","shape":[2,3],"type":"float16"}]})",
      R"({"op":"MatMul","input_desc":[{"format":"ND","shape":[3,2],"type":"float"},
          {"format":"ND","shape":[3,4],"type":"float"}],
          "output_desc":[{"format":"ND","shape":[2,4],"type":"float"}],
          "attr":[{"name":"transpose_x1","type":"bool","value":true}]})",
      R"({"op":"BatchMatMul","input_desc":[{"format":"ND","shape":[2,3,2],"type":"float"},
          {"format":"ND","shape":[2,4,2],"type":"float"}],
          "output_desc":[{"format":"ND","shape":[2,3,4],"type":"float"}],
          "attr":[{"name":"adj_x2","type":"bool","value":true}]})",
      R"({"op":"SoftmaxV2","input_desc":[{"format":"ND","shape":[2,5],"type":"float"}],
          "output_desc":[{"format":"ND","shape":[2,5],"type":"float"}]})",
      R"({"op":"ReduceSumD","input_desc":[{"format":"ND","shape":[2,5],"type":"float"}],
          "output_desc":[{"format":"ND","shape":[2,1],"type":"float"}],
          "attr":[{"name":"axes","type":"list_int","value":[1]},
                  {"name":"keep_dims","type":"bool","value":true}]})",
      R"({"op":"TransposeD","input_desc":[{"format":"ND","shape":[2,5],"type":"float"}],
          "output_desc":[{"format":"ND","shape":[5,2],"type":"float"}],
          "attr":[{"name":"perm","type":"list_int","value":[1,0]}]})",
      R"({"op":"TopK","input_desc":[{"format":"ND","shape":[2,5],"type":"float"},
          {"format":"ND","shape":[],"type":"int32","is_const":true,"const_value":[3]}],
          "output_desc":[{"format":"ND","shape":[2,3],"type":"float"},
                         {"format":"ND","shape":[2,3],"type":"int32"}]})",
      R"({"op":"ConcatD","input_desc":[{"format":"ND","shape":[2,5],"type":"float"},
          {"format":"ND","shape":[2,1],"type":"float"}],
          "output_desc":[{"format":"ND","shape":[2,6],"type":"float"}],
          "attr":[{"name":"concat_dim","type":"int","value":1},{"name":"N","type":"int","value":2}]})",
      R"({"op":"SplitD","input_desc":[{"format":"ND","shape":[2,6],"type":"float"}],
          "output_desc":[{"format":"ND","shape":[2,3],"type":"float"},
                         {"format":"ND","shape":[2,3],"type":"float"}],
          "attr":[{"name":"split_dim","type":"int","value":1},
                  {"name":"num_split","type":"int","value":2}]})",
      R"({"op":"Conv2D","input_desc":[{"format":"NCHW","shape":[1,2,5,5],"type":"float"},
          {"format":"NCHW","shape":[4,2,3,3],"type":"float"},
          {"format":"ND","shape":[4],"type":"float"}],
          "output_desc":[{"format":"NCHW","shape":[1,4,3,3],"type":"float"}],
          "attr":[{"name":"strides","type":"list_int","value":[1,1,2,2]},
                  {"name":"pads","type":"list_int","value":[1,1,1,1]}]})",
      R"({"op":"GEMM","input_desc":[{"format":"ND","shape":[2,3],"type":"float"},
          {"format":"ND","shape":[3,4],"type":"float"},{"format":"ND","shape":[2,4],"type":"float"},
          {"format":"ND","shape":[],"type":"float"},{"format":"ND","shape":[],"type":"float"}],
          "output_desc":[{"format":"ND","shape":[2,4],"type":"float"}]})",
      R"({"op":"Square","input_desc":[{"format":"ND","shape":[4],"type":"float"}],
          "output_desc":[{"format":"ND","shape":[4],"type":"float"}]})",
      R"({"op":"Maximum","input_desc":[{"format":"ND","shape":[4],"type":"float"},
          {"format":"ND","shape":[1],"type":"float"}],
          "output_desc":[{"format":"ND","shape":[4],"type":"float"}]})",
  };
  for (const char* e : entries) {
    auto d = ParseOpDescList(std::string("[") + e + "]", "t.json");
    ASSERT_TRUE(d.ok()) << d.status().message();
    auto m = CompileSingleOp(d->at(0));
    EXPECT_TRUE(m.ok()) << e << "\n" << m.status().message();
  }
}

TEST(SingleOpMatch, EachMismatchKindIsReported) {
  OpDesc loaded = Parse(kArgMaxD);
  EXPECT_EQ(MatchOp(loaded, loaded), "");
  OpDesc r = loaded;
  r.op = "ArgMinD";
  EXPECT_NE(MatchOp(loaded, r).find("op type"), std::string::npos);
  r = loaded;
  r.inputs[0].dtype = kAclFloat;
  EXPECT_NE(MatchOp(loaded, r).find("input 0 data type: float16 loaded, float asked"),
            std::string::npos);
  r = loaded;
  r.inputs[0].format = kAclFormatNCHW;
  EXPECT_NE(MatchOp(loaded, r).find("input 0 format: ND loaded, NCHW asked"), std::string::npos);
  r = loaded;
  r.inputs[0].dims = {2, 11};
  EXPECT_NE(MatchOp(loaded, r).find("input 0 shape: [2,10] loaded, [2,11] asked"),
            std::string::npos);
  r = loaded;
  r.attrs["dimension"] = AttrValue::Int(0);
  EXPECT_NE(MatchOp(loaded, r).find("attr dimension: 1 loaded, 0 asked"), std::string::npos);
  r = loaded;
  r.outputs[0].dtype = kAclInt64;
  EXPECT_NE(MatchOp(loaded, r).find("output 0 data type"), std::string::npos);
  r = loaded;
  r.outputs.push_back(r.outputs[0]);
  EXPECT_NE(MatchOp(loaded, r).find("number of outputs"), std::string::npos);
  // Defaults: dtype attr omitted in one, given as int32 in the other.
  OpDesc with_default = Parse(R"({"op":"ArgMaxD","input_desc":[{"format":"ND","shape":[2,10],
      "type":"float16"}],"output_desc":[{"format":"ND","shape":[2],"type":"int32"}],
      "attr":[{"name":"dimension","type":"int","value":1},
              {"name":"dtype","type":"data_type","value":"int32"}]})");
  EXPECT_EQ(MatchOp(loaded, with_default), "");
}

TEST(SingleOpMatch, ConstAndDynamicShapes) {
  OpDesc loaded = Parse(R"({"op":"ArgMaxV2","input_desc":[
      {"format":"ND","shape":[-1,10],"shape_range":[[1,4],[10,10]],"type":"float"},
      {"format":"ND","shape":[1],"type":"int32","is_const":true,"const_value":[1]}],
      "output_desc":[{"format":"ND","shape":[-1],"type":"int32"}]})");
  OpDesc r = loaded;
  r.inputs[0].dims = {3, 10};
  r.inputs[0].shape_range.clear();
  EXPECT_EQ(MatchOp(loaded, r), "");
  r.inputs[0].dims = {5, 10};
  EXPECT_NE(MatchOp(loaded, r).find("input 0 shape"), std::string::npos);
  r.inputs[0].dims = {3, 10};
  int32_t zero = 0;
  std::memcpy(r.inputs[1].const_data.data(), &zero, 4);
  EXPECT_NE(MatchOp(loaded, r).find("constant value differs"), std::string::npos);
  r = loaded;
  r.inputs[0].dims = {2, 10};
  r.inputs[1].is_const = false;
  EXPECT_NE(MatchOp(loaded, r).find("constant"), std::string::npos);
}

}  // namespace
}  // namespace openacl_test
