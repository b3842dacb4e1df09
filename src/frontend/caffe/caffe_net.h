// Reading Caffe files: the .prototxt (text) and the .caffemodel (binary) into NetParameter, the
// legacy V1 `layers` form upgraded to `layer`, and the weights of the .caffemodel by layer name.
// The only files besides the lowerings that include caffe.pb.h.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "caffe.pb.h"
#include "ir/tensor.h"

namespace openacl {
namespace caffe_frontend {

struct CaffeNet {
  std::string path;                        // the .prototxt, for messages
  openacl_caffe::NetParameter net;          // layers in `layer` form
  std::vector<int> layer_lines;            // 1-based line of each layer in the .prototxt (0: unknown)
};

// Parses a .prototxt. Syntax errors name the file, line and column.
Result<CaffeNet> ReadPrototxt(const std::string& path);
// Parses prototxt text (`what` names it in messages).
Result<CaffeNet> ParsePrototxtText(const std::string& text, const std::string& what);

// The blobs of every layer of a .caffemodel (either layer form), by layer name.
using WeightMap = std::map<std::string, std::vector<openacl_caffe::BlobProto>>;
Result<WeightMap> ReadCaffemodel(const std::string& path);
Result<WeightMap> ParseCaffemodelBytes(const std::string& bytes, const std::string& what);

// A blob as a float32 tensor of its declared shape (shape {dim} or legacy num/channels/height/
// width). Errors name the blob when its value count does not match its shape.
Result<Tensor> BlobToTensor(const openacl_caffe::BlobProto& blob, const std::string& what);

// The layer type name of a V1 layer ("Convolution" for CONVOLUTION), "" for NONE.
std::string V1TypeName(openacl_caffe::V1LayerParameter::LayerType type);

}  // namespace caffe_frontend
}  // namespace openacl
