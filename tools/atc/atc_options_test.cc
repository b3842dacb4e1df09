#include "atc_options.h"

#include <gtest/gtest.h>

namespace openacl {
namespace atc {
namespace {

TEST(AtcOptions, BothValueFormsAndRecording) {
  auto o = ParseAtcArgs({"--model=net.onnx", "--framework", "5", "--output", "out/net",
                         "--input_shape=x:1,3,224,224;y:1,10", "--soc_version=Ascend310P3",
                         "--precision_mode=force_fp16", "--log", "info"});
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(o->mode, 0);
  EXPECT_EQ(o->framework, 5);
  EXPECT_EQ(o->model, "net.onnx");
  EXPECT_EQ(o->output, "out/net");
  EXPECT_EQ(o->input_shape, "x:1,3,224,224;y:1,10");
  EXPECT_EQ(o->soc_version, "Ascend310P3");
  EXPECT_EQ(o->given.at("precision_mode"), "force_fp16");
  EXPECT_EQ(o->given.size(), 7u);
  EXPECT_TRUE(ValidateAtcOptions(*o).ok());
  EXPECT_EQ(OmPathFromOutput(o->output), "out/net.om");
  EXPECT_EQ(OmPathFromOutput("a.om"), "a.om");
}

TEST(AtcOptions, MalformedCommandLines) {
  EXPECT_FALSE(ParseAtcArgs({"--bogus=1"}).ok());
  EXPECT_FALSE(ParseAtcArgs({"model.onnx"}).ok());
  EXPECT_FALSE(ParseAtcArgs({"--model"}).ok());                   // missing value
  EXPECT_FALSE(ParseAtcArgs({"--model", "--framework=5"}).ok());  // value is another option
  EXPECT_FALSE(ParseAtcArgs({"--mode=abc"}).ok());
  EXPECT_FALSE(ParseAtcArgs({"--mode=-1"}).ok());
  EXPECT_FALSE(ParseAtcArgs({"--help=1"}).ok());
  EXPECT_FALSE(ParseAtcArgs({"--model=a", "--model=b"}).ok());
  EXPECT_FALSE(ParseAtcArgs({"-model=a"}).ok());
  auto unknown = ParseAtcArgs({"--modle=a.onnx"});
  EXPECT_NE(unknown.status().message().find("--modle"), std::string::npos);
  EXPECT_TRUE(ParseAtcArgs({"--help"})->help);
  EXPECT_TRUE(ParseAtcArgs({"-h"})->help);
  EXPECT_TRUE(ParseAtcArgs({"--input_shape=", "--model=x"}).ok());  // empty value allowed
}

Status Validate(const std::vector<std::string>& args) {
  auto o = ParseAtcArgs(args);
  if (!o.ok()) return o.status();
  return ValidateAtcOptions(*o);
}

TEST(AtcOptions, ValidationPerModeAndUnsupportedFeatures) {
  Status tf = Validate({"--model=a.pb", "--framework=3", "--output=a"});
  EXPECT_EQ(tf.message(), "framework 3 not supported: openacl compiles ONNX (--framework=5)");
  EXPECT_FALSE(Validate({"--framework=5", "--output=a"}).ok());      // no model
  EXPECT_FALSE(Validate({"--model=a.onnx", "--output=a"}).ok());     // no framework
  EXPECT_FALSE(Validate({"--model=a.onnx", "--framework=5"}).ok());  // no output
  EXPECT_TRUE(Validate({"--mode=6", "--om=a.om"}).ok());
  EXPECT_FALSE(Validate({"--mode=6"}).ok());
  EXPECT_TRUE(Validate({"--mode=1", "--om=a.om", "--json=a.json"}).ok());
  EXPECT_FALSE(Validate({"--mode=1", "--om=a.om"}).ok());
  EXPECT_TRUE(Validate({"--mode=1", "--model=a.onnx", "--framework=5", "--json=a.json"}).ok());
  EXPECT_FALSE(Validate({"--mode=2", "--om=a.om"}).ok());
  EXPECT_EQ(Validate({"--mode=3", "--model=a.onnx"}).code(), StatusCode::kFeatureUnsupported);
  const std::vector<std::string> base = {"--model=a.onnx", "--framework=5", "--output=a"};
  for (const char* extra :
       {"--dynamic_batch_size=1,2,4", "--dynamic_image_size=224,224;448,448", "--dynamic_dims=1;2",
        "--input_shape_range=x:[1~4,3]", "--insert_op_conf=aipp.cfg"}) {
    auto args = base;
    args.push_back(extra);
    Status st = Validate(args);
    EXPECT_EQ(st.code(), StatusCode::kFeatureUnsupported) << extra;
    EXPECT_NE(st.message().find("not supported yet"), std::string::npos) << st.message();
  }
  EXPECT_TRUE(Validate({"--singleop=ops.json", "--output=op_models"}).ok());
  EXPECT_TRUE(
      Validate({"--singleop=ops.json", "--output=op_models", "--soc_version=Ascend310"}).ok());
  EXPECT_FALSE(Validate({"--singleop=ops.json"}).ok());  // no output folder
  EXPECT_FALSE(Validate({"--singleop=ops.json", "--output=o", "--model=a.onnx"}).ok());
  auto with = [&](const char* extra) {
    auto args = base;
    args.push_back(extra);
    return Validate(args);
  };
  EXPECT_FALSE(with("--log=verbose").ok());
  EXPECT_TRUE(with("--log=NULL").ok());
  EXPECT_FALSE(with("--input_format=NCDHW").ok());
  EXPECT_TRUE(with("--input_format=NHWC").ok());
  EXPECT_FALSE(with("--output_type=FP8").ok());
  EXPECT_FALSE(with("--out_nodes=conv").ok());
}

TEST(AtcOptions, ValueParsers) {
  auto nodes = ParseOutNodes("prob:0;fc/add:1;");
  ASSERT_TRUE(nodes.ok());
  ASSERT_EQ(nodes->size(), 2u);
  EXPECT_EQ((*nodes)[1], (std::pair<std::string, int>("fc/add", 1)));
  EXPECT_FALSE(ParseOutNodes(":0").ok());
  EXPECT_FALSE(ParseOutNodes("a:x").ok());

  auto all = ParseOutputType("FP16");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->all, "FP16");
  auto per = ParseOutputType("node1:0:FP16;out2:INT32");
  ASSERT_TRUE(per.ok()) << per.status().message();
  EXPECT_TRUE(per->all.empty());
  EXPECT_EQ(per->per_output.at("node1:0"), "FP16");
  EXPECT_EQ(per->per_output.at("out2"), "INT32");
  EXPECT_FALSE(ParseOutputType("node1:0:FP17").ok());
  EXPECT_FALSE(ParseOutputType("a:b:c:FP16").ok());

  EXPECT_EQ(ParseNameList("a;b,c;;"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(ParseLogLevel("debug").value(), 0);
  EXPECT_EQ(ParseLogLevel("Warning").value(), 2);
  EXPECT_EQ(ParseLogLevel("null").value(), 4);
  EXPECT_FALSE(AtcUsage().empty());
}

}  // namespace
}  // namespace atc
}  // namespace openacl
