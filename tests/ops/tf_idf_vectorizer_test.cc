// TfIdfVectorizer: the ONNX examples (TF mode, 1-D and batched, skips, uni+bigrams, an empty
// unigram level), int64 input, IDF/TFIDF with and without weights, permuted ngram_indexes, and
// the clear errors for string inputs and pool_strings.
#include "op_test_util.h"

namespace openacl::testing {
namespace {

const std::vector<int32_t> kText = {1, 1, 3, 3, 3, 7, 8, 6, 7, 5, 6, 8};

OpTest& Configure(OpTest& t, int64_t min_gram, int64_t max_gram, int64_t skip,
                  const std::string& mode = "TF") {
  t.Attr("min_gram_length", Attribute::Int(min_gram))
      .Attr("max_gram_length", Attribute::Int(max_gram))
      .Attr("max_skip_count", Attribute::Int(skip))
      .Attr("mode", Attribute::String(mode))
      .Attr("ngram_counts", Attribute::Ints({0, 4}))
      .Attr("ngram_indexes", Attribute::Ints({0, 1, 2, 3, 4, 5, 6}))
      .Attr("pool_int64s", Attribute::Ints({2, 3, 5, 4, 5, 6, 7, 8, 6, 7}));
  return t;
}

void ExpectOutput(OpTest& t, const Tensor& expected) {
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], expected);
}

TEST(TfIdfVectorizerOp, OnnxOnlyBigramsSkip0) {
  OpTest t("TfIdfVectorizer", 9);
  Configure(t, 2, 2, 0).Input(MakeInt32({12}, kText));
  ExpectOutput(t, MakeFloat({7}, {0, 0, 0, 0, 1, 1, 1}));
}

TEST(TfIdfVectorizerOp, OnnxOnlyBigramsSkip5) {
  OpTest t("TfIdfVectorizer", 9);
  Configure(t, 2, 2, 5).Input(MakeInt32({12}, kText));
  ExpectOutput(t, MakeFloat({7}, {0, 0, 0, 0, 1, 3, 1}));
}

TEST(TfIdfVectorizerOp, OnnxUniAndBigramsSkip5) {
  OpTest t("TfIdfVectorizer", 9);
  Configure(t, 1, 2, 5).Input(MakeInt32({12}, kText));
  ExpectOutput(t, MakeFloat({7}, {0, 3, 1, 0, 1, 3, 1}));
}

TEST(TfIdfVectorizerOp, OnnxBatches) {
  OpTest skip0("TfIdfVectorizer", 9);
  Configure(skip0, 2, 2, 0).Input(MakeInt32({2, 6}, kText));
  ExpectOutput(skip0, MakeFloat({2, 7}, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1}));
  OpTest skip5("TfIdfVectorizer", 9);
  Configure(skip5, 2, 2, 5).Input(MakeInt32({2, 6}, kText));
  ExpectOutput(skip5, MakeFloat({2, 7}, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1}));
  OpTest uni("TfIdfVectorizer", 9);
  Configure(uni, 1, 2, 5).Input(MakeInt32({2, 6}, kText));
  ExpectOutput(uni, MakeFloat({2, 7}, {0, 3, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1}));
}

TEST(TfIdfVectorizerOp, OnnxEmptyUnigramLevel) {
  OpTest t("TfIdfVectorizer", 9);
  Configure(t, 2, 2, 0)
      .Attr("ngram_counts", Attribute::Ints({0, 0}))
      .Attr("ngram_indexes", Attribute::Ints({0, 1, 2}))
      .Attr("pool_int64s", Attribute::Ints({5, 6, 7, 8, 6, 7}))
      .Input(MakeInt32({12}, kText));
  ExpectOutput(t, MakeFloat({3}, {1, 1, 1}));
}

TEST(TfIdfVectorizerOp, Int64Input) {
  OpTest t("TfIdfVectorizer", 9);
  std::vector<int64_t> text(kText.begin(), kText.end());
  Configure(t, 1, 2, 5).Input(MakeInt64({12}, text));
  ExpectOutput(t, MakeFloat({7}, {0, 3, 1, 0, 1, 3, 1}));
}

TEST(TfIdfVectorizerOp, IdfAndTfIdfModes) {
  std::vector<float> w = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f};
  // Counts are {0, 3, 1, 0, 1, 3, 1} (uni + bigrams, skip 5).
  OpTest idf("TfIdfVectorizer", 9);
  Configure(idf, 1, 2, 5, "IDF")
      .Attr("weights", Attribute::Floats(w))
      .Input(MakeInt32({12}, kText));
  ExpectOutput(idf, MakeFloat({7}, {0, 0.2f, 0.3f, 0, 0.5f, 0.6f, 0.7f}));
  OpTest idf1("TfIdfVectorizer", 9);
  Configure(idf1, 1, 2, 5, "IDF").Input(MakeInt32({12}, kText));
  ExpectOutput(idf1, MakeFloat({7}, {0, 1, 1, 0, 1, 1, 1}));
  OpTest tfidf("TfIdfVectorizer", 9);
  Configure(tfidf, 1, 2, 5, "TFIDF")
      .Attr("weights", Attribute::Floats(w))
      .Input(MakeInt32({12}, kText));
  ExpectOutput(tfidf, MakeFloat({7}, {0, 0.6f, 0.3f, 0, 0.5f, 1.8f, 0.7f}));
  OpTest tf_weights_ignored("TfIdfVectorizer", 9);
  Configure(tf_weights_ignored, 1, 2, 5, "TF")
      .Attr("weights", Attribute::Floats(w))
      .Input(MakeInt32({12}, kText));
  ExpectOutput(tf_weights_ignored, MakeFloat({7}, {0, 3, 1, 0, 1, 3, 1}));
}

TEST(TfIdfVectorizerOp, PermutedIndexes) {
  OpTest t("TfIdfVectorizer", 9);
  Configure(t, 1, 2, 5)
      .Attr("ngram_indexes", Attribute::Ints({6, 5, 4, 3, 2, 1, 0}))
      .Input(MakeInt32({12}, kText));
  ExpectOutput(t, MakeFloat({7}, {1, 3, 1, 0, 1, 3, 0}));
}

TEST(TfIdfVectorizerOp, StringsAreRejectedClearly) {
  OpTest strings("TfIdfVectorizer", 9);
  Configure(strings, 1, 1, 0).Input(Tensor(DType::kString, {2}));
  OpRun r = strings.RunReference();
  EXPECT_EQ(r.status.code(), StatusCode::kUnsupportedDataType);
  EXPECT_NE(r.status.message().find("string"), std::string::npos) << r.status.message();
  OpTest pool("TfIdfVectorizer", 9);
  Configure(pool, 1, 1, 0)
      .Attr("pool_strings", Attribute::Strings({"a", "b"}))
      .Input(MakeInt32({12}, kText));
  r = pool.RunReference();
  EXPECT_EQ(r.status.code(), StatusCode::kUnsupportedDataType);
}

TEST(TfIdfVectorizerOp, RejectsBadAttributes) {
  OpTest dup("TfIdfVectorizer", 9);
  Configure(dup, 1, 1, 0)
      .Attr("pool_int64s", Attribute::Ints({2, 2, 5, 4, 5, 6, 7, 8, 6, 7}))
      .Input(MakeInt32({12}, kText));
  EXPECT_FALSE(dup.RunReference().status.ok());
  OpTest odd("TfIdfVectorizer", 9);
  Configure(odd, 2, 2, 0)
      .Attr("pool_int64s", Attribute::Ints({2, 3, 5, 4, 5, 6, 7}))
      .Input(MakeInt32({12}, kText));
  EXPECT_FALSE(odd.RunReference().status.ok());
}

}  // namespace
}  // namespace openacl::testing
