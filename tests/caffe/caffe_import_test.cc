// The Caffe frontend on in-memory prototxt / caffemodel text: input forms, in-place layers, V1
// layers, weights by layer name, and the errors for malformed or inconsistent files.
#include <gtest/gtest.h>

#include <string>

#include "caffe.pb.h"
#include "frontend/caffe/caffe_importer.h"

namespace openacl {
namespace {

std::string Weights(const std::string& layer, const std::vector<std::vector<int64_t>>& shapes) {
  openacl_caffe::NetParameter net;
  auto* l = net.add_layer();
  l->set_name(layer);
  for (const auto& shape : shapes) {
    auto* b = l->add_blobs();
    int64_t n = 1;
    for (int64_t d : shape) {
      b->mutable_shape()->add_dim(d);
      n *= d;
    }
    for (int64_t i = 0; i < n; ++i) b->add_data(0.01f * static_cast<float>(i % 7));
  }
  return net.SerializeAsString();
}

Result<std::unique_ptr<Graph>> Import(const std::string& text, const std::string& weights = "",
                                      const std::map<std::string, Shape>& shapes = {}) {
  return ImportCaffeText(text, weights, shapes, "'net.prototxt'");
}

const Node* NodeNamed(const Graph& g, const std::string& name) {
  for (const auto& n : g.nodes())
    if (n->name == name) return n.get();
  return nullptr;
}

TEST(CaffeImport, InputFieldsInPlaceReluAndOutputs) {
  const char* text = R"(
name: "tiny"
input: "data"
input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }
layer { name: "conv1" type: "Convolution" bottom: "data" top: "conv1"
        convolution_param { num_output: 4 kernel_size: 3 pad: 1 } }
layer { name: "relu1" type: "ReLU" bottom: "conv1" top: "conv1" }
layer { name: "pool1" type: "Pooling" bottom: "conv1" top: "pool1"
        pooling_param { pool: MAX kernel_size: 3 stride: 2 } }
)";
  auto g = Import(text, Weights("conv1", {{4, 3, 3, 3}, {4}}));
  ASSERT_TRUE(g.ok()) << g.status().message();
  ASSERT_EQ((*g)->inputs.size(), 1u);
  EXPECT_EQ((*g)->inputs[0]->shape, (Shape{1, 3, 8, 8}));
  ASSERT_EQ((*g)->outputs.size(), 1u);
  EXPECT_EQ((*g)->outputs[0]->name, "pool1");
  // Caffe's ceil mode: (8 - 3) / 2 rounded up + 1 = 4 (floor would give 3).
  EXPECT_EQ((*g)->outputs[0]->shape, (Shape{1, 4, 4, 4}));
  const Node* relu = NodeNamed(**g, "relu1");
  ASSERT_NE(relu, nullptr);
  EXPECT_EQ(relu->op_type, "Relu");
  EXPECT_NE(relu->inputs[0], relu->outputs[0]);  // in place -> a new SSA value
  EXPECT_EQ(NodeNamed(**g, "conv1")->op_type, "Conv");
}

TEST(CaffeImport, InputDimInputLayerAndInputShapeOverride) {
  auto dims = Import(R"(input: "a" input_dim: 2 input_dim: 3 input_dim: 4 input_dim: 5
layer { name: "s" type: "Softmax" bottom: "a" top: "s" })");
  ASSERT_TRUE(dims.ok()) << dims.status().message();
  EXPECT_EQ((*dims)->inputs[0]->shape, (Shape{2, 3, 4, 5}));
  const char* layer_form = R"(
layer { name: "in" type: "Input" top: "x" input_param { shape { dim: 1 dim: 6 } } }
layer { name: "t" type: "TanH" bottom: "x" top: "t" })";
  auto g = Import(layer_form);
  ASSERT_TRUE(g.ok()) << g.status().message();
  EXPECT_EQ((*g)->inputs[0]->shape, (Shape{1, 6}));
  auto batch4 = Import(layer_form, "", {{"x", {4, 6}}});
  ASSERT_TRUE(batch4.ok()) << batch4.status().message();
  EXPECT_EQ((*batch4)->outputs[0]->shape, (Shape{4, 6}));
}

TEST(CaffeImport, DataLayerNeedsInputShape) {
  const char* text = R"(
layer { name: "data" type: "Data" top: "data" top: "label" data_param { batch_size: 8 } }
layer { name: "sig" type: "Sigmoid" bottom: "data" top: "sig" })";
  auto missing = Import(text);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("--input_shape=data:"), std::string::npos)
      << missing.status().message();
  auto given = Import(text, "", {{"data", {2, 3, 4, 4}}});
  ASSERT_TRUE(given.ok()) << given.status().message();
  EXPECT_EQ((*given)->outputs.size(), 1u);  // the label is not an output
}

TEST(CaffeImport, LegacyV1LayersAndLegacyBlobDims) {
  const char* text = R"(
input: "data" input_dim: 1 input_dim: 2 input_dim: 1 input_dim: 1
layers { name: "fc" type: INNER_PRODUCT bottom: "data" top: "fc" inner_product_param { num_output: 3 } }
layers { name: "prob" type: SOFTMAX bottom: "fc" top: "prob" })";
  openacl_caffe::NetParameter weights;
  auto* l = weights.add_layers();
  l->set_name("fc");
  l->set_type(openacl_caffe::V1LayerParameter::INNER_PRODUCT);
  auto* w = l->add_blobs();  // 1 x 1 x 3 x 2, the legacy layout of a 3 x 2 weight
  w->set_num(1);
  w->set_channels(1);
  w->set_height(3);
  w->set_width(2);
  for (int i = 0; i < 6; ++i) w->add_data(static_cast<float>(i));
  auto* b = l->add_blobs();
  b->set_num(1);
  b->set_channels(1);
  b->set_height(1);
  b->set_width(3);
  for (int i = 0; i < 3; ++i) b->add_data(1.0f);
  auto g = Import(text, weights.SerializeAsString());
  ASSERT_TRUE(g.ok()) << g.status().message();
  EXPECT_EQ((*g)->outputs[0]->shape, (Shape{1, 3}));
  EXPECT_EQ(NodeNamed(**g, "fc")->op_type, "Gemm");
}

TEST(CaffeImport, ErrorsNameFileLayerAndProblem) {
  auto syntax = Import("layer { name: \"a\" type: \"ReLU\" bottom: \"x\" top: \"y\" \n oops }");
  ASSERT_FALSE(syntax.ok());
  EXPECT_NE(syntax.status().message().find("'net.prototxt'"), std::string::npos);
  EXPECT_NE(syntax.status().message().find("line 2"), std::string::npos) << syntax.status().message();

  const char* conv = R"(input: "data" input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }
layer { name: "conv1" type: "Convolution" bottom: "data" top: "conv1"
        convolution_param { num_output: 4 kernel_size: 3 } })";
  auto no_weights = Import(conv);
  ASSERT_FALSE(no_weights.ok());
  EXPECT_NE(no_weights.status().message().find("layer 'conv1' (type Convolution, 'net.prototxt' line 2)"),
            std::string::npos)
      << no_weights.status().message();
  EXPECT_NE(no_weights.status().message().find("weight blob 0"), std::string::npos);

  auto wrong_shape = Import(conv, Weights("conv1", {{4, 2, 3, 3}, {4}}));
  ASSERT_FALSE(wrong_shape.ok());
  EXPECT_NE(wrong_shape.status().message().find("[4,2,3,3]"), std::string::npos)
      << wrong_shape.status().message();

  std::string truncated = Weights("conv1", {{4, 3, 3, 3}, {4}});
  truncated.resize(truncated.size() / 2);
  auto cut = Import(conv, truncated);
  ASSERT_FALSE(cut.ok());
  EXPECT_NE(cut.status().message().find("not a valid caffemodel"), std::string::npos)
      << cut.status().message();

  auto unsupported = Import(R"(input: "x" input_shape { dim: 1 dim: 2 }
layer { name: "weird" type: "FancyLayer" bottom: "x" top: "y" })");
  ASSERT_FALSE(unsupported.ok());
  EXPECT_EQ(unsupported.status().code(), StatusCode::kUnsupportedOp);
  EXPECT_NE(unsupported.status().message().find("layer 'weird' (type FancyLayer, 'net.prototxt' line 2)"),
            std::string::npos)
      << unsupported.status().message();

  auto dangling = Import(R"(input: "x" input_shape { dim: 1 dim: 2 }
layer { name: "r" type: "ReLU" bottom: "nothere" top: "y" })");
  ASSERT_FALSE(dangling.ok());
  EXPECT_NE(dangling.status().message().find("bottom 'nothere'"), std::string::npos);

  auto mismatch = Import(R"(input: "a" input_shape { dim: 1 dim: 2 }
input: "b" input_shape { dim: 1 dim: 3 }
layer { name: "sum" type: "Eltwise" bottom: "a" bottom: "b" top: "s" })");
  ASSERT_FALSE(mismatch.ok());
  EXPECT_NE(mismatch.status().message().find("Eltwise needs equal shapes"), std::string::npos)
      << mismatch.status().message();

  auto bad_reshape = Import(R"(input: "a" input_shape { dim: 2 dim: 6 }
layer { name: "r" type: "Reshape" bottom: "a" top: "r" reshape_param { shape { dim: 5 dim: -1 } } })");
  ASSERT_FALSE(bad_reshape.ok());
  EXPECT_NE(bad_reshape.status().message().find("cannot infer the -1 dim"), std::string::npos);

  EXPECT_FALSE(Import("").ok());
  EXPECT_FALSE(Import("input: \"x\"").ok());  // no shape
}

TEST(CaffeImport, TrainOnlyLayersAreSkipped) {
  auto g = Import(R"(input: "x" input_shape { dim: 1 dim: 4 }
layer { name: "drop" type: "Dropout" bottom: "x" top: "x" include { phase: TRAIN } }
layer { name: "p" type: "Softmax" bottom: "x" top: "p" }
layer { name: "acc" type: "Accuracy" bottom: "p" bottom: "label" top: "acc" include { phase: TEST } })");
  ASSERT_TRUE(g.ok()) << g.status().message();
  EXPECT_EQ(NodeNamed(**g, "drop"), nullptr);
  ASSERT_EQ((*g)->outputs.size(), 1u);
  EXPECT_EQ((*g)->outputs[0]->name, "p");
}

}  // namespace
}  // namespace openacl
