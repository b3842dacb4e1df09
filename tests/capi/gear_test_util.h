// Gear models for the gear tests: the same graphs compiled with gears (compiler/gear_compiler.cc)
// and compiled static at one gear's shape, so each gear's result can be compared with the static
// model of that shape.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "compiler/gear_spec.h"

namespace openacl_test {

// x: float[N,3,H,W] -> Conv(4 filters 3x3, pad 1, bias) -> Relu -> GlobalAveragePool ->
// Flatten -> y: float[N,4].
// a: float[2,K], b: float[K,3] -> y = MatMul(a, b): float[2,3] (for --dynamic_dims).
enum class GearNet { kConv, kMatMul };

// Compiles `net` with the gear flags and writes <tmp>/<name>.om; "" on failure (the error in
// *error).
std::string WriteGearOm(GearNet net, const std::string& name, const openacl::GearFlags& flags,
                        std::string* error);
// The same net compiled static with `shapes` fixed.
std::string WriteStaticOm(GearNet net, const std::string& name,
                          const std::map<std::string, openacl::Shape>& shapes);

}  // namespace openacl_test
