"""Module layout and pyACL calling conventions (acl-api.md §4.1-4.3)."""
import importlib

import numpy as np
import pytest

import acl
from conftest import ACL_SUCCESS

# Every call listed in acl-api.md §4.3 / §4.4, by namespace.
EXPECTED = {
    "": ["init", "finalize", "get_version", "get_recent_err_msg", "create_data_buffer",
         "destroy_data_buffer", "update_data_buffer", "get_data_buffer_addr",
         "get_data_buffer_size", "get_data_buffer_size_v2", "create_tensor_desc",
         "destroy_tensor_desc", "get_tensor_desc_size", "get_tensor_desc_dim",
         "get_tensor_desc_type", "get_tensor_desc_format", "get_tensor_desc_element_count",
         "get_tensor_desc_num_dims", "get_tensor_desc_dim_v2", "set_tensor_const",
         "set_tensor_place_ment", "data_type_size"],
    "rt": ["set_device", "reset_device", "get_device", "get_device_count", "get_run_mode",
           "create_context", "destroy_context", "set_context", "get_context", "create_stream",
           "destroy_stream", "synchronize_stream", "create_event", "record_event",
           "synchronize_event", "destroy_event", "event_elapsed_time", "malloc", "malloc_host",
           "free", "free_host", "memcpy", "memcpy_async", "memset", "memset_async",
           "get_mem_info", "subscribe_report", "unsubscribe_report", "launch_callback",
           "process_report", "get_soc_name", "synchronize_device"],
    "mdl": ["load_from_file", "load_from_mem", "load_from_file_with_mem",
            "load_from_mem_with_mem", "query_size", "query_size_from_mem", "unload",
            "create_desc", "get_desc", "destroy_desc", "get_num_inputs", "get_num_outputs",
            "get_input_size_by_index", "get_output_size_by_index", "get_input_format",
            "get_output_format", "get_input_data_type", "get_output_data_type",
            "get_input_name_by_index", "get_output_name_by_index", "get_input_dims",
            "get_input_dims_v2", "get_output_dims", "get_cur_output_dims",
            "get_input_index_by_name", "get_output_index_by_name", "get_dynamic_batch",
            "get_dynamic_hw", "get_input_dynamic_gear_count", "get_input_dynamic_dims",
            "create_dataset", "destroy_dataset", "add_dataset_buffer", "get_dataset_num_buffers",
            "get_dataset_buffer", "set_dataset_tensor_desc", "get_dataset_tensor_desc",
            "execute", "execute_async", "set_dynamic_batch_size", "set_dynamic_hw_size",
            "set_input_dynamic_dims", "create_aipp", "set_aipp_input_format",
            "set_aipp_csc_params", "set_aipp_rbuv_swap_switch", "set_aipp_ax_swap_switch",
            "set_aipp_src_image_size", "set_aipp_scf_params", "set_aipp_crop_params",
            "set_aipp_padding_params", "set_aipp_dtc_pixel_mean", "set_aipp_dtc_pixel_min",
            "set_aipp_pixel_var_reci", "set_input_aipp", "set_aipp_by_input_index",
            "get_aipp_type", "get_first_aipp_info", "create_config_handle", "set_config_opt",
            "load_with_config", "destroy_config_handle"],
    "op": ["set_model_dir", "create_attr", "destroy_attr", "set_attr_list_int",
           "set_attr_list_list_int", "set_attr_bool", "set_attr_int", "set_attr_float",
           "set_attr_string", "set_attr_list_bool", "set_attr_list_float",
           "set_attr_list_string", "set_attr_data_type", "execute_v2", "cast", "create_handle",
           "execute_with_handle", "destroy_handle", "load", "compile", "compile_and_execute"],
    "util": ["bytes_to_ptr", "ptr_to_bytes", "numpy_to_ptr", "numpy_contiguous_to_ptr",
             "ptr_to_numpy", "start_thread", "stop_thread"],
}


@pytest.mark.parametrize("ns", sorted(EXPECTED))
def test_every_documented_call_exists(ns):
    mod = getattr(acl, ns) if ns else acl
    missing = [name for name in EXPECTED[ns] if not callable(getattr(mod, name, None))]
    assert missing == []


def test_submodules_import_forms():
    assert importlib.import_module("acl.rt") is acl.rt
    from acl.util import bytes_to_ptr  # noqa: F401  (samples probe dir(acl.util))
    assert "bytes_to_ptr" in dir(acl.util) and "ptr_to_bytes" in dir(acl.util)


def test_version_tuple(acl_session):
    out = acl.get_version()
    assert isinstance(out, tuple) and len(out) == 4
    major, minor, patch, ret = out
    assert ret == ACL_SUCCESS
    assert (major, minor, patch) >= (1, 0, 0)


def test_run_mode_is_host(acl_session):
    assert acl.rt.get_run_mode() == (1, ACL_SUCCESS)


def test_soc_name_and_err_msg_are_str(acl_session):
    assert isinstance(acl.rt.get_soc_name(), str)
    assert acl.rt.free(0) != ACL_SUCCESS
    msg = acl.get_recent_err_msg()
    assert isinstance(msg, str) and msg != ""


def test_init_takes_an_optional_path():
    # acl.init() and acl.init(path); anything but a str/None is a TypeError (no C call made).
    assert "config_path" in acl.init.__doc__
    with pytest.raises(TypeError):
        acl.init(123)


@pytest.mark.parametrize("call", [
    lambda: acl.rt.malloc("10", 0),
    lambda: acl.rt.malloc(1.5, 0),
    lambda: acl.rt.malloc(-1, 0),
    lambda: acl.rt.free("0x1234"),
    lambda: acl.rt.free(None),
    lambda: acl.rt.memcpy(0, 4, b"abcd", 4, 1),
    lambda: acl.create_data_buffer("ptr", 4),
    lambda: acl.create_tensor_desc(0, "1,2", 2),
    lambda: acl.create_tensor_desc(0, [1, "2"], 2),
    lambda: acl.create_tensor_desc(0, [1, 2.0], 2),
    lambda: acl.set_tensor_shape_range(0, [1, 2]),
    lambda: acl.mdl.load_from_file(123),
    lambda: acl.mdl.add_dataset_buffer("ds", 0),
    lambda: acl.mdl.set_input_dynamic_dims(1, 0, 0, [1, 2]),
    lambda: acl.mdl.set_config_opt(0, 2, 1234),      # ACL_MDL_PATH_PTR wants a str
    lambda: acl.mdl.set_config_opt(0, 1, "x"),       # ACL_MDL_LOAD_TYPE_SIZET wants an int
    lambda: acl.op.execute_v2("Add", [0, "x"], [0, 0], [0], [0], 0, 0),
    lambda: acl.op.execute_v2("Add", 0, [0], [0], [0], 0, 0),
    lambda: acl.op.set_attr_list_list_int(0, "pads", "12"),
    lambda: acl.rt.launch_callback("not callable", [], 1, 0),
    lambda: acl.util.start_thread(42, []),
    lambda: acl.util.bytes_to_ptr("text"),
    lambda: acl.util.numpy_to_ptr([1, 2, 3]),
    lambda: acl.util.ptr_to_bytes("0", 4),
])
def test_wrong_python_types_raise_type_error(call):
    with pytest.raises(TypeError):
        call()


def test_type_error_message_names_the_argument():
    with pytest.raises(TypeError, match=r"dims\[1\]: expected int, got str"):
        acl.create_tensor_desc(0, [1, "2"], 2)
    with pytest.raises(TypeError, match=r"bytes_to_ptr: expected bytes, got str"):
        acl.util.bytes_to_ptr("text")


def test_numpy_integers_are_accepted_as_ints(acl_session):
    dims = np.array([2, 3], dtype=np.int64)
    desc = acl.create_tensor_desc(np.int32(0), dims, np.int64(2))
    assert desc != 0
    assert acl.get_tensor_desc_num_dims(desc) == 2
    acl.destroy_tensor_desc(desc)


def test_null_handles_reach_the_c_api_and_fail_cleanly(acl_session):
    assert acl.destroy_data_buffer(0) != ACL_SUCCESS
    assert acl.get_data_buffer_addr(0) == 0
    assert acl.get_data_buffer_size_v2(0) == 0
    assert acl.rt.free_host(0) != ACL_SUCCESS
    assert acl.rt.memcpy(0, 16, 0, 16, 1) != ACL_SUCCESS
    assert acl.rt.destroy_context(0) != ACL_SUCCESS
    assert isinstance(acl.get_tensor_desc_num_dims(0), int)
    ds, ret = acl.mdl.add_dataset_buffer(0, 0)
    assert ds == 0 and ret != ACL_SUCCESS
    assert acl.mdl.destroy_dataset(0) != ACL_SUCCESS
    assert acl.mdl.get_num_inputs(0) == 0
