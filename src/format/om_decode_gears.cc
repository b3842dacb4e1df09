// Decoding and checking the gears of a gear model (format 1.1, docs/om-format.md "Gears").
#include <string>

#include "format/om_decode.h"

namespace openacl {
namespace {

constexpr size_t kMaxStoredGears = 128;  // ACL_MAX_BATCH_NUM / ACL_MAX_HW_NUM
constexpr size_t kMaxGearValues = 128;   // ACL_MAX_DIM_CNT

Status Corrupt(const std::string& m) { return Status(StatusCode::kDeserializeModel, m); }

Status CheckIo(const std::vector<IODesc>& plan, const std::vector<IODesc>& model, size_t count,
               const char* what, const std::string& gear) {
  if (plan.size() != count)
    return Corrupt(gear + " has " + std::to_string(plan.size()) + " " + what + "s, the model " +
                   std::to_string(count));
  for (size_t i = 0; i < count; ++i) {
    const std::string w = gear + " " + what + " " + std::to_string(i) + " '" + plan[i].name + "'";
    if (plan[i].nbytes > model[i].nbytes)
      return Corrupt(w + " needs " + std::to_string(plan[i].nbytes) +
                     " bytes, more than the model's description (" +
                     std::to_string(model[i].nbytes) + ")");
    if (plan[i].dtype != model[i].dtype || plan[i].shape.size() != model[i].shape.size())
      return Corrupt(w + " does not match the model's description");
  }
  return Status::Ok();
}

}  // namespace

Status DecodeGears(const om::DynamicInfo& info, const std::shared_ptr<const uint8_t>& weights,
                   uint64_t weight_size, CompiledModel* m) {
  if (info.kind() < om::GearKind_Batch || info.kind() > om::GearKind_Dims)
    return Corrupt("unknown gear kind " + std::to_string(info.kind()));
  const auto& gears = *info.gears();
  if (gears.size() > kMaxStoredGears)
    return Corrupt(std::to_string(gears.size()) + " gears (at most " +
                   std::to_string(kMaxStoredGears) + ")");
  m->gear_kind = static_cast<GearKind>(info.kind());
  if (m->inputs.empty()) return Corrupt("a gear model has no inputs");
  const IODesc& gear_input = m->inputs.back();
  size_t values_per_gear = 0;
  for (size_t g = 0; g < gears.size(); ++g) {
    const om::Gear& fg = *gears.Get(g);
    const std::string what = "gear " + std::to_string(g);
    const auto* v = fg.values();
    if (!v || v->size() == 0 || v->size() > kMaxGearValues)
      return Corrupt(what + ": bad number of values");
    if (reinterpret_cast<uintptr_t>(v->Data()) % alignof(int64_t) != 0)
      return Corrupt(what + ": misaligned values");
    if (g == 0) values_per_gear = v->size();
    const size_t want = m->gear_kind == GearKind::kBatch       ? 1
                        : m->gear_kind == GearKind::kImageSize ? 2
                                                               : values_per_gear;
    if (v->size() != want)
      return Corrupt(what + " has " + std::to_string(v->size()) + " values, expected " +
                     std::to_string(want));
    std::vector<int64_t> values(v->begin(), v->end());
    for (int64_t x : values)
      if (x <= 0 || x > (int64_t{1} << 40)) return Corrupt(what + ": bad value " + std::to_string(x));
    for (const auto& seen : m->gear_values)
      if (seen == values) return Corrupt(what + " repeats an earlier gear");
    if (!fg.plan()) return Corrupt(what + " has no plan");
    const om::DynamicInfo* nested = fg.plan()->dynamic();
    if (nested && nested->gears() && nested->gears()->size() > 0)
      return Corrupt(what + ": a gear's plan has gears of its own");
    auto plan = DecodeOmModel(*fg.plan(), weights, weight_size);
    if (!plan.ok()) return plan.status().WithContext(what);
    RETURN_IF_ERROR(CheckIo(plan->inputs, m->inputs, m->inputs.size() - 1, "input", what));
    RETURN_IF_ERROR(CheckIo(plan->outputs, m->outputs, m->outputs.size(), "output", what));
    if (plan->arena_size > m->arena_size)
      return Corrupt(what + " needs " + std::to_string(plan->arena_size) +
                     " work bytes, more than the model's " + std::to_string(m->arena_size));
    m->gear_values.push_back(std::move(values));
    m->gears.push_back(std::move(plan).value());
  }
  if (gear_input.name != kGearInputName || gear_input.dtype != DType::kInt32 ||
      gear_input.shape != Shape{static_cast<int64_t>(values_per_gear)} ||
      gear_input.nbytes != values_per_gear * sizeof(int32_t))
    return Corrupt(std::string("the last input of a gear model must be '") + kGearInputName +
                   "', int32 [" + std::to_string(values_per_gear) + "]");
  return Status::Ok();
}

}  // namespace openacl
