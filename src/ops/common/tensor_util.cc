#include "ops/common/tensor_util.h"
#include "ops/common/shape_util.h"

namespace openacl {

std::vector<DType> AllFixedSizeTypes() {
  return {DType::kFloat32, DType::kFloat64, DType::kFloat16, DType::kBFloat16, DType::kInt8,
          DType::kUInt8,   DType::kInt16,   DType::kUInt16,  DType::kInt32,    DType::kUInt32,
          DType::kInt64,   DType::kUInt64,  DType::kBool};
}

Status CheckFixedSize(const Node& node, DType dtype) {
  if (DTypeSize(dtype) == 0)
    return Status(StatusCode::kUnsupportedDataType,
                  node.Describe() + ": element type " + DTypeName(dtype) + " is not supported");
  return Status::Ok();
}

Result<std::optional<std::vector<int64_t>>> IntsAttrOrInput(const Node& node,
                                                            const std::string& attr, size_t index,
                                                            int input_since) {
  if (node.opset < input_since) {
    if (!node.attrs.has(attr)) return std::optional<std::vector<int64_t>>();
    return std::optional<std::vector<int64_t>>(node.attrs.get_ints(attr));
  }
  if (node.attrs.has(attr))
    return Status(StatusCode::kParseModel,
                  node.Describe() + ": '" + attr + "' is an input since opset " +
                      std::to_string(input_since) + ", not an attribute (node opset " +
                      std::to_string(node.opset) + ")");
  if (!HasInput(node, index)) return std::optional<std::vector<int64_t>>();
  ASSIGN_OR_RETURN(std::vector<int64_t> v, ConstantInts(node, index));
  return std::optional<std::vector<int64_t>>(std::move(v));
}

Result<std::vector<double>> ConstantDoubles(const Node& node, size_t index) {
  const Value* v = node.input(index);
  if (!v || !v->is_constant())
    return Status(StatusCode::kDataDependentShape,
                  node.Describe() + ": input " + std::to_string(index) +
                      " must be a compile-time constant (its value decides a shape)");
  std::vector<double> out(static_cast<size_t>(v->constant->num_elements()));
  for (size_t i = 0; i < out.size(); ++i)
    out[i] = v->constant->GetAsDouble(static_cast<int64_t>(i));
  return out;
}

int64_t DimProduct(const Shape& shape, size_t begin, size_t end) {
  int64_t n = 1;
  for (size_t i = begin; i < end && i < shape.size(); ++i) n = MulDims(n, shape[i]);
  return n;
}

void StridedView::Simplify() {
  Shape s;
  std::vector<int64_t> st;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == 0) {  // empty view
      shape = {0};
      strides = {1};
      return;
    }
    if (shape[i] == 1) continue;
    if (!s.empty() && st.back() == strides[i] * shape[i]) {
      s.back() *= shape[i];
      st.back() = strides[i];
    } else {
      s.push_back(shape[i]);
      st.push_back(strides[i]);
    }
  }
  shape = std::move(s);
  strides = std::move(st);
}

namespace {

template <size_t kSize>
void CopyElems(uint8_t* dst, const uint8_t* src, int64_t n, int64_t stride_bytes) {
  for (int64_t i = 0; i < n; ++i, dst += kSize, src += stride_bytes) std::memcpy(dst, src, kSize);
}

// Copies the view's dims [d, rank) starting at src; returns the advanced dst.
uint8_t* CopyDims(uint8_t* dst, const uint8_t* src, const StridedView& v, size_t d, size_t es) {
  size_t rank = v.shape.size();
  int64_t n = v.shape[d];
  int64_t stride_bytes = v.strides[d] * static_cast<int64_t>(es);
  if (d + 1 < rank) {
    for (int64_t i = 0; i < n; ++i) dst = CopyDims(dst, src + i * stride_bytes, v, d + 1, es);
    return dst;
  }
  if (v.strides[d] == 1) {
    std::memcpy(dst, src, static_cast<size_t>(n) * es);
  } else {
    switch (es) {
      case 1:
        CopyElems<1>(dst, src, n, stride_bytes);
        break;
      case 2:
        CopyElems<2>(dst, src, n, stride_bytes);
        break;
      case 4:
        CopyElems<4>(dst, src, n, stride_bytes);
        break;
      case 8:
        CopyElems<8>(dst, src, n, stride_bytes);
        break;
      default:
        for (int64_t i = 0; i < n; ++i) std::memcpy(dst + i * es, src + i * stride_bytes, es);
    }
  }
  return dst + static_cast<size_t>(n) * es;
}

}  // namespace

void CopyStrided(void* dst, const void* src, const StridedView& view, size_t elem_size) {
  const uint8_t* base =
      static_cast<const uint8_t*>(src) + view.offset * static_cast<int64_t>(elem_size);
  if (view.shape.empty()) {  // scalar
    std::memcpy(dst, base, elem_size);
    return;
  }
  for (int64_t d : view.shape)
    if (d == 0) return;
  CopyDims(static_cast<uint8_t*>(dst), base, view, 0, elem_size);
}

AxisGeometry GeometryAroundAxis(const Shape& shape, int64_t axis) {
  AxisGeometry g;
  if (axis < 0) {
    g.len = DimProduct(shape);
    return g;
  }
  size_t a = static_cast<size_t>(axis);
  g.outer = DimProduct(shape, 0, a);
  g.len = shape[a];
  g.inner = DimProduct(shape, a + 1, shape.size());
  return g;
}

Result<int64_t> OptionalAxis(const Node& node, size_t rank) {
  if (!node.attrs.has("axis")) return int64_t{-1};
  if (rank == 0)
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": axis given for a scalar input");
  return NormalizeAxis(node.attrs.get_int("axis"), static_cast<int64_t>(rank), node);
}

}  // namespace openacl
