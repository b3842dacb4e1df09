// Layout layers: Concat, Slice, Split, Flatten, Reshape, Permute, Crop, Tile, Dropout (identity at
// inference). Output shapes are computed here from the (static) input shapes.
#include "frontend/caffe/layer_table.h"

namespace openacl {
namespace caffe_frontend {

Status LowerConcat(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(1, 1024, 1, 1));
  const auto& p = ctx.layer().concat_param();
  int64_t axis_param = p.has_axis() ? p.axis() : static_cast<int64_t>(p.concat_dim());
  ASSIGN_OR_RETURN(int64_t axis, ctx.Axis(axis_param, ctx.rank(0), "concat_param axis"));
  std::vector<Value*> inputs;
  for (size_t i = 0; i < ctx.num_bottoms(); ++i) {
    if (ctx.rank(i) != ctx.rank(0))
      return ctx.Fail("bottom " + std::to_string(i) + " has rank " + std::to_string(ctx.rank(i)) +
                      ", bottom 0 has " + std::to_string(ctx.rank(0)));
    for (int64_t d = 0; d < ctx.rank(0); ++d)
      if (d != axis && ctx.shape(i)[d] != ctx.shape(0)[d])
        return ctx.Fail("bottom " + std::to_string(i) + " " + ShapeToString(ctx.shape(i)) +
                        " differs from bottom 0 " + ShapeToString(ctx.shape(0)) +
                        " outside the concat axis " + std::to_string(axis));
    inputs.push_back(ctx.bottom(i));
  }
  if (inputs.size() == 1) return ctx.Op("Identity", inputs, {}, ctx.Top(0)).status();
  return ctx.Op("Concat", inputs, {{"axis", Attribute::Int(axis)}}, ctx.Top(0)).status();
}

// Tops split the axis at slice_point (or into equal parts without slice points).
Status LowerSlice(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(1, 1, 1, 1024));
  const auto& p = ctx.layer().slice_param();
  int64_t axis_param = p.has_axis() ? p.axis() : static_cast<int64_t>(p.slice_dim());
  ASSIGN_OR_RETURN(int64_t axis, ctx.Axis(axis_param, ctx.rank(0), "slice_param axis"));
  int64_t dim = ctx.shape(0)[axis];
  int64_t tops = ctx.layer().top_size();
  std::vector<int64_t> sizes;
  if (p.slice_point_size() > 0) {
    if (p.slice_point_size() != tops - 1)
      return ctx.Fail(std::to_string(p.slice_point_size()) + " slice points for " +
                      std::to_string(tops) + " tops (need tops - 1)");
    int64_t prev = 0;
    for (int64_t point : p.slice_point()) {
      if (point <= prev || point >= dim)
        return ctx.Fail("slice points must increase strictly inside (0, " + std::to_string(dim) + ")");
      sizes.push_back(point - prev);
      prev = point;
    }
    sizes.push_back(dim - prev);
  } else {
    if (dim % tops != 0)
      return ctx.Fail("axis " + std::to_string(axis) + " of size " + std::to_string(dim) +
                      " does not split into " + std::to_string(tops) + " equal tops");
    sizes.assign(tops, dim / tops);
  }
  if (tops == 1) return ctx.Op("Identity", {ctx.bottom(0)}, {}, ctx.Top(0)).status();
  std::vector<Value*> outs;
  for (int64_t t = 0; t < tops; ++t) outs.push_back(ctx.Top(t));
  return ctx.OpN("Split", {ctx.bottom(0), ctx.ConstInts("split", sizes)}, outs,
                 {{"axis", Attribute::Int(axis)}});
}

// Every top is the bottom itself.
Status LowerSplit(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(1, 1, 1, 1024));
  for (int t = 0; t < ctx.layer().top_size(); ++t) ctx.Alias(t, ctx.bottom(0));
  return Status::Ok();
}

Status LowerDropout(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(1, 1, 1, 1));
  return ctx.Op("Identity", {ctx.bottom(0)}, {}, ctx.Top(0)).status();
}

Status LowerFlatten(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(1, 1, 1, 1));
  const auto& p = ctx.layer().flatten_param();
  const Shape& in = ctx.shape(0);
  ASSIGN_OR_RETURN(int64_t axis, ctx.Axis(p.axis(), ctx.rank(0), "flatten_param axis"));
  ASSIGN_OR_RETURN(int64_t end, ctx.Axis(p.end_axis(), ctx.rank(0), "flatten_param end_axis"));
  if (end < axis) return ctx.Fail("flatten_param end_axis comes before axis");
  std::vector<int64_t> shape(in.begin(), in.begin() + axis);
  int64_t merged = 1;
  for (int64_t i = axis; i <= end; ++i) merged *= in[i];
  shape.push_back(merged);
  shape.insert(shape.end(), in.begin() + end + 1, in.end());
  return ctx.Op("Reshape", {ctx.bottom(0), ctx.ConstInts("shape", shape)}, {}, ctx.Top(0)).status();
}

// reshape_param: dims 0 copy the input dim, one -1 is inferred; `axis` / `num_axes` choose the
// input dims replaced.
Status LowerReshape(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(1, 1, 1, 1));
  const auto& p = ctx.layer().reshape_param();
  const Shape& in = ctx.shape(0);
  int64_t r = ctx.rank(0);
  int64_t start = p.axis() < 0 ? p.axis() + r + 1 : p.axis();
  if (start < 0 || start > r) return ctx.Fail("reshape_param axis " + std::to_string(p.axis()) + " is out of range");
  int64_t end = p.num_axes() == -1 ? r : start + p.num_axes();
  if (p.num_axes() < -1 || end > r) return ctx.Fail("reshape_param num_axes is out of range");
  std::vector<int64_t> shape(in.begin(), in.begin() + start);
  int64_t infer_at = -1;
  for (int i = 0; i < p.shape().dim_size(); ++i) {
    int64_t d = p.shape().dim(i);
    if (d == 0) {
      if (start + i >= r) return ctx.Fail("reshape dim 0 copies input dim " + std::to_string(start + i) + ", which does not exist");
      d = in[start + i];
    } else if (d == -1) {
      if (infer_at >= 0) return ctx.Fail("reshape_param has more than one -1 dim");
      infer_at = static_cast<int64_t>(shape.size());
    } else if (d < -1) {
      return ctx.Fail("reshape_param dim " + std::to_string(d) + " is invalid");
    }
    shape.push_back(d);
  }
  shape.insert(shape.end(), in.begin() + end, in.end());
  int64_t known = 1;
  for (size_t i = 0; i < shape.size(); ++i)
    if (static_cast<int64_t>(i) != infer_at) known *= shape[i];
  int64_t total = NumElements(in);
  if (infer_at >= 0) {
    if (known == 0 || total % known != 0)
      return ctx.Fail("cannot infer the -1 dim: " + std::to_string(total) + " values into " +
                      ShapeToString(shape));
    shape[infer_at] = total / known;
  } else if (known != total) {
    return ctx.Fail("reshape to " + ShapeToString(shape) + " does not keep the " +
                    std::to_string(total) + " values of " + ShapeToString(in));
  }
  return ctx.Op("Reshape", {ctx.bottom(0), ctx.ConstInts("shape", shape)}, {}, ctx.Top(0)).status();
}

// permute_param order: the first axes of the output; the remaining axes follow in order.
Status LowerPermute(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(1, 1, 1, 1));
  int64_t r = ctx.rank(0);
  std::vector<int64_t> perm;
  std::vector<bool> used(r, false);
  for (uint32_t a : ctx.layer().permute_param().order()) {
    if (a >= r || used[a]) return ctx.Fail("permute_param order repeats or exceeds the input's axes");
    used[a] = true;
    perm.push_back(a);
  }
  for (int64_t a = 0; a < r; ++a)
    if (!used[a]) perm.push_back(a);
  return ctx.Op("Transpose", {ctx.bottom(0)}, {{"perm", Attribute::Ints(perm)}}, ctx.Top(0)).status();
}

// Crops bottom 0 to bottom 1's dims from `axis` on, at `offset` (one for all or one per axis).
Status LowerCrop(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(2, 2, 1, 1));
  const auto& p = ctx.layer().crop_param();
  int64_t r = ctx.rank(0);
  if (ctx.rank(1) != r) return ctx.Fail("the reference bottom must have the input's rank");
  ASSIGN_OR_RETURN(int64_t axis, ctx.Axis(p.axis(), r, "crop_param axis"));
  int64_t cropped = r - axis;
  if (p.offset_size() > 1 && p.offset_size() != cropped)
    return ctx.Fail("crop_param needs 0, 1 or " + std::to_string(cropped) + " offsets");
  std::vector<int64_t> starts, ends, axes;
  for (int64_t i = axis; i < r; ++i) {
    int64_t off = p.offset_size() == 0 ? 0 : p.offset(p.offset_size() == 1 ? 0 : static_cast<int>(i - axis));
    int64_t size = ctx.shape(1)[i];
    if (off + size > ctx.shape(0)[i])
      return ctx.Fail("crop of " + std::to_string(size) + " at offset " + std::to_string(off) +
                      " exceeds axis " + std::to_string(i) + " of size " + std::to_string(ctx.shape(0)[i]));
    starts.push_back(off);
    ends.push_back(off + size);
    axes.push_back(i);
  }
  return ctx.Op("Slice", {ctx.bottom(0), ctx.ConstInts("starts", starts), ctx.ConstInts("ends", ends),
                          ctx.ConstInts("axes", axes)},
                {}, ctx.Top(0))
      .status();
}

Status LowerTile(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(1, 1, 1, 1));
  const auto& p = ctx.layer().tile_param();
  ASSIGN_OR_RETURN(int64_t axis, ctx.Axis(p.axis(), ctx.rank(0), "tile_param axis"));
  if (p.tiles() <= 0) return ctx.Fail("tile_param tiles must be positive");
  std::vector<int64_t> repeats(ctx.rank(0), 1);
  repeats[axis] = p.tiles();
  return ctx.Op("Tile", {ctx.bottom(0), ctx.ConstInts("repeats", repeats)}, {}, ctx.Top(0)).status();
}

}  // namespace caffe_frontend
}  // namespace openacl
