"""`python3 -m ais_bench.infer ...`: same command line as `python3 -m ais_bench`."""
import sys

from ais_bench.infer.cli import main

if __name__ == "__main__":
    sys.exit(main())
