#include "op_test_util.h"

namespace openacl::testing {

TEST(AddOp, Broadcast) {
  OpTest t("Add");
  t.Input(MakeFloat({2, 3}, {1, 2, 3, 4, 5, 6})).Input(MakeFloat({3}, {10, 20, 30}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 3}, {11, 22, 33, 14, 25, 36}));
}

TEST(AddOp, MismatchedShapesFail) {
  OpTest t("Add");
  t.Input(MakeFloat({2, 3}, {1, 2, 3, 4, 5, 6})).Input(MakeFloat({2}, {1, 2}));
  EXPECT_FALSE(t.RunReference().status.ok());
}

TEST(ReluOp, Basic) {
  OpTest t("Relu");
  t.Input(MakeFloat({4}, {-1, 0, 2, -3}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[0], MakeFloat({4}, {0, 0, 2, 0}));
}

}  // namespace openacl::testing
