// JPEG and PNG: header parsing and size prediction (synchronous, host memory) and the codecs
// (asynchronous on a stream: the data is read when the task runs, so a copy enqueued before on
// the same stream is seen; results and the output description are valid after the sync).
#include <memory>

#include "capi_dvpp/dvpp_api.h"
#include "media/jpeg_decode.h"
#include "media/jpeg_encode.h"
#include "media/jpeg_info.h"
#include "media/png_decode.h"

using openacl::InvalidParam;
using openacl::Result;
using openacl::Status;
using openacl::StatusCode;
using openacl::dvpp::Guard;
using openacl::dvpp::RequireDesc;
namespace media = openacl::media;

namespace {

const media::JpegDecodeProfile kProfile310{};  // 128 x 16 output strides

bool InJpegdOutputSet(acldvppPixelFormat f) {
  switch (f) {
    case PIXEL_FORMAT_YUV_SEMIPLANAR_420: case PIXEL_FORMAT_YVU_SEMIPLANAR_420:
    case PIXEL_FORMAT_YUV_SEMIPLANAR_422: case PIXEL_FORMAT_YVU_SEMIPLANAR_422:
    case PIXEL_FORMAT_YUV_SEMIPLANAR_444: case PIXEL_FORMAT_YVU_SEMIPLANAR_444:
    case PIXEL_FORMAT_YUV_SEMIPLANAR_440: case PIXEL_FORMAT_YVU_SEMIPLANAR_440:
    case PIXEL_FORMAT_UNKNOWN:
      return true;
    default:
      return false;
  }
}

Status CheckChannel(const acldvppChannelDesc* ch) {
  RETURN_IF_ERROR(RequireDesc(ch, "channelDesc"));
  if (!ch->created) return InvalidParam("channelDesc has no channel (call acldvppCreateChannel first)");
  return Status::Ok();
}

void WriteBack(acldvppPicDesc* d, const media::Picture& geo) {
  d->format = static_cast<acldvppPixelFormat>(geo.format);
  d->width = geo.width;
  d->height = geo.height;
  d->widthStride = geo.width_stride;
  d->heightStride = geo.height_stride;
  d->retCode = 0;
}

// Runs a decode task body; on failure marks the output description's retCode.
Status Finish(acldvppPicDesc* out, Result<media::Picture> r) {
  if (!r.ok()) {
    out->retCode = openacl::dvpp::RetCodeFor(r.status().code());
    return r.status();
  }
  WriteBack(out, *r);
  return Status::Ok();
}

Status CheckDecodeArgs(const char* api, acldvppChannelDesc* ch, const void* data, uint32_t size,
                       acldvppPicDesc* out) {
  RETURN_IF_ERROR(CheckChannel(ch));
  RETURN_IF_ERROR(RequireDesc(data, "data"));
  if (size == 0) return InvalidParam("size is 0");
  RETURN_IF_ERROR(RequireDesc(out, "outputDesc"));
  RETURN_IF_ERROR(RequireDesc(out->data, "outputDesc data"));
  RETURN_IF_ERROR(openacl::dvpp::CheckDeviceRange(data, size, "data", api));
  return openacl::dvpp::CheckDeviceRange(out->data, out->size, "outputDesc data", api);
}

}  // namespace

extern "C" {

aclError acldvppJpegGetImageInfo(const void* data, uint32_t size, uint32_t* width, uint32_t* height,
                                 int32_t* components) {
  return acldvppJpegGetImageInfoV2(data, size, width, height, components, nullptr);
}

aclError acldvppJpegGetImageInfoV2(const void* data, uint32_t size, uint32_t* width, uint32_t* height,
                                   int32_t* components, acldvppJpegFormat* format) {
  return Guard(__func__, [&]() -> Status {
    if (!width && !height && !components && !format) return Status::Ok();
    ASSIGN_OR_RETURN(media::JpegInfo info, media::ReadJpegInfo(static_cast<const uint8_t*>(data), size));
    if (width) *width = info.width;
    if (height) *height = info.height;
    if (components) *components = info.components;
    if (format) {
      bool ycc = info.colorspace == media::JpegColorspace::kYCbCr || info.colorspace == media::JpegColorspace::kGray;
      media::JpegSubsampling s = info.subsampling;
      *format = (!ycc || s == media::JpegSubsampling::k411) ? ACL_JPEG_CSS_UNKNOWN : static_cast<acldvppJpegFormat>(s);
    }
    return Status::Ok();
  });
}

aclError acldvppJpegPredictDecSize(const void* data, uint32_t dataSize, acldvppPixelFormat outputPixelFormat,
                                   uint32_t* decSize) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(decSize, "decSize"));
    if (!InJpegdOutputSet(outputPixelFormat)) {
      return Status(StatusCode::kFormatNotMatch, "outputPixelFormat " + media::PixelFormatName(outputPixelFormat) +
                                                     " is not a JPEGD output format");
    }
    ASSIGN_OR_RETURN(media::JpegInfo info, media::ReadJpegInfo(static_cast<const uint8_t*>(data), dataSize));
    ASSIGN_OR_RETURN(media::PixelFormat f,
                     media::JpegOutputFormat(info, static_cast<media::PixelFormat>(outputPixelFormat)));
    ASSIGN_OR_RETURN(media::Picture geo, media::JpegOutputGeometry(info, f, kProfile310));
    *decSize = static_cast<uint32_t>(geo.size);
    return Status::Ok();
  });
}

aclError acldvppJpegDecodeAsync(acldvppChannelDesc* channelDesc, const void* data, uint32_t size,
                                acldvppPicDesc* outputDesc, aclrtStream stream) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(CheckDecodeArgs("acldvppJpegDecodeAsync", channelDesc, data, size, outputDesc));
    if (!InJpegdOutputSet(outputDesc->format)) {
      return Status(StatusCode::kFormatNotMatch, "outputDesc format " + media::PixelFormatName(outputDesc->format) +
                                                     " is not a JPEGD output format (NV12, NV21, YUV/YVU "
                                                     "422SP/444SP/440SP or PIXEL_FORMAT_UNKNOWN)");
    }
    acldvppPicDesc snapshot = *outputDesc;
    return openacl::dvpp::Enqueue(stream, [=]() -> Status {
      const char* api = "acldvppJpegDecodeAsync";
      Status st = openacl::dvpp::CheckDeviceRange(data, size, "data", api);
      if (st.ok()) st = openacl::dvpp::CheckDeviceRange(snapshot.data, snapshot.size, "outputDesc data", api);
      if (!st.ok()) return Finish(outputDesc, st);
      return Finish(outputDesc, media::DecodeJpeg(static_cast<const uint8_t*>(data), size,
                                                  static_cast<media::PixelFormat>(snapshot.format),
                                                  static_cast<uint8_t*>(snapshot.data), snapshot.size, kProfile310));
    });
  });
}

aclError acldvppJpegPredictEncSize(const acldvppPicDesc* inputDesc, const acldvppJpegeConfig* config,
                                   uint32_t* size) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(inputDesc, "inputDesc"));
    RETURN_IF_ERROR(RequireDesc(config, "config"));
    RETURN_IF_ERROR(RequireDesc(size, "size"));
    ASSIGN_OR_RETURN(*size, media::PredictJpegEncodeSize(openacl::dvpp::ToPicture(*inputDesc)));
    return Status::Ok();
  });
}

aclError acldvppJpegEncodeAsync(acldvppChannelDesc* channelDesc, acldvppPicDesc* inputDesc, const void* data,
                                uint32_t* size, acldvppJpegeConfig* config, aclrtStream stream) {
  return Guard(__func__, [&]() -> Status {
    const char* api = "acldvppJpegEncodeAsync";
    RETURN_IF_ERROR(CheckChannel(channelDesc));
    RETURN_IF_ERROR(RequireDesc(inputDesc, "inputDesc"));
    RETURN_IF_ERROR(RequireDesc(inputDesc->data, "inputDesc data"));
    RETURN_IF_ERROR(RequireDesc(data, "data"));
    RETURN_IF_ERROR(RequireDesc(size, "size"));
    RETURN_IF_ERROR(RequireDesc(config, "config"));
    if (*size == 0) return InvalidParam("*size (the capacity of data) is 0");
    media::Picture in = openacl::dvpp::ToPicture(*inputDesc);
    RETURN_IF_ERROR(media::CheckJpegEncodeInput(in));
    RETURN_IF_ERROR(openacl::dvpp::CheckDeviceRange(in.data, in.size, "inputDesc data", api));
    RETURN_IF_ERROR(openacl::dvpp::CheckDeviceRange(data, *size, "data", api));
    uint32_t capacity = *size;
    uint32_t level = config->level;
    return openacl::dvpp::Enqueue(stream, [=]() -> Status {
      RETURN_IF_ERROR(openacl::dvpp::CheckDeviceRange(in.data, in.size, "inputDesc data", api));
      RETURN_IF_ERROR(openacl::dvpp::CheckDeviceRange(data, capacity, "data", api));
      ASSIGN_OR_RETURN(uint32_t written, media::EncodeJpeg(in, level, static_cast<uint8_t*>(const_cast<void*>(data)),
                                                            capacity));
      *size = written;
      return Status::Ok();
    });
  });
}

aclError acldvppPngGetImageInfo(const void* data, uint32_t dataSize, uint32_t* width, uint32_t* height,
                                int32_t* components) {
  return Guard(__func__, [&]() -> Status {
    ASSIGN_OR_RETURN(media::PngInfo info, media::ReadPngInfo(static_cast<const uint8_t*>(data), dataSize));
    if (width) *width = info.width;
    if (height) *height = info.height;
    if (components) *components = info.components;
    return Status::Ok();
  });
}

aclError acldvppPngPredictDecSize(const void* data, uint32_t dataSize, acldvppPixelFormat outputPixelFormat,
                                  uint32_t* decSize) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(decSize, "decSize"));
    ASSIGN_OR_RETURN(*decSize, media::PredictPngDecodeSize(static_cast<const uint8_t*>(data), dataSize,
                                                           static_cast<media::PixelFormat>(outputPixelFormat)));
    return Status::Ok();
  });
}

aclError acldvppPngDecodeAsync(acldvppChannelDesc* channelDesc, const void* data, uint32_t size,
                               acldvppPicDesc* outputDesc, aclrtStream stream) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(CheckDecodeArgs("acldvppPngDecodeAsync", channelDesc, data, size, outputDesc));
    acldvppPixelFormat f = outputDesc->format;
    if (f != PIXEL_FORMAT_RGB_888 && f != PIXEL_FORMAT_RGBA_8888 && f != PIXEL_FORMAT_UNKNOWN) {
      return Status(StatusCode::kFormatNotMatch, "outputDesc format " + media::PixelFormatName(f) +
                                                     " is not a PNGD output format (RGB_888, RGBA_8888, UNKNOWN)");
    }
    acldvppPicDesc snapshot = *outputDesc;
    return openacl::dvpp::Enqueue(stream, [=]() -> Status {
      const char* api = "acldvppPngDecodeAsync";
      Status st = openacl::dvpp::CheckDeviceRange(data, size, "data", api);
      if (st.ok()) st = openacl::dvpp::CheckDeviceRange(snapshot.data, snapshot.size, "outputDesc data", api);
      if (!st.ok()) return Finish(outputDesc, st);
      return Finish(outputDesc, media::DecodePng(static_cast<const uint8_t*>(data), size,
                                                 static_cast<media::PixelFormat>(snapshot.format),
                                                 static_cast<uint8_t*>(snapshot.data), snapshot.size));
    });
  });
}

}  // extern "C"
