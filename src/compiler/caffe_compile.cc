#include "compiler/caffe_compile.h"

#include <fstream>
#include <sstream>

#include "frontend/caffe/caffe_importer.h"

namespace openacl {
namespace {

Result<std::string> ReadFile(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(StatusCode::kInvalidFile, std::string("cannot open ") + what + " '" + path + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Gears (--dynamic_batch_size / --dynamic_image_size / --dynamic_dims): the Caffe frontend infers
// shapes while it lowers, so each gear imports the files (read once) with that gear's shapes.
// CompileGraphGears asks for one graph per gear, in gear order.
Result<CompiledModel> CompileCaffeGears(const std::string& prototxt, const std::string& caffemodel,
                                        const CompileOptions& options) {
  ASSIGN_OR_RETURN(std::string text, ReadFile(prototxt, "Caffe model (--model)"));
  std::string weights;
  if (!caffemodel.empty()) {
    ASSIGN_OR_RETURN(weights, ReadFile(caffemodel, "Caffe weight file (--weight)"));
  }
  size_t next_gear = 0;
  auto source = [&]() -> Result<std::unique_ptr<Graph>> {
    std::map<std::string, Shape> shapes = options.input_shapes;
    for (auto& [name, shape] : options.gears.ShapesOf(next_gear++)) shapes[name] = shape;
    return ImportCaffeText(text, weights, shapes, "'" + prototxt + "'");
  };
  return CompileGraphGears(source, options);
}

}  // namespace

Result<CompiledModel> CompileCaffeFiles(const std::string& prototxt, const std::string& caffemodel,
                                        const CompileOptions& options) {
  if (options.progress) options.progress("import", 0.0);
  if (options.gears.dynamic()) {
    auto model = CompileCaffeGears(prototxt, caffemodel, options);
    if (!model.ok()) return model.status().WithContext("compiling Caffe model '" + prototxt + "'");
    return model;
  }
  auto graph = ImportCaffeFiles(prototxt, caffemodel, options.input_shapes);
  if (!graph.ok()) return graph.status().WithContext("importing Caffe model '" + prototxt + "'");
  auto model = CompileGraph(std::move(graph).value(), options);
  if (!model.ok()) return model.status().WithContext("compiling '" + prototxt + "'");
  return model;
}

}  // namespace openacl
