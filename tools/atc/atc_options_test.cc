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
  EXPECT_FALSE(ParseAtcArgs({"--model=a", "--model=b"}).ok());
  EXPECT_FALSE(ParseAtcArgs({"-model=a", "--model", "b"}).ok());  // twice, in two forms
  auto unknown = ParseAtcArgs({"--modle=a.onnx"});
  EXPECT_NE(unknown.status().message().find("--modle"), std::string::npos);
  EXPECT_NE(unknown.status().message().find("did you mean --model?"), std::string::npos)
      << unknown.status().message();
  auto unknown_single = ParseAtcArgs({"-outptu_type=FP32"});
  EXPECT_EQ(unknown_single.status().message(),
            "unknown option '-outptu_type=FP32' (did you mean --output_type?)");
  EXPECT_FALSE(ParseAtcArgs({"--", "--model=a"}).ok());
  EXPECT_FALSE(ParseAtcArgs({"-=x"}).ok());
  EXPECT_FALSE(ParseAtcArgs({"--nomodel"}).ok());        // "no" prefix only for booleans
  EXPECT_FALSE(ParseAtcArgs({"--help=maybe"}).ok());
  EXPECT_TRUE(ParseAtcArgs({"--help"})->help);
  EXPECT_TRUE(ParseAtcArgs({"-h"})->help);
  EXPECT_TRUE(ParseAtcArgs({"--input_shape=", "--model=x"}).ok());  // empty value allowed
}

// gflags forms (ATC parses its flags with gflags): one and two dashes, '=' or a separate word.
TEST(AtcOptions, EveryGflagsForm) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"--output_type=FP32", "--model=m.prototxt"},
                                             {"-output_type=FP32", "-model=m.prototxt"},
                                             {"--output_type", "FP32", "--model", "m.prototxt"},
                                             {"-output_type", "FP32", "-model", "m.prototxt"}}) {
    auto o = ParseAtcArgs(args);
    ASSERT_TRUE(o.ok()) << args[0] << ": " << o.status().message();
    EXPECT_EQ(o->output_type, "FP32") << args[0];
    EXPECT_EQ(o->model, "m.prototxt") << args[0];
  }
  // A value that starts with '-' but is no option name is taken as the value.
  auto shape = ParseAtcArgs({"-input_shape", "-1,3,224,224", "-framework", "0"});
  ASSERT_TRUE(shape.ok()) << shape.status().message();
  EXPECT_EQ(shape->input_shape, "-1,3,224,224");
  EXPECT_EQ(shape->framework, 0);
  // A missing value is still an error when the next word is an option, in either form.
  EXPECT_FALSE(ParseAtcArgs({"-model", "-framework=0"}).ok());
  EXPECT_FALSE(ParseAtcArgs({"--model", "-h"}).ok());
  EXPECT_FALSE(ParseAtcArgs({"-model"}).ok());
}

TEST(AtcOptions, BooleansTheGflagsWay) {
  EXPECT_TRUE(ParseAtcArgs({"--help"})->help);
  EXPECT_TRUE(ParseAtcArgs({"-help"})->help);
  EXPECT_TRUE(ParseAtcArgs({"--help=true"})->help);
  EXPECT_TRUE(ParseAtcArgs({"-h=1"})->help);
  EXPECT_FALSE(ParseAtcArgs({"--help=false"})->help);
  EXPECT_FALSE(ParseAtcArgs({"--nohelp"})->help);
  EXPECT_FALSE(ParseAtcArgs({"-nohelp", "--model=a"})->help);
  // A boolean never takes the next word: "true" here is a stray argument.
  EXPECT_FALSE(ParseAtcArgs({"--help", "true"}).ok());
  EXPECT_FALSE(ParseAtcArgs({"--nohelp=true"}).ok());
}

// The C++ ResNet-50 sample README's line, unchanged (mixes --name=value and -name=value).
TEST(AtcOptions, CaffeSampleReadmeLine) {
  auto o = ParseAtcArgs({"--model=caffe_model/resnet50.prototxt",
                         "--weight=caffe_model/resnet50.caffemodel", "--framework=0",
                         "--output=model/resnet50", "--soc_version=Ascend310",
                         "--input_format=NCHW", "--input_fp16_nodes=data", "-output_type=FP32",
                         "--out_nodes=prob:0"});
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(o->framework, 0);
  EXPECT_EQ(o->model, "caffe_model/resnet50.prototxt");
  EXPECT_EQ(o->weight, "caffe_model/resnet50.caffemodel");
  EXPECT_EQ(o->output_type, "FP32");
  EXPECT_EQ(o->out_nodes, "prob:0");
  EXPECT_EQ(o->input_fp16_nodes, "data");
  EXPECT_EQ(o->given.size(), 9u);
}

Status Validate(const std::vector<std::string>& args) {
  auto o = ParseAtcArgs(args);
  if (!o.ok()) return o.status();
  return ValidateAtcOptions(*o);
}

TEST(AtcOptions, ValidationPerModeAndUnsupportedFeatures) {
  Status tf = Validate({"--model=a.pb", "--framework=3", "--output=a"});
  EXPECT_EQ(tf.message(),
            "framework 3 not supported: openacl compiles Caffe (--framework=0) and ONNX "
            "(--framework=5)");
  EXPECT_TRUE(Validate({"--model=a.prototxt", "--weight=a.caffemodel", "--framework=0",
                        "--output=a"})
                  .ok());
  Status no_weight = Validate({"--model=a.prototxt", "--framework=0", "--output=a"});
  EXPECT_NE(no_weight.message().find("--weight"), std::string::npos) << no_weight.message();
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
  EXPECT_TRUE(Validate({"--model=a.onnx", "--framework=5", "--output=a",
                        "--insert_op_conf=aipp.cfg"}).ok());
  for (const char* extra : {"--input_shape_range=x:[1~4,3]"}) {
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
