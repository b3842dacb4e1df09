// Fast fused Aipp (float32 output, static or dynamic parameters): per output row, the source
// pixels are unpacked into planar int32 channels, CSC'd with the config's integer matrix and
// `>> 8` (saturated like the hardware), resampled (bilinear, rows cached) when resize is on,
// normalised as (x - mean - min) * var_reci and written straight into the model's NCHW (or NHWC)
// input with the padding border. Work is proportional to the output (a 1920x1080 source cropped
// and resized to 224x224 reads only the pixels it samples). The row loops are vectorized
// (AVX2 clone with a portable fallback). Same formulas as the reference in ops/aipp.cc.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "kernels/kernel_registry.h"
#include "ops/common/aipp_params.h"

namespace openacl {
namespace {

using aipp::InputFormat;
using aipp::Params;

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define OPENACL_AIPP_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define OPENACL_AIPP_CLONES
#endif

// Unpacks `count` pixels of source row y starting at column x0 into planar channels
// (R,G,B or Y,U,V after swaps). The common formats have contiguous loops; xs (if given) lists
// arbitrary columns instead.
void LoadPixels(const uint8_t* img, const Params& p, int64_t y, int64_t x0, const int32_t* xs,
                int64_t count, int32_t* c0, int32_t* c1, int32_t* c2) {
  const int64_t w = p.src_w, h = p.src_h;
  auto col = [&](int64_t i) { return xs ? xs[i] : x0 + i; };
  switch (p.format) {
    case InputFormat::kYuv420sp:
    case InputFormat::kYuv422sp: {
      const uint8_t* yr = img + y * w;
      const uint8_t* uv = img + w * h + (p.format == InputFormat::kYuv420sp ? y / 2 : y) * w;
      if (!xs) {
        for (int64_t i = 0; i < count; ++i) c0[i] = yr[x0 + i];
        for (int64_t i = 0; i < count; ++i) {
          int64_t x = (x0 + i) & ~int64_t{1};
          c1[i] = uv[x];
          c2[i] = uv[x + 1];
        }
      } else {
        for (int64_t i = 0; i < count; ++i) {
          int64_t x = xs[i];
          c0[i] = yr[x];
          c1[i] = uv[x & ~int64_t{1}];
          c2[i] = uv[(x & ~int64_t{1}) + 1];
        }
      }
      break;
    }
    case InputFormat::kRgb888: {
      const uint8_t* row = img + y * w * 3;
      for (int64_t i = 0; i < count; ++i) {
        const uint8_t* px = row + col(i) * 3;
        c0[i] = px[0];
        c1[i] = px[1];
        c2[i] = px[2];
      }
      break;
    }
    case InputFormat::kYuyv: {
      const uint8_t* row = img + y * w * 2;
      for (int64_t i = 0; i < count; ++i) {
        int64_t x = col(i);
        const uint8_t* px = row + (x / 2) * 4;
        c0[i] = px[(x % 2) * 2];
        c1[i] = px[1];
        c2[i] = px[3];
      }
      break;
    }
    case InputFormat::kYuv400: {
      const uint8_t* row = img + y * w;
      for (int64_t i = 0; i < count; ++i) {
        c0[i] = row[col(i)];
        c1[i] = c2[i] = 128;
      }
      break;
    }
    default: {  // 4-byte formats: A/X first, or last with ax_swap
      const uint8_t* row = img + y * w * 4 + (p.ax_swap ? 0 : 1);
      for (int64_t i = 0; i < count; ++i) {
        const uint8_t* px = row + col(i) * 4;
        c0[i] = px[0];
        c1[i] = px[1];
        c2[i] = px[2];
      }
      break;
    }
  }
  if (p.rbuv_swap) {
    int32_t* a = aipp::IsYuv(p.format) ? c1 : c0;
    for (int64_t i = 0; i < count; ++i) std::swap(a[i], c2[i]);
  }
}

// CSC coefficients with the biases folded where the hardware applies them.
struct Csc {
  int32_t m[9];
  int32_t in_bias[3];
  int32_t out_bias[3];
};

Csc MakeCsc(const Params& p) {
  Csc k{};
  const bool yuv = aipp::IsYuv(p.format);
  for (int i = 0; i < 9; ++i) k.m[i] = p.matrix[i];
  for (int i = 0; i < 3; ++i) {
    k.in_bias[i] = yuv ? p.in_bias[i] : 0;
    k.out_bias[i] = yuv ? 0 : p.out_bias[i];
  }
  return k;
}

// In place: planar channels -> CSC'd channels, converted to float.
OPENACL_AIPP_CLONES
void CscToFloat(const Csc& k, bool csc, int64_t n, const int32_t* c0, const int32_t* c1,
                const int32_t* c2, float* f0, float* f1, float* f2) {
  if (!csc) {
    for (int64_t i = 0; i < n; ++i) {
      f0[i] = static_cast<float>(c0[i]);
      f1[i] = static_cast<float>(c1[i]);
      f2[i] = static_cast<float>(c2[i]);
    }
    return;
  }
  const int32_t m0 = k.m[0], m1 = k.m[1], m2 = k.m[2], m3 = k.m[3], m4 = k.m[4], m5 = k.m[5],
                m6 = k.m[6], m7 = k.m[7], m8 = k.m[8];
  const int32_t b0 = k.in_bias[0], b1 = k.in_bias[1], b2 = k.in_bias[2];
  const int32_t o0 = k.out_bias[0], o1 = k.out_bias[1], o2 = k.out_bias[2];
  for (int64_t i = 0; i < n; ++i) {
    const int32_t a = c0[i] - b0, b = c1[i] - b1, c = c2[i] - b2;
    int32_t r = ((m0 * a + m1 * b + m2 * c) >> 8) + o0;
    int32_t g = ((m3 * a + m4 * b + m5 * c) >> 8) + o1;
    int32_t u = ((m6 * a + m7 * b + m8 * c) >> 8) + o2;
    f0[i] = static_cast<float>(std::min(255, std::max(0, r)));
    f1[i] = static_cast<float>(std::min(255, std::max(0, g)));
    f2[i] = static_cast<float>(std::min(255, std::max(0, u)));
  }
}

OPENACL_AIPP_CLONES
void NormalizeRow(int64_t n, const float* in, float bias, float scale, float* out,
                  int64_t out_stride) {
  if (out_stride == 1) {
    for (int64_t i = 0; i < n; ++i) out[i] = (in[i] - bias) * scale;
  } else {
    for (int64_t i = 0; i < n; ++i) out[i * out_stride] = (in[i] - bias) * scale;
  }
}

OPENACL_AIPP_CLONES
void Lerp(int64_t n, const float* a, const float* b, const float* f, float* out) {
  for (int64_t i = 0; i < n; ++i) out[i] = a[i] + f[i] * (b[i] - a[i]);
}

OPENACL_AIPP_CLONES
void LerpScalar(int64_t n, const float* a, const float* b, float f, float* out) {
  for (int64_t i = 0; i < n; ++i) out[i] = a[i] + f * (b[i] - a[i]);
}

// Bilinear sampling table for one axis (half-pixel centres, clamped; same as the reference).
void SampleTable(int64_t in_size, int64_t out_size, int32_t* i0, int32_t* i1, float* f) {
  for (int64_t o = 0; o < out_size; ++o) {
    double s = (static_cast<double>(o) + 0.5) * static_cast<double>(in_size) /
                   static_cast<double>(out_size) - 0.5;
    s = std::min(std::max(s, 0.0), static_cast<double>(in_size - 1));
    int64_t lo = static_cast<int64_t>(std::floor(s));
    i0[o] = static_cast<int32_t>(lo);
    i1[o] = static_cast<int32_t>(std::min(lo + 1, in_size - 1));
    f[o] = static_cast<float>(s - static_cast<double>(lo));
  }
}

class AippCpuKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(g_, aipp::ReadNode(node));
    if (g_.out_dtype != DType::kFloat32)
      return Internal(node.Describe() + ": the cpu AIPP kernel writes float32 only");
    // Row buffers are never wider than the output row, or the height for the y tables.
    row_ = std::max(g_.width, g_.height) + 16;
    return Status::Ok();
  }
  // int32 c0..c2 x2, float rows: 3 (current) + 6 (two cached source rows), x/y tables.
  size_t ScratchBytes() const override { return static_cast<size_t>(row_) * 4 * 22; }

  Status Run(const KernelIO& io) const override {
    const uint8_t* images = io.in(0).as<const uint8_t>();
    const uint8_t* dyn = g_.dynamic ? io.in(1).as<const uint8_t>() : nullptr;
    const size_t dyn_size = g_.dynamic ? io.in(1).nbytes() : 0;
    const int64_t n_images = io.in(0).dim(0);
    for (int64_t n = 0; n < n_images; ++n) {
      ASSIGN_OR_RETURN(Params p, aipp::ImageParams(g_, dyn, dyn_size, n));
      RunImage(p, images + n * g_.image_stride, io.out(0).as<float>(), n, io.scratch);
    }
    return Status::Ok();
  }

 private:
  struct Buffers {
    int32_t* c[6];
    float* cur[3];
    float* cache[2][3];
    int32_t *x0, *x1, *y0, *y1;
    float *fx, *fy;
  };

  Buffers Carve(void* scratch) const {
    Buffers b;
    int32_t* ip = static_cast<int32_t*>(scratch);
    for (auto& c : b.c) c = ip, ip += row_;
    float* fp = reinterpret_cast<float*>(ip);
    for (auto& c : b.cur) c = fp, fp += row_;
    for (auto& slot : b.cache)
      for (auto& c : slot) c = fp, fp += row_;
    b.fx = fp, fp += row_;
    b.fy = fp, fp += row_;
    ip = reinterpret_cast<int32_t*>(fp);
    b.x0 = ip, ip += row_;
    b.x1 = ip, ip += row_;
    b.y0 = ip, ip += row_;
    b.y1 = ip;
    return b;
  }

  // Channels of cropped row ry over the resized width into out[3] (float, after CSC).
  void SourceRow(const uint8_t* img, const Params& p, const Csc& k, const Buffers& b, int64_t ry,
                 float* const out[3]) const {
    const int64_t sy = ry + (p.crop ? p.crop_y : 0), sx = p.crop ? p.crop_x : 0;
    if (!p.resize) {
      const int64_t n = p.cropped_w();
      LoadPixels(img, p, sy, sx, nullptr, n, b.c[0], b.c[1], b.c[2]);
      CscToFloat(k, p.csc, n, b.c[0], b.c[1], b.c[2], out[0], out[1], out[2]);
      return;
    }
    const int64_t n = p.resize_w;
    LoadPixels(img, p, sy, 0, b.x0, n, b.c[0], b.c[1], b.c[2]);
    LoadPixels(img, p, sy, 0, b.x1, n, b.c[3], b.c[4], b.c[5]);
    float* right[3] = {b.cur[0], b.cur[1], b.cur[2]};
    CscToFloat(k, p.csc, n, b.c[0], b.c[1], b.c[2], out[0], out[1], out[2]);
    CscToFloat(k, p.csc, n, b.c[3], b.c[4], b.c[5], right[0], right[1], right[2]);
    for (int c = 0; c < 3; ++c) Lerp(n, out[c], right[c], b.fx, out[c]);
  }

  void RunImage(const Params& p, const uint8_t* img, float* out, int64_t n, void* scratch) const {
    const int64_t C = g_.channels, H = g_.height, W = g_.width;
    const int64_t top = p.padding ? p.pad_top : 0, left = p.padding ? p.pad_left : 0;
    const int64_t rh = p.resized_h(), rw = p.resized_w();
    // Element (c, y, x) of this image's output is at base + c * cs + y * ys + x * xs.
    float* base = out + n * C * H * W;
    const int64_t cs = g_.nhwc ? 1 : H * W, ys = g_.nhwc ? W * C : W, xs = g_.nhwc ? C : 1;
    Buffers b = Carve(scratch);
    const Csc k = MakeCsc(p);
    float bias[3], scale[3];
    for (int c = 0; c < 3; ++c) bias[c] = p.mean[c] + p.min[c], scale[c] = p.var_reci[c];
    if (p.resize) {
      SampleTable(p.cropped_w(), p.resize_w, b.x0, b.x1, b.fx);
      SampleTable(p.cropped_h(), p.resize_h, b.y0, b.y1, b.fy);
      // Columns of the source image (crop offset folded in).
      for (int64_t i = 0; i < p.resize_w; ++i) {
        b.x0[i] += p.crop ? p.crop_x : 0;
        b.x1[i] += p.crop ? p.crop_x : 0;
      }
    }
    int64_t cached[2] = {-1, -1};
    for (int64_t y = 0; y < H; ++y) {
      const int64_t ry = y - top;
      if (ry < 0 || ry >= rh) {
        for (int64_t c = 0; c < C; ++c)
          for (int64_t x = 0; x < W; ++x) base[c * cs + y * ys + x * xs] = p.pad_value;
        continue;
      }
      float* const* row = b.cur;
      if (!p.resize) {
        SourceRow(img, p, k, b, ry, b.cur);
      } else {
        // The two source rows of this output row, kept while consecutive rows reuse them.
        const int64_t want[2] = {b.y0[ry], b.y1[ry]};
        int slot_of[2];
        for (int i = 0; i < 2; ++i) {
          int slot = cached[0] == want[i] ? 0 : cached[1] == want[i] ? 1 : -1;
          if (slot < 0) {
            // Reuse a slot holding neither row this output row needs.
            slot = (i == 1) ? 1 - slot_of[0] : (cached[0] == want[1] ? 1 : 0);
            SourceRow(img, p, k, b, want[i], b.cache[slot]);
            cached[slot] = want[i];
          }
          slot_of[i] = slot;
        }
        for (int c = 0; c < 3; ++c)
          LerpScalar(rw, b.cache[slot_of[0]][c], b.cache[slot_of[1]][c], b.fy[ry], b.cur[c]);
      }
      for (int64_t c = 0; c < C; ++c) {
        float* dst = base + c * cs + y * ys;
        for (int64_t x = 0; x < left; ++x) dst[x * xs] = p.pad_value;
        NormalizeRow(rw, row[c], bias[c], scale[c], dst + left * xs, xs);
        for (int64_t x = left + rw; x < W; ++x) dst[x * xs] = p.pad_value;
      }
    }
  }

  aipp::NodeGeometry g_;
  int64_t row_ = 0;
};

bool SupportsAipp(const Node& node) {
  auto g = aipp::ReadNode(node);
  return g.ok() && g->out_dtype == DType::kFloat32;
}

}  // namespace

void RegisterKernel_cpu_Aipp(KernelRegistry& registry) {
  KernelImpl k;
  k.op_type = "Aipp";
  k.backend = "cpu";
  k.priority = 5;
  k.supports = SupportsAipp;
  k.make = [] { return std::unique_ptr<Kernel>(new AippCpuKernel()); };
  registry.Register(std::move(k));
}

}  // namespace openacl
