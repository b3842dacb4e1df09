#include "ops/common/matmul_util.h"

#include <algorithm>

#include "ops/common/shape_util.h"

namespace openacl {

Result<MatMulShape> ComputeMatMulShape(const Node& node, const Shape& a, const Shape& b) {
  if (a.empty() || b.empty())
    return Status(StatusCode::kShapeInvalid,
                  node.Describe() + ": MatMul operands must have rank >= 1");
  MatMulShape s;
  Shape pa = a.size() == 1 ? Shape{1, a[0]} : a;
  Shape pb = b.size() == 1 ? Shape{b[0], 1} : b;
  size_t rank = std::max(pa.size(), pb.size());
  pa.insert(pa.begin(), rank - pa.size(), 1);
  pb.insert(pb.begin(), rank - pb.size(), 1);
  s.M = pa[rank - 2];
  s.K = pa[rank - 1];
  s.N = pb[rank - 1];
  if (pb[rank - 2] != s.K)
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": inner dims of " +
                                                 ShapeToString(a) + " and " + ShapeToString(b) +
                                                 " differ");
  Shape ba(pa.begin(), pa.end() - 2), bb(pb.begin(), pb.end() - 2);
  auto batch = BroadcastShapes(ba, bb);
  if (!batch.ok()) return batch.status().WithContext(node.Describe());
  s.a_full = pa;
  s.b_full = pb;
  s.out_full = batch.value();
  for (int64_t d : s.out_full) s.batch *= d;
  s.out_full.push_back(s.M);
  s.out_full.push_back(s.N);
  s.out_shape = batch.value();
  if (a.size() != 1) s.out_shape.push_back(s.M);
  if (b.size() != 1) s.out_shape.push_back(s.N);
  return s;
}

}  // namespace openacl
