"""ais_bench's command-line options (`--opt v` or `--opt=v`), checked before anything runs.
A bad or unsupported option is an OptionError (exit code 2) whose message names it."""
import argparse
import os

from ais_bench.infer.dynamic_args import (dymshape_list, parse_hw, parse_name_shapes,
                                          parse_output_sizes)
from ais_bench.infer.utils import InferError


class OptionError(InferError):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse would print usage and exit; we report like the rest
        raise OptionError(f"{message} (see python3 -m ais_bench --help)")


def str2bool(v):
    if isinstance(v, bool):
        return v
    if v.lower() in ("yes", "true", "t", "y", "1"):
        return True
    if v.lower() in ("no", "false", "f", "n", "0"):
        return False
    raise argparse.ArgumentTypeError(f"'{v}' is not a boolean (true, 1, false, 0, any case)")


def _int(value):
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not an integer") from None


def positive_int(value):
    v = _int(value)
    if v <= 0:
        raise argparse.ArgumentTypeError(f"{value} is not a positive integer")
    return v


def nonnegative_int(value):
    v = _int(value)
    if v < 0:
        raise argparse.ArgumentTypeError(f"{value} is not a non-negative integer")
    return v


def device_ids(value):
    ids = [_int(v) for v in value.split(",")]
    bad = [i for i in ids if not 0 <= i <= 255]
    if bad:
        raise argparse.ArgumentTypeError(f"device {bad[0]} of '{value}' is not in [0, 255]")
    return ids if "," in value else ids[0]


def build_parser():
    p = _Parser(prog="python3 -m ais_bench",
                description="Runs an .om model (openacl's ais_bench): times acl.mdl.execute, "
                            "saves the outputs, prints the performance summary.")
    p.add_argument("--model", "-m", required=True, help="the .om model")
    p.add_argument("--input", "-i", default=None,
                   help="comma-separated .bin/.npy files, or one folder per model input; none: "
                        "zero (or --pure_data_type random) data")
    p.add_argument("--output", "-o", default=None,
                   help="folder for the outputs (in a date_time subfolder, or --output_dirname)")
    p.add_argument("--output_dirname", default=None, help="subfolder of --output for the outputs")
    p.add_argument("--outfmt", default="BIN", choices=["NPY", "BIN", "TXT"], help="output file format")
    p.add_argument("--loop", "-l", type=positive_int, default=1, help="executes per input")
    p.add_argument("--debug", type=str2bool, default=False, help="print the model and each execute")
    p.add_argument("--device", "-d", type=device_ids, default=0, help="device id, 0..255")
    p.add_argument("--dymBatch", type=nonnegative_int, default=0, help="dynamic batch gear, e.g. 2")
    p.add_argument("--dymHW", default=None, help='dynamic image size gear "h,w", e.g. "300,500"')
    p.add_argument("--dymDims", default=None, help='dynamic dims gear "data:1,600;img_info:1,600"')
    p.add_argument("--dymShape", default=None, help='dynamic shape "data:1,600;img_info:1,600"')
    p.add_argument("--outputSize", default=None, help="output buffer bytes, comma-separated")
    p.add_argument("--auto_set_dymshape_mode", type=str2bool, default=False,
                   help="take each run's --dymShape from the .npy inputs' shapes")
    p.add_argument("--auto_set_dymdims_mode", type=str2bool, default=False,
                   help="take each run's --dymDims from the .npy inputs' shapes")
    p.add_argument("--batchsize", type=positive_int, default=None,
                   help="batch size for the throughput (default: input 0's first dimension)")
    p.add_argument("--pure_data_type", default="zero", choices=["zero", "random"],
                   help="data when there is no --input")
    p.add_argument("--profiler", type=str2bool, default=False, help="not supported on openacl")
    p.add_argument("--dump", type=str2bool, default=False, help="not supported on openacl")
    p.add_argument("--acl_json_path", default=None, help="acl.init configuration file")
    p.add_argument("--output_batchsize_axis", type=nonnegative_int, default=0,
                   help="axis along which combined outputs are split back into files")
    p.add_argument("--run_mode", default="array", choices=["array", "files", "tensor", "full"],
                   help="how inputs are prepared (all run on the host copy path here)")
    p.add_argument("--display_all_summary", type=str2bool, default=False,
                   help="also print the H2D and D2H copy times")
    p.add_argument("--warmup_count", type=nonnegative_int, default=1, help="untimed runs first")
    p.add_argument("--dymShape_range", default=None,
                   help='run every shape of a range, "data:1,3,200~224,224-230" or a file of them')
    return p


def parse_args(argv):
    args = build_parser().parse_args(argv)
    validate(args)
    return args


def validate(args):
    if args.profiler or args.dump:
        which = "--profiler" if args.profiler else "--dump"
        raise OptionError(f"{which} is not supported by openacl's ais_bench (no msprof or dump "
                          "on the CPU); for per-node times run msame --profile")
    if isinstance(args.device, list):
        raise OptionError(f"--device {','.join(map(str, args.device))}: runs on several devices "
                          "at once are not supported; start one ais_bench per device")
    if args.output_dirname is not None and args.output is None:
        raise OptionError("--output_dirname needs --output")
    dynamic = [name for name, given in (("--dymBatch", args.dymBatch != 0),
                                        ("--dymHW", args.dymHW is not None),
                                        ("--dymDims", args.dymDims is not None),
                                        ("--dymShape", args.dymShape is not None)) if given]
    if len(dynamic) > 1:
        raise OptionError(f"{' and '.join(dynamic)} given together; a model has one kind of "
                          "dynamic input")
    if args.auto_set_dymshape_mode and args.auto_set_dymdims_mode:
        raise OptionError("--auto_set_dymshape_mode and --auto_set_dymdims_mode are exclusive")
    if (args.auto_set_dymshape_mode or args.auto_set_dymdims_mode) and args.input is None:
        raise OptionError("--auto_set_dymshape_mode / --auto_set_dymdims_mode take the shapes "
                          "from --input .npy files: give --input")
    try:
        if args.dymHW is not None:
            parse_hw(args.dymHW)
        if args.dymDims is not None:
            parse_name_shapes(args.dymDims, "--dymDims")
        if args.dymShape is not None:
            parse_name_shapes(args.dymShape, "--dymShape")
        if args.outputSize is not None:
            parse_output_sizes(args.outputSize)
        if args.dymShape_range is not None:
            dymshape_list(args.dymShape_range)
    except OptionError:
        raise
    except InferError as e:
        raise OptionError(str(e)) from None
    if args.acl_json_path is not None and not os.path.isfile(args.acl_json_path):
        raise OptionError(f"--acl_json_path {args.acl_json_path} does not exist")
    if not os.path.isfile(args.model):
        raise OptionError(f"--model {args.model} does not exist")
    args.no_combine_tensor_mode = bool(args.auto_set_dymshape_mode or args.auto_set_dymdims_mode)
