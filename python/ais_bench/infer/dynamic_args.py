"""Parsing and checking of ais_bench's dynamic-shape strings:
--dymHW "h,w", --dymDims / --dymShape "name:d0,d1;name2:d0,d1", --dymShape_range
"name:1,3,200~224,224-230" (a~b[~step] = every value from a to b, a-b-c = those values),
--outputSize "n1,n2"."""
import itertools
import os

from ais_bench.infer.utils import InferError


def parse_int(text, what):
    try:
        return int(text.strip())
    except ValueError:
        raise InferError(f"{what}: '{text}' is not an integer") from None


def parse_hw(text):
    """'h,w' -> (h, w), both positive."""
    parts = [p for p in str(text).split(",")]
    if len(parts) != 2:
        raise InferError(f"--dymHW '{text}' must be two integers 'height,width'")
    h, w = (parse_int(p, "--dymHW") for p in parts)
    if h <= 0 or w <= 0:
        raise InferError(f"--dymHW '{text}': height and width must be positive")
    return h, w


def parse_name_shapes(text, option):
    """'a:1,3;b:2' -> [('a', [1, 3]), ('b', [2])] in the order given."""
    if not text or not str(text).strip():
        raise InferError(f"{option} is empty; expected 'name:d0,d1;name2:d0,...'")
    entries = []
    for item in str(text).split(";"):
        if not item.strip():
            continue
        name, sep, dims = item.rpartition(":")
        if not sep or not name:
            raise InferError(f"{option} entry '{item}' must be 'name:d0,d1,...'")
        shape = [parse_int(d, f"{option} entry '{item}'") for d in dims.split(",") if d.strip()]
        if not shape and dims.strip():
            raise InferError(f"{option} entry '{item}' has no dimension")
        if any(d < 0 for d in shape):
            raise InferError(f"{option} entry '{item}': dimensions must not be negative")
        entries.append((name.strip(), shape))
    names = [n for n, _ in entries]
    duplicate = next((n for n in names if names.count(n) > 1), None)
    if duplicate is not None:
        raise InferError(f"{option} names input '{duplicate}' twice")
    return entries


def shapes_by_input(text, option, input_names):
    """{input name: shape} for every model input; errors name the unknown or missing input."""
    entries = dict(parse_name_shapes(text, option))
    unknown = [n for n in entries if n not in input_names]
    if unknown:
        raise InferError(f"{option}: the model has no input named '{unknown[0]}' "
                         f"(inputs: {', '.join(input_names)})")
    missing = [n for n in input_names if n not in entries]
    if missing:
        raise InferError(f"{option} gives no shape for input '{missing[0]}' "
                         f"(inputs: {', '.join(input_names)})")
    return entries


def format_name_shapes(names, shapes):
    return ";".join(f"{n}:{','.join(str(d) for d in s)}" for n, s in zip(names, shapes))


def parse_output_sizes(text):
    """'100,200' -> [100, 200] (bytes per output, in output order)."""
    sizes = [parse_int(p, "--outputSize") for p in str(text).split(",") if p.strip()]
    if not sizes:
        raise InferError(f"--outputSize '{text}' gives no size")
    if any(s <= 0 for s in sizes):
        raise InferError(f"--outputSize '{text}': sizes must be positive byte counts")
    return sizes


def _dim_choices(content, entry):
    if "~" in content:
        parts = [parse_int(p, f"--dymShape_range entry '{entry}'") for p in content.split("~")]
        if len(parts) not in (2, 3) or (len(parts) == 3 and parts[2] <= 0) or parts[1] < parts[0]:
            raise InferError(f"--dymShape_range entry '{entry}': '{content}' must be "
                             "start~end or start~end~step with start <= end")
        step = parts[2] if len(parts) == 3 else 1
        return [str(v) for v in range(parts[0], parts[1] + 1, step)]
    if "-" in content:
        return [str(parse_int(p, f"--dymShape_range entry '{entry}'")) for p in content.split("-")]
    return [str(parse_int(content, f"--dymShape_range entry '{entry}'"))]


def expand_range(ranges):
    """'a:1,3~4;b:2-5' -> every --dymShape string in the product of the choices."""
    per_input = []
    for entry in ranges.split(";"):
        if not entry.strip():
            continue
        name, sep, dims = entry.rpartition(":")
        if not sep or not name:
            raise InferError(f"--dymShape_range entry '{entry}' must be 'name:d0,d1,...'")
        choices = [_dim_choices(c.strip(), entry) for c in dims.split(",")]
        per_input.append([f"{name}:{','.join(s)}" for s in itertools.product(*choices)])
    if not per_input:
        raise InferError(f"--dymShape_range '{ranges}' gives no shape")
    return [";".join(s) for s in itertools.product(*per_input)]


def dymshape_list(range_arg):
    """--dymShape_range is a range string or a file with one range string per line."""
    if os.path.isfile(range_arg):
        with open(range_arg, encoding="utf-8") as f:
            lines = [line.strip() for line in f if line.strip()]
    else:
        lines = [range_arg]
    shapes = []
    for line in lines:
        shapes.extend(expand_range(line))
    return shapes
