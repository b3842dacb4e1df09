# Included by tests/fuzz/CMakeLists.txt: the Caffe frontend's fuzz target.
openacl_fuzz_target(fuzz_caffe openacl_frontend protobuf::libprotobuf)
