// aclopCreateAttr / aclopDestroyAttr / aclopSetAttr*: success and misuse, and typed attributes
// reaching the op (Conv2D list_int attrs, LeakyRelu float, Cast int/bool, ArgMaxD data_type).
#include <gtest/gtest.h>

#include "acl/acl_op.h"
#include "capi/op_internal.h"
#include "capi_test_env.h"
#include "op_test_util.h"

namespace openacl_test {
namespace {

using AttrValue = openacl::single_op::AttrValue;

class OpAttrTest : public AclDeviceTest {};

TEST_F(OpAttrTest, EverySetterStoresTypedValues) {
  aclopAttr* a = aclopCreateAttr();
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(aclopSetAttrBool(a, "b", 2), ACL_SUCCESS);
  EXPECT_EQ(aclopSetAttrInt(a, "i", -7), ACL_SUCCESS);
  EXPECT_EQ(aclopSetAttrFloat(a, "f", 0.25f), ACL_SUCCESS);
  EXPECT_EQ(aclopSetAttrString(a, "s", "NCHW"), ACL_SUCCESS);
  EXPECT_EQ(aclopSetAttrDataType(a, "t", ACL_FLOAT16), ACL_SUCCESS);
  uint8_t lb[] = {1, 0, 5};
  int64_t li[] = {1, 2, 3};
  float lf[] = {0.5f, 1.5f};
  const char* ls[] = {"x", "y"};
  aclDataType lt[] = {ACL_INT32, ACL_FLOAT};
  EXPECT_EQ(aclopSetAttrListBool(a, "lb", 3, lb), ACL_SUCCESS);
  EXPECT_EQ(aclopSetAttrListInt(a, "li", 3, li), ACL_SUCCESS);
  EXPECT_EQ(aclopSetAttrListFloat(a, "lf", 2, lf), ACL_SUCCESS);
  EXPECT_EQ(aclopSetAttrListString(a, "ls", 2, ls), ACL_SUCCESS);
  EXPECT_EQ(aclopSetAttrListDataType(a, "lt", 2, lt), ACL_SUCCESS);
  int64_t r0[] = {1, 2}, r1[] = {3};
  const int64_t* rows[] = {r0, r1, nullptr};
  int counts[] = {2, 1, 0};
  EXPECT_EQ(aclopSetAttrListListInt(a, "lli", 3, counts, rows), ACL_SUCCESS);
  EXPECT_EQ(aclopSetAttrListInt(a, "empty", 0, nullptr), ACL_SUCCESS);

  const auto& m = a->attrs;
  EXPECT_EQ(m.at("b").type, AttrValue::Type::kBool);
  EXPECT_EQ(m.at("b").i, 1);
  EXPECT_EQ(m.at("i").i, -7);
  EXPECT_FLOAT_EQ(m.at("f").f, 0.25f);
  EXPECT_EQ(m.at("s").s, "NCHW");
  EXPECT_EQ(m.at("t").type, AttrValue::Type::kDataType);
  EXPECT_EQ(m.at("t").i, ACL_FLOAT16);
  EXPECT_EQ(m.at("lb").ints, (std::vector<int64_t>{1, 0, 1}));
  EXPECT_EQ(m.at("li").ints, (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(m.at("lf").floats, (std::vector<float>{0.5f, 1.5f}));
  EXPECT_EQ(m.at("ls").strings, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(m.at("lt").ints, (std::vector<int64_t>{ACL_INT32, ACL_FLOAT}));
  EXPECT_EQ(m.at("lli").int_lists, (std::vector<std::vector<int64_t>>{{1, 2}, {3}, {}}));
  EXPECT_TRUE(m.at("empty").ints.empty());
  // Setting again replaces.
  EXPECT_EQ(aclopSetAttrInt(a, "i", 9), ACL_SUCCESS);
  EXPECT_EQ(a->attrs.at("i").i, 9);
  aclopDestroyAttr(a);
}

TEST_F(OpAttrTest, Misuse) {
  aclopAttr* a = aclopCreateAttr();
  int64_t li[] = {1};
  EXPECT_EQ(aclopSetAttrInt(nullptr, "i", 1), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclopSetAttrInt(a, nullptr, 1), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclopSetAttrInt(a, "", 1), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclopSetAttrString(a, "s", nullptr), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclopSetAttrListInt(a, "l", -1, li), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclopSetAttrListInt(a, "l", 2, nullptr), ACL_ERROR_INVALID_PARAM);
  const char* ls[] = {"x", nullptr};
  EXPECT_EQ(aclopSetAttrListString(a, "ls", 2, ls), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentError().find("values[1] is null"), std::string::npos) << RecentError();
  int counts[] = {2};
  const int64_t* rows[] = {nullptr};
  EXPECT_EQ(aclopSetAttrListListInt(a, "lli", 1, counts, rows), ACL_ERROR_INVALID_PARAM);
  EXPECT_EQ(aclopSetAttrListListInt(a, "lli", 1, nullptr, rows), ACL_ERROR_INVALID_PARAM);
  aclopDestroyAttr(a);
  // Stale attr: an error code, not a crash.
  EXPECT_EQ(aclopSetAttrBool(a, "b", 1), ACL_ERROR_INVALID_PARAM);
  EXPECT_NE(RecentError().find("not a live aclopAttr"), std::string::npos) << RecentError();
  aclopDestroyAttr(a);  // double destroy: recorded error, no crash
  aclopDestroyAttr(nullptr);
}

TEST_F(OpAttrTest, TypedAttrsReachTheOp) {
  aclrtStream stream = nullptr;
  ASSERT_EQ(aclrtCreateStream(&stream), ACL_SUCCESS);
  // Conv2D with list_int attrs: 1x1x3x3 input, 1x1x2x2 all-ones filter, stride 1, no pad.
  ASSERT_EQ(LoadOp(R"({"op":"Conv2D","input_desc":[
      {"format":"NCHW","shape":[1,1,3,3],"type":"float"},
      {"format":"NCHW","shape":[1,1,2,2],"type":"float"}],
      "output_desc":[{"format":"NCHW","shape":[1,1,2,2],"type":"float"}],
      "attr":[{"name":"strides","type":"list_int","value":[1,1,1,1]},
              {"name":"pads","type":"list_int","value":[0,0,0,0]},
              {"name":"dilations","type":"list_int","value":[1,1,1,1]},
              {"name":"groups","type":"int","value":1},
              {"name":"data_format","type":"string","value":"NCHW"}]})"),
            ACL_SUCCESS)
      << RecentError();
  DeviceBuffer x(std::vector<float>{1, 2, 3, 4, 5, 6, 7, 8, 9}), w(std::vector<float>{1, 1, 1, 1});
  DeviceBuffer y(16);
  Descs d;
  aclTensorDesc* in_desc[] = {d.Add(ACL_FLOAT, {1, 1, 3, 3}, ACL_FORMAT_NCHW),
                              d.Add(ACL_FLOAT, {1, 1, 2, 2}, ACL_FORMAT_NCHW)};
  aclTensorDesc* out_desc[] = {d.Add(ACL_FLOAT, {1, 1, 2, 2}, ACL_FORMAT_NCHW)};
  aclDataBuffer* in[] = {x.buffer(), w.buffer()};
  aclDataBuffer* out[] = {y.buffer()};
  aclopAttr* a = aclopCreateAttr();
  int64_t ones[] = {1, 1, 1, 1}, zeros[] = {0, 0, 0, 0};
  ASSERT_EQ(aclopSetAttrListInt(a, "strides", 4, ones), ACL_SUCCESS);
  ASSERT_EQ(aclopSetAttrListInt(a, "pads", 4, zeros), ACL_SUCCESS);
  // dilations / groups / data_format left at their defaults: still matches.
  ASSERT_EQ(aclopExecuteV2("Conv2D", 2, in_desc, in, 1, out_desc, out, a, stream), ACL_SUCCESS)
      << RecentError();
  ASSERT_EQ(aclrtSynchronizeStream(stream), ACL_SUCCESS);
  EXPECT_EQ(y.Read<float>(4), (std::vector<float>{12, 16, 24, 28}));
  // A different pads value is another op.
  int64_t pads1[] = {1, 1, 1, 1};
  ASSERT_EQ(aclopSetAttrListInt(a, "pads", 4, pads1), ACL_SUCCESS);
  EXPECT_EQ(aclopExecuteV2("Conv2D", 2, in_desc, in, 1, out_desc, out, a, stream),
            ACL_ERROR_OP_NOT_FOUND);
  aclopDestroyAttr(a);

  // LeakyRelu: float attr.
  ASSERT_EQ(LoadOp(R"({"op":"LeakyRelu","input_desc":[{"format":"ND","shape":[4],"type":"float"}],
      "output_desc":[{"format":"ND","shape":[4],"type":"float"}],
      "attr":[{"name":"negative_slope","type":"float","value":0.5}]})"),
            ACL_SUCCESS);
  DeviceBuffer lx(std::vector<float>{-2, -1, 0, 3}), ly(16);
  aclTensorDesc* l_in[] = {d.Add(ACL_FLOAT, {4})};
  aclTensorDesc* l_out[] = {d.Add(ACL_FLOAT, {4})};
  aclDataBuffer* lin[] = {lx.buffer()};
  aclDataBuffer* lout[] = {ly.buffer()};
  a = aclopCreateAttr();
  ASSERT_EQ(aclopSetAttrFloat(a, "negative_slope", 0.5f), ACL_SUCCESS);
  ASSERT_EQ(aclopExecuteV2("LeakyRelu", 1, l_in, lin, 1, l_out, lout, a, stream), ACL_SUCCESS)
      << RecentError();
  ASSERT_EQ(aclrtSynchronizeStream(stream), ACL_SUCCESS);
  EXPECT_EQ(ly.Read<float>(4), (std::vector<float>{-1, -0.5f, 0, 3}));
  aclopDestroyAttr(a);

  // ArgMaxD with data_type attr int64 output.
  ASSERT_EQ(LoadOp(R"({"op":"ArgMaxD","input_desc":[{"format":"ND","shape":[2,3],"type":"float"}],
      "output_desc":[{"format":"ND","shape":[2],"type":"int64"}],
      "attr":[{"name":"dimension","type":"int","value":1},
              {"name":"dtype","type":"data_type","value":"int64"}]})"),
            ACL_SUCCESS)
      << RecentError();
  DeviceBuffer ax(std::vector<float>{1, 3, 2, 9, 8, 7}), ay(16);
  aclTensorDesc* a_in[] = {d.Add(ACL_FLOAT, {2, 3})};
  aclTensorDesc* a_out[] = {d.Add(ACL_INT64, {2})};
  aclDataBuffer* ain[] = {ax.buffer()};
  aclDataBuffer* aout[] = {ay.buffer()};
  a = aclopCreateAttr();
  ASSERT_EQ(aclopSetAttrInt(a, "dimension", 1), ACL_SUCCESS);
  ASSERT_EQ(aclopSetAttrDataType(a, "dtype", ACL_INT64), ACL_SUCCESS);
  ASSERT_EQ(aclopExecuteV2("ArgMaxD", 1, a_in, ain, 1, a_out, aout, a, stream), ACL_SUCCESS)
      << RecentError();
  ASSERT_EQ(aclrtSynchronizeStream(stream), ACL_SUCCESS);
  EXPECT_EQ(ay.Read<int64_t>(2), (std::vector<int64_t>{1, 0}));
  aclopDestroyAttr(a);
  EXPECT_EQ(aclrtDestroyStream(stream), ACL_SUCCESS);
}

}  // namespace
}  // namespace openacl_test
