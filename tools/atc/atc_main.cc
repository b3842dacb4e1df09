// atc: compiles ONNX and Caffe models into .om files with Ascend ATC's command line (acl-api.md §6).
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "atc_info.h"
#include "atc_options.h"
#include "compiler/caffe_compile.h"
#include "compiler/compiler.h"
#include "compiler/single_op/single_op_compiler.h"
#include "format/om_reader.h"
#include "format/om_writer.h"

namespace openacl {
namespace atc {
namespace {

// Stage names and percent on stderr: redrawn in place on a terminal, one line per stage when
// logging at info/debug to a file or pipe.
class ProgressDisplay {
 public:
  explicit ProgressDisplay(bool verbose)
      : tty_(isatty(STDERR_FILENO) == 1), enabled_(tty_ || verbose) {}
  ~ProgressDisplay() { Finish(); }

  void Update(const std::string& stage, double fraction) {
    if (!enabled_) return;
    int percent = static_cast<int>(fraction * 100.0 + 0.5);
    if (tty_) {
      std::fprintf(stderr, "\r[ATC] %3d%% %-48s", percent, stage.c_str());
      drawn_ = true;
    } else if (stage != last_stage_) {
      std::fprintf(stderr, "[ATC] %3d%% %s\n", percent, stage.c_str());
    }
    last_stage_ = stage;
    std::fflush(stderr);
  }
  void Finish() {
    if (drawn_) std::fputc('\n', stderr);
    drawn_ = false;
  }

 private:
  bool tty_, enabled_;
  bool drawn_ = false;
  std::string last_stage_;
};

std::string Given(const AtcOptions& o, const std::string& name) {
  auto it = o.given.find(name);
  return it == o.given.end() ? std::string() : it->second;
}

Result<CompileOptions> ToCompileOptions(const AtcOptions& o) {
  CompileOptions c;
  if (!o.input_shape.empty()) {
    auto shapes = ParseInputShapes(o.input_shape);
    if (!shapes.ok()) return shapes.status().WithContext("--input_shape");
    c.input_shapes = std::move(shapes).value();
  }
  c.input_format = o.input_format;
  c.insert_op_conf = o.insert_op_conf;
  GearFlags gear_flags{o.input_shape,       o.input_format, o.dynamic_batch_size,
                       o.dynamic_image_size, o.dynamic_dims, o.input_shape_range,
                       o.insert_op_conf};
  ASSIGN_OR_RETURN(c.gears, ParseGearSpec(gear_flags));
  if (!o.output_type.empty()) {
    ASSIGN_OR_RETURN(OutputTypes t, ParseOutputType(o.output_type));
    c.output_type = t.all;
    c.output_type_per_output = t.per_output;
  }
  if (!o.out_nodes.empty()) {
    ASSIGN_OR_RETURN(c.out_nodes, ParseOutNodes(o.out_nodes));
  }
  c.fp16_inputs = ParseNameList(o.input_fp16_nodes);
  if (!o.soc_version.empty()) c.soc_version = o.soc_version;
  c.precision_mode = o.precision_mode;
  ASSIGN_OR_RETURN(c.precision,
                   MakePrecisionOptions(o.precision_mode, Given(o, "precision_mode_v2"),
                                        Given(o, "keep_dtype")));
  c.recorded = o.given;
  return c;
}

Result<CompiledModel> Compile(const AtcOptions& o, bool verbose) {
  ASSIGN_OR_RETURN(CompileOptions c, ToCompileOptions(o));
  if (std::string(RequestedPrecision(c.precision.mode)) != "fp32" && !CompilingCpuHasBf16()) {
    const bool v2 = o.precision_mode.empty();
    std::fprintf(stderr,
                 "[ATC] [WARNING] --%s=%s asks for reduced precision, but this CPU lacks "
                 "AVX512-BF16: the .om records the request; it runs in bf16 on CPUs that have "
                 "AVX512-BF16 and in fp32 on the others (as here)\n",
                 v2 ? "precision_mode_v2" : "precision_mode",
                 (v2 ? Given(o, "precision_mode_v2") : o.precision_mode).c_str());
  }
  ProgressDisplay progress(verbose);
  c.progress = [&progress](const std::string& stage, double f) { progress.Update(stage, f); };
  auto model = o.framework == 0 ? CompileCaffeFiles(o.model, o.weight, c) : CompileOnnxFile(o.model, c);
  progress.Finish();
  return model;
}

Status Run(const AtcOptions& o, bool verbose) {
  if (o.mode == 6) {
    ASSIGN_OR_RETURN(OmSummary summary, PeekOm(o.om));
    auto model = ReadOmFile(o.om);  // the per-node precision needs the graph
    std::string precision = model.ok() ? FormatPrecisionInfo(*model)
                                       : "precision: unknown (" + model.status().message() + ")\n";
    std::fputs(FormatOmInfo(o.om, summary, precision).c_str(), stdout);
    return Status::Ok();
  }
  if (o.mode == 1) {
    if (!o.om.empty()) {
      ASSIGN_OR_RETURN(CompiledModel model, ReadOmFile(o.om));
      return WriteModelJson(model, o.json);
    }
    ASSIGN_OR_RETURN(CompiledModel model, Compile(o, verbose));
    return WriteModelJson(model, o.json);
  }
  if (!o.singleop.empty()) {
    RETURN_IF_ERROR(CompileSingleOpJson(o.singleop, o.output, o.soc_version));
    if (verbose) std::fprintf(stderr, "[ATC] wrote single-op models to %s\n", o.output.c_str());
    return Status::Ok();
  }
  ASSIGN_OR_RETURN(CompiledModel model, Compile(o, verbose));
  const std::string path = OmPathFromOutput(o.output);
  const std::filesystem::path dir = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!dir.empty() && !std::filesystem::exists(dir, ec)) {
    std::filesystem::create_directories(dir, ec);
    if (ec)
      return Status(StatusCode::kWriteFile,
                    "cannot create output directory " + dir.string() + ": " + ec.message());
  }
  RETURN_IF_ERROR(WriteOm(model, path));
  if (verbose) std::fprintf(stderr, "[ATC] wrote %s\n", path.c_str());
  return Status::Ok();
}

int Main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  auto parsed = ParseAtcArgs(args);
  if (!parsed.ok()) {
    std::fprintf(stderr, "%s\n%s", parsed.status().message().c_str(), AtcUsage().c_str());
    std::fprintf(stderr, "ATC run failed\n");
    return 2;
  }
  const AtcOptions& o = *parsed;
  if (o.help || args.empty()) {
    std::fputs(AtcUsage().c_str(), args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  Status valid = ValidateAtcOptions(o);
  if (!valid.ok()) {
    std::fprintf(stderr, "%s\n", valid.message().c_str());
    if (valid.code() == StatusCode::kInvalidParam) std::fputs(AtcUsage().c_str(), stderr);
    std::fprintf(stderr, "ATC run failed\n");
    return valid.code() == StatusCode::kInvalidParam ? 2 : 1;
  }
  bool verbose = false;
  if (!o.log.empty()) {
    // Before anything logs: the logger reads the level once.
    int level = ParseLogLevel(o.log).value();
    setenv("ASCEND_GLOBAL_LOG_LEVEL", std::to_string(level).c_str(), 1);
    verbose = level <= 1;
  }
  Status st = Run(o, verbose);
  if (!st.ok()) {
    std::fprintf(stderr, "ATC run failed, %s\n", st.message().c_str());
    return 1;
  }
  std::printf("ATC run success, welcome to the next use.\n");
  return 0;
}

}  // namespace
}  // namespace atc
}  // namespace openacl

int main(int argc, char** argv) { return openacl::atc::Main(argc, argv); }
