// Video (VDEC / VENC) descriptors: they store and return their fields so apps build and
// configure. Channels and frames: dvpp_video_stubs.cc.
#include <cstring>

#include "capi_dvpp/dvpp_api.h"

using openacl::InvalidParam;
using openacl::Status;
using openacl::StatusCode;
using openacl::dvpp::Create;
using openacl::dvpp::Guard;
using openacl::dvpp::RequireDesc;

struct aclvdecChannelDesc {
  uint32_t channelId = 0;
  uint64_t threadId = 0;
  aclvdecCallback callback = nullptr;
  acldvppStreamFormat enType = H265_MAIN_LEVEL;
  acldvppPixelFormat outPicFormat = PIXEL_FORMAT_YUV_SEMIPLANAR_420;
  uint32_t outPicWidth = 0, outPicHeight = 0, refFrameNum = 0, bitDepth = 0, outMode = 0;
  uint32_t cscMatrix = ACL_DVPP_CSC_MATRIX_BT601_WIDE;
};
struct aclvdecFrameConfig {
  uint32_t reserved = 0;
};
struct aclvencChannelDesc {
  uint64_t threadId = 0;
  aclvencCallback callback = nullptr;
  acldvppStreamFormat enType = H265_MAIN_LEVEL;
  acldvppPixelFormat picFormat = PIXEL_FORMAT_YUV_SEMIPLANAR_420;
  uint32_t picWidth = 0, picHeight = 0, keyFrameInterval = 0, bufSize = 0, rcMode = 0, srcRate = 0,
           maxBitRate = 0, maxIpProp = 0;
  void* bufAddr = nullptr;
};
struct aclvencFrameConfig {
  uint8_t forceIFrame = 0;
  uint8_t eos = 0;
};

namespace {

template <typename D, typename F>
aclError Set(const char* api, D* d, F&& f) {
  return Guard(api, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(d, "channelDesc"));
    f(*d);
    return Status::Ok();
  });
}

}  // namespace

extern "C" {

// ---- VDEC ----
aclvdecChannelDesc* aclvdecCreateChannelDesc(void) { return Create<aclvdecChannelDesc>(); }
aclError aclvdecDestroyChannelDesc(aclvdecChannelDesc* d) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(d, "channelDesc"));
    delete d;
    return Status::Ok();
  });
}
aclError aclvdecSetChannelDescChannelId(aclvdecChannelDesc* d, uint32_t v) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(d, "channelDesc"));
    if (v > 31) return InvalidParam("channelId " + std::to_string(v) + " is outside 0..31");
    d->channelId = v;
    return Status::Ok();
  });
}
aclError aclvdecSetChannelDescThreadId(aclvdecChannelDesc* d, uint64_t v) {
  return Set(__func__, d, [&](aclvdecChannelDesc& c) { c.threadId = v; });
}
aclError aclvdecSetChannelDescCallback(aclvdecChannelDesc* d, aclvdecCallback v) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(d, "channelDesc"));
    RETURN_IF_ERROR(RequireDesc(reinterpret_cast<const void*>(v), "callback"));
    d->callback = v;
    return Status::Ok();
  });
}
aclError aclvdecSetChannelDescEnType(aclvdecChannelDesc* d, acldvppStreamFormat v) {
  return Set(__func__, d, [&](aclvdecChannelDesc& c) { c.enType = v; });
}
aclError aclvdecSetChannelDescOutPicFormat(aclvdecChannelDesc* d, acldvppPixelFormat v) {
  return Set(__func__, d, [&](aclvdecChannelDesc& c) { c.outPicFormat = v; });
}
aclError aclvdecSetChannelDescOutPicWidth(aclvdecChannelDesc* d, uint32_t v) {
  return Set(__func__, d, [&](aclvdecChannelDesc& c) { c.outPicWidth = v; });
}
aclError aclvdecSetChannelDescOutPicHeight(aclvdecChannelDesc* d, uint32_t v) {
  return Set(__func__, d, [&](aclvdecChannelDesc& c) { c.outPicHeight = v; });
}
aclError aclvdecSetChannelDescRefFrameNum(aclvdecChannelDesc* d, uint32_t v) {
  return Set(__func__, d, [&](aclvdecChannelDesc& c) { c.refFrameNum = v; });
}
aclError aclvdecSetChannelDescBitDepth(aclvdecChannelDesc* d, uint32_t v) {
  return Set(__func__, d, [&](aclvdecChannelDesc& c) { c.bitDepth = v; });
}
aclError aclvdecSetChannelDescOutMode(aclvdecChannelDesc* d, uint32_t v) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(d, "channelDesc"));
    if (v > 1) return InvalidParam("outMode " + std::to_string(v) + " is outside 0 (default) .. 1 (fast)");
    d->outMode = v;
    return Status::Ok();
  });
}
aclError aclvdecSetChannelDescParam(aclvdecChannelDesc* d, aclvdecChannelDescParamType type, size_t length,
                                    const void* param) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(d, "channelDesc"));
    RETURN_IF_ERROR(RequireDesc(param, "param"));
    if (type != ACL_VDEC_CSC_MATRIX_UINT32) return InvalidParam("paramType " + std::to_string(type) + " is unknown");
    if (length != sizeof(uint32_t)) return InvalidParam("length " + std::to_string(length) + " must be 4");
    std::memcpy(&d->cscMatrix, param, sizeof(uint32_t));
    return Status::Ok();
  });
}
uint32_t aclvdecGetChannelDescChannelId(const aclvdecChannelDesc* d) { return d ? d->channelId : 0; }
uint64_t aclvdecGetChannelDescThreadId(const aclvdecChannelDesc* d) { return d ? d->threadId : 0; }
aclvdecCallback aclvdecGetChannelDescCallback(const aclvdecChannelDesc* d) { return d ? d->callback : nullptr; }
acldvppStreamFormat aclvdecGetChannelDescEnType(const aclvdecChannelDesc* d) { return d ? d->enType : H265_MAIN_LEVEL; }
acldvppPixelFormat aclvdecGetChannelDescOutPicFormat(const aclvdecChannelDesc* d) {
  return d ? d->outPicFormat : PIXEL_FORMAT_YUV_SEMIPLANAR_420;
}
uint32_t aclvdecGetChannelDescOutPicWidth(const aclvdecChannelDesc* d) { return d ? d->outPicWidth : 0; }
uint32_t aclvdecGetChannelDescOutPicHeight(const aclvdecChannelDesc* d) { return d ? d->outPicHeight : 0; }
uint32_t aclvdecGetChannelDescBitDepth(const aclvdecChannelDesc* d) { return d ? d->bitDepth : 0; }
uint32_t aclvdecGetChannelDescRefFrameNum(const aclvdecChannelDesc* d) { return d ? d->refFrameNum : 0; }
uint32_t aclvdecGetChannelDescOutMode(const aclvdecChannelDesc* d) { return d ? d->outMode : 0; }
aclError aclvdecGetChannelDescParam(const aclvdecChannelDesc* d, aclvdecChannelDescParamType type, size_t length,
                                    size_t* paramRetSize, void* param) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(d, "channelDesc"));
    RETURN_IF_ERROR(RequireDesc(paramRetSize, "paramRetSize"));
    RETURN_IF_ERROR(RequireDesc(param, "param"));
    if (type != ACL_VDEC_CSC_MATRIX_UINT32) return InvalidParam("paramType " + std::to_string(type) + " is unknown");
    if (length < sizeof(uint32_t)) return InvalidParam("length " + std::to_string(length) + " is below 4");
    std::memcpy(param, &d->cscMatrix, sizeof(uint32_t));
    *paramRetSize = sizeof(uint32_t);
    return Status::Ok();
  });
}
aclvdecFrameConfig* aclvdecCreateFrameConfig(void) { return Create<aclvdecFrameConfig>(); }
aclError aclvdecDestroyFrameConfig(aclvdecFrameConfig* c) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(c, "vdecFrameConfig"));
    delete c;
    return Status::Ok();
  });
}

// ---- VENC ----
aclvencChannelDesc* aclvencCreateChannelDesc(void) { return Create<aclvencChannelDesc>(); }
aclError aclvencDestroyChannelDesc(aclvencChannelDesc* d) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(d, "channelDesc"));
    delete d;
    return Status::Ok();
  });
}
aclError aclvencSetChannelDescThreadId(aclvencChannelDesc* d, uint64_t v) {
  return Set(__func__, d, [&](aclvencChannelDesc& c) { c.threadId = v; });
}
aclError aclvencSetChannelDescCallback(aclvencChannelDesc* d, aclvencCallback v) {
  return Set(__func__, d, [&](aclvencChannelDesc& c) { c.callback = v; });
}
aclError aclvencSetChannelDescEnType(aclvencChannelDesc* d, acldvppStreamFormat v) {
  return Set(__func__, d, [&](aclvencChannelDesc& c) { c.enType = v; });
}
aclError aclvencSetChannelDescPicFormat(aclvencChannelDesc* d, acldvppPixelFormat v) {
  return Set(__func__, d, [&](aclvencChannelDesc& c) { c.picFormat = v; });
}
aclError aclvencSetChannelDescPicWidth(aclvencChannelDesc* d, uint32_t v) {
  return Set(__func__, d, [&](aclvencChannelDesc& c) { c.picWidth = v; });
}
aclError aclvencSetChannelDescPicHeight(aclvencChannelDesc* d, uint32_t v) {
  return Set(__func__, d, [&](aclvencChannelDesc& c) { c.picHeight = v; });
}
aclError aclvencSetChannelDescKeyFrameInterval(aclvencChannelDesc* d, uint32_t v) {
  return Set(__func__, d, [&](aclvencChannelDesc& c) { c.keyFrameInterval = v; });
}
aclError aclvencSetChannelDescBufAddr(aclvencChannelDesc* d, void* v) {
  return Set(__func__, d, [&](aclvencChannelDesc& c) { c.bufAddr = v; });
}
aclError aclvencSetChannelDescBufSize(aclvencChannelDesc* d, uint32_t v) {
  return Set(__func__, d, [&](aclvencChannelDesc& c) { c.bufSize = v; });
}
aclError aclvencSetChannelDescRcMode(aclvencChannelDesc* d, uint32_t v) {
  return Set(__func__, d, [&](aclvencChannelDesc& c) { c.rcMode = v; });
}
aclError aclvencSetChannelDescSrcRate(aclvencChannelDesc* d, uint32_t v) {
  return Set(__func__, d, [&](aclvencChannelDesc& c) { c.srcRate = v; });
}
aclError aclvencSetChannelDescMaxBitRate(aclvencChannelDesc* d, uint32_t v) {
  return Set(__func__, d, [&](aclvencChannelDesc& c) { c.maxBitRate = v; });
}

aclError aclvencSetChannelDescParam(aclvencChannelDesc* d, aclvencChannelDescParamType type, size_t length,
                                    const void* param) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(d, "channelDesc"));
    RETURN_IF_ERROR(RequireDesc(param, "param"));
    auto u32 = [&](uint32_t* field) -> Status {
      if (length != sizeof(uint32_t)) return InvalidParam("length " + std::to_string(length) + " must be 4");
      std::memcpy(field, param, sizeof(uint32_t));
      return Status::Ok();
    };
    switch (type) {
      case ACL_VENC_THREAD_ID_UINT64:
        if (length != sizeof(uint64_t)) return InvalidParam("length " + std::to_string(length) + " must be 8");
        std::memcpy(&d->threadId, param, sizeof(uint64_t));
        return Status::Ok();
      case ACL_VENC_CALLBACK_PTR:
      case ACL_VENC_BUF_ADDR_PTR: {
        if (length != sizeof(void*)) return InvalidParam("length " + std::to_string(length) + " must be 8");
        if (type == ACL_VENC_CALLBACK_PTR) std::memcpy(&d->callback, param, sizeof(void*));
        else std::memcpy(&d->bufAddr, param, sizeof(void*));
        return Status::Ok();
      }
      case ACL_VENC_PIXEL_FORMAT_UINT32: return u32(reinterpret_cast<uint32_t*>(&d->picFormat));
      case ACL_VENC_ENCODE_TYPE_UINT32: return u32(reinterpret_cast<uint32_t*>(&d->enType));
      case ACL_VENC_PIC_WIDTH_UINT32: return u32(&d->picWidth);
      case ACL_VENC_PIC_HEIGHT_UINT32: return u32(&d->picHeight);
      case ACL_VENC_KEY_FRAME_INTERVAL_UINT32: return u32(&d->keyFrameInterval);
      case ACL_VENC_BUF_SIZE_UINT32: return u32(&d->bufSize);
      case ACL_VENC_RC_MODE_UINT32: return u32(&d->rcMode);
      case ACL_VENC_SRC_RATE_UINT32: return u32(&d->srcRate);
      case ACL_VENC_MAX_BITRATE_UINT32: return u32(&d->maxBitRate);
      case ACL_VENC_MAX_IP_PROP_UINT32: return u32(&d->maxIpProp);
    }
    return InvalidParam("paramType " + std::to_string(static_cast<int>(type)) + " is unknown");
  });
}
void* aclvencGetChannelDescBufAddr(const aclvencChannelDesc* d) { return d ? d->bufAddr : nullptr; }
uint32_t aclvencGetChannelDescBufSize(const aclvencChannelDesc* d) { return d ? d->bufSize : 0; }
uint32_t aclvencGetChannelDescChannelId(const aclvencChannelDesc*) { return 0; }
uint64_t aclvencGetChannelDescThreadId(const aclvencChannelDesc* d) { return d ? d->threadId : 0; }
aclvencCallback aclvencGetChannelDescCallback(const aclvencChannelDesc* d) { return d ? d->callback : nullptr; }
acldvppStreamFormat aclvencGetChannelDescEnType(const aclvencChannelDesc* d) { return d ? d->enType : H265_MAIN_LEVEL; }
acldvppPixelFormat aclvencGetChannelDescPicFormat(const aclvencChannelDesc* d) {
  return d ? d->picFormat : PIXEL_FORMAT_YUV_SEMIPLANAR_420;
}
uint32_t aclvencGetChannelDescPicWidth(const aclvencChannelDesc* d) { return d ? d->picWidth : 0; }
uint32_t aclvencGetChannelDescPicHeight(const aclvencChannelDesc* d) { return d ? d->picHeight : 0; }
uint32_t aclvencGetChannelDescKeyFrameInterval(const aclvencChannelDesc* d) { return d ? d->keyFrameInterval : 0; }
uint32_t aclvencGetChannelDescRcMode(const aclvencChannelDesc* d) { return d ? d->rcMode : 0; }
uint32_t aclvencGetChannelDescSrcRate(const aclvencChannelDesc* d) { return d ? d->srcRate : 0; }
uint32_t aclvencGetChannelDescMaxBitRate(const aclvencChannelDesc* d) { return d ? d->maxBitRate : 0; }
aclError aclvencGetChannelDescParam(const aclvencChannelDesc* d, aclvencChannelDescParamType type, size_t length,
                                    size_t* paramRetSize, void* param) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(d, "channelDesc"));
    RETURN_IF_ERROR(RequireDesc(paramRetSize, "paramRetSize"));
    RETURN_IF_ERROR(RequireDesc(param, "param"));
    const void* src = nullptr;
    size_t n = sizeof(uint32_t);
    switch (type) {
      case ACL_VENC_THREAD_ID_UINT64: src = &d->threadId; n = 8; break;
      case ACL_VENC_CALLBACK_PTR: src = &d->callback; n = sizeof(void*); break;
      case ACL_VENC_BUF_ADDR_PTR: src = &d->bufAddr; n = sizeof(void*); break;
      case ACL_VENC_PIXEL_FORMAT_UINT32: src = &d->picFormat; break;
      case ACL_VENC_ENCODE_TYPE_UINT32: src = &d->enType; break;
      case ACL_VENC_PIC_WIDTH_UINT32: src = &d->picWidth; break;
      case ACL_VENC_PIC_HEIGHT_UINT32: src = &d->picHeight; break;
      case ACL_VENC_KEY_FRAME_INTERVAL_UINT32: src = &d->keyFrameInterval; break;
      case ACL_VENC_BUF_SIZE_UINT32: src = &d->bufSize; break;
      case ACL_VENC_RC_MODE_UINT32: src = &d->rcMode; break;
      case ACL_VENC_SRC_RATE_UINT32: src = &d->srcRate; break;
      case ACL_VENC_MAX_BITRATE_UINT32: src = &d->maxBitRate; break;
      case ACL_VENC_MAX_IP_PROP_UINT32: src = &d->maxIpProp; break;
    }
    if (src == nullptr) return InvalidParam("paramType " + std::to_string(static_cast<int>(type)) + " is unknown");
    if (length < n) return InvalidParam("length " + std::to_string(length) + " is below " + std::to_string(n));
    std::memcpy(param, src, n);
    *paramRetSize = n;
    return Status::Ok();
  });
}
aclvencFrameConfig* aclvencCreateFrameConfig(void) { return Create<aclvencFrameConfig>(); }
aclError aclvencDestroyFrameConfig(aclvencFrameConfig* c) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(c, "config"));
    delete c;
    return Status::Ok();
  });
}
aclError aclvencSetFrameConfigForceIFrame(aclvencFrameConfig* c, uint8_t v) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(c, "config"));
    c->forceIFrame = v;
    return Status::Ok();
  });
}
aclError aclvencSetFrameConfigEos(aclvencFrameConfig* c, uint8_t v) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(c, "config"));
    c->eos = v;
    return Status::Ok();
  });
}
uint8_t aclvencGetFrameConfigForceIFrame(const aclvencFrameConfig* c) { return c ? c->forceIFrame : 0; }
uint8_t aclvencGetFrameConfigEos(const aclvencFrameConfig* c) { return c ? c->eos : 0; }

}  // extern "C"
