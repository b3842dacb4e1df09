"""`python3 -m ais_bench --model m.om [options]`: warm up, run every input (or zero/random data)
`--loop` times each, save the outputs, print ais_bench's Performance Summary and write
<output>_summary.json. Exit code 0 on success, 1 when a run fails, 2 for a bad option; errors
are one `[ERROR]` line (the traceback only with --debug)."""
import copy
import logging
import os
import sys
import time
import traceback

import numpy as np

from ais_bench.infer import dynamic_args, io_files
from ais_bench.infer.args import OptionError, parse_args
from ais_bench.infer.interface import InferSession, MemorySummary
from ais_bench.infer.summary import Summary
from ais_bench.infer.utils import InferError, logger


def set_session_options(session, args):
    if args.dymBatch != 0:
        session.set_dynamic_batchsize(args.dymBatch)
    elif args.dymHW is not None:
        session.set_dynamic_hw(*dynamic_args.parse_hw(args.dymHW))
    elif args.dymDims is not None:
        session.set_dynamic_dims(args.dymDims)
    elif args.dymShape is not None:
        session.set_dynamic_shape(args.dymShape)
    else:
        session.set_staticbatch()
    if args.batchsize is None:
        args.batchsize = model_batchsize(session, args)
        logger.info(f"try get model batchsize:{args.batchsize}")
    if args.outputSize is not None:
        session.set_custom_outsize(dynamic_args.parse_output_sizes(args.outputSize))


def model_batchsize(session, args):
    """Input 0's first dimension, or the batch the dynamic option sets (1 when unknown)."""
    descs = session.get_inputs()
    batch = descs[0].shape[0] if descs and descs[0].shape else 1
    if args.dymBatch != 0:
        batch = args.dymBatch
    elif args.dymDims is not None or args.dymShape is not None:
        text = args.dymDims if args.dymDims is not None else args.dymShape
        for name, shape in dynamic_args.parse_name_shapes(text, "--dymShape"):
            if descs and name == descs[0].name and shape:
                batch = shape[0]
    return batch if batch > 0 else 1


def auto_set_shapes(session, args, arrays, summary):
    names = [t.name for t in session.get_inputs()]
    text = dynamic_args.format_name_shapes(names, [a.shape for a in arrays])
    if args.auto_set_dymshape_mode:
        session.set_dynamic_shape(text)
    else:
        session.set_dynamic_dims(text)
    logger.debug(f"set {'dymshape' if args.auto_set_dymshape_mode else 'dymdims'} shape:{text}")
    if arrays and arrays[0].ndim:
        summary.add_batchsize(arrays[0].shape[0])


def read_run_inputs(session, args, files_per_input):
    descs = session.get_inputs()
    return [io_files.read_input(files, descs[j], args.pure_data_type, args.no_combine_tensor_mode)
            for j, files in enumerate(files_per_input)]


def run_once(session, args, arrays, summary):
    if args.auto_set_dymshape_mode or args.auto_set_dymdims_mode:
        auto_set_shapes(session, args, arrays, summary)
    for j, (desc, a) in enumerate(zip(session.get_inputs(), arrays)):
        if a.nbytes != desc.realsize:
            raise InferError(f"input {j} ({desc.name}): the input data has {a.nbytes} bytes, the "
                             f"model needs {desc.realsize} ({desc.datatype.name} {desc.shape})")
    return session.run(arrays, out_array=True)


def warmup(session, args, first_run_files):
    arrays = read_run_inputs(session, args, first_run_files)
    session.set_loop_count(1)
    scratch = Summary()
    for _ in range(args.warmup_count):
        run_once(session, args, arrays, scratch)
    session.set_loop_count(args.loop)
    session.reset_sumaryinfo()
    MemorySummary.reset()
    logger.info(f"warm up {args.warmup_count} done")


def output_folder(args):
    if args.output is None:
        return None
    name = args.output_dirname or time.strftime("%Y_%m_%d-%H_%M_%S")
    prefix = os.path.join(args.output, name)
    os.makedirs(prefix, 0o755, exist_ok=True)
    logger.info(f"output path:{prefix}")
    return prefix


def infer_all(session, args, runs, output_prefix, summary):
    """run_mode full: read every input first, then run them all, then save; the other modes read,
    run and save one run at a time."""
    if args.run_mode == "full":
        inputs = [read_run_inputs(session, args, files) for files in runs]
        results = [run_once(session, args, arrays, summary) for arrays in inputs]
    else:
        results = None
    for i, files in enumerate(runs):
        if results is not None:
            outputs = results[i]
        else:
            outputs = run_once(session, args, read_run_inputs(session, args, files), summary)
        if output_prefix is not None:
            io_files.save_outputs(outputs, output_prefix, files, args.outfmt, i,
                                  args.output_batchsize_axis, summary)
    logger.info(f"Inference {args.run_mode} Processing: {len(runs)}/{len(runs)} runs done")


def benchmark(args, argv):
    """One ais_bench run; returns its throughput."""
    acl_json_path = args.acl_json_path
    session = InferSession(args.device, args.model, acl_json_path, args.debug, args.loop)
    try:
        set_session_options(session, args)
        output_prefix = output_folder(args)
        inputs_list = [] if args.input is None else [p for p in args.input.split(",") if p]
        runs = io_files.build_runs(inputs_list, session.get_inputs(), args.no_combine_tensor_mode)
        warmup(session, args, runs[0])
        summary = Summary()
        infer_all(session, args, runs, output_prefix, summary)
        summary.add_args(argv)
        summary.npu_compute_time_list = session.summary().exec_time_list
        summary.h2d_latency_list = MemorySummary.get_H2D_time_list()
        summary.d2h_latency_list = MemorySummary.get_D2H_time_list()
        return summary.report(args.batchsize, output_prefix, args.display_all_summary)
    finally:
        session.finalize()


def dymshape_range_run(args, argv):
    """--dymShape_range: one run per shape of the range, then the shapes by throughput."""
    results = []
    for shape in dynamic_args.dymshape_list(args.dymShape_range):
        run_args = copy.copy(args)
        run_args.dymShape = shape
        logger.info(f"dymshape:{shape} begin run")
        try:
            results.append((shape, "OK", benchmark(run_args, argv + [f"--dymShape={shape}"])))
        except InferError as e:
            logger.error(f"dymshape:{shape} failed: {e}")
            results.append((shape, "Failed", 0))
        logger.info(f"dymshape:{shape} end run result:{results[-1][1]}")
    ok = [t for _, r, t in results if r == "OK"]
    logger.info("-----------------dyshape_range Performance Summary------------------")
    logger.info(f"run_count:{len(results)} success_count:{len(ok)} "
                f"avg_throughput:{float(np.mean(ok)) if ok else 0.0}")
    for i, (shape, result, throughput) in enumerate(sorted(results, key=lambda r: -r[2])):
        logger.info(f"{i} dymshape:{shape}  result:{result} throughput:{throughput}")
    logger.info("------------------------------------------------------")
    return 0 if len(ok) == len(results) else 1


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = False
    try:
        args = parse_args(argv)
        debug = args.debug
        if debug:
            logger.setLevel(logging.DEBUG)
        if args.dymShape_range is not None and args.dymShape is None:
            return dymshape_range_run(args, argv)
        benchmark(args, argv)
        return 0
    except OptionError as e:
        logger.error(str(e))
        return 2
    except InferError as e:
        logger.error(str(e))
        return 1
    except KeyboardInterrupt:
        logger.error("interrupted")
        return 130
    except Exception as e:  # a bug of ours: still one line, the traceback with --debug
        logger.error(f"{type(e).__name__}: {e}")
        if debug:
            traceback.print_exc()
        return 1
