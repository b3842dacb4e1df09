#include "compiler/caffe_compile.h"

#include "frontend/caffe/caffe_importer.h"

namespace openacl {

Result<CompiledModel> CompileCaffeFiles(const std::string& prototxt, const std::string& caffemodel,
                                        const CompileOptions& options) {
  if (options.progress) options.progress("import", 0.0);
  auto graph = ImportCaffeFiles(prototxt, caffemodel, options.input_shapes);
  if (!graph.ok()) return graph.status().WithContext("importing Caffe model '" + prototxt + "'");
  auto model = CompileGraph(std::move(graph).value(), options);
  if (!model.ok()) return model.status().WithContext("compiling '" + prototxt + "'");
  return model;
}

}  // namespace openacl
