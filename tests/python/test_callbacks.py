"""acl.util.start_thread / stop_thread and the report-callback flow of acl-api.md §2.4, §4.5."""
import sys
import threading
import time

import pytest

import acl
from conftest import ACL_CALLBACK_BLOCK, ACL_CALLBACK_NO_BLOCK, ACL_SUCCESS

ACL_ERROR_STREAM_NOT_SUBSCRIBE = 100034


def test_start_thread_runs_on_a_new_native_thread(acl_session):
    seen = {}
    done = threading.Event()

    def body(args):
        seen["args"] = args
        seen["ident"] = threading.get_ident()  # pthread_self() on Linux
        done.set()

    tid, ret = acl.util.start_thread(body, [1, "two"])
    assert ret == ACL_SUCCESS and isinstance(tid, int) and tid != 0
    assert done.wait(10)
    assert acl.util.stop_thread(tid) == ACL_SUCCESS
    assert seen["args"] == [1, "two"]
    assert seen["ident"] == tid != threading.get_ident()


def test_stop_thread_joins(acl_session):
    finished = []

    def body(args):
        time.sleep(args[0])
        finished.append(True)

    tid, ret = acl.util.start_thread(body, [0.2])
    assert ret == ACL_SUCCESS
    assert acl.util.stop_thread(tid) == ACL_SUCCESS
    assert finished == [True]
    assert acl.util.stop_thread(tid) != ACL_SUCCESS  # already joined
    assert acl.util.stop_thread(12345) != ACL_SUCCESS  # never started


def test_exception_in_thread_body_does_not_kill_the_process(acl_session, monkeypatch):
    reports = []
    monkeypatch.setattr(sys, "unraisablehook", lambda info: reports.append(info.exc_value))

    def body(args):
        raise ValueError("boom")

    tid, ret = acl.util.start_thread(body, None)
    assert ret == ACL_SUCCESS
    assert acl.util.stop_thread(tid) == ACL_SUCCESS
    assert len(reports) == 1 and isinstance(reports[0], ValueError)


class ReportThread:
    """The pyACL sample's processing thread: set_context, then loop on process_report."""

    def __init__(self, context, timeout_ms=20):
        self.exit = False
        self.ident = None
        self.tid, ret = acl.util.start_thread(self._loop, [context, timeout_ms])
        assert ret == ACL_SUCCESS

    def _loop(self, args):
        ctx, timeout = args
        self.ident = threading.get_ident()
        acl.rt.set_context(ctx)
        while not self.exit:
            acl.rt.process_report(timeout)

    def stop(self):
        self.exit = True
        assert acl.util.stop_thread(self.tid) == ACL_SUCCESS


@pytest.mark.parametrize("block_type", [ACL_CALLBACK_BLOCK, ACL_CALLBACK_NO_BLOCK])
def test_launch_callback_runs_on_the_subscribed_thread(context, stream, block_type):
    worker = ReportThread(context)
    assert acl.rt.subscribe_report(worker.tid, stream) == ACL_SUCCESS
    calls = []

    def callback(user_data):
        calls.append((user_data, threading.get_ident()))

    for i in range(3):
        assert acl.rt.launch_callback(callback, [i, "data"], block_type, stream) == ACL_SUCCESS
    assert acl.rt.synchronize_stream(stream) == ACL_SUCCESS
    deadline = time.time() + 10
    while len(calls) < 3 and time.time() < deadline:  # NO_BLOCK may finish after the sync
        time.sleep(0.01)
    assert acl.rt.unsubscribe_report(worker.tid, stream) == ACL_SUCCESS
    worker.stop()
    assert [c[0] for c in calls] == [[0, "data"], [1, "data"], [2, "data"]]
    assert all(ident == worker.tid == worker.ident for _, ident in calls)


def test_launch_callback_without_subscriber_is_an_error(stream):
    def callback(user_data):
        raise AssertionError("must not run")

    user_data = ["payload"]
    before = sys.getrefcount(user_data), sys.getrefcount(callback)
    ret = acl.rt.launch_callback(callback, user_data, ACL_CALLBACK_BLOCK, stream)
    assert ret == ACL_ERROR_STREAM_NOT_SUBSCRIBE
    # The holder was released: no reference is left behind.
    assert (sys.getrefcount(user_data), sys.getrefcount(callback)) == before


def test_callback_references_released_after_run(context, stream):
    worker = ReportThread(context)
    assert acl.rt.subscribe_report(worker.tid, stream) == ACL_SUCCESS
    user_data = ["payload"]
    hits = []

    def callback(ud):
        hits.append(len(ud))

    before = sys.getrefcount(user_data), sys.getrefcount(callback)
    for _ in range(200):
        assert acl.rt.launch_callback(callback, user_data, ACL_CALLBACK_BLOCK,
                                      stream) == ACL_SUCCESS
    assert acl.rt.synchronize_stream(stream) == ACL_SUCCESS
    assert acl.rt.unsubscribe_report(worker.tid, stream) == ACL_SUCCESS
    worker.stop()
    assert hits == [1] * 200
    assert (sys.getrefcount(user_data), sys.getrefcount(callback)) == before


def test_exception_in_callback_is_reported_not_fatal(context, stream, monkeypatch):
    reports = []
    monkeypatch.setattr(sys, "unraisablehook", lambda info: reports.append(info.exc_value))
    worker = ReportThread(context)
    assert acl.rt.subscribe_report(worker.tid, stream) == ACL_SUCCESS

    def callback(ud):
        raise RuntimeError("callback failed")

    assert acl.rt.launch_callback(callback, None, ACL_CALLBACK_BLOCK, stream) == ACL_SUCCESS
    assert acl.rt.synchronize_stream(stream) == ACL_SUCCESS
    assert acl.rt.unsubscribe_report(worker.tid, stream) == ACL_SUCCESS
    worker.stop()
    assert len(reports) == 1 and isinstance(reports[0], RuntimeError)


def test_subscribe_twice_and_unsubscribe_unknown(context, stream):
    worker = ReportThread(context)
    assert acl.rt.subscribe_report(worker.tid, stream) == ACL_SUCCESS
    assert acl.rt.subscribe_report(worker.tid, stream) != ACL_SUCCESS
    assert acl.rt.unsubscribe_report(worker.tid, stream) == ACL_SUCCESS
    assert acl.rt.unsubscribe_report(worker.tid, stream) != ACL_SUCCESS
    worker.stop()


def test_process_report_without_subscription_returns_quickly(context):
    start = time.time()
    assert acl.rt.process_report(10) != ACL_SUCCESS
    assert time.time() - start < 5


def test_gil_is_released_while_waiting(context, stream):
    """A Python thread keeps running while the main thread blocks in process_report."""
    ticks = []
    stop = threading.Event()

    def ticker():
        while not stop.is_set():
            ticks.append(1)
            time.sleep(0.001)

    t = threading.Thread(target=ticker)
    t.start()
    worker = ReportThread(context)
    assert acl.rt.subscribe_report(worker.tid, stream) == ACL_SUCCESS
    time.sleep(0.05)
    n0 = len(ticks)
    # The worker thread sits in process_report(20) in a loop: if that held the GIL, the ticker
    # and this thread would starve.
    time.sleep(0.3)
    assert len(ticks) - n0 > 20
    assert acl.rt.unsubscribe_report(worker.tid, stream) == ACL_SUCCESS
    worker.stop()
    stop.set()
    t.join()


def test_launch_host_func(stream):
    done = []
    ret = acl.rt.launch_host_func(stream, lambda args: done.append(args), {"k": 1})
    if ret == 200001:
        pytest.skip("aclrtLaunchHostFunc not implemented")
    assert ret == ACL_SUCCESS
    assert acl.rt.synchronize_stream(stream) == ACL_SUCCESS
    deadline = time.time() + 10
    while not done and time.time() < deadline:
        time.sleep(0.01)
    assert done == [{"k": 1}]
