// Vectorized expf for float32 kernels (libm's expf is a scalar call): Cephes' range reduction
// and degree-6 polynomial, relative error below 3e-7 on [-87, 88]; inputs are clamped there
// (exp(-87.3) ~ 1.2e-38: no denormals). AVX2+FMA where the CPU has it (runtime check), else SSE2
// (every x86-64), else scalar; all compute the same formula. NaN inputs give NaN.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define OPENACL_HAVE_AVX2_PATH 1
#endif

namespace openacl::cpu {

inline float FastExp(float x) {
  if (std::isnan(x)) return x;
  x = x < -87.3f ? -87.3f : (x > 88.7f ? 88.7f : x);
  const float magic = 12582912.0f;  // 1.5 * 2^23: adding it rounds to the nearest integer
  float fn = (x * 1.44269504088896341f + magic) - magic;
  float r = x - fn * 0.693359375f - fn * -2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  int32_t bits = (static_cast<int32_t>(fn) + 127) << 23;
  float scale;
  std::memcpy(&scale, &bits, sizeof(scale));
  return p * scale;
}

#if defined(__SSE2__)
inline __m128 FastExp4(__m128 x) {
  __m128 nan = _mm_cmpunord_ps(x, x);
  x = _mm_min_ps(_mm_max_ps(x, _mm_set1_ps(-87.3f)), _mm_set1_ps(88.7f));
  const __m128 magic = _mm_set1_ps(12582912.0f);
  __m128 fn =
      _mm_sub_ps(_mm_add_ps(_mm_mul_ps(x, _mm_set1_ps(1.44269504088896341f)), magic), magic);
  __m128 r = _mm_sub_ps(_mm_sub_ps(x, _mm_mul_ps(fn, _mm_set1_ps(0.693359375f))),
                        _mm_mul_ps(fn, _mm_set1_ps(-2.12194440e-4f)));
  __m128 p = _mm_set1_ps(1.9875691500e-4f);
  p = _mm_add_ps(_mm_mul_ps(p, r), _mm_set1_ps(1.3981999507e-3f));
  p = _mm_add_ps(_mm_mul_ps(p, r), _mm_set1_ps(8.3334519073e-3f));
  p = _mm_add_ps(_mm_mul_ps(p, r), _mm_set1_ps(4.1665795894e-2f));
  p = _mm_add_ps(_mm_mul_ps(p, r), _mm_set1_ps(1.6666665459e-1f));
  p = _mm_add_ps(_mm_mul_ps(p, r), _mm_set1_ps(5.0000001201e-1f));
  p = _mm_add_ps(_mm_add_ps(_mm_mul_ps(_mm_mul_ps(p, r), r), r), _mm_set1_ps(1.0f));
  __m128i bits = _mm_slli_epi32(_mm_add_epi32(_mm_cvttps_epi32(fn), _mm_set1_epi32(127)), 23);
  __m128 y = _mm_mul_ps(p, _mm_castsi128_ps(bits));
  return _mm_or_ps(_mm_andnot_ps(nan, y), _mm_and_ps(nan, _mm_set1_ps(NAN)));
}
#endif

#if defined(OPENACL_HAVE_AVX2_PATH)
// The same formula 8 lanes at a time (AVX2 + FMA), for CPUs that have them (runtime check).
__attribute__((target("avx2,fma"))) inline float ExpShiftedSumAvx2(const float* x, float shift,
                                                                   float* y, int64_t n) {
  __m256 acc = _mm256_setzero_ps();
  const __m256 s = _mm256_set1_ps(shift);
  const __m256 magic = _mm256_set1_ps(12582912.0f);
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    __m256 v = _mm256_sub_ps(_mm256_loadu_ps(x + i), s);
    __m256 nan = _mm256_cmp_ps(v, v, _CMP_UNORD_Q);
    v = _mm256_min_ps(_mm256_max_ps(v, _mm256_set1_ps(-87.3f)), _mm256_set1_ps(88.7f));
    __m256 fn =
        _mm256_sub_ps(_mm256_fmadd_ps(v, _mm256_set1_ps(1.44269504088896341f), magic), magic);
    __m256 r = _mm256_fnmadd_ps(fn, _mm256_set1_ps(0.693359375f), v);
    r = _mm256_fnmadd_ps(fn, _mm256_set1_ps(-2.12194440e-4f), r);
    __m256 p = _mm256_set1_ps(1.9875691500e-4f);
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.3981999507e-3f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(8.3334519073e-3f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(4.1665795894e-2f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.6666665459e-1f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(5.0000001201e-1f));
    p = _mm256_add_ps(_mm256_fmadd_ps(_mm256_mul_ps(p, r), r, r), _mm256_set1_ps(1.0f));
    __m256i bits =
        _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvttps_epi32(fn), _mm256_set1_epi32(127)), 23);
    __m256 e = _mm256_mul_ps(p, _mm256_castsi256_ps(bits));
    e = _mm256_blendv_ps(e, _mm256_set1_ps(NAN), nan);
    _mm256_storeu_ps(y + i, e);
    acc = _mm256_add_ps(acc, e);
  }
  float lanes[8];
  _mm256_storeu_ps(lanes, acc);
  float sum = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) +
              ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
  for (; i < n; ++i) {
    y[i] = FastExp(x[i] - shift);
    sum += y[i];
  }
  return sum;
}

inline bool HasAvx2Fma() {
  static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return has;
}
#endif

// y[i] = exp(x[i] - shift) for i < n; returns the sum of the y[i].
inline float ExpShiftedSum(const float* x, float shift, float* y, int64_t n) {
#if defined(OPENACL_HAVE_AVX2_PATH)
  if (HasAvx2Fma()) return ExpShiftedSumAvx2(x, shift, y, n);
#endif
  int64_t i = 0;
  float sum = 0.0f;
#if defined(__SSE2__)
  __m128 acc = _mm_setzero_ps();
  const __m128 s = _mm_set1_ps(shift);
  for (; i + 4 <= n; i += 4) {
    __m128 e = FastExp4(_mm_sub_ps(_mm_loadu_ps(x + i), s));
    _mm_storeu_ps(y + i, e);
    acc = _mm_add_ps(acc, e);
  }
  float lanes[4];
  _mm_storeu_ps(lanes, acc);
  sum = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
#endif
  for (; i < n; ++i) {
    y[i] = FastExp(x[i] - shift);
    sum += y[i];
  }
  return sum;
}

}  // namespace openacl::cpu
