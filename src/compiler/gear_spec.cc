#include "compiler/gear_spec.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <set>

namespace openacl {
namespace {

std::string Trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

std::vector<std::string> Split(const std::string& text, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(sep, start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// A decimal integer (optionally negative) that fits comfortably in int64.
bool ParseInteger(const std::string& text, int64_t* out) {
  std::string t = Trim(text);
  size_t digits = t.size() - (t.rfind('-', 0) == 0 ? 1 : 0);
  if (digits == 0 || digits > 12) return false;
  for (size_t i = t.size() - digits; i < t.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(t[i]))) return false;
  *out = std::strtoll(t.c_str(), nullptr, 10);
  return true;
}

std::string Flag(const std::string& name, const std::string& value) {
  return "--" + name + "=\"" + value + "\"";
}

Status Bad(const std::string& m) { return InvalidParam(m); }

// The gear lists: batch "1,2,4" (one value per gear); image size and dims "a,b;c,d".
Result<std::vector<std::vector<int64_t>>> ParseGearList(GearKind kind, const std::string& text) {
  const std::string flag = GearFlagName(kind);
  const std::string shown = Flag(flag, text);
  std::vector<std::vector<int64_t>> gears;
  std::vector<std::string> items =
      kind == GearKind::kBatch ? Split(text, ',') : Split(text, ';');
  // A trailing separator ("1,2,4," / "224,224;448,448;") is tolerated, as ATC does.
  if (items.size() > 1 && Trim(items.back()).empty()) items.pop_back();
  for (const std::string& item : items) {
    if (Trim(item).empty())
      return Bad(shown + ": empty gear (gears are separated by '" +
                 (kind == GearKind::kBatch ? std::string(",") : std::string(";")) + "')");
    std::vector<int64_t> gear;
    for (const std::string& v : kind == GearKind::kBatch ? std::vector<std::string>{item}
                                                         : Split(item, ',')) {
      int64_t n = 0;
      if (!ParseInteger(v, &n))
        return Bad(shown + ": '" + Trim(v) + "' in gear '" + Trim(item) + "' is not an integer");
      if (n <= 0)
        return Bad(shown + ": value " + std::to_string(n) + " in gear '" + Trim(item) +
                   "' must be a positive integer");
      if (kind == GearKind::kBatch && n > kMaxGearBatch)
        return Bad(shown + ": batch size " + std::to_string(n) + " exceeds ATC's limit of " +
                   std::to_string(kMaxGearBatch));
      gear.push_back(n);
    }
    if (kind == GearKind::kImageSize && gear.size() != 2)
      return Bad(shown + ": gear '" + Trim(item) + "' has " + std::to_string(gear.size()) +
                 " values; each gear is height,width");
    gears.push_back(std::move(gear));
  }
  if (gears.size() < kMinGears || gears.size() > kMaxGears)
    return Bad(shown + " has " + std::to_string(gears.size()) + " gear" +
               (gears.size() == 1 ? "" : "s") + "; ATC needs " + std::to_string(kMinGears) +
               " to " + std::to_string(kMaxGears));
  std::set<std::vector<int64_t>> seen;
  for (const auto& g : gears)
    if (!seen.insert(g).second)
      return Bad(shown + ": gear '" + GearToString(kind, g) + "' is given twice");
  return gears;
}

size_t CountDynamic(const Shape& s) {
  return static_cast<size_t>(std::count(s.begin(), s.end(), int64_t{-1}));
}

// Which dims of an input of rank 4 hold H and W.
std::pair<size_t, size_t> HwDims(const std::string& format) {
  return format == "NHWC" ? std::make_pair<size_t, size_t>(1, 2)
                          : std::make_pair<size_t, size_t>(2, 3);
}

// Where -1 may stand in each mode; the error names the input and the flag.
Status CheckDynamicPositions(const GearSpec& spec, const GearFlags& f) {
  const std::string shape_flag = Flag("input_shape", f.input_shape);
  const std::string flag = GearFlagName(spec.kind);
  size_t total = 0;
  for (const auto& [name, shape] : spec.input_shapes) {
    size_t n = CountDynamic(shape);
    total += n;
    if (n == 0) continue;
    if (spec.kind == GearKind::kBatch && (shape[0] != -1 || n != 1))
      return Bad(shape_flag + ": with --" + flag + " only the first (batch) dim may be -1, input '" +
                 name + "' has " + ShapeToString(shape) + " (use --dynamic_dims for other dims)");
    if (spec.kind == GearKind::kImageSize) {
      auto [h, w] = HwDims(spec.input_format);
      if (shape.size() != 4 || n != 2 || shape[h] != -1 || shape[w] != -1)
        return Bad(shape_flag + ": with --" + flag + " the -1 dims must be exactly H and W of a 4-D " +
                   (spec.input_format.empty() ? std::string("NCHW") : spec.input_format) +
                   " input; input '" + name + "' has " + ShapeToString(shape));
    }
  }
  if (total == 0)
    return Bad("--" + flag + " needs -1 in " + shape_flag + " at the dims that vary");
  if (spec.kind == GearKind::kDims)
    for (const auto& g : spec.gears)
      if (g.size() != total)
        return Bad(Flag(flag, f.dynamic_dims) + ": gear '" + GearToString(spec.kind, g) +
                   "' has " + std::to_string(g.size()) + " value" + (g.size() == 1 ? "" : "s") +
                   " but " + shape_flag + " has " + std::to_string(total) + " -1 dims");
  return Status::Ok();
}

}  // namespace

const char* GearFlagName(GearKind kind) {
  switch (kind) {
    case GearKind::kBatch:
      return "dynamic_batch_size";
    case GearKind::kImageSize:
      return "dynamic_image_size";
    case GearKind::kDims:
      return "dynamic_dims";
    case GearKind::kNone:
      break;
  }
  return "";
}

std::string GearToString(GearKind kind, const std::vector<int64_t>& gear) {
  std::string s;
  for (size_t i = 0; i < gear.size(); ++i) s += (i ? "," : "") + std::to_string(gear[i]);
  (void)kind;
  return s;
}

std::string GearListToString(GearKind kind, const std::vector<std::vector<int64_t>>& gears) {
  std::string s;
  const char* sep = kind == GearKind::kBatch ? "," : ";";
  for (size_t i = 0; i < gears.size(); ++i) s += (i ? sep : "") + GearToString(kind, gears[i]);
  return s;
}

Result<std::vector<std::pair<std::string, Shape>>> ParseOrderedInputShapes(const std::string& text) {
  std::vector<std::pair<std::string, Shape>> out;
  for (const std::string& raw : Split(text, ';')) {
    std::string item = Trim(raw);
    if (item.empty()) continue;
    size_t colon = item.rfind(':');
    if (colon == std::string::npos || colon == 0)
      return Bad("malformed --input_shape entry '" + item + "' (expected name:d0,d1,...)");
    std::string name = item.substr(0, colon);
    for (const auto& kv : out)
      if (kv.first == name) return Bad("--input_shape names input '" + name + "' twice");
    Shape shape;
    std::string dims = item.substr(colon + 1);
    if (!Trim(dims).empty())  // "name:" = a scalar
      for (const std::string& d : Split(dims, ',')) {
        int64_t v = 0;
        if (!ParseInteger(d, &v) || v < -1)
          return Bad("malformed dim '" + Trim(d) + "' in --input_shape entry '" + item + "'");
        shape.push_back(v);
      }
    out.emplace_back(name, shape);
  }
  return out;
}

std::map<std::string, Shape> GearSpec::ShapesOf(size_t index) const {
  std::map<std::string, Shape> out;
  const std::vector<int64_t>& g = gears.at(index);
  size_t next = 0;  // dims mode: the next value to place
  for (const auto& [name, shape] : input_shapes) {
    Shape s = shape;
    for (size_t d = 0; d < s.size(); ++d) {
      if (s[d] != -1) continue;
      if (kind == GearKind::kBatch) s[d] = g[0];
      if (kind == GearKind::kImageSize) s[d] = d == HwDims(input_format).first ? g[0] : g[1];
      if (kind == GearKind::kDims) s[d] = g[next++];
    }
    out[name] = s;
  }
  return out;
}

Result<GearSpec> ParseGearSpec(const GearFlags& f) {
  GearSpec spec;
  std::vector<std::pair<GearKind, const std::string*>> given;
  if (!f.dynamic_batch_size.empty()) given.emplace_back(GearKind::kBatch, &f.dynamic_batch_size);
  if (!f.dynamic_image_size.empty()) given.emplace_back(GearKind::kImageSize, &f.dynamic_image_size);
  if (!f.dynamic_dims.empty()) given.emplace_back(GearKind::kDims, &f.dynamic_dims);
  if (given.empty()) return spec;
  if (given.size() > 1)
    return Bad(std::string("--") + GearFlagName(given[0].first) + " and --" +
               GearFlagName(given[1].first) +
               " cannot be used together (a model has one kind of gears)");
  spec.kind = given[0].first;
  const std::string flag = GearFlagName(spec.kind);
  const std::string shown = Flag(flag, *given[0].second);
  if (!f.input_shape_range.empty())
    return Bad("--" + flag + " and --input_shape_range cannot be used together");
  if (spec.kind == GearKind::kDims && !f.insert_op_conf.empty())
    return Bad("--dynamic_dims and --insert_op_conf cannot be used together");
  if (f.input_shape.empty())
    return Bad(shown + " needs --input_shape with -1 at the dims that vary");
  if (f.input_shape.find('~') != std::string::npos)
    return Bad(Flag("input_shape", f.input_shape) + ": shape ranges ('~') cannot be used with --" +
               flag);
  spec.input_format = f.input_format;
  if (spec.kind == GearKind::kDims && f.input_format != "ND")
    return Bad(shown + " needs --input_format=ND" +
               (f.input_format.empty() ? std::string(" (not given)")
                                       : " (given: " + f.input_format + ")"));
  if (spec.kind == GearKind::kImageSize && !f.input_format.empty() && f.input_format != "NCHW" &&
      f.input_format != "NHWC")
    return Bad(shown + " needs --input_format NCHW or NHWC (given: " + f.input_format + ")");
  auto shapes = ParseOrderedInputShapes(f.input_shape);
  if (!shapes.ok()) return shapes.status();
  spec.input_shapes = std::move(shapes).value();
  ASSIGN_OR_RETURN(spec.gears, ParseGearList(spec.kind, *given[0].second));
  RETURN_IF_ERROR(CheckDynamicPositions(spec, f));
  return spec;
}

}  // namespace openacl
