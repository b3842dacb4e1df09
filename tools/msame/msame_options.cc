#include "msame_options.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>

namespace msame {
namespace {

// kBool: msame's `--debug true`, and the gflags forms `--debug`, `--nodebug`, `--debug=false`.
// kFlag: a gflags boolean that never takes the next word (`--profile`, `--noprofile`,
// `--profile=true`).
enum class Kind { kString, kInt, kBool, kFlag };

struct Spec {
  const char* name;
  Kind kind;
};

const Spec kSpecs[] = {
    {"model", Kind::kString},    {"input", Kind::kString},      {"output", Kind::kString},
    {"outfmt", Kind::kString},   {"loop", Kind::kInt},          {"device", Kind::kInt},
    {"debug", Kind::kBool},      {"profiler", Kind::kBool},     {"dump", Kind::kBool},
    {"dymBatch", Kind::kString}, {"dymHW", Kind::kString},      {"dymDims", Kind::kString},
    {"dymShape", Kind::kString}, {"outputSize", Kind::kString}, {"warmup", Kind::kInt},
    {"threads", Kind::kInt},     {"json", Kind::kString},       {"profile", Kind::kFlag},
    {"help", Kind::kFlag},
};

const Spec* FindSpec(const std::string& name) {
  for (const Spec& s : kSpecs)
    if (name == s.name) return &s;
  return nullptr;
}

bool IsBoolean(Kind kind) { return kind == Kind::kBool || kind == Kind::kFlag; }

bool IsBoolWord(const std::string& text) {
  return text == "true" || text == "false" || text == "1" || text == "0";
}

// One command-line word in gflags form: `--name` or `-name`, either with `=value`.
struct FlagWord {
  std::string name, value;
  bool has_value = false;
};

bool SplitFlagWord(const std::string& arg, FlagWord* word, std::string* error) {
  size_t dashes = arg.rfind("--", 0) == 0 ? 2 : (arg.rfind("-", 0) == 0 ? 1 : 0);
  if (dashes == 0 || arg.size() == dashes || arg[dashes] == '=') {
    *error = "unexpected argument '" + arg + "' (options look like --model=x.om)";
    return false;
  }
  size_t eq = arg.find('=');
  word->name = arg.substr(dashes, eq == std::string::npos ? std::string::npos : eq - dashes);
  word->has_value = eq != std::string::npos;
  word->value = word->has_value ? arg.substr(eq + 1) : "";
  return true;
}

// Whether the word after a value option is itself an option (so the value is missing): only
// known option names count, so a value such as "-1" is still a value.
bool LooksLikeOption(const std::string& arg) {
  FlagWord word;
  std::string ignored;
  if (!SplitFlagWord(arg, &word, &ignored)) return false;
  if (FindSpec(word.name)) return true;
  const Spec* positive = word.name.rfind("no", 0) == 0 ? FindSpec(word.name.substr(2)) : nullptr;
  return positive && IsBoolean(positive->kind);
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

bool ParseInt(const std::string& name, const std::string& text, int* out, std::string* error) {
  errno = 0;
  char* end = nullptr;
  long v = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno == ERANGE || v < INT_MIN || v > INT_MAX) {
    *error = "--" + name + " expects an integer, got '" + text + "'";
    return false;
  }
  *out = static_cast<int>(v);
  return true;
}

bool ParseBool(const std::string& name, const std::string& text, bool* out, std::string* error) {
  if (text == "true" || text == "1" || text == "yes" || text == "t" || text == "y") {
    *out = true;
  } else if (text == "false" || text == "0" || text == "no" || text == "f" || text == "n") {
    *out = false;
  } else {
    *error = "--" + name + " expects true or false, got '" + text + "'";
    return false;
  }
  return true;
}

bool Assign(Options* o, const std::string& name, const std::string& v, std::string* error) {
  if (name == "model")
    o->model = v;
  else if (name == "input")
    o->inputs = SplitList(v, ',');
  else if (name == "output")
    o->output = v;
  else if (name == "outfmt")
    o->outfmt = v;
  else if (name == "loop")
    return ParseInt(name, v, &o->loop, error);
  else if (name == "device")
    return ParseInt(name, v, &o->device, error);
  else if (name == "dymBatch")
    o->dym_batch = v;
  else if (name == "dymHW")
    o->dym_hw = v;
  else if (name == "dymDims")
    o->dym_dims = v;
  else if (name == "dymShape")
    o->dym_shape = v;
  else if (name == "outputSize")
    return ParseOutputSizes(v, &o->output_sizes, error);
  else if (name == "warmup")
    return ParseInt(name, v, &o->warmup, error);
  else if (name == "threads")
    return ParseInt(name, v, &o->threads, error);
  else if (name == "json")
    o->json = v;
  return true;
}

bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

std::vector<std::string> SplitList(const std::string& text, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(sep, start);
    if (end == std::string::npos) end = text.size();
    std::string item = text.substr(start, end - start);
    size_t a = item.find_first_not_of(" \t\r\n");
    size_t b = item.find_last_not_of(" \t\r\n");
    if (a != std::string::npos) out.push_back(item.substr(a, b - a + 1));
    start = end + 1;
  }
  return out;
}

bool ParseArgs(const std::vector<std::string>& args, Options* options, std::string* error) {
  for (size_t i = 0; i < args.size(); ++i) {
    FlagWord word;
    if (!SplitFlagWord(args[i], &word, error)) return false;
    const Spec* spec = FindSpec(word.name);
    bool negated = false;
    if (!spec && !word.has_value && word.name.rfind("no", 0) == 0) {
      const Spec* positive = FindSpec(word.name.substr(2));
      if (positive && IsBoolean(positive->kind)) spec = positive, negated = true;
    }
    if (spec == nullptr) {
      *error = UnknownOptionMessage(args[i], word.name);
      return false;
    }
    const std::string name = spec->name;
    if (IsBoolean(spec->kind)) {
      bool on = !negated;
      std::string text = word.value;
      bool has_text = word.has_value;
      if (!has_text && !negated && spec->kind == Kind::kBool && i + 1 < args.size() &&
          IsBoolWord(args[i + 1])) {
        text = args[++i];
        has_text = true;
      }
      if (has_text && !ParseBool(name, text, &on, error)) return false;
      if (name == "help") options->help = on;
      if (name == "profile") options->profile = on;
      if (name == "debug") options->debug = on;
      if (name == "profiler") options->profiler = on;
      if (name == "dump") options->dump = on;
      continue;
    }
    std::string value = word.value;
    if (!word.has_value) {
      if (i + 1 >= args.size() || LooksLikeOption(args[i + 1])) {
        *error = "--" + name + " needs a value (--" + name + "=VALUE or --" + name + " VALUE)";
        return false;
      }
      value = args[++i];
    }
    if (!Assign(options, name, value, error)) return false;
  }
  return true;
}

bool ValidateOptions(const Options& o, std::string* error) {
  if (o.model.empty()) {
    *error = "--model is required";
    return false;
  }
  if (!EndsWith(o.model, ".om") && !EndsWith(o.model, ".onnx")) {
    *error =
        "input model file type is not .om (or .onnx), please check your model type: " + o.model;
    return false;
  }
  if (o.outfmt != "TXT" && o.outfmt != "BIN") {
    *error = "--outfmt must be TXT or BIN, got '" + o.outfmt + "'";
    return false;
  }
  if (o.loop < 1 || o.loop > 1000000) {
    *error = "--loop must be in 1 to 1000000, got " + std::to_string(o.loop);
    return false;
  }
  if (o.device < 0 || o.device > 255) {
    *error = "device id must in 0 to 255, got " + std::to_string(o.device);
    return false;
  }
  if (o.warmup < 0) {
    *error = "--warmup must be >= 0, got " + std::to_string(o.warmup);
    return false;
  }
  if (o.threads < 0 || o.threads > 4096) {
    *error = "--threads must be in 0 to 4096, got " + std::to_string(o.threads);
    return false;
  }
  if (o.profiler && o.dump) {
    *error = "dump and profiler can not both be true";
    return false;
  }
  return true;
}

bool ParseOutputSizes(const std::string& text, std::vector<size_t>* sizes, std::string* error) {
  sizes->clear();
  size_t start = 0;
  while (true) {
    size_t end = text.find(',', start);
    std::string item =
        text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    size_t a = item.find_first_not_of(" \t"), b = item.find_last_not_of(" \t");
    item = a == std::string::npos ? "" : item.substr(a, b - a + 1);
    errno = 0;
    char* stop = nullptr;
    unsigned long long v = std::strtoull(item.c_str(), &stop, 10);
    if (item.empty() || item[0] == '-' || item[0] == '+' || *stop != '\0' || errno == ERANGE ||
        v == 0) {
      *error =
          "--outputSize expects positive byte counts separated by ',' (one per output), got '" +
          text + "' (entry " + std::to_string(sizes->size()) + ": '" + item + "')";
      sizes->clear();
      return false;
    }
    sizes->push_back(static_cast<size_t>(v));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return true;
}

bool ResolveOutputSizes(const std::vector<size_t>& model_sizes, const std::vector<bool>& dynamic,
                        const std::vector<std::string>& names, const std::vector<size_t>& given,
                        std::vector<size_t>* sizes, std::string* error) {
  size_t n = model_sizes.size();
  auto label = [&](size_t i) {
    return "output " + std::to_string(i) + (i < names.size() ? " ('" + names[i] + "')" : "");
  };
  if (!given.empty() && given.size() != n) {
    *error = "--outputSize has " + std::to_string(given.size()) + " entr" +
             (given.size() == 1 ? "y" : "ies") + ", the model has " + std::to_string(n) +
             " output" + (n == 1 ? "" : "s") + " (give one byte count per output)";
    return false;
  }
  sizes->assign(n, 0);
  for (size_t i = 0; i < n; ++i) {
    bool dyn = i < dynamic.size() && dynamic[i];
    if (given.empty()) {
      if (dyn && model_sizes[i] == 0) {
        *error = label(i) +
                 " has a size decided at run time (data-dependent shape); pass --outputSize "
                 "with the buffer bytes for each output, e.g. --outputSize " +
                 std::to_string(1 << 20) + (n > 1 ? ",..." : "");
        return false;
      }
      (*sizes)[i] = model_sizes[i];
      continue;
    }
    if (!dyn && given[i] < model_sizes[i]) {
      *error = "--outputSize entry " + std::to_string(i) + " (" + std::to_string(given[i]) +
               " bytes) is smaller than " + label(i) + "'s size of " +
               std::to_string(model_sizes[i]) + " bytes";
      return false;
    }
    (*sizes)[i] = given[i];
  }
  return true;
}

std::string FirstDynamicOption(const Options& o) {
  if (!o.dym_batch.empty()) return "--dymBatch";
  if (!o.dym_hw.empty()) return "--dymHW";
  if (!o.dym_dims.empty()) return "--dymDims";
  if (!o.dym_shape.empty()) return "--dymShape";
  return "";
}

std::string Usage() {
  return R"(
Usage:
generate offline model inference output file example:
./msame --model /home/user/colorization.om --input /home/user/colorization_input.bin \
    --output /home/user/out/output1 --outfmt TXT --loop 2

arguments explain:
  --model       Model file path (.om; .onnx is compiled at load)
  --input       Input data path (.bin or .npy files, or folders holding files of the same
                names); several inputs are separated by ','. Missing inputs are zero-filled
  --output      Output path (a timestamped subfolder is created inside)
  --outfmt      Output file format (TXT or BIN)
  --loop        loop time (default 1)
  --dump        Enable dump (true or false; not supported yet)
  --profiler    Enable profiler (true or false; not supported yet)
  --device      Designated the device ID (must in 0 to 255)
  --debug       Debug switch, print model information (true or false)
  --dymBatch    dynamic batch size (a gear of a --dynamic_batch_size model)
  --dymHW       dynamic image size "h,w" (a gear of a --dynamic_image_size model)
  --dymDims     dynamic dims "name:1,3,224,224;name2:..." (a gear of a --dynamic_dims model)
  --dymShape    dynamic shape "name:1,3,224,224;..." (not supported yet)
  --outputSize  output buffer bytes "n1,n2,...", one entry per output. Needed for outputs
                whose size is decided at run time (NonZero, If/Loop, a Reshape fed by an input):
                without it such a model fails with an [ERROR] naming the output (no default).
                Outputs are saved with this run's shape and bytes

openacl extensions:
  --warmup N    untimed runs before the timed loop (default 0)
  --threads N   kernel threads (sets OPENACL_NUM_THREADS before aclInit)
  --json FILE   write a summary: min/median/mean/p99 latency, throughput, load time, peak RSS
  --profile     per-node timing: sets OPENACL_PROFILE=1, and at the end (model unload) the
                runtime prints a table to stderr: per op [kernel], then per node (node, op,
                kernel, ms/run, %), averaged over every execution (--warmup runs included).
                (models with shapes decided at run time: kernel "dynamic", the time
                includes run-time shape inference and kernel preparation)
  --help        print this message
)";
}

}  // namespace msame
