"""`python3 -m ais_bench ...`: the benchmark command line (ais_bench/infer/cli.py)."""
import sys

from ais_bench.infer.cli import main

if __name__ == "__main__":
    sys.exit(main())
