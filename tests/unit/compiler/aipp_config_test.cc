// AIPP config files (atc --insert_op_conf): the syntax found in the wild parses, errors name the
// file, the line and the field, and ATC's rules are checked against the model input when the
// Aipp node is inserted.
#include <gtest/gtest.h>

#include "compiler/aipp/aipp_config.h"
#include "compiler/aipp/insert_aipp.h"

namespace openacl {
namespace {

// The vpc_resnet50 sample's config, with the tabs, `key : value` spacing and comments of real
// files.
const char* kSampleConfig = R"(# AIPP config of the classification sample
aipp_op {
	aipp_mode : static
	related_input_rank : 0
	input_format : YUV420SP_U8   # NV12 from the JPEG decoder
	src_image_size_w : 224
	src_image_size_h : 224
	crop: false
	csc_switch : true
	rbuv_swap_switch : false
	matrix_r0c0 : 256
	matrix_r0c1 : 0
	matrix_r0c2 : 359
	matrix_r1c0 : 256
	matrix_r1c1 : -88
	matrix_r1c2 : -183
	matrix_r2c0 : 256
	matrix_r2c1 : 454
	matrix_r2c2 : 0
	input_bias_0 : 0
	input_bias_1 : 128
	input_bias_2 : 128
	mean_chn_0 : 0
	mean_chn_1 : 0
	mean_chn_2 : 0
	min_chn_0 : 123.675
	min_chn_1 : 116.28
	min_chn_2 : 103.53
	var_reci_chn_0 : 0.0171247538316637
	var_reci_chn_1 : 0.0175070028011204
	var_reci_chn_2 : 0.0174291938997821
}
)";

std::unique_ptr<Graph> ImageModel(Shape shape) {
  auto g = std::make_unique<Graph>();
  Value* x = g->AddValue("data");
  x->dtype = DType::kFloat32;
  x->shape = shape;
  x->has_shape = true;
  Value* y = g->AddValue("out");
  g->AddNode("Relu", {x}, {y}, "relu");
  g->inputs = {x};
  g->outputs = {y};
  return g;
}

TEST(AippConfig, ParsesTheSampleSyntax) {
  auto r = ParseAippConfig(kSampleConfig, "aipp.cfg");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->size(), 1u);
  const AippOpConfig& c = (*r)[0];
  EXPECT_FALSE(c.dynamic);
  EXPECT_EQ(c.params.format, aipp::InputFormat::kYuv420sp);
  EXPECT_EQ(c.params.src_w, 224);
  EXPECT_TRUE(c.params.csc);
  EXPECT_EQ(c.params.matrix[5], -183);
  EXPECT_EQ(c.params.in_bias[1], 128);
  EXPECT_FLOAT_EQ(c.params.min[0], 123.675f);
  EXPECT_FLOAT_EQ(c.params.var_reci[3], 1.0f);  // default
  EXPECT_EQ(c.block_line, 2);
  EXPECT_EQ(c.field_lines.at("matrix_r1c2"), 16);
}

TEST(AippConfig, SyntaxErrorsNameLineAndField) {
  auto unknown = ParseAippConfig("aipp_op {\n  aipp_mode: static\n  crop_sise_w: 3\n}\n", "a.cfg");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("a.cfg:3:"), std::string::npos)
      << unknown.status().message();
  EXPECT_NE(unknown.status().message().find("crop_sise_w"), std::string::npos);

  auto bad_enum = ParseAippConfig("aipp_op {\n aipp_mode: static\n input_format: NV12\n}", "b.cfg");
  ASSERT_FALSE(bad_enum.ok());
  EXPECT_NE(bad_enum.status().message().find("NV12"), std::string::npos);
  EXPECT_NE(bad_enum.status().message().find("b.cfg:3:"), std::string::npos) << bad_enum.status().message()
      << bad_enum.status().message();

  auto twice = ParseAippConfig("aipp_op { aipp_mode: static\n crop: true\n crop: false }", "c.cfg");
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.status().message().find("c.cfg:3:"), std::string::npos)
      << twice.status().message();

  auto none = ParseAippConfig("# nothing\n", "d.cfg");
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("no aipp_op"), std::string::npos);
}

TEST(AippConfig, SemanticErrorsNameLineAndField) {
  struct Bad {
    const char* text;
    const char* expect;  // "file:line: field"
  };
  const Bad bads[] = {
      {"aipp_op {\n input_format: RGB888_U8\n}", "e.cfg:1: aipp_mode"},
      {"aipp_op {\n aipp_mode: static\n}", "e.cfg:1: input_format"},
      {"aipp_op {\n aipp_mode: static\n input_format: RAW10\n}", "e.cfg:3: input_format"},
      {"aipp_op {\n aipp_mode: dynamic\n}", "e.cfg:1: max_src_image_size"},
      {"aipp_op {\n aipp_mode: dynamic\n max_src_image_size: 1000\n csc_switch: true\n}",
       "e.cfg:4: csc_switch"},
      {"aipp_op { aipp_mode: static input_format: RGB888_U8 }\n"
       "aipp_op {\n aipp_mode: static\n input_format: RGB888_U8\n}",
       "e.cfg:2: related_input_rank"},
  };
  for (const Bad& bad : bads) {
    auto r = ParseAippConfig(bad.text, "e.cfg");
    ASSERT_FALSE(r.ok()) << bad.text;
    EXPECT_EQ(r.status().code(), StatusCode::kParseFile);
    EXPECT_NE(r.status().message().find(bad.expect), std::string::npos)
        << "want '" << bad.expect << "' in: " << r.status().message();
  }
}

TEST(AippConfig, MissingFileIsAnError) {
  auto r = LoadAippConfigFile("/nonexistent/aipp.cfg");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidFile);
  EXPECT_NE(r.status().message().find("/nonexistent/aipp.cfg"), std::string::npos);
}

TEST(InsertAipp, StaticYuv420spBecomesUint8Nhwc) {
  auto g = ImageModel({2, 3, 224, 224});
  auto cfg = ParseAippConfig(kSampleConfig, "aipp.cfg");
  ASSERT_TRUE(cfg.ok());
  ASSERT_TRUE(InsertAippOps(*g, *cfg, "").ok());
  Value* in = g->inputs[0];
  EXPECT_EQ(in->name, "data");
  EXPECT_EQ(in->dtype, DType::kUInt8);
  EXPECT_EQ(in->shape, Shape({2, 336, 224, 1}));
  const Node* aipp = AippNodeOf(*g, in);
  ASSERT_NE(aipp, nullptr);
  EXPECT_EQ(aipp->output(0)->shape, Shape({2, 3, 224, 224}));
  EXPECT_EQ(g->nodes().front().get(), aipp);  // sorted before its consumer
  std::vector<IODesc> descs(1);
  DescribeAippInputs(*g, &descs);
  EXPECT_EQ(descs[0].format, IOFormat::kNHWC);
}

TEST(InsertAipp, SizesDefaultToTheModelInput) {
  auto g = ImageModel({1, 224, 224, 3});
  auto cfg = ParseAippConfig(
      "aipp_op { aipp_mode: static input_format: RGB888_U8 padding: true left_padding_size: 4 "
      "right_padding_size: 4 }",
      "f.cfg");
  ASSERT_TRUE(cfg.ok()) << cfg.status().message();
  ASSERT_TRUE(InsertAippOps(*g, *cfg, "NHWC").ok());
  EXPECT_EQ(g->inputs[0]->shape, Shape({1, 224, 216, 3}));
  EXPECT_EQ(AippNodeOf(*g, g->inputs[0])->attrs.get_string("output_layout"), "NHWC");
}

TEST(InsertAipp, RulesAgainstTheModelNameLineAndField) {
  struct Bad {
    Shape shape;
    const char* text;
    const char* expect;
  };
  const Bad bads[] = {
      {{1, 3, 224, 224},
       "aipp_op {\n aipp_mode: static\n input_format: YUV420SP_U8\n src_image_size_w: 223\n}",
       "g.cfg:4: src_image_size_w"},
      {{1, 3, 224, 224},
       "aipp_op {\n aipp_mode: static\n input_format: RGB888_U8\n src_image_size_w: 300\n"
       " crop: true\n load_start_pos_w: 100\n crop_size_w: 224\n crop_size_h: 224\n}",
       "g.cfg:7: crop_size_w"},
      {{1, 3, 224, 224},
       "aipp_op {\n aipp_mode: static\n input_format: RGB888_U8\n resize: true\n"
       " resize_output_w: 200\n}",
       "g.cfg:5: resize_output_w"},
      {{1, 3, 224, 224},
       "aipp_op {\n aipp_mode: static\n related_input_rank: 1\n input_format: RGB888_U8\n}",
       "g.cfg:3: related_input_rank"},
      {{1, 4, 224, 224}, "aipp_op {\n aipp_mode: static\n input_format: RGB888_U8\n}",
       "g.cfg:1: related_input_rank"},
      {{1, 3, 224}, "aipp_op {\n aipp_mode: static\n input_format: RGB888_U8\n}",
       "g.cfg:1: related_input_rank"},
      {{1, 1, 28, 28}, "aipp_op {\n aipp_mode: static\n input_format: RGB888_U8\n}",
       "g.cfg:1: csc_switch"},
  };
  for (const Bad& bad : bads) {
    auto g = ImageModel(bad.shape);
    auto cfg = ParseAippConfig(bad.text, "g.cfg");
    ASSERT_TRUE(cfg.ok()) << cfg.status().message();
    Status st = InsertAippOps(*g, *cfg, "");
    ASSERT_FALSE(st.ok()) << bad.text;
    EXPECT_NE(st.message().find(bad.expect), std::string::npos)
        << "want '" << bad.expect << "' in: " << st.message();
  }
}

TEST(InsertAipp, DynamicAddsTheParameterInput) {
  auto g = ImageModel({4, 3, 416, 416});
  auto cfg = ParseAippConfig("aipp_op { aipp_mode: dynamic max_src_image_size: 752000 }", "h.cfg");
  ASSERT_TRUE(cfg.ok()) << cfg.status().message();
  ASSERT_TRUE(InsertAippOps(*g, *cfg, "").ok());
  ASSERT_EQ(g->inputs.size(), 2u);
  EXPECT_EQ(g->inputs[0]->shape, Shape({4, 752000}));
  EXPECT_EQ(g->inputs[1]->name, "ascend_dynamic_aipp_data");
  EXPECT_EQ(g->inputs[1]->shape, Shape({static_cast<int64_t>(64 + 4 * 96)}));
  std::vector<IODesc> descs(2);
  DescribeAippInputs(*g, &descs);
  EXPECT_EQ(descs[0].format, IOFormat::kND);
  EXPECT_EQ(descs[1].format, IOFormat::kND);
}

}  // namespace
}  // namespace openacl
