"""acl.media (DVPP V1) against references: JPEG decode vs libjpeg's own YCbCr decode (PIL) and
vs OpenCV's RGB decode, VPC resize vs cv2.resize, the async contract, misuse return codes.
Images are made at test time with OpenCV."""
import io

import cv2
import numpy as np
import pytest
from PIL import Image

import acl

from conftest import ACL_MEMCPY_DEVICE_TO_HOST, ACL_MEMCPY_HOST_TO_DEVICE, ACL_SUCCESS

media = acl.media
ACL_ERROR_INVALID_PARAM = 100000
ACL_ERROR_FORMAT_NOT_MATCH = 100027
ACL_ERROR_FAILURE = 500001
ACL_ERROR_FEATURE_UNSUPPORTED = 200006
NV12 = 1
NV21 = 2


def align(v, a):
    return (v + a - 1) // a * a


def make_bgr(w, h, seed=0):
    rng = np.random.default_rng(seed)
    x = np.linspace(0, 255, w, dtype=np.float32)[None, :]
    y = np.linspace(0, 255, h, dtype=np.float32)[:, None]
    img = np.stack([np.broadcast_to(x, (h, w)), np.broadcast_to(y, (h, w)),
                    np.broadcast_to((x + y) / 2, (h, w))], axis=2)
    img = img + rng.normal(0, 2, img.shape)
    return np.clip(img, 0, 255).astype(np.uint8)


def encode_jpeg(bgr, quality=92):
    ok, buf = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return buf.tobytes()


def to_device(data):
    ptr, ret = media.dvpp_malloc(len(data))
    assert ret == ACL_SUCCESS
    assert acl.rt.memcpy(ptr, len(data), acl.util.bytes_to_ptr(data), len(data),
                         ACL_MEMCPY_HOST_TO_DEVICE) == ACL_SUCCESS
    return ptr


def to_host(ptr, size):
    out = bytes(size)
    assert acl.rt.memcpy(acl.util.bytes_to_ptr(out), size, ptr, size,
                         ACL_MEMCPY_DEVICE_TO_HOST) == ACL_SUCCESS
    return np.frombuffer(out, np.uint8)


def pic_desc(ptr, size, fmt, w, h, ws, hs):
    d = media.dvpp_create_pic_desc()
    assert media.dvpp_set_pic_desc_data(d, ptr) == ACL_SUCCESS
    assert media.dvpp_set_pic_desc_size(d, size) == ACL_SUCCESS
    assert media.dvpp_set_pic_desc_format(d, fmt) == ACL_SUCCESS
    for setter, v in ((media.dvpp_set_pic_desc_width, w), (media.dvpp_set_pic_desc_height, h),
                      (media.dvpp_set_pic_desc_width_stride, ws),
                      (media.dvpp_set_pic_desc_height_stride, hs)):
        assert setter(d, v) == ACL_SUCCESS
    return d


@pytest.fixture
def channel(context):
    ch = media.dvpp_create_channel_desc()
    assert media.dvpp_create_channel(ch) == ACL_SUCCESS
    yield ch
    assert media.dvpp_destroy_channel(ch) == ACL_SUCCESS
    assert media.dvpp_destroy_channel_desc(ch) == ACL_SUCCESS


def decode(channel, stream, jpeg, fmt=NV12):
    src = to_device(jpeg)
    size, ret = media.dvpp_jpeg_predict_dec_size(acl.util.bytes_to_ptr(jpeg), len(jpeg), fmt)
    assert ret == ACL_SUCCESS
    out, ret = media.dvpp_malloc(size)
    assert ret == ACL_SUCCESS
    d = media.dvpp_create_pic_desc()
    media.dvpp_set_pic_desc_data(d, out)
    media.dvpp_set_pic_desc_size(d, size)
    media.dvpp_set_pic_desc_format(d, fmt)
    assert media.dvpp_jpeg_decode_async(channel, src, len(jpeg), d, stream) == ACL_SUCCESS
    assert acl.rt.synchronize_stream(stream) == ACL_SUCCESS, acl.get_recent_err_msg()
    geo = (media.dvpp_get_pic_desc_width(d), media.dvpp_get_pic_desc_height(d),
           media.dvpp_get_pic_desc_width_stride(d), media.dvpp_get_pic_desc_height_stride(d))
    data = to_host(out, size)
    media.dvpp_destroy_pic_desc(d)
    media.dvpp_free(out)
    media.dvpp_free(src)
    return data, geo


def nv12_planes(data, w, h, ws, hs):
    y = data[:ws * hs].reshape(hs, ws)[:h, :w]
    uv = data[ws * hs:ws * hs * 3 // 2].reshape(hs // 2, ws)[:h // 2, :w]
    return y, uv[:, 0::2], uv[:, 1::2]


def jfif_rgb(y, u, v):
    """Full-range BT.601 (JFIF) YCbCr -> RGB with nearest chroma upsampling."""
    u = np.repeat(np.repeat(u, 2, 0), 2, 1)[:y.shape[0], :y.shape[1]].astype(np.float32) - 128
    v = np.repeat(np.repeat(v, 2, 0), 2, 1)[:y.shape[0], :y.shape[1]].astype(np.float32) - 128
    y = y.astype(np.float32)
    rgb = np.stack([y + 1.402 * v, y - 0.344136 * u - 0.714136 * v, y + 1.772 * u], axis=2)
    return np.clip(np.round(rgb), 0, 255).astype(np.uint8)


def test_soc_name_and_constants():
    assert acl.get_soc_name() == acl.rt.get_soc_name()
    assert acl.get_soc_name().startswith("Ascend310")
    assert media.PIXEL_FORMAT_YUV_SEMIPLANAR_420 == 1
    assert media.PIXEL_FORMAT_UNKNOWN == 10000
    assert media.DVPP_CHNMODE_PNGD == 8


def test_image_info_and_predict(context):
    jpeg = encode_jpeg(make_bgr(301, 203))
    w, h, c, ret = media.dvpp_jpeg_get_image_info(acl.util.bytes_to_ptr(jpeg), len(jpeg))
    assert (w, h, c, ret) == (301, 203, 3, ACL_SUCCESS)
    w, h, c, fmt, ret = media.dvpp_jpeg_get_image_info_v2(acl.util.bytes_to_ptr(jpeg), len(jpeg))
    assert (fmt, ret) == (media.ACL_JPEG_CSS_420, ACL_SUCCESS)
    size, ret = media.dvpp_jpeg_predict_dec_size(acl.util.bytes_to_ptr(jpeg), len(jpeg), NV12)
    assert (size, ret) == (align(301, 128) * align(203, 16) * 3 // 2, ACL_SUCCESS)
    _, ret = media.dvpp_jpeg_predict_dec_size(acl.util.bytes_to_ptr(jpeg), len(jpeg), 12)
    assert ret == ACL_ERROR_FORMAT_NOT_MATCH
    _, _, _, ret = media.dvpp_jpeg_get_image_info(acl.util.bytes_to_ptr(jpeg), 12)
    assert ret == ACL_ERROR_FAILURE


def test_decode_matches_libjpeg(channel, stream):
    bgr = make_bgr(640, 427)
    jpeg = encode_jpeg(bgr)
    data, (w, h, ws, hs) = decode(channel, stream, jpeg)
    assert (w, h, ws, hs) == (640, 426, 640, 432)
    y, u, v = nv12_planes(data, w, h, ws, hs)
    # libjpeg's own YCbCr output (no colour conversion): luma must be identical.
    im = Image.open(io.BytesIO(jpeg))
    im.draft("YCbCr", im.size)
    ycc = np.asarray(im)[:h, :w]
    assert np.array_equal(y, ycc[:, :, 0])
    # Its chroma is upsampled ("fancy"); averaged back to the 2x2 grid it stays within +-2.
    cb = ycc[:, :, 1].astype(np.int32).reshape(h // 2, 2, w // 2, 2).mean(axis=(1, 3))
    assert np.abs(u.astype(np.int32) - np.round(cb)).max() <= 2
    # Against OpenCV's RGB decode of the same file (smooth image): close after the YUV round trip.
    rgb = jfif_rgb(y, u, v)
    ref = cv2.cvtColor(cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)[:h, :w]
    diff = np.abs(rgb.astype(np.int32) - ref.astype(np.int32))
    assert diff.mean() < 1.0, diff.mean()
    assert np.percentile(diff, 99) <= 3


def test_resize_matches_cv2_bilinear(channel, stream):
    w, h = 640, 480
    bgr = make_bgr(w, h, seed=3)
    yuv = cv2.cvtColor(bgr, cv2.COLOR_BGR2YUV_I420).reshape(-1)
    y_src = yuv[:w * h].reshape(h, w)
    u_src = yuv[w * h:w * h * 5 // 4].reshape(h // 2, w // 2)
    v_src = yuv[w * h * 5 // 4:].reshape(h // 2, w // 2)
    nv12 = np.concatenate([y_src.reshape(-1), np.stack([u_src, v_src], axis=2).reshape(-1)]).tobytes()
    src = to_device(nv12)
    in_desc = pic_desc(src, len(nv12), NV12, w, h, w, h)
    ow, oh = 224, 224
    out_size = ow * oh * 3 // 2
    out, _ = media.dvpp_malloc(out_size)
    out_desc = pic_desc(out, out_size, NV12, ow, oh, ow, oh)
    cfg = media.dvpp_create_resize_config()
    assert media.dvpp_set_resize_config_interpolation(cfg, 1) == ACL_SUCCESS
    assert media.dvpp_vpc_resize_async(channel, in_desc, out_desc, cfg, stream) == ACL_SUCCESS
    assert acl.rt.synchronize_stream(stream) == ACL_SUCCESS
    got = to_host(out, out_size)
    y, u, v = nv12_planes(got, ow, oh, ow, oh)
    ref_y = cv2.resize(y_src, (ow, oh), interpolation=cv2.INTER_LINEAR)
    ref_u = cv2.resize(u_src, (ow // 2, oh // 2), interpolation=cv2.INTER_LINEAR)
    assert np.abs(y.astype(np.int32) - ref_y).max() <= 1
    assert np.abs(u.astype(np.int32) - ref_u).max() <= 1
    # Nearest.
    assert media.dvpp_set_resize_config_interpolation(cfg, 2) == ACL_SUCCESS
    assert media.dvpp_vpc_resize_async(channel, in_desc, out_desc, cfg, stream) == ACL_SUCCESS
    assert acl.rt.synchronize_stream(stream) == ACL_SUCCESS
    y2, _, _ = nv12_planes(to_host(out, out_size), ow, oh, ow, oh)
    # Nearest samples pixel centres: src = floor((dst + 0.5) * in / out).
    rows = ((np.arange(oh) + 0.5) * h / oh).astype(int)
    cols = ((np.arange(ow) + 0.5) * w / ow).astype(int)
    # libyuv point sampling picks the same source pixel for ~89% of outputs (fixed-point positions).
    assert np.mean(y2 == y_src[rows][:, cols]) > 0.85, np.mean(y2 == y_src[rows][:, cols])
    for d in (in_desc, out_desc):
        media.dvpp_destroy_pic_desc(d)
    media.dvpp_destroy_resize_config(cfg)
    media.dvpp_free(out)
    media.dvpp_free(src)


def test_crop_and_paste_letterbox(channel, stream):
    jpeg = encode_jpeg(make_bgr(500, 375))
    src = to_device(jpeg)
    size, _ = media.dvpp_jpeg_predict_dec_size(acl.util.bytes_to_ptr(jpeg), len(jpeg), NV12)
    dec, _ = media.dvpp_malloc(size)
    dec_desc = pic_desc(dec, size, NV12, 500, 374, align(500, 128), align(375, 16))
    assert media.dvpp_jpeg_decode_async(channel, src, len(jpeg), dec_desc, stream) == ACL_SUCCESS
    out_size = 416 * 416 * 3 // 2
    out, _ = media.dvpp_malloc(out_size)
    out_desc = pic_desc(out, out_size, NV12, 416, 416, 416, 416)
    crop = media.dvpp_create_roi_config(0, 499, 0, 373)
    paste = media.dvpp_create_roi_config(0, 415, 0, 311)
    # Queued behind the decode on the same stream.
    assert media.dvpp_vpc_crop_and_paste_async(channel, dec_desc, out_desc, crop, paste, stream) == ACL_SUCCESS
    assert acl.rt.synchronize_stream(stream) == ACL_SUCCESS, acl.get_recent_err_msg()
    got = to_host(out, out_size)
    y = got[:416 * 416].reshape(416, 416)
    assert y[:312].mean() > 20 and np.all(y[312:] == 0)
    bad = media.dvpp_create_roi_config(1, 499, 0, 373)
    assert media.dvpp_vpc_crop_and_paste_async(channel, dec_desc, out_desc, bad, paste, stream) == \
        ACL_ERROR_INVALID_PARAM
    assert "must be even" in acl.get_recent_err_msg()
    for r in (crop, paste, bad):
        media.dvpp_destroy_roi_config(r)
    for d in (dec_desc, out_desc):
        media.dvpp_destroy_pic_desc(d)
    for p in (out, dec, src):
        media.dvpp_free(p)


def test_two_streams_do_not_mix(channel, context):
    s1, _ = acl.rt.create_stream()
    s2, _ = acl.rt.create_stream()
    jpegs = [encode_jpeg(make_bgr(320, 240, seed=i)) for i in range(2)]
    results = [decode(channel, s, j) for s, j in zip((s1, s2), jpegs)]
    for (data, (w, h, ws, hs)), jpeg in zip(results, jpegs):
        im = Image.open(io.BytesIO(jpeg))
        im.draft("YCbCr", im.size)
        assert np.array_equal(nv12_planes(data, w, h, ws, hs)[0], np.asarray(im)[:h, :w, 0])
    acl.rt.destroy_stream(s1)
    acl.rt.destroy_stream(s2)


def test_encode_round_trip(channel, stream):
    jpeg = encode_jpeg(make_bgr(256, 128))
    data, (w, h, ws, hs) = decode(channel, stream, jpeg)
    src = to_device(data.tobytes())
    in_desc = pic_desc(src, len(data), NV12, w, h, ws, hs)
    cfg = media.dvpp_create_jpege_config()
    assert media.dvpp_set_jpege_config_level(cfg, 100) == ACL_SUCCESS
    size, ret = media.dvpp_jpeg_predict_enc_size(in_desc, cfg)
    assert ret == ACL_SUCCESS and size % (2 << 20) == 0
    out, _ = media.dvpp_malloc(size)
    size_buf = np.array([size], np.uint32).tobytes()
    assert media.dvpp_jpeg_encode_async(channel, in_desc, out, acl.util.bytes_to_ptr(size_buf), cfg,
                                        stream) == ACL_SUCCESS
    assert acl.rt.synchronize_stream(stream) == ACL_SUCCESS
    n = int(np.frombuffer(size_buf, np.uint32)[0])
    assert 0 < n < size
    again = cv2.imdecode(to_host(out, n), cv2.IMREAD_GRAYSCALE)
    assert again.shape == (128, 256)
    media.dvpp_destroy_jpege_config(cfg)
    media.dvpp_destroy_pic_desc(in_desc)
    media.dvpp_free(out)
    media.dvpp_free(src)


def test_png_decode(channel, stream):
    rgba = np.zeros((70, 90, 4), np.uint8)
    rgba[..., 0] = 200
    rgba[..., 3] = 128
    ok, buf = cv2.imencode(".png", rgba)
    png = buf.tobytes()
    w, h, c, ret = media.dvpp_png_get_image_info(acl.util.bytes_to_ptr(png), len(png))
    assert (w, h, c, ret) == (90, 70, 4, ACL_SUCCESS)
    size, ret = media.dvpp_png_predict_dec_size(acl.util.bytes_to_ptr(png), len(png), media.PIXEL_FORMAT_RGB_888)
    assert (size, ret) == (128 * 3 * 80, ACL_SUCCESS)
    src = to_device(png)
    out, _ = media.dvpp_malloc(size)
    d = pic_desc(out, size, media.PIXEL_FORMAT_RGB_888, 0, 0, 0, 0)
    assert media.dvpp_png_decode_async(channel, src, len(png), d, stream) == ACL_SUCCESS
    assert acl.rt.synchronize_stream(stream) == ACL_SUCCESS, acl.get_recent_err_msg()
    assert media.dvpp_get_pic_desc_width_stride(d) == 384
    img = to_host(out, size).reshape(80, 384)[:70, :270].reshape(70, 90, 3)
    # cv2 stored BGRA: channel 0 (blue) = 200 -> the PNG's red channel is 0, blue 200.
    assert np.all(img[..., 2] == 200) and np.all(img[..., 0] == 0)
    media.dvpp_destroy_pic_desc(d)
    media.dvpp_free(out)
    media.dvpp_free(src)


def test_misuse(channel, stream):
    assert media.dvpp_malloc(0)[1] == ACL_ERROR_INVALID_PARAM
    assert media.dvpp_free(0) == ACL_ERROR_INVALID_PARAM
    assert media.dvpp_set_pic_desc_width(0, 3) == ACL_ERROR_INVALID_PARAM
    assert media.dvpp_get_pic_desc_width(0) == 0
    assert media.dvpp_create_roi_config(0, 70000, 0, 1) == 0
    assert media.dvpp_create_batch_pic_desc(0) == 0
    jpeg = encode_jpeg(make_bgr(64, 64))
    d = media.dvpp_create_pic_desc()
    out, _ = media.dvpp_malloc(128 * 64 * 3 // 2)
    media.dvpp_set_pic_desc_data(d, out)
    media.dvpp_set_pic_desc_size(d, 128 * 64 * 3 // 2)
    media.dvpp_set_pic_desc_format(d, NV12)
    # Host bytes where DVPP memory is required.
    assert media.dvpp_jpeg_decode_async(channel, acl.util.bytes_to_ptr(jpeg), len(jpeg), d, stream) == \
        ACL_ERROR_INVALID_PARAM
    assert "device memory" in acl.get_recent_err_msg()
    with pytest.raises(ValueError):
        media.dvpp_vpc_batch_crop_async(channel, 0, [], 0, [], stream)
    vdec = media.vdec_create_channel_desc()
    assert media.vdec_create_channel(vdec) == ACL_ERROR_FEATURE_UNSUPPORTED
    media.vdec_destroy_channel_desc(vdec)
    media.dvpp_destroy_pic_desc(d)
    media.dvpp_free(out)
