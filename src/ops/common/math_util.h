// Helpers for the math op family (ops_math.def): type lists, typed dispatch, and generic unary,
// binary (broadcast), comparison and variadic kernels built from small functors.
//
// A functor derives from MathFn and provides `template <class T> R operator()(T...) const`.
// It may override `Status Prepare(const Node&)` to read attributes. `kInts = true` instantiates
// it for integer types too; half types (float16, bfloat16) are computed in float.
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <type_traits>
#include <vector>

#include "ir/dtype.h"
#include "ops/common/elementwise.h"
#include "ops/common/shape_util.h"
#include "ops/op_registry.h"

namespace openacl {

struct MathFn {
  static constexpr bool kFloats = true;      // instantiate for float types (half as float)
  static constexpr bool kInts = false;       // instantiate for integer types
  static constexpr bool kBool = false;       // instantiate for bool
  static constexpr bool kHasFinish = false;  // FoldKernel calls Finish(acc, count)
  Status Prepare(const Node&) { return Status::Ok(); }
};

// Element type lists for OpSchema::types.
std::vector<DType> FloatTypes();      // f32, f64, f16, bf16
std::vector<DType> SignedIntTypes();  // int8..int64
std::vector<DType> UnsignedIntTypes();
std::vector<DType> IntTypes();            // signed + unsigned
std::vector<DType> NumericTypes();        // float + int
std::vector<DType> SignedNumericTypes();  // float + signed int
std::vector<DType> Concat(std::vector<DType> a, const std::vector<DType>& b);

// Checks that input `index` has a dtype listed in the node's schema types.
Status CheckSchemaType(const Node& node, size_t index);
// Checks inputs [0, n) all have the same dtype as input 0 (skipping omitted ones).
Status CheckSameTypes(const Node& node, size_t n);

// Infer functions: unary same type; binary broadcast same type; comparison -> bool;
// variadic broadcast (Sum/Mean/Max/Min).
Status InferUnaryMath(Node& node);
Status InferBinaryMath(Node& node);
Status InferCompare(Node& node);
Status InferVariadicMath(Node& node);

// Calls f(T{}) for the element type of `dtype`; half types map to float. Each type group is
// instantiated only when enabled. Returns false when the type is not handled.
template <bool kFloats, bool kInts, bool kBool, typename F>
bool DispatchMath(DType dtype, F&& f) {
  if constexpr (kBool) {
    if (dtype == DType::kBool) {
      f(bool{});
      return true;
    }
  }
  if constexpr (kFloats) {
    switch (dtype) {
      case DType::kFloat32:
      case DType::kFloat16:
      case DType::kBFloat16:
        f(float{});
        return true;
      case DType::kFloat64:
        f(double{});
        return true;
      default:
        break;
    }
  }
  if constexpr (kInts) {
    switch (dtype) {
      case DType::kInt8:
        f(int8_t{});
        return true;
      case DType::kUInt8:
        f(uint8_t{});
        return true;
      case DType::kInt16:
        f(int16_t{});
        return true;
      case DType::kUInt16:
        f(uint16_t{});
        return true;
      case DType::kInt32:
        f(int32_t{});
        return true;
      case DType::kUInt32:
        f(uint32_t{});
        return true;
      case DType::kInt64:
        f(int64_t{});
        return true;
      case DType::kUInt64:
        f(uint64_t{});
        return true;
      default:
        break;
    }
  }
  return false;
}

// Typed element access that also covers half types (stored as uint16, computed as float).
template <typename T>
inline T LoadAs(const void* data, DType dtype, int64_t i) {
  if constexpr (std::is_same_v<T, float>) {
    if (dtype == DType::kFloat16) return HalfToFloat(static_cast<const uint16_t*>(data)[i]);
    if (dtype == DType::kBFloat16) return BFloat16ToFloat(static_cast<const uint16_t*>(data)[i]);
  }
  return static_cast<const T*>(data)[i];
}
template <typename T>
inline void StoreAs(void* data, DType dtype, int64_t i, T v) {
  if constexpr (std::is_same_v<T, float>) {
    if (dtype == DType::kFloat16) {
      static_cast<uint16_t*>(data)[i] = FloatToHalf(v);
      return;
    }
    if (dtype == DType::kBFloat16) {
      static_cast<uint16_t*>(data)[i] = FloatToBFloat16(v);
      return;
    }
  }
  static_cast<T*>(data)[i] = v;
}

template <typename T>
inline T AbsOf(T x) {
  if constexpr (std::is_unsigned_v<T>) {
    return x;
  } else {
    return x < T(0) ? static_cast<T>(-x) : x;
  }
}

inline Status UnsupportedType(const Node& node, DType t) {
  return Status(StatusCode::kUnsupportedDataType,
                node.Describe() + ": element type " + DTypeName(t) + " is not supported");
}

// Calls f(out, a, b, c) offsets for a 3-way broadcast (Where).
void ForEachBroadcast3(const Shape& a, const Shape& b, const Shape& c, const Shape& out,
                       const std::function<void(int64_t, int64_t, int64_t, int64_t)>& f);

// y = fn(x), same type.
template <typename Fn>
class MapKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    node_desc_ = node.Describe();
    return fn_.Prepare(node);
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef &x = io.in(0), &y = io.out(0);
    int64_t n = x.numel();
    bool ok = DispatchMath<Fn::kFloats, Fn::kInts, Fn::kBool>(x.dtype, [&](auto tag) {
      using T = decltype(tag);
#pragma omp parallel for if (n > 65536)
      for (int64_t i = 0; i < n; ++i)
        StoreAs<T>(y.data, y.dtype, i, static_cast<T>(fn_(LoadAs<T>(x.data, x.dtype, i))));
    });
    if (!ok) return Status(StatusCode::kUnsupportedDataType, node_desc_ + ": unsupported type");
    return Status::Ok();
  }

 private:
  Fn fn_{};
  std::string node_desc_;
};

// c = fn(a, b) with numpy broadcasting; OutBool selects a bool output (comparisons).
template <typename Fn, bool kOutBool = false>
class ZipKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    node_desc_ = node.Describe();
    return fn_.Prepare(node);
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef &a = io.in(0), &b = io.in(1), &c = io.out(0);
    bool ok = DispatchMath<Fn::kFloats, Fn::kInts, Fn::kBool>(a.dtype, [&](auto tag) {
      using T = decltype(tag);
      ForEachBroadcast(*a.shape, *b.shape, *c.shape, [&](int64_t i, int64_t ia, int64_t ib) {
        auto r = fn_(LoadAs<T>(a.data, a.dtype, ia), LoadAs<T>(b.data, b.dtype, ib));
        if constexpr (kOutBool) {
          static_cast<bool*>(c.data)[i] = static_cast<bool>(r);
        } else {
          StoreAs<T>(c.data, c.dtype, i, static_cast<T>(r));
        }
      });
    });
    if (!ok) return Status(StatusCode::kUnsupportedDataType, node_desc_ + ": unsupported type");
    return Status::Ok();
  }

 private:
  Fn fn_{};
  std::string node_desc_;
};

// Variadic broadcast fold (Sum, Max, Min, Mean): out = fn(...fn(fn(x0, x1), x2)...).
// Fn may define `template <class T> T Finish(T acc, int64_t count) const` (Mean).
template <typename Fn>
class FoldKernel : public Kernel {
 public:
  Status Run(const KernelIO& io) const override {
    const TensorRef& out = io.out(0);
    int64_t n = out.numel();
    bool ok = DispatchMath<Fn::kFloats, Fn::kInts, Fn::kBool>(out.dtype, [&](auto tag) {
      using T = decltype(tag);
      const TensorRef& x0 = io.in(0);
      ForEachBroadcast(*x0.shape, *out.shape, *out.shape, [&](int64_t i, int64_t ia, int64_t) {
        StoreAs<T>(out.data, out.dtype, i, LoadAs<T>(x0.data, x0.dtype, ia));
      });
      for (size_t k = 1; k < io.num_inputs; ++k) {
        const TensorRef& xk = io.in(k);
        ForEachBroadcast(*out.shape, *xk.shape, *out.shape,
                         [&](int64_t i, int64_t io_, int64_t ik) {
                           T acc = LoadAs<T>(out.data, out.dtype, io_);
                           StoreAs<T>(out.data, out.dtype, i,
                                      static_cast<T>(fn_(acc, LoadAs<T>(xk.data, xk.dtype, ik))));
                         });
      }
      if constexpr (Fn::kHasFinish) {
        for (int64_t i = 0; i < n; ++i)
          StoreAs<T>(
              out.data, out.dtype, i,
              fn_.Finish(LoadAs<T>(out.data, out.dtype, i), static_cast<int64_t>(io.num_inputs)));
      }
    });
    if (!ok) return Status(StatusCode::kUnsupportedDataType, "unsupported type");
    return Status::Ok();
  }

 private:
  Fn fn_{};
};

// Registration shortcuts.
template <typename Fn>
void RegisterUnaryMath(OpRegistry& registry, const char* name, int min_opset,
                       std::vector<DType> types) {
  OpSchema s;
  s.name = name;
  s.min_opset = min_opset;
  s.infer = InferUnaryMath;
  s.reference = [] { return std::unique_ptr<Kernel>(new MapKernel<Fn>()); };
  s.types = std::move(types);
  registry.Register(std::move(s));
}

template <typename Fn>
void RegisterBinaryMath(OpRegistry& registry, const char* name, int min_opset,
                        std::vector<DType> types) {
  OpSchema s;
  s.name = name;
  s.min_opset = min_opset;
  s.min_inputs = s.max_inputs = 2;
  s.infer = InferBinaryMath;
  s.reference = [] { return std::unique_ptr<Kernel>(new ZipKernel<Fn>()); };
  s.types = std::move(types);
  registry.Register(std::move(s));
}

template <typename Fn>
void RegisterCompare(OpRegistry& registry, const char* name, int min_opset,
                     std::vector<DType> types) {
  OpSchema s;
  s.name = name;
  s.min_opset = min_opset;
  s.min_inputs = s.max_inputs = 2;
  s.infer = InferCompare;
  s.reference = [] { return std::unique_ptr<Kernel>(new ZipKernel<Fn, true>()); };
  s.types = std::move(types);
  registry.Register(std::move(s));
}

template <typename Fn>
void RegisterVariadicMath(OpRegistry& registry, const char* name, int min_opset,
                          std::vector<DType> types) {
  OpSchema s;
  s.name = name;
  s.min_opset = min_opset;
  s.min_inputs = 1;
  s.max_inputs = 1 << 20;
  s.infer = InferVariadicMath;
  s.reference = [] { return std::unique_ptr<Kernel>(new FoldKernel<Fn>()); };
  s.types = std::move(types);
  registry.Register(std::move(s));
}

}  // namespace openacl
