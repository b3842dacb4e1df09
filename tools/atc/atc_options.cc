#include "atc_options.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace openacl {
namespace atc {
namespace {

// kBool: gflags boolean (`--name`, `--noname`, `--name=true|false`; never takes the next word).
// kValue: takes `=value` or the next word.
enum class Kind { kBool, kValue };

struct Spec {
  const char* name;
  Kind kind;
  std::string AtcOptions::*field;  // null: accepted and recorded only
};

// Options with an effect, plus ATC options accepted for compatibility that change nothing on a
// CPU (recorded in the .om so a dump shows them).
const Spec kSpecs[] = {
    {"help", Kind::kBool, nullptr},
    {"h", Kind::kBool, nullptr},
    {"mode", Kind::kValue, nullptr},
    {"framework", Kind::kValue, nullptr},
    {"model", Kind::kValue, &AtcOptions::model},
    {"weight", Kind::kValue, &AtcOptions::weight},
    {"output", Kind::kValue, &AtcOptions::output},
    {"om", Kind::kValue, &AtcOptions::om},
    {"json", Kind::kValue, &AtcOptions::json},
    {"input_shape", Kind::kValue, &AtcOptions::input_shape},
    {"input_format", Kind::kValue, &AtcOptions::input_format},
    {"output_type", Kind::kValue, &AtcOptions::output_type},
    {"out_nodes", Kind::kValue, &AtcOptions::out_nodes},
    {"input_fp16_nodes", Kind::kValue, &AtcOptions::input_fp16_nodes},
    {"precision_mode", Kind::kValue, &AtcOptions::precision_mode},
    {"soc_version", Kind::kValue, &AtcOptions::soc_version},
    {"log", Kind::kValue, &AtcOptions::log},
    {"singleop", Kind::kValue, &AtcOptions::singleop},
    {"dynamic_batch_size", Kind::kValue, &AtcOptions::dynamic_batch_size},
    {"dynamic_image_size", Kind::kValue, &AtcOptions::dynamic_image_size},
    {"dynamic_dims", Kind::kValue, &AtcOptions::dynamic_dims},
    {"input_shape_range", Kind::kValue, &AtcOptions::input_shape_range},
    {"insert_op_conf", Kind::kValue, &AtcOptions::insert_op_conf},
    {"precision_mode_v2", Kind::kValue, nullptr},
    {"op_select_implmode", Kind::kValue, nullptr},
    {"optypelist_for_implmode", Kind::kValue, nullptr},
    {"is_input_adjust_hw_layout", Kind::kValue, nullptr},
    {"is_output_adjust_hw_layout", Kind::kValue, nullptr},
    {"enable_small_channel", Kind::kValue, nullptr},
    {"fusion_switch_file", Kind::kValue, nullptr},
    {"buffer_optimize", Kind::kValue, nullptr},
    {"keep_dtype", Kind::kValue, nullptr},
    {"modify_mixlist", Kind::kValue, nullptr},
    {"op_precision_mode", Kind::kValue, nullptr},
    {"host_env_os", Kind::kValue, nullptr},
    {"host_env_cpu", Kind::kValue, nullptr},
    {"core_type", Kind::kValue, nullptr},
    {"aicore_num", Kind::kValue, nullptr},
    {"virtual_type", Kind::kValue, nullptr},
    {"disable_reuse_memory", Kind::kValue, nullptr},
    {"op_debug_level", Kind::kValue, nullptr},
    {"debug_dir", Kind::kValue, nullptr},
    {"status_check", Kind::kValue, nullptr},
    {"input_fp16_nodes_format", Kind::kValue, nullptr},
};

const Spec* FindSpec(const std::string& name) {
  for (const Spec& s : kSpecs)
    if (name == s.name) return &s;
  return nullptr;
}

Status Bad(const std::string& m) { return InvalidParam(m); }

Result<int> ParseInt(const std::string& option, const std::string& text) {
  if (text.empty() || text.size() > 9 ||
      !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); }))
    return Bad("--" + option + "=" + text + ": expected a non-negative integer");
  return std::atoi(text.c_str());
}

// One command-line word in gflags form: `--name`, `-name`, either with `=value`.
struct FlagWord {
  std::string name, value;
  bool has_value = false;
};

Result<FlagWord> SplitFlagWord(const std::string& arg) {
  size_t dashes = arg.rfind("--", 0) == 0 ? 2 : (arg.rfind("-", 0) == 0 ? 1 : 0);
  if (dashes == 0 || arg.size() == dashes || arg[dashes] == '=')
    return Bad("unexpected argument '" + arg + "' (options look like --name=value)");
  FlagWord w;
  size_t eq = arg.find('=');
  w.name = arg.substr(dashes, eq == std::string::npos ? std::string::npos : eq - dashes);
  if (eq != std::string::npos) {
    w.value = arg.substr(eq + 1);
    w.has_value = true;
  }
  return w;
}

// Whether the word after a value option is itself an option (so the value is missing). A word
// such as "-1,3,224,224" is a value: only known option names count.
bool LooksLikeOption(const std::string& arg) {
  auto word = SplitFlagWord(arg);
  if (!word.ok()) return false;
  if (FindSpec(word->name)) return true;
  const Spec* positive = word->name.rfind("no", 0) == 0 ? FindSpec(word->name.substr(2)) : nullptr;
  return positive && positive->kind == Kind::kBool;
}

// Edit distance counting a swap of two neighbouring letters as one edit ("modle" -> "model").
size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                          d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

// The known option closest to `name`; on a tie the one of the nearest length.
std::string UnknownOptionMessage(const std::string& arg, const std::string& name) {
  const Spec* best = nullptr;
  size_t best_distance = 0;
  for (const Spec& s : kSpecs) {
    size_t d = EditDistance(name, s.name) * 64 +
               static_cast<size_t>(std::abs(static_cast<long>(name.size()) -
                                            static_cast<long>(std::string(s.name).size())));
    if (!best || d < best_distance) best = &s, best_distance = d;
  }
  return "unknown option '" + arg + "' (did you mean --" + best->name + "?)";
}

Result<bool> ParseBool(const std::string& option, const std::string& text) {
  if (text == "true" || text == "1" || text == "yes" || text == "t" || text == "y") return true;
  if (text == "false" || text == "0" || text == "no" || text == "f" || text == "n") return false;
  return Bad("--" + option + "=" + text + ": expected true or false");
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

const char* const kOutputTypes[] = {"FP32",   "FP16",  "UINT8",  "INT8",  "UINT16", "INT16",
                                    "UINT32", "INT32", "UINT64", "INT64", "DOUBLE", "BOOL"};

bool IsOutputType(const std::string& t) {
  for (const char* k : kOutputTypes)
    if (t == k) return true;
  return false;
}

}  // namespace

Result<AtcOptions> ParseAtcArgs(const std::vector<std::string>& args) {
  AtcOptions o;
  for (size_t i = 0; i < args.size(); ++i) {
    ASSIGN_OR_RETURN(FlagWord word, SplitFlagWord(args[i]));
    const Spec* spec = FindSpec(word.name);
    bool negated = false;
    if (!spec && !word.has_value && word.name.rfind("no", 0) == 0) {
      const Spec* positive = FindSpec(word.name.substr(2));
      if (positive && positive->kind == Kind::kBool) spec = positive, negated = true;
    }
    if (!spec) return Bad(UnknownOptionMessage(args[i], word.name));
    const std::string name = spec->name;
    if (spec->kind == Kind::kBool) {
      bool on = !negated;
      if (word.has_value) {
        ASSIGN_OR_RETURN(on, ParseBool(name, word.value));
      }
      if (name == "help" || name == "h") o.help = o.help || on;
      continue;
    }
    std::string value = word.value;
    if (!word.has_value) {
      if (i + 1 >= args.size() || LooksLikeOption(args[i + 1]))
        return Bad("option --" + name + " needs a value (--" + name + "=VALUE or --" + name +
                   " VALUE)");
      value = args[++i];
    }
    if (o.given.count(name)) return Bad("option --" + name + " given twice");
    o.given[name] = value;
    if (name == "mode") {
      ASSIGN_OR_RETURN(o.mode, ParseInt(name, value));
    } else if (name == "framework") {
      ASSIGN_OR_RETURN(o.framework, ParseInt(name, value));
    } else if (spec->field) {
      o.*(spec->field) = value;
    }
  }
  return o;
}

Status ValidateAtcOptions(const AtcOptions& o) {
  auto not_yet = [](const std::string& what) {
    return Status(StatusCode::kFeatureUnsupported, what + " is not supported yet by openacl's atc");
  };
  if (o.mode == 3 || o.mode == 5) return not_yet("--mode=" + std::to_string(o.mode));
  if (o.mode != 0 && o.mode != 1 && o.mode != 6)
    return Bad("--mode=" + std::to_string(o.mode) +
               " is invalid (0 compile, 1 to JSON, 6 model info)");
  if (o.framework >= 0 && o.framework != 0 && o.framework != 5)
    return Bad("framework " + std::to_string(o.framework) +
               " not supported: openacl compiles Caffe (--framework=0) and ONNX (--framework=5)");
  if (!o.singleop.empty()) {
    // Single-operator compilation: only --output (a folder), --soc_version and logging apply.
    if (!o.model.empty()) return Bad("--singleop and --model cannot be used together");
    if (o.output.empty()) return Bad("--singleop needs --output=<folder for the .om files>");
    if (o.mode != 0) return Bad("--singleop works with --mode=0 only");
    if (!o.log.empty()) RETURN_IF_ERROR(ParseLogLevel(o.log).status());
    return Status::Ok();
  }
  // The gear flags' rules are checked with --input_shape by ParseGearSpec (compiler/gear_spec.h).
  if (!o.input_shape_range.empty()) return not_yet("--input_shape_range (dynamic shape ranges)");
  if (!o.log.empty()) RETURN_IF_ERROR(ParseLogLevel(o.log).status());
  if (!o.input_format.empty() && o.input_format != "NCHW" && o.input_format != "NHWC" &&
      o.input_format != "ND")
    return Bad("--input_format=" + o.input_format + " is not supported (NCHW, NHWC or ND)");
  if (!o.output_type.empty()) RETURN_IF_ERROR(ParseOutputType(o.output_type).status());
  if (!o.out_nodes.empty()) RETURN_IF_ERROR(ParseOutNodes(o.out_nodes).status());

  const bool compile = o.mode == 0 || (o.mode == 1 && o.om.empty());
  if (compile) {
    if (o.model.empty()) return Bad("--model is required (the .onnx file to compile)");
    if (o.framework < 0)
      return Bad("--framework is required (0 Caffe, 5 ONNX)");
    if (o.framework == 0 && o.weight.empty())
      return Bad("--framework=0 (Caffe) needs --weight=<model.caffemodel> next to the .prototxt");
  }
  if (o.mode == 0 && o.output.empty()) return Bad("--output is required (the .om path prefix)");
  if (o.mode == 1 && o.json.empty()) return Bad("--mode=1 needs --json=<file.json>");
  if (o.mode == 6 && o.om.empty()) return Bad("--mode=6 needs --om=<model.om>");
  return Status::Ok();
}

Result<std::vector<std::pair<std::string, int>>> ParseOutNodes(const std::string& text) {
  std::vector<std::pair<std::string, int>> out;
  for (const std::string& item : Split(text, ';')) {
    if (item.empty()) continue;
    size_t colon = item.rfind(':');
    if (colon == std::string::npos || colon == 0)
      return Bad("--out_nodes entry '" + item + "' is not node:index");
    ASSIGN_OR_RETURN(int idx, ParseInt("out_nodes", item.substr(colon + 1)));
    out.emplace_back(item.substr(0, colon), idx);
  }
  if (out.empty()) return Bad("--out_nodes is empty");
  return out;
}

Result<OutputTypes> ParseOutputType(const std::string& text) {
  OutputTypes t;
  if (text.find(':') == std::string::npos) {
    if (!IsOutputType(text))
      return Bad("--output_type=" + text + ": unknown type (FP32, FP16, UINT8, INT8, ...)");
    t.all = text;
    return t;
  }
  for (const std::string& item : Split(text, ';')) {
    if (item.empty()) continue;
    std::vector<std::string> parts = Split(item, ':');
    const std::string& type = parts.back();
    if (parts.size() < 2 || parts.size() > 3 || parts[0].empty() || !IsOutputType(type))
      return Bad("--output_type entry '" + item + "' is not node:index:TYPE or name:TYPE");
    std::string key = parts[0];
    if (parts.size() == 3) {
      ASSIGN_OR_RETURN(int idx, ParseInt("output_type", parts[1]));
      key += ":" + std::to_string(idx);
    }
    t.per_output[key] = type;
  }
  if (t.per_output.empty()) return Bad("--output_type is empty");
  return t;
}

std::vector<std::string> ParseNameList(const std::string& text) {
  std::vector<std::string> out;
  std::string norm = text;
  std::replace(norm.begin(), norm.end(), ',', ';');
  for (const std::string& s : Split(norm, ';'))
    if (!s.empty()) out.push_back(s);
  return out;
}

Result<int> ParseLogLevel(const std::string& text) {
  std::string t = text;
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
  if (t == "debug") return 0;
  if (t == "info") return 1;
  if (t == "warning") return 2;
  if (t == "error") return 3;
  if (t == "null") return 4;
  return Bad("--log=" + text + ": expected debug, info, warning, error or null");
}

std::string OmPathFromOutput(const std::string& output) {
  const std::string ext = ".om";
  if (output.size() > ext.size() &&
      output.compare(output.size() - ext.size(), ext.size(), ext) == 0)
    return output;
  return output + ext;
}

std::string AtcUsage() {
  return R"(usage: atc --model=<model.onnx> --framework=5 --output=<prefix> [options]
       atc --model=<net.prototxt> --weight=<net.caffemodel> --framework=0 --output=<prefix>
       atc --mode=1 --om=<model.om> --json=<out.json>
       atc --mode=6 --om=<model.om>
Options take the form --name=value, -name=value, --name value or -name value.
  --mode             0 compile (default), 1 dump an .om (or a model) as JSON, 6 print .om info
  --model            source model (.onnx, or .prototxt with --framework=0)
  --weight           Caffe weights (.caffemodel) for --framework=0
  --framework        0 (Caffe) or 5 (ONNX)
  --output           output path prefix; ".om" is appended
  --om, --json       input .om / output JSON for --mode=1 and --mode=6
  --input_shape      "name:d0,d1,...;name2:..." fixes dynamic input dims
  --input_format     NCHW (default) | NHWC | ND
  --output_type      FP32 | FP16 | UINT8 | INT8 | ... or "node:0:FP16;node2:0:FP32"
  --out_nodes        "node:0;node2:1" selects the outputs
  --input_fp16_nodes "in1;in2" inputs fed as float16
  --soc_version      target chip name (recorded; openacl runs on the CPU)
  --precision_mode   force_fp32 (default) | must_keep_origin_dtype | allow_fp32_to_fp16 |
                     force_fp16 | allow_mix_precision[_fp16|_bf16]: convs and matmuls in bf16
                     on CPUs with AVX512-BF16 (docs/precision.md)
  --precision_mode_v2 origin | fp16 | cube_fp16in_fp32out | mixed_float16 | mixed_bfloat16
  --keep_dtype       file of node names (or OpType::<type>) kept in fp32
  --log              debug | info | warning | error | null
  --singleop         single-op JSON (array of op descriptions): one .om per entry into the
                     --output folder (docs/single-op.md)
  --help             this text
  --dynamic_batch_size "1,2,4,8" batch gears (--input_shape with -1 as the first dim)
  --dynamic_image_size "224,224;448,448" height,width gears (-1 at H and W)
  --dynamic_dims     "1,224;2,448" gears for the -1 dims of all inputs (--input_format=ND)
Not supported yet: --input_shape_range, --mode=3, --mode=5.
)";
}

}  // namespace atc
}  // namespace openacl
