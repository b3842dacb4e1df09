// Dynamic gears from atc's flags (acl-api.md §6): --input_shape with -1 at the dims that vary plus
// exactly one of --dynamic_batch_size="1,2,4,8", --dynamic_image_size="224,224;448,448" (h,w
// pairs) or --dynamic_dims="1,224;2,448" (with --input_format=ND; each gear's values fill the -1
// dims of all inputs in --input_shape order). Parsing is pure and checks ATC's rules; every
// violation is an error that names the flag and the value at fault.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "format/compiled_model.h"

namespace openacl {

// The flags as given (empty = not given).
struct GearFlags {
  std::string input_shape;
  std::string input_format;
  std::string dynamic_batch_size;
  std::string dynamic_image_size;
  std::string dynamic_dims;
  std::string input_shape_range;
  std::string insert_op_conf;
};

inline constexpr size_t kMinGears = 2;       // ATC: gear counts in (1, 100]
inline constexpr size_t kMaxGears = 100;
inline constexpr int64_t kMaxGearBatch = 2048;

struct GearSpec {
  GearKind kind = GearKind::kNone;
  // --input_shape in its order; -1 marks the dims that take a gear's values.
  std::vector<std::pair<std::string, Shape>> input_shapes;
  std::string input_format;                  // "" = NCHW
  std::vector<std::vector<int64_t>> gears;   // batch {n}; image size {h, w}; dims one per -1

  bool dynamic() const { return kind != GearKind::kNone; }
  // Every input's shape at gear `index` (the -1 dims filled).
  std::map<std::string, Shape> ShapesOf(size_t index) const;
};

// --input_shape "name:d0,d1;name2:..." keeping the order (ATC fills -1 dims in this order).
Result<std::vector<std::pair<std::string, Shape>>> ParseOrderedInputShapes(const std::string& text);

// Checks the gear flags against ATC's rules and returns what to compile. No gear flag = kNone.
Result<GearSpec> ParseGearSpec(const GearFlags& flags);

// "1,2,4,8" / "224,224;448,448" for messages and the .om's description.
std::string GearToString(GearKind kind, const std::vector<int64_t>& gear);
std::string GearListToString(GearKind kind, const std::vector<std::vector<int64_t>>& gears);
const char* GearFlagName(GearKind kind);

}  // namespace openacl
