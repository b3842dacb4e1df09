"""ais_bench.infer: InferSession (interface.py), the command line (cli.py) and its helpers."""
