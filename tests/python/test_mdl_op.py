"""acl.mdl / acl.op bindings: return shapes and error paths that hold whether or not the C side
is implemented yet (model-execution success paths are covered with real models elsewhere)."""
import pytest

import acl
from conftest import ACL_FLOAT, ACL_FORMAT_ND, ACL_SUCCESS

BAD_MODEL_ID = 987654
AIPP_INFO_KEYS = {
    "inputFormat", "srcImageSizeW", "srcImageSizeH", "cropSwitch", "loadStartPosW",
    "loadStartPosH", "cropSizeW", "cropSizeH", "resizeSwitch", "resizeOutputW", "resizeOutputH",
    "paddingSwitch", "leftPaddingSize", "rightPaddingSize", "topPaddingSize",
    "bottomPaddingSize", "cscSwitch", "rbuvSwapSwitch", "axSwapSwitch", "singleLineMode",
    "matrixR0C0", "matrixR0C1", "matrixR0C2", "matrixR1C0", "matrixR1C1", "matrixR1C2",
    "matrixR2C0", "matrixR2C1", "matrixR2C2", "outputBias0", "outputBias1", "outputBias2",
    "inputBias0", "inputBias1", "inputBias2", "meanChn0", "meanChn1", "meanChn2", "meanChn3",
    "minChn0", "minChn1", "minChn2", "minChn3", "varReciChn0", "varReciChn1", "varReciChn2",
    "varReciChn3", "srcFormat", "srcDatatype", "srcDimNum", "shapeCount", "outDims",
    "aippExtend"}


def is_error(ret):
    return isinstance(ret, int) and ret != ACL_SUCCESS


def test_load_errors(acl_session, tmp_path):
    mid, ret = acl.mdl.load_from_file(str(tmp_path / "missing.om"))
    assert isinstance(mid, int) and is_error(ret)
    work, weight, ret = acl.mdl.query_size(str(tmp_path / "missing.om"))
    assert is_error(ret)
    junk = b"not an om file at all"
    mid, ret = acl.mdl.load_from_mem(acl.util.bytes_to_ptr(junk), len(junk))
    assert is_error(ret)
    _, _, ret = acl.mdl.query_size_from_mem(acl.util.bytes_to_ptr(junk), len(junk))
    assert is_error(ret)
    mid, ret = acl.mdl.load_from_file_with_mem(str(tmp_path / "missing.om"), 0, 0, 0, 0)
    assert is_error(ret)
    assert is_error(acl.mdl.unload(BAD_MODEL_ID))


def test_desc_queries_on_bad_inputs(acl_session):
    desc = acl.mdl.create_desc()
    assert isinstance(desc, int)
    assert is_error(acl.mdl.get_desc(desc, BAD_MODEL_ID))
    dims, ret = acl.mdl.get_input_dims(0, 0)
    assert set(dims) == {"name", "dimCount", "dims"} and is_error(ret)
    for fn in (acl.mdl.get_input_dims_v2, acl.mdl.get_output_dims, acl.mdl.get_cur_output_dims):
        dims, ret = fn(0, 0)
        assert isinstance(dims, dict) and is_error(ret)
    rng, ret = acl.mdl.get_input_dims_range(0, 0)
    assert set(rng) == {"rangeCount", "range"} and is_error(ret)
    batch, ret = acl.mdl.get_dynamic_batch(0)
    assert set(batch) == {"batchCount", "batch"} and is_error(ret)
    hw, ret = acl.mdl.get_dynamic_hw(0, -1)
    assert set(hw) == {"hwCount", "hw"} and is_error(ret)
    count, ret = acl.mdl.get_input_dynamic_gear_count(0, -1)
    assert isinstance(count, int) and is_error(ret)
    gears, ret = acl.mdl.get_input_dynamic_dims(0, -1, 3)
    assert len(gears) == 3 and all(set(g) == {"name", "dimCount", "dims"} for g in gears)
    assert is_error(ret)
    index, ret = acl.mdl.get_input_index_by_name(0, "ascend_mbatch_shape_data")
    assert is_error(ret)
    assert acl.mdl.get_input_name_by_index(0, 0) == ""
    assert acl.mdl.get_input_size_by_index(0, 0) == 0
    assert isinstance(acl.mdl.get_input_format(0, 0), int)
    assert isinstance(acl.mdl.get_output_data_type(0, 0), int)
    if desc:
        assert acl.mdl.destroy_desc(desc) in (ACL_SUCCESS, 200001)


def test_execute_errors(stream):
    assert is_error(acl.mdl.execute(BAD_MODEL_ID, 0, 0))
    assert is_error(acl.mdl.execute_async(BAD_MODEL_ID, 0, 0, stream))
    assert is_error(acl.mdl.set_dynamic_batch_size(BAD_MODEL_ID, 0, 0, 4))
    assert is_error(acl.mdl.set_dynamic_hw_size(BAD_MODEL_ID, 0, 0, 224, 224))
    dims = {"dimCount": 4, "name": "", "dims": [1, 3, 224, 224]}
    assert is_error(acl.mdl.set_input_dynamic_dims(BAD_MODEL_ID, 0, 0, dims))


def test_dynamic_dims_dict_validation(acl_session):
    with pytest.raises(ValueError):
        acl.mdl.set_input_dynamic_dims(1, 0, 0, {"dimCount": 5, "dims": [1, 2]})
    with pytest.raises(ValueError):
        acl.mdl.set_input_dynamic_dims(1, 0, 0, {"dims": list(range(129))})
    with pytest.raises(ValueError):
        acl.mdl.set_input_dynamic_dims(1, 0, 0, {"name": "x"})


def test_aipp_bindings(acl_session):
    aipp = acl.mdl.create_aipp(1)
    assert isinstance(aipp, int)
    size, ret = acl.mdl.get_aipp_data_size(1)
    assert isinstance(size, int) and isinstance(ret, int)
    rets = [
        acl.mdl.set_aipp_input_format(aipp, 1),
        acl.mdl.set_aipp_csc_params(aipp, 1, 256, 0, 359, 256, -88, -183, 256, 454, 0,
                                    0, 0, 0, 0, 128, 128),
        acl.mdl.set_aipp_rbuv_swap_switch(aipp, 0),
        acl.mdl.set_aipp_ax_swap_switch(aipp, 0),
        acl.mdl.set_aipp_src_image_size(aipp, 224, 224),
        acl.mdl.set_aipp_scf_params(aipp, 0, 224, 224, 224, 224, 0),
        acl.mdl.set_aipp_crop_params(aipp, 1, 0, 0, 224, 224, 0),
        acl.mdl.set_aipp_padding_params(aipp, 0, 0, 0, 0, 0, 0),
        acl.mdl.set_aipp_dtc_pixel_mean(aipp, 0, 0, 0, 0, 0),
        acl.mdl.set_aipp_dtc_pixel_min(aipp, 123.0, 117.0, 104.0, 0.0, 0),
        acl.mdl.set_aipp_pixel_var_reci(aipp, 1.0, 1.0, 1.0, 1.0, 0),
    ]
    assert all(isinstance(r, int) for r in rets)
    if aipp:
        assert all(r in (ACL_SUCCESS, 200001) for r in rets), rets
    assert is_error(acl.mdl.set_input_aipp(BAD_MODEL_ID, 0, 0, aipp))
    assert is_error(acl.mdl.set_aipp_by_input_index(BAD_MODEL_ID, 0, 0, aipp))
    out = acl.mdl.get_aipp_type(BAD_MODEL_ID, 0)
    assert len(out) == 3 and is_error(out[2])
    info, ret = acl.mdl.get_first_aipp_info(BAD_MODEL_ID, 0)
    assert set(info) == AIPP_INFO_KEYS and is_error(ret)
    if aipp:
        assert acl.mdl.destroy_aipp(aipp) in (ACL_SUCCESS, 200001)


def test_config_handles(acl_session, tmp_path):
    handle = acl.mdl.create_config_handle()
    assert isinstance(handle, int)
    if handle:
        assert acl.mdl.set_config_opt(handle, 1, 1) == ACL_SUCCESS  # LOAD_TYPE: FROM_FILE
        assert acl.mdl.set_config_opt(handle, 2, str(tmp_path / "missing.om")) == ACL_SUCCESS
        assert acl.mdl.set_config_opt(handle, 0, 1) == ACL_SUCCESS  # PRIORITY_INT32
        mid, ret = acl.mdl.load_with_config(handle)
        assert is_error(ret)
        assert acl.mdl.destroy_config_handle(handle) == ACL_SUCCESS
    exec_handle = acl.mdl.create_exec_config_handle()
    assert isinstance(exec_handle, int)
    if exec_handle:
        assert isinstance(acl.mdl.set_exec_config_opt(exec_handle, 0, 1000), int)
        assert acl.mdl.destroy_exec_config_handle(exec_handle) == ACL_SUCCESS


def test_op_attr_setters(acl_session):
    attr = acl.op.create_attr()
    assert isinstance(attr, int)
    if not attr:
        pytest.skip("aclopCreateAttr not implemented yet")
    rets = [
        acl.op.set_attr_bool(attr, "b", True),
        acl.op.set_attr_int(attr, "i", -3),
        acl.op.set_attr_float(attr, "f", 0.5),
        acl.op.set_attr_string(attr, "s", "text"),
        acl.op.set_attr_data_type(attr, "t", ACL_FLOAT),
        acl.op.set_attr_list_bool(attr, "lb", [True, False]),
        acl.op.set_attr_list_int(attr, "li", [1, 2, 3]),
        acl.op.set_attr_list_float(attr, "lf", [1.0, 2.5]),
        acl.op.set_attr_list_string(attr, "ls", ["a", "b"]),
        acl.op.set_attr_list_data_type(attr, "lt", [0, 1]),
        acl.op.set_attr_list_list_int(attr, "lli", [[1, 2], [3], []]),
    ]
    assert rets == [ACL_SUCCESS] * len(rets)
    assert acl.op.destroy_attr(attr) is None


def test_op_execution_errors(stream, tmp_path):
    assert is_error(acl.op.set_model_dir(str(tmp_path / "no_such_dir")))
    desc = acl.create_tensor_desc(ACL_FLOAT, [4], ACL_FORMAT_ND)
    buf = acl.create_data_buffer(0, 0)
    attr = acl.op.create_attr()
    assert is_error(acl.op.execute_v2("NoSuchOp", [desc], [buf], [desc], [buf], attr, stream))
    assert is_error(acl.op.execute("NoSuchOp", [desc], [buf], [desc], [buf], attr, stream))
    handle, ret = acl.op.create_handle("NoSuchOp", [desc], [desc], attr)
    assert isinstance(handle, int) and is_error(ret)
    assert is_error(acl.op.execute_with_handle(0, [buf], [buf], stream))
    assert is_error(acl.op.cast(desc, buf, desc, buf, 0, stream))
    handle, ret = acl.op.create_handle_for_cast(desc, desc, 0)
    assert isinstance(handle, int) and isinstance(ret, int)
    if ret == ACL_SUCCESS:
        acl.op.destroy_handle(handle)
    with pytest.raises(ValueError, match="2 tensor descs but 1 data buffers"):
        acl.op.execute_v2("Add", [desc, desc], [buf], [desc], [buf], attr, stream)
    acl.destroy_data_buffer(buf)
    acl.destroy_tensor_desc(desc)
    if attr:
        acl.op.destroy_attr(attr)
