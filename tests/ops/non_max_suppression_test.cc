// NonMaxSuppression: the ONNX examples (corner and center boxes, flipped corners, identical
// boxes, output limit, IoU and score thresholds, two batches, two classes), max output 0 or
// omitted, the default IoU threshold, equal scores, and shape inference with runtime inputs.
#include "op_test_util.h"
#include "value_shape_test_util.h"

namespace openacl::testing {
namespace {

const std::vector<float> kBoxes = {0, 0,  1, 1,  0, 0.1f,  1, 1.1f,  0, -0.1f, 1, 0.9f,
                                   0, 10, 1, 11, 0, 10.1f, 1, 11.1f, 0, 100,   1, 101};
const std::vector<float> kScores = {0.9f, 0.75f, 0.6f, 0.95f, 0.5f, 0.3f};

struct NmsCase {
  Tensor boxes, scores;
  std::optional<int64_t> max_out;
  std::optional<float> iou, score;
  int64_t center = 0;
};

OpRun RunNms(const NmsCase& c) {
  OpTest t("NonMaxSuppression", 11);
  if (c.center) t.Attr("center_point_box", Attribute::Int(c.center));
  t.ConstInput(c.boxes).ConstInput(c.scores);
  if (c.max_out || c.iou || c.score) {
    if (c.max_out)
      t.ConstInput(MakeInt64({1}, {*c.max_out}));
    else
      t.NoInput();
  }
  if (c.iou || c.score) {
    if (c.iou)
      t.ConstInput(MakeFloat({1}, {*c.iou}));
    else
      t.NoInput();
  }
  if (c.score) t.ConstInput(MakeFloat({1}, {*c.score}));
  return t.RunAndCompareAll();
}

void ExpectSelected(const NmsCase& c, const std::vector<int64_t>& rows) {
  OpRun r = RunNms(c);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeInt64({static_cast<int64_t>(rows.size() / 3), 3}, rows));
}

NmsCase Standard(int64_t max_out, float iou, std::optional<float> score) {
  return {MakeFloat({1, 6, 4}, kBoxes), MakeFloat({1, 1, 6}, kScores), max_out, iou, score};
}

TEST(NonMaxSuppressionOp, OnnxSuppressByIou) {
  ExpectSelected(Standard(3, 0.5f, 0.0f), {0, 0, 3, 0, 0, 0, 0, 0, 5});
}

TEST(NonMaxSuppressionOp, OnnxSuppressByIouAndScores) {
  ExpectSelected(Standard(3, 0.5f, 0.4f), {0, 0, 3, 0, 0, 0});
}

TEST(NonMaxSuppressionOp, OnnxLimitOutputSize) {
  ExpectSelected(Standard(2, 0.5f, 0.0f), {0, 0, 3, 0, 0, 0});
}

TEST(NonMaxSuppressionOp, OnnxCenterPointBox) {
  NmsCase c = Standard(3, 0.5f, 0.0f);
  c.boxes = MakeFloat({1, 6, 4}, {0.5f, 0.5f,  1, 1, 0.5f, 0.6f,  1, 1, 0.5f, 0.4f,   1, 1,
                                  0.5f, 10.5f, 1, 1, 0.5f, 10.6f, 1, 1, 0.5f, 100.5f, 1, 1});
  c.center = 1;
  ExpectSelected(c, {0, 0, 3, 0, 0, 0, 0, 0, 5});
}

TEST(NonMaxSuppressionOp, OnnxFlippedCoordinates) {
  NmsCase c = Standard(3, 0.5f, 0.0f);
  c.boxes = MakeFloat({1, 6, 4}, {1, 1,  0, 0,  0, 0.1f,  1, 1.1f,  0, 0.9f, 1, -0.1f,
                                  0, 10, 1, 11, 1, 10.1f, 0, 11.1f, 1, 101,  0, 100});
  ExpectSelected(c, {0, 0, 3, 0, 0, 0, 0, 0, 5});
}

TEST(NonMaxSuppressionOp, OnnxIdenticalBoxes) {
  std::vector<float> boxes;
  for (int i = 0; i < 10; ++i) boxes.insert(boxes.end(), {0, 0, 1, 1});
  NmsCase c{MakeFloat({1, 10, 4}, boxes), MakeFloat({1, 1, 10}, std::vector<float>(10, 0.9f)), 3,
            0.5f, 0.0f};
  ExpectSelected(c, {0, 0, 0});
}

TEST(NonMaxSuppressionOp, OnnxSingleBox) {
  NmsCase c{MakeFloat({1, 1, 4}, {0, 0, 1, 1}), MakeFloat({1, 1, 1}, {0.9f}), 3, 0.5f, 0.0f};
  ExpectSelected(c, {0, 0, 0});
}

TEST(NonMaxSuppressionOp, OnnxTwoBatches) {
  std::vector<float> boxes = kBoxes, scores = kScores;
  boxes.insert(boxes.end(), kBoxes.begin(), kBoxes.end());
  scores.insert(scores.end(), kScores.begin(), kScores.end());
  NmsCase c{MakeFloat({2, 6, 4}, boxes), MakeFloat({2, 1, 6}, scores), 2, 0.5f, 0.0f};
  ExpectSelected(c, {0, 0, 3, 0, 0, 0, 1, 0, 3, 1, 0, 0});
}

TEST(NonMaxSuppressionOp, OnnxTwoClasses) {
  std::vector<float> scores = kScores;
  scores.insert(scores.end(), kScores.begin(), kScores.end());
  NmsCase c{MakeFloat({1, 6, 4}, kBoxes), MakeFloat({1, 2, 6}, scores), 2, 0.5f, 0.0f};
  ExpectSelected(c, {0, 0, 3, 0, 0, 0, 0, 1, 3, 0, 1, 0});
}

TEST(NonMaxSuppressionOp, MaxOutputZeroOrOmittedSelectsNothing) {
  OpRun r = RunNms(Standard(0, 0.5f, 0.0f));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.outputs[0].shape(), (Shape{0, 3}));
  NmsCase omitted = Standard(3, 0.5f, 0.0f);
  omitted.max_out.reset();
  omitted.iou.reset();
  omitted.score.reset();
  r = RunNms(omitted);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.outputs[0].shape(), (Shape{0, 3}));
}

TEST(NonMaxSuppressionOp, IouThresholdDefaultsToZero) {
  // IoU of the two boxes is 0.2 / 1.8: kept at 0.5, suppressed by the default 0.
  NmsCase c{MakeFloat({1, 2, 4}, {0, 0, 1, 1, 0, 0.8f, 1, 1.8f}),
            MakeFloat({1, 1, 2}, {0.9f, 0.8f}), 5, 0.5f, std::nullopt};
  ExpectSelected(c, {0, 0, 0, 0, 0, 1});
  c.iou.reset();
  ExpectSelected(c, {0, 0, 0});
}

TEST(NonMaxSuppressionOp, ScoreThresholdIsStrict) {
  // Without a score threshold every box is a candidate; with 0.75 box 1 (score 0.75) is not.
  ExpectSelected(Standard(6, 1.0f, std::nullopt),
                 {0, 0, 3, 0, 0, 0, 0, 0, 1, 0, 0, 2, 0, 0, 4, 0, 0, 5});
  ExpectSelected(Standard(6, 1.0f, 0.75f), {0, 0, 3, 0, 0, 0});
}

TEST(NonMaxSuppressionOp, EqualScoresKeepLowerIndexFirst) {
  NmsCase c{MakeFloat({1, 3, 4}, {0, 20, 1, 21, 0, 10, 1, 11, 0, 0, 1, 1}),
            MakeFloat({1, 1, 3}, {0.5f, 0.5f, 0.5f}), 3, 0.5f, std::nullopt};
  ExpectSelected(c, {0, 0, 0, 0, 0, 1, 0, 0, 2});
}

TEST(NonMaxSuppressionOp, RejectsIouThresholdOutsideUnitInterval) {
  EXPECT_FALSE(RunNms(Standard(3, 1.5f, 0.0f)).status.ok());
}

TEST(NonMaxSuppressionOp, RuntimeInputsGiveUnknownRowCount) {
  std::vector<InferInput> ins = {Runtime(MakeFloat({1, 6, 4}, kBoxes)),
                                 Const(MakeFloat({1, 1, 6}, kScores)), Const(MakeInt64({1}, {3})),
                                 Const(MakeFloat({1}, {0.5f})), Const(MakeFloat({1}, {0.0f}))};
  InferResult r = InferOnly("NonMaxSuppression", 11, ins, AttrMap(), 1);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.shapes[0], (Shape{-1, 3}));
  EXPECT_EQ(r.dtypes[0], DType::kInt64);
  ins[0].is_const = true;
  ins[2].is_const = false;
  r = InferOnly("NonMaxSuppression", 11, ins, AttrMap(), 1);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.shapes[0], (Shape{-1, 3}));
  ins[2].is_const = true;
  r = InferOnly("NonMaxSuppression", 11, ins, AttrMap(), 1);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.shapes[0], (Shape{3, 3}));
}

}  // namespace
}  // namespace openacl::testing
