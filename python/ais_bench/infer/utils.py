"""Logger and small helpers shared by the ais_bench modules.

The logger prints `[LEVEL] message` on stdout like ais_bench's, through its own handler (the
root logger of an application that imports InferSession is left alone)."""
import logging
import os
import re
import sys

import numpy as np



class _StdoutHandler(logging.StreamHandler):
    """Writes to whatever sys.stdout is at the time (a redirected or captured stdout too)."""

    @property
    def stream(self):
        return sys.stdout

    @stream.setter
    def stream(self, value):
        pass


logger = logging.getLogger("ais_bench")
if not logger.handlers:
    _handler = _StdoutHandler()
    _handler.setFormatter(logging.Formatter("[%(levelname)s] %(message)s"))
    logger.addHandler(_handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


class InferError(RuntimeError):
    """A failure with a message meant for the user (bad input, bad option, ACL error).
    A RuntimeError, as ais_bench's backend raises."""


def natural_sort(names):
    """Sorts 'a2' before 'a10'."""
    def key(text):
        return [int(part) if part.isdigit() else part.lower() for part in re.split(r"([0-9]+)", text)]
    return sorted(names, key=key)


INPUT_FILE_SUFFIXES = (".npy", ".NPY", ".bin", ".BIN")


def files_in_dir(path):
    """The .bin/.npy files of a folder, naturally sorted; an error if there are none."""
    if not os.path.isdir(path):
        raise InferError(f"input folder {path} does not exist")
    files = [os.path.join(path, f) for f in os.listdir(path) if f.endswith(INPUT_FILE_SUFFIXES)]
    if not files:
        raise InferError(f"input folder {path} has no .bin or .npy file")
    return natural_sort(files)


def is_npy(path):
    return path.endswith((".npy", ".NPY"))


def load_input_file(path):
    """A .npy file as its array; any other file as raw bytes (int8, as ais_bench reads .bin)."""
    if not os.path.isfile(path):
        raise InferError(f"input file {path} does not exist")
    if is_npy(path):
        try:
            return np.load(path)
        except (ValueError, OSError) as e:
            raise InferError(f"input file {path} is not a valid .npy file: {e}") from None
    return np.fromfile(path, dtype=np.int8)


def file_data_size(path):
    """Bytes of data a file provides (the array's bytes for .npy)."""
    if is_npy(path):
        return load_input_file(path).nbytes
    return os.path.getsize(path)


def save_array(path, array):
    """Writes one output as .npy, .txt (rows of the innermost dimension) or raw .bin."""
    if path.endswith((".npy", ".NPY")):
        np.save(path, array)
    elif path.endswith((".txt", ".TXT")):
        rows = array.reshape(-1, array.shape[-1]) if array.ndim > 0 else array.reshape(1, 1)
        fmt = "%f" if array.dtype.kind == "f" else "%d"
        with open(path, "wb") as f:
            for row in rows:
                np.savetxt(f, np.c_[row], fmt=fmt, newline=" ")
                f.write(b"\n")
    else:
        array.tofile(path)
