#!/usr/bin/python3
"""ResNet-50 classification with pyACL, asynchronous: execute_async + launch_callback.

A report thread (acl.util.start_thread) sets the context and loops on acl.rt.process_report;
acl.rt.subscribe_report binds it to the stream. Each image gets its own input/output buffers,
is queued with acl.mdl.execute_async, and a callback queued after it (acl.rt.launch_callback)
copies that image's output back on the report thread and keeps it. The main thread waits with
synchronize_stream, unsubscribes and stops the thread, then prints every top-5 in submission
order: only one thread writes to stdout, so the output is well-ordered (printing from the
callback would interleave with the main thread's lines).

usage: classify_async.py --model resnet50.om [IMAGE ...]
Without IMAGEs two test pictures are generated (preprocess.make_test_image, seeds 0 and 1).
"""
import argparse
import os
import sys
import threading

import numpy as np

import acl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from classify import Classify, check_ret, print_top5  # noqa: E402
from preprocess import load_image, preprocess  # noqa: E402

ACL_CALLBACK_BLOCK = 1
REPORT_TIMEOUT_MS = 100


class AsyncClassify(Classify):
    """Reuses Classify's resource setup/teardown; adds per-image buffers and the callbacks."""

    def __init__(self, device_id, model_path):
        super().__init__(device_id, model_path)
        self.slots = []
        self.results = {}
        self.report_exit = False
        self.report_tid = None

    def _process_report(self, args):
        context, timeout_ms = args
        check_ret("acl.rt.set_context", acl.rt.set_context(context))
        while not self.report_exit:
            acl.rt.process_report(timeout_ms)

    def start_report_thread(self):
        self.report_tid, ret = acl.util.start_thread(self._process_report,
                                                     [self.context, REPORT_TIMEOUT_MS])
        check_ret("acl.util.start_thread", ret)
        check_ret("acl.rt.subscribe_report", acl.rt.subscribe_report(self.report_tid, self.stream))

    def stop_report_thread(self):
        check_ret("acl.rt.unsubscribe_report",
                  acl.rt.unsubscribe_report(self.report_tid, self.stream))
        self.report_exit = True
        check_ret("acl.util.stop_thread", acl.util.stop_thread(self.report_tid))

    def _new_slot(self):
        """Input and output dataset (device memory) for one in-flight image."""
        in_dataset, in_data = self._create_dataset(1, acl.mdl.get_input_size_by_index)
        out_dataset, out_data = self._create_dataset(1, acl.mdl.get_output_size_by_index)
        host, ret = acl.rt.malloc_host(out_data[0]["size"])
        check_ret("acl.rt.malloc_host", ret)
        slot = {"in": (in_dataset, in_data), "out": (out_dataset, out_data), "host": host}
        self.slots.append(slot)
        return slot

    def _callback(self, user_data):
        """Runs on the report thread after the execute queued before it has finished."""
        index, name = user_data
        slot = self.slots[index]
        out = slot["out"][1][0]
        check_ret("acl.rt.memcpy D2H", acl.rt.memcpy(slot["host"], out["size"], out["buffer"],
                                                     out["size"], self.d2h))
        vals = np.frombuffer(acl.util.ptr_to_bytes(slot["host"], out["size"]), dtype=np.float32)
        self.results[index] = (name, vals.copy(), threading.get_ident())

    def submit(self, name, img):
        slot = self._new_slot()
        index = len(self.slots) - 1
        in_dataset, in_data = slot["in"]
        bytes_data = img.tobytes()
        check_ret("acl.rt.memcpy H2D", acl.rt.memcpy(
            in_data[0]["buffer"], in_data[0]["size"], acl.util.bytes_to_ptr(bytes_data),
            in_data[0]["size"], self.h2d))
        check_ret("acl.mdl.execute_async",
                  acl.mdl.execute_async(self.model_id, in_dataset, slot["out"][0], self.stream))
        check_ret("acl.rt.launch_callback", acl.rt.launch_callback(
            self._callback, [index, name], ACL_CALLBACK_BLOCK, self.stream))

    def release_slots(self):
        for slot in self.slots:
            for dataset, buffers in (slot["in"], slot["out"]):
                check_ret("acl.destroy_data_buffer",
                          acl.destroy_data_buffer(acl.mdl.get_dataset_buffer(dataset, 0)))
                check_ret("acl.mdl.destroy_dataset", acl.mdl.destroy_dataset(dataset))
                check_ret("acl.rt.free", acl.rt.free(buffers[0]["buffer"]))
            check_ret("acl.rt.free_host", acl.rt.free_host(slot["host"]))
        self.slots = []


def main():
    parser = argparse.ArgumentParser(description="Async ResNet-50 classification with pyACL")
    parser.add_argument("--model", default=os.path.join(os.path.dirname(__file__), "model",
                                                        "resnet50.om"))
    parser.add_argument("--device", type=int, default=0)
    parser.add_argument("images", nargs="*", help="image files (default: two generated ones)")
    args = parser.parse_args()
    if not os.path.exists(args.model):
        sys.exit(f"error: {args.model} not found; compile it with atc (see classify.py)")

    sample = AsyncClassify(args.device, args.model)
    sample.init_resource()
    try:
        sample.start_report_thread()
        try:
            inputs = ([(p, load_image(p)) for p in args.images] if args.images else
                      [(f"generated image (seed {s})", load_image(None, s)) for s in (0, 1)])
            for name, image in inputs:
                sample.submit(name, preprocess(image))
            print(f"[Sample] {len(inputs)} executions queued; synchronizing the stream")
            check_ret("acl.rt.synchronize_stream", acl.rt.synchronize_stream(sample.stream))
        finally:
            sample.stop_report_thread()
        missing = len(inputs) - len(sample.results)
        if missing:
            raise RuntimeError(f"{missing} callback(s) did not run")
        if any(ident != sample.report_tid for _, _, ident in sample.results.values()):
            raise RuntimeError("a callback ran on a thread other than the report thread")
        print(f"[Sample] {len(sample.results)} callbacks ran on the report thread")
        for index in sorted(sample.results):
            name, vals, _ = sample.results[index]
            print_top5(f"{name} (copied back by the callback on the report thread)", vals)
        sample.release_slots()
    finally:
        sample.release_resource()


if __name__ == "__main__":
    main()
