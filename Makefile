# The README's two commands: `make demo` and `make test`. Both install their own dependencies.
BUILD ?= build
PREFIX ?= /usr/local/openacl
JOBS ?= $(shell nproc)
PY := /usr/bin/python3
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release

.PHONY: all deps build test demo install clean test-models sanitize tsan fetch fuzz

all: build

deps:
	./scripts/install-deps.sh

fetch: deps
	./scripts/fetch_models.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

test: build fetch
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The large models (torchvision ResNet-50 / MobileNetV2, transformer encoder) vs onnxruntime.
test-models: build fetch
	./scripts/install-deps.sh --models
	./scripts/fetch_models.sh --torch
	./tests/models/run_model_tests.sh $(BUILD) --all

demo: build fetch
	./scripts/demo.sh $(BUILD)

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

sanitize: deps
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DOPENACL_SANITIZE=ON -DOPENACL_BUILD_PYTHON=OFF
	cmake --build build-asan -j $(JOBS)
	# allocator_may_return_null: huge-allocation tests expect malloc to fail, not ASan to abort.
	cd build-asan && ASAN_OPTIONS=allocator_may_return_null=1 ctest --output-on-failure -L unit -j $(JOBS)

# Thread stress tests under ThreadSanitizer (one OpenMP thread: libgomp is not instrumented).
tsan: deps
	cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOPENACL_TSAN=ON -DOPENACL_BUILD_PYTHON=OFF
	cmake --build build-tsan -j $(JOBS) --target capi_tests device_tests
	OMP_NUM_THREADS=1 OPENACL_NUM_THREADS=1 TSAN_OPTIONS=halt_on_error=1 build-tsan/bin/device_tests
	OMP_NUM_THREADS=1 OPENACL_NUM_THREADS=1 TSAN_OPTIONS=halt_on_error=1 build-tsan/bin/capi_tests \
	  --gtest_filter='*Stress*:*Concurrent*:*Thread*:*Async*:*Callback*'

# libFuzzer targets (clang, ASan + UBSan), each run FUZZ_SECONDS on a seed corpus generated from
# the test models; findings land in build-fuzz/fuzz-artifacts and fail the run.
FUZZ_SECONDS ?= 60
fuzz:
	./scripts/install-deps.sh --fuzz
	CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOPENACL_FUZZ=ON \
	  -DOPENACL_BUILD_PYTHON=OFF -DOPENACL_BUILD_TESTS=OFF
	cmake --build build-fuzz -j $(JOBS) --target fuzz_targets atc
	./tests/fuzz/run_fuzz.sh build-fuzz $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD) build-asan build-tsan build-fuzz
