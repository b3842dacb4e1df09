// SSD's PriorBox: its output depends only on the (static) feature map and image sizes, so the
// frontend computes it here as a constant, laid out as SSD's prior_box_layer writes it:
// 1 x 2 x (H * W * priors * 4), the boxes (xmin, ymin, xmax, ymax, normalised) then the
// variances. Per cell: for each min_size the square min box, the sqrt(min * max) box when
// max_size is given, then one box per aspect ratio other than 1 (with its inverse when flip).
#include <cmath>

#include "frontend/caffe/layer_table.h"

namespace openacl {
namespace caffe_frontend {

Status LowerPriorBox(LayerContext& ctx) {
  RETURN_IF_ERROR(ctx.Expect(2, 2, 1, 1));
  const auto& p = ctx.layer().prior_box_param();
  if (ctx.rank(0) != 4 || ctx.rank(1) != 4) return ctx.Fail("needs 4-D feature map and image bottoms");
  if (p.min_size_size() == 0) return ctx.Fail("prior_box_param needs min_size");
  if (p.max_size_size() > 0 && p.max_size_size() != p.min_size_size())
    return ctx.Fail("prior_box_param needs as many max_size as min_size values");
  for (int i = 0; i < p.min_size_size(); ++i) {
    if (p.min_size(i) <= 0) return ctx.Fail("min_size must be positive");
    if (p.max_size_size() > 0 && p.max_size(i) <= p.min_size(i)) return ctx.Fail("max_size must exceed min_size");
  }
  std::vector<float> ratios = {1.0f};
  for (float ar : p.aspect_ratio()) {
    if (ar <= 0) return ctx.Fail("aspect_ratio must be positive");
    bool seen = false;
    for (float r : ratios) seen = seen || std::fabs(ar - r) < 1e-6f;
    if (seen) continue;
    ratios.push_back(ar);
    if (p.flip()) ratios.push_back(1.0f / ar);
  }
  const int64_t fh = ctx.shape(0)[2], fw = ctx.shape(0)[3];
  float img_h = static_cast<float>(ctx.shape(1)[2]), img_w = static_cast<float>(ctx.shape(1)[3]);
  if (p.has_img_size()) img_h = img_w = static_cast<float>(p.img_size());
  if (p.has_img_h() || p.has_img_w()) img_h = p.img_h(), img_w = p.img_w();
  float step_h = img_h / fh, step_w = img_w / fw;
  if (p.has_step()) step_h = step_w = p.step();
  if (p.has_step_h() || p.has_step_w()) step_h = p.step_h(), step_w = p.step_w();
  if (img_h <= 0 || img_w <= 0 || step_h <= 0 || step_w <= 0) return ctx.Fail("image size and step must be positive");
  std::vector<float> variance(p.variance().begin(), p.variance().end());
  if (variance.empty()) variance = {0.1f};
  if (variance.size() != 1 && variance.size() != 4) return ctx.Fail("variance needs 1 or 4 values");

  std::vector<float> boxes;
  auto add = [&](float cx, float cy, float bw, float bh) {
    float v[4] = {(cx - bw / 2) / img_w, (cy - bh / 2) / img_h, (cx + bw / 2) / img_w, (cy + bh / 2) / img_h};
    for (float x : v) boxes.push_back(p.clip() ? std::min(std::max(x, 0.0f), 1.0f) : x);
  };
  for (int64_t h = 0; h < fh; ++h)
    for (int64_t w = 0; w < fw; ++w) {
      float cx = (w + p.offset()) * step_w, cy = (h + p.offset()) * step_h;
      for (int s = 0; s < p.min_size_size(); ++s) {
        float mn = p.min_size(s);
        add(cx, cy, mn, mn);
        if (p.max_size_size() > 0) {
          float side = std::sqrt(mn * p.max_size(s));
          add(cx, cy, side, side);
        }
        for (float ar : ratios) {
          if (std::fabs(ar - 1.0f) < 1e-6f) continue;
          add(cx, cy, mn * std::sqrt(ar), mn / std::sqrt(ar));
        }
      }
    }
  const int64_t n = static_cast<int64_t>(boxes.size());
  std::vector<float> out(boxes);
  out.resize(2 * n);
  for (int64_t i = 0; i < n; ++i) out[n + i] = variance.size() == 1 ? variance[0] : variance[i % 4];
  Value* priors = ctx.Const("priors", Tensor::FromFloat(out, {1, 2, n}));
  return ctx.Op("Identity", {priors}, {}, ctx.Top(0)).status();
}

}  // namespace caffe_frontend
}  // namespace openacl
