"""--input files and folders -> the list of runs (which files feed each input of each run), the
arrays read from them, and the output files written as ais_bench names them:
<output>/<first input file's name up to its first '.'>_<output index>.<bin|npy|txt>
("pure_infer_data_<i>" when there is no --input).

Several files may make one input of a run (a batch): when a file holds 1/k of the input's bytes,
k files are combined, and each output is split back into k files along --output_batchsize_axis;
a last incomplete batch is padded with its first file, and the padding's outputs are not saved."""
import math
import os

import numpy as np

from ais_bench.infer.utils import (InferError, file_data_size, files_in_dir, load_input_file,
                                   save_array)

PURE_INFER_FAKE_FILE = "pure_infer_data"
PADDING_INFER_FAKE_FILE = "padding_infer_fake_file"


def split_chunks(items, n, padding):
    """[items[0:n], items[n:2n], ...], the last chunk padded to n entries with `padding`."""
    chunks = []
    for start in range(0, len(items), n):
        chunk = items[start:start + n]
        chunks.append(chunk + [padding] * (n - len(chunk)))
    return chunks


def _files_per_input(inputs_list, n_inputs):
    first = inputs_list[0]
    if os.path.isfile(first):
        missing = next((p for p in inputs_list if not os.path.isfile(p)), None)
        if missing is not None:
            raise InferError(f"--input file {missing} does not exist")
        if len(inputs_list) < n_inputs or len(inputs_list) % n_inputs:
            raise InferError(f"--input gives {len(inputs_list)} files for a model with {n_inputs} "
                             f"inputs (give a multiple of {n_inputs}, the files of each input "
                             "together)")
        return split_chunks(inputs_list, len(inputs_list) // n_inputs, PADDING_INFER_FAKE_FILE)
    if os.path.isdir(first):
        if len(inputs_list) != n_inputs:
            raise InferError(f"--input gives {len(inputs_list)} folders for a model with "
                             f"{n_inputs} inputs (one folder per input)")
        lists = [files_in_dir(d) for d in inputs_list]
        counts = {len(files) for files in lists}
        if len(counts) != 1:
            raise InferError("--input folders hold different numbers of files: " +
                             ", ".join(f"{d}: {len(f)}" for d, f in zip(inputs_list, lists)))
        return lists
    raise InferError(f"--input {first} is not a file or a folder")


def build_runs(inputs_list, input_descs, no_combine=False):
    """[[files of input 0, files of input 1, ...] for each run]."""
    if not inputs_list:
        return [[[PURE_INFER_FAKE_FILE] for _ in input_descs]]
    if not input_descs:
        raise InferError("--input given, but the model has no input")
    per_input = _files_per_input(inputs_list, len(input_descs))
    if no_combine:
        per_batch = 1
    else:
        first = per_input[0][0]
        file_size, tensor_size = file_data_size(first), input_descs[0].realsize
        if file_size == 0 or tensor_size % file_size:
            raise InferError(f"input 0 ({input_descs[0].name}) needs {tensor_size} bytes; file "
                             f"{first} has {file_size}, which does not divide it")
        per_batch = tensor_size // file_size
    runs = math.ceil(len(per_input[0]) / per_batch)
    batches = [split_chunks(files, per_batch, PADDING_INFER_FAKE_FILE) for files in per_input]
    return [[batches[j][i] for j in range(len(input_descs))] for i in range(runs)]


def pure_data(size, pure_data_type):
    if pure_data_type == "random":
        return np.random.randint(0, 256, size=size, dtype=np.uint8)
    return np.zeros(size, dtype=np.uint8)


def read_input(files, desc, pure_data_type, no_combine=False):
    """The array for one input of one run: a single file as it is (a .npy keeps its dtype and
    shape), several files as their bytes one after the other."""
    arrays = []
    for path in files:
        if path == PURE_INFER_FAKE_FILE:
            arrays.append(pure_data(desc.realsize, pure_data_type))
        elif path == PADDING_INFER_FAKE_FILE:
            arrays.append(load_input_file(files[0]))
        else:
            arrays.append(load_input_file(path))
    if len(arrays) == 1:
        return arrays[0]
    data = np.concatenate([np.frombuffer(np.ascontiguousarray(a).tobytes(), np.uint8) for a in arrays])
    if not no_combine and data.nbytes != desc.realsize:
        raise InferError(f"input {desc.name}: files {', '.join(files)} give {data.nbytes} bytes, "
                         f"the model needs {desc.realsize}")
    return data


def save_outputs(outputs, output_prefix, infiles, outfmt, run_index, axis, summary):
    """Writes each output of one run, split across the samples the run combined."""
    per_batch = len(infiles[0])
    samples = [list(files) for files in zip(*infiles)]  # samples[j] = j-th file of every input
    for i, out in enumerate(outputs):
        data = np.asarray(out)
        if axis >= max(data.ndim, 1):
            raise InferError(f"output {i} has shape {list(data.shape)}: --output_batchsize_axis "
                             f"{axis} is not one of its axes")
        if data.ndim == 0:
            data = data.reshape(1)
        if per_batch != 1 and data.shape[axis] % per_batch:
            raise InferError(f"output {i} of shape {list(data.shape)} cannot be split into "
                             f"{per_batch} files along axis {axis}")
        parts = np.array_split(data, per_batch, axis)
        for j in range(per_batch):
            if samples[j][0] == PADDING_INFER_FAKE_FILE:
                continue
            stem = os.path.basename(samples[j][0]).split(".")[0]
            path = os.path.join(output_prefix, f"{stem}_{i}.{outfmt.lower()}")
            summary.add_sample(run_index * per_batch + j, samples[j], path)
            save_array(path, np.ascontiguousarray(parts[j]))
