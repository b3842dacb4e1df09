"""ais_bench for openacl: the inference benchmark tool (`python3 -m ais_bench --model m.om`) and
its Python API (`from ais_bench.infer.interface import InferSession`), written on the public
pyACL module `acl` only (acl-api.md §7.2). Installed next to `acl`, so the same PYTHONPATH
imports both."""

__version__ = "0.0.2"
