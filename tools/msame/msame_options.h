// msame's command line (acl-api.md §7.1) plus openacl's benchmark extensions.
// Parsed the gflags way: `--opt=value`, `-opt=value`, `--opt value`, `-opt value`; booleans as
// `--opt`, `--noopt`, `--opt=true|false` (and msame's `--debug true`). Parsing is pure (no I/O) so
// it is tested on its own.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace msame {

struct Options {
  std::string model;                // --model: .om (or .onnx, compiled at load)
  std::vector<std::string> inputs;  // --input: comma-separated files or folders
  std::string output;               // --output: a timestamped subfolder is created inside
  std::string outfmt = "BIN";       // --outfmt: TXT or BIN
  int loop = 1;                     // --loop
  int device = 0;                   // --device 0..255
  bool debug = false;               // --debug true|false
  bool profiler = false;            // --profiler true|false (msame's; not supported yet)
  bool dump = false;                // --dump true|false (not supported yet)
  // Dynamic-shape gear options: recorded so main can reject them with a clear message.
  std::string dym_batch, dym_hw, dym_dims, dym_shape;
  // --outputSize "n1,n2,...": output buffer bytes, one entry per model output (for outputs whose
  // size is decided at run time: NonZero, a Reshape fed by an input, If/Loop, ...).
  std::vector<size_t> output_sizes;
  // openacl extensions.
  int warmup = 0;        // --warmup N: untimed runs before the timed loop
  int threads = 0;       // --threads N: OPENACL_NUM_THREADS for this process (0 = default)
  std::string json;      // --json FILE: timing / memory summary
  bool profile = false;  // --profile: per-node table (OPENACL_PROFILE=1), printed at unload
  bool help = false;
};

// Parses argv[1..]. On failure returns false and sets *error to a message naming the option.
bool ParseArgs(const std::vector<std::string>& args, Options* options, std::string* error);

// Checks values that depend on each other (model given and of a known type, outfmt, ranges).
bool ValidateOptions(const Options& options, std::string* error);

// Parses --outputSize's "n1,n2,...": positive byte counts separated by ','.
bool ParseOutputSizes(const std::string& text, std::vector<size_t>* sizes, std::string* error);

// The buffer bytes for each model output. `model_sizes[i]` is the description's size (0 when
// decided at run time, i.e. `dynamic[i]`); `given` is --outputSize (empty when not passed).
// Fails when `given` has the wrong count, an entry is below a static size, or a dynamic output
// has no entry (and no size in the description); the message names the output and says to pass
// --outputSize.
bool ResolveOutputSizes(const std::vector<size_t>& model_sizes, const std::vector<bool>& dynamic,
                        const std::vector<std::string>& names, const std::vector<size_t>& given,
                        std::vector<size_t>* sizes, std::string* error);

// The first dynamic-shape option given ("--dymBatch", ...), or "" when none.
std::string FirstDynamicOption(const Options& options);

std::string Usage();

// Splits on `sep`, trimming blanks around each item and dropping empty items.
std::vector<std::string> SplitList(const std::string& text, char sep);

}  // namespace msame
