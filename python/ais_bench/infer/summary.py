"""The Performance Summary ais_bench prints and its <output>_summary.json (same lines and keys,
so scripts that grep `NPU_compute_time` or `throughput` keep working):

    [INFO] -----------------Performance Summary------------------
    [INFO] NPU_compute_time (ms): min = a, max = b, mean = c, median = d, percentile(99%) = e
    [INFO] throughput 1000*batchsize.mean(B)/NPU_compute_time.mean(c): T
    [INFO] ------------------------------------------------------
"""
import json
import os

import numpy as np

from ais_bench.infer.utils import logger

PERCENTILE = 99


def list_stats(values):
    """(min, max, mean, median, percentile(99)) of a list of ms; zeros for an empty list."""
    if not values:
        return 0.0, 0.0, 0.0, 0.0, 0.0
    return (float(np.min(values)), float(np.max(values)), float(np.mean(values)),
            float(np.median(values)), float(np.percentile(values, PERCENTILE)))


def stats_line(title, stats):
    return (f"{title} (ms): min = {stats[0]}, max = {stats[1]}, mean = {stats[2]}, "
            f"median = {stats[3]}, percentile({PERCENTILE}%) = {stats[4]}")


def stats_dict(values):
    s = list_stats(values)
    return {"min": s[0], "max": s[1], "mean": s[2], "median": s[3],
            f"percentile({PERCENTILE}%)": s[4], "count": len(values)}


class Summary:
    def __init__(self):
        self.infodict = {"filesinfo": {}}
        self.reset()

    def reset(self):
        self.h2d_latency_list = []
        self.d2h_latency_list = []
        self.npu_compute_time_list = []
        self.batchsizes = []

    def add_batchsize(self, n):
        self.batchsizes.append(n)

    def add_sample(self, sample_id, infiles, outfile):
        entry = self.infodict["filesinfo"].setdefault(sample_id, {"infiles": [], "outfiles": []})
        if not entry["infiles"]:
            entry["infiles"].extend(infiles)
        entry["outfiles"].append(outfile)

    def add_args(self, argv):
        self.infodict["args"] = list(argv)

    def report(self, batchsize, output_prefix, display_all_summary=False):
        """Prints the summary; writes <output_prefix>_summary.json when output_prefix is set.
        Returns the throughput (samples/s)."""
        npu = list_stats(self.npu_compute_time_list)
        if self.batchsizes:
            batchsize = sum(self.batchsizes) / len(self.batchsizes)
        throughput = 0 if npu[2] == 0 else 1000 * batchsize / npu[2]
        self.infodict["NPU_compute_time"] = stats_dict(self.npu_compute_time_list)
        self.infodict["H2D_latency"] = stats_dict(self.h2d_latency_list)
        self.infodict["D2H_latency"] = stats_dict(self.d2h_latency_list)
        self.infodict["throughput"] = throughput
        self.infodict["npu_compute_time_list"] = list(self.npu_compute_time_list)
        self.infodict["pid"] = os.getpid()
        logger.info("-----------------Performance Summary------------------")
        if display_all_summary:
            logger.info(stats_line("H2D_latency", list_stats(self.h2d_latency_list)))
        logger.info(stats_line("NPU_compute_time", npu))
        if display_all_summary:
            logger.info(stats_line("D2H_latency", list_stats(self.d2h_latency_list)))
        logger.info(f"throughput 1000*batchsize.mean({batchsize})/NPU_compute_time.mean({npu[2]}): "
                    f"{throughput}")
        logger.info("------------------------------------------------------")
        if output_prefix is not None:
            with open(output_prefix + "_summary.json", "w") as f:
                json.dump(self.infodict, f)
        return throughput


summary = Summary()  # ais_bench.infer.summary.summary, the instance its scripts import
