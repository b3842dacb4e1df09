// msame's command line (acl-api.md §7.1) plus openacl's benchmark extensions.
// `--opt value` and `--opt=value` both work. Parsing is pure (no I/O) so it is tested on its own.
#pragma once

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
  // Dynamic-shape options: recorded so main can reject them with a clear message.
  std::string dym_batch, dym_hw, dym_dims, dym_shape, output_size;
  // openacl extensions.
  int warmup = 0;        // --warmup N: untimed runs before the timed loop
  int threads = 0;       // --threads N: OPENACL_NUM_THREADS for this process (0 = default)
  std::string json;      // --json FILE: timing / memory summary
  bool profile = false;  // --profile: per-node timing (needs an engine hook; not yet)
  bool help = false;
};

// Parses argv[1..]. On failure returns false and sets *error to a message naming the option.
bool ParseArgs(const std::vector<std::string>& args, Options* options, std::string* error);

// Checks values that depend on each other (model given and of a known type, outfmt, ranges).
bool ValidateOptions(const Options& options, std::string* error);

// The first dynamic-shape option given ("--dymBatch", ...), or "" when none.
std::string FirstDynamicOption(const Options& options);

std::string Usage();

// Splits on `sep`, trimming blanks around each item and dropping empty items.
std::vector<std::string> SplitList(const std::string& text, char sep);

}  // namespace msame
