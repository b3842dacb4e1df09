// Descriptors: channel, picture, batch picture, ROI, resize and JPEG-encode configs, border,
// LUT and histogram. Getters on NULL return the documented default; setters on NULL give
// ACL_ERROR_INVALID_PARAM naming the argument.
#include <atomic>
#include <cstring>

#include "capi_dvpp/dvpp_api.h"

using openacl::InvalidParam;
using openacl::Status;
using openacl::dvpp::Create;
using openacl::dvpp::Guard;
using openacl::dvpp::RequireDesc;

namespace {

constexpr uint32_t kMaxBatch = 256;
constexpr uint32_t kMaxRoiValue = 65535;

std::atomic<uint64_t> g_next_channel_id{1};

template <typename D, typename F>
aclError SetField(const char* api, D* desc, const char* what, F&& assign) {
  return Guard(api, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(desc, what));
    assign(*desc);
    return Status::Ok();
  });
}

template <typename D>
aclError DestroyDesc(const char* api, D* desc, const char* what) {
  return Guard(api, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(desc, what));
    delete desc;
    return Status::Ok();
  });
}

Status CheckRoiValue(uint32_t v, const char* name) {
  if (v > kMaxRoiValue) {
    return InvalidParam(std::string(name) + " " + std::to_string(v) + " exceeds 65535");
  }
  return Status::Ok();
}

Status CheckRoi(uint32_t l, uint32_t r, uint32_t t, uint32_t b) {
  RETURN_IF_ERROR(CheckRoiValue(l, "left"));
  RETURN_IF_ERROR(CheckRoiValue(r, "right"));
  RETURN_IF_ERROR(CheckRoiValue(t, "top"));
  return CheckRoiValue(b, "bottom");
}

}  // namespace

extern "C" {

// ---- channel ----
acldvppChannelDesc* acldvppCreateChannelDesc(void) { return Create<acldvppChannelDesc>(); }

aclError acldvppDestroyChannelDesc(acldvppChannelDesc* channelDesc) {
  return DestroyDesc(__func__, channelDesc, "channelDesc");
}

uint64_t acldvppGetChannelDescChannelId(const acldvppChannelDesc* channelDesc) {
  return channelDesc ? channelDesc->channelId : 0;
}

aclError acldvppSetChannelDescMode(acldvppChannelDesc* channelDesc, uint32_t mode) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(channelDesc, "channelDesc"));
    if (mode == 0 || mode > 15) {
      return InvalidParam("mode " + std::to_string(mode) +
                          " is not a combination of DVPP_CHNMODE_VPC/JPEGD/JPEGE/PNGD (1..15)");
    }
    channelDesc->mode = mode;
    return Status::Ok();
  });
}

aclError acldvppSetChannelDescParam(acldvppChannelDesc* channelDesc, acldvppChannelDescParamType paramType,
                                    size_t length, const void* param) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(channelDesc, "channelDesc"));
    RETURN_IF_ERROR(RequireDesc(param, "param"));
    if (paramType != ACL_DVPP_CSC_MATRIX_UINT32) {
      return InvalidParam("paramType " + std::to_string(static_cast<int>(paramType)) + " is unknown");
    }
    if (length != sizeof(uint32_t)) return InvalidParam("length " + std::to_string(length) + " must be 4");
    uint32_t v;
    std::memcpy(&v, param, sizeof(v));
    if (v > ACL_DVPP_CSC_MATRIX_BT2020_NARROW) return InvalidParam("CSC matrix " + std::to_string(v) + " is unknown");
    channelDesc->cscMatrix = v;
    return Status::Ok();
  });
}

aclError acldvppGetChannelDescParam(const acldvppChannelDesc* channelDesc, acldvppChannelDescParamType paramType,
                                    size_t length, size_t* paramRetSize, void* param) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(channelDesc, "channelDesc"));
    RETURN_IF_ERROR(RequireDesc(paramRetSize, "paramRetSize"));
    RETURN_IF_ERROR(RequireDesc(param, "param"));
    if (paramType != ACL_DVPP_CSC_MATRIX_UINT32) {
      return InvalidParam("paramType " + std::to_string(static_cast<int>(paramType)) + " is unknown");
    }
    if (length < sizeof(uint32_t)) return InvalidParam("length " + std::to_string(length) + " is below 4");
    std::memcpy(param, &channelDesc->cscMatrix, sizeof(uint32_t));
    *paramRetSize = sizeof(uint32_t);
    return Status::Ok();
  });
}

aclError acldvppCreateChannel(acldvppChannelDesc* channelDesc) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(channelDesc, "channelDesc"));
    RETURN_IF_ERROR(openacl::dvpp::RequireContext("acldvppCreateChannel"));
    if (channelDesc->created) return InvalidParam("channelDesc already has channel " +
                                                  std::to_string(channelDesc->channelId));
    channelDesc->channelId = g_next_channel_id.fetch_add(1);
    channelDesc->created = true;
    return Status::Ok();
  });
}

aclError acldvppDestroyChannel(acldvppChannelDesc* channelDesc) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(channelDesc, "channelDesc"));
    if (!channelDesc->created) return InvalidParam("channelDesc has no channel (acldvppCreateChannel not called)");
    channelDesc->created = false;
    return Status::Ok();
  });
}

// ---- picture description ----
acldvppPicDesc* acldvppCreatePicDesc(void) { return Create<acldvppPicDesc>(); }
aclError acldvppDestroyPicDesc(acldvppPicDesc* picDesc) { return DestroyDesc(__func__, picDesc, "picDesc"); }

aclError acldvppSetPicDescData(acldvppPicDesc* picDesc, void* dataDev) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(picDesc, "picDesc"));
    RETURN_IF_ERROR(RequireDesc(dataDev, "dataDev"));
    picDesc->data = dataDev;
    return Status::Ok();
  });
}
aclError acldvppSetPicDescSize(acldvppPicDesc* d, uint32_t v) {
  return SetField(__func__, d, "picDesc", [&](acldvppPicDesc& p) { p.size = v; });
}
aclError acldvppSetPicDescFormat(acldvppPicDesc* d, acldvppPixelFormat v) {
  return SetField(__func__, d, "picDesc", [&](acldvppPicDesc& p) { p.format = v; });
}
aclError acldvppSetPicDescWidth(acldvppPicDesc* d, uint32_t v) {
  return SetField(__func__, d, "picDesc", [&](acldvppPicDesc& p) { p.width = v; });
}
aclError acldvppSetPicDescHeight(acldvppPicDesc* d, uint32_t v) {
  return SetField(__func__, d, "picDesc", [&](acldvppPicDesc& p) { p.height = v; });
}
aclError acldvppSetPicDescWidthStride(acldvppPicDesc* d, uint32_t v) {
  return SetField(__func__, d, "picDesc", [&](acldvppPicDesc& p) { p.widthStride = v; });
}
aclError acldvppSetPicDescHeightStride(acldvppPicDesc* d, uint32_t v) {
  return SetField(__func__, d, "picDesc", [&](acldvppPicDesc& p) { p.heightStride = v; });
}
aclError acldvppSetPicDescRetCode(acldvppPicDesc* d, uint32_t v) {
  return SetField(__func__, d, "picDesc", [&](acldvppPicDesc& p) { p.retCode = v; });
}
void* acldvppGetPicDescData(const acldvppPicDesc* d) { return d ? d->data : nullptr; }
uint32_t acldvppGetPicDescSize(const acldvppPicDesc* d) { return d ? d->size : 0; }
acldvppPixelFormat acldvppGetPicDescFormat(const acldvppPicDesc* d) { return d ? d->format : PIXEL_FORMAT_YUV_400; }
uint32_t acldvppGetPicDescWidth(const acldvppPicDesc* d) { return d ? d->width : 0; }
uint32_t acldvppGetPicDescHeight(const acldvppPicDesc* d) { return d ? d->height : 0; }
uint32_t acldvppGetPicDescWidthStride(const acldvppPicDesc* d) { return d ? d->widthStride : 0; }
uint32_t acldvppGetPicDescHeightStride(const acldvppPicDesc* d) { return d ? d->heightStride : 0; }
uint32_t acldvppGetPicDescRetCode(const acldvppPicDesc* d) { return d ? d->retCode : 0; }

// ---- batch picture description ----
acldvppBatchPicDesc* acldvppCreateBatchPicDesc(uint32_t batchSize) {
  if (batchSize == 0 || batchSize > kMaxBatch) {
    openacl::dvpp::Report("acldvppCreateBatchPicDesc",
                          InvalidParam("batchSize " + std::to_string(batchSize) + " is outside 1..256"));
    return nullptr;
  }
  acldvppBatchPicDesc* b = Create<acldvppBatchPicDesc>();
  if (b == nullptr) return nullptr;
  try {
    b->pics.resize(batchSize);
  } catch (...) {
    delete b;
    return nullptr;
  }
  return b;
}

acldvppPicDesc* acldvppGetPicDesc(acldvppBatchPicDesc* batchPicDesc, uint32_t index) {
  if (batchPicDesc == nullptr || index >= batchPicDesc->pics.size()) return nullptr;
  return &batchPicDesc->pics[index];
}

aclError acldvppDestroyBatchPicDesc(acldvppBatchPicDesc* batchPicDesc) {
  delete batchPicDesc;  // NULL is fine
  return ACL_SUCCESS;
}

// ---- ROI ----
acldvppRoiConfig* acldvppCreateRoiConfig(uint32_t left, uint32_t right, uint32_t top, uint32_t bottom) {
  Status st = CheckRoi(left, right, top, bottom);
  if (!st.ok()) {
    openacl::dvpp::Report("acldvppCreateRoiConfig", st);
    return nullptr;
  }
  acldvppRoiConfig* r = Create<acldvppRoiConfig>();
  if (r != nullptr) *r = acldvppRoiConfig{left, right, top, bottom};
  return r;
}
aclError acldvppDestroyRoiConfig(acldvppRoiConfig* roiConfig) { return DestroyDesc(__func__, roiConfig, "roiConfig"); }

aclError acldvppSetRoiConfigLeft(acldvppRoiConfig* config, uint32_t v) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(config, "config"));
    RETURN_IF_ERROR(CheckRoiValue(v, "left"));
    config->left = v;
    return Status::Ok();
  });
}
aclError acldvppSetRoiConfigRight(acldvppRoiConfig* config, uint32_t v) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(config, "config"));
    RETURN_IF_ERROR(CheckRoiValue(v, "right"));
    config->right = v;
    return Status::Ok();
  });
}
aclError acldvppSetRoiConfigTop(acldvppRoiConfig* config, uint32_t v) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(config, "config"));
    RETURN_IF_ERROR(CheckRoiValue(v, "top"));
    config->top = v;
    return Status::Ok();
  });
}
aclError acldvppSetRoiConfigBottom(acldvppRoiConfig* config, uint32_t v) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(config, "config"));
    RETURN_IF_ERROR(CheckRoiValue(v, "bottom"));
    config->bottom = v;
    return Status::Ok();
  });
}

aclError acldvppSetRoiConfig(acldvppRoiConfig* config, uint32_t left, uint32_t right, uint32_t top, uint32_t bottom) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(config, "config"));
    RETURN_IF_ERROR(CheckRoi(left, right, top, bottom));
    *config = acldvppRoiConfig{left, right, top, bottom};
    return Status::Ok();
  });
}

// ---- resize config ----
acldvppResizeConfig* acldvppCreateResizeConfig(void) { return Create<acldvppResizeConfig>(); }
aclError acldvppDestroyResizeConfig(acldvppResizeConfig* c) { return DestroyDesc(__func__, c, "resizeConfig"); }
aclError acldvppSetResizeConfigInterpolation(acldvppResizeConfig* resizeConfig, uint32_t interpolation) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(resizeConfig, "resizeConfig"));
    if (interpolation > 4) {
      return InvalidParam("interpolation " + std::to_string(interpolation) +
                          " is outside 0..4 (0 default, 1 bilinear, 2 nearest, 3 bilinear TF, 4 nearest TF)");
    }
    resizeConfig->interpolation = interpolation;
    return Status::Ok();
  });
}
uint32_t acldvppGetResizeConfigInterpolation(const acldvppResizeConfig* c) { return c ? c->interpolation : 0; }

// ---- JPEG-encode config ----
acldvppJpegeConfig* acldvppCreateJpegeConfig(void) { return Create<acldvppJpegeConfig>(); }
aclError acldvppDestroyJpegeConfig(acldvppJpegeConfig* c) { return DestroyDesc(__func__, c, "jpegeConfig"); }
aclError acldvppSetJpegeConfigLevel(acldvppJpegeConfig* jpegeConfig, uint32_t level) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(jpegeConfig, "jpegeConfig"));
    if (level > 100) return InvalidParam("level " + std::to_string(level) + " is outside 0..100");
    jpegeConfig->level = level;
    return Status::Ok();
  });
}
uint32_t acldvppGetJpegeConfigLevel(const acldvppJpegeConfig* c) { return c ? c->level : 0; }

// ---- border config ----
acldvppBorderConfig* acldvppCreateBorderConfig(void) { return Create<acldvppBorderConfig>(); }
aclError acldvppDestroyBorderConfig(acldvppBorderConfig* c) { return DestroyDesc(__func__, c, "borderConfig"); }
aclError acldvppSetBorderConfigValue(acldvppBorderConfig* c, uint32_t index, double value) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(c, "borderConfig"));
    if (index >= 4) return InvalidParam("index " + std::to_string(index) + " is outside 0..3");
    c->value[index] = value;
    return Status::Ok();
  });
}
aclError acldvppSetBorderConfigBorderType(acldvppBorderConfig* c, acldvppBorderType t) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(c, "borderConfig"));
    if (static_cast<uint32_t>(t) > BORDER_REFLECT_101) {
      return InvalidParam("borderType " + std::to_string(static_cast<int>(t)) + " is unknown");
    }
    c->borderType = t;
    return Status::Ok();
  });
}
aclError acldvppSetBorderConfigTop(acldvppBorderConfig* c, uint32_t v) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(c, "borderConfig"));
    RETURN_IF_ERROR(CheckRoiValue(v, "top"));
    c->top = v;
    return Status::Ok();
  });
}
aclError acldvppSetBorderConfigBottom(acldvppBorderConfig* c, uint32_t v) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(c, "borderConfig"));
    RETURN_IF_ERROR(CheckRoiValue(v, "bottom"));
    c->bottom = v;
    return Status::Ok();
  });
}
aclError acldvppSetBorderConfigLeft(acldvppBorderConfig* c, uint32_t v) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(c, "borderConfig"));
    RETURN_IF_ERROR(CheckRoiValue(v, "left"));
    c->left = v;
    return Status::Ok();
  });
}
aclError acldvppSetBorderConfigRight(acldvppBorderConfig* c, uint32_t v) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(c, "borderConfig"));
    RETURN_IF_ERROR(CheckRoiValue(v, "right"));
    c->right = v;
    return Status::Ok();
  });
}
double acldvppGetBorderConfigValue(const acldvppBorderConfig* c, uint32_t index) {
  return (c == nullptr || index >= 4) ? -1.0 : c->value[index];
}
acldvppBorderType acldvppGetBorderConfigBorderType(const acldvppBorderConfig* c) {
  return c ? c->borderType : BORDER_CONSTANT;
}
uint32_t acldvppGetBorderConfigTop(const acldvppBorderConfig* c) { return c ? c->top : 0; }
uint32_t acldvppGetBorderConfigBottom(const acldvppBorderConfig* c) { return c ? c->bottom : 0; }
uint32_t acldvppGetBorderConfigLeft(const acldvppBorderConfig* c) { return c ? c->left : 0; }
uint32_t acldvppGetBorderConfigRight(const acldvppBorderConfig* c) { return c ? c->right : 0; }

// ---- LUT map (identity by default) ----
acldvppLutMap* acldvppCreateLutMap(void) {
  acldvppLutMap* m = Create<acldvppLutMap>();
  if (m != nullptr) {
    for (auto& dim : m->map)
      for (int i = 0; i < 256; ++i) dim[i] = static_cast<uint8_t>(i);
  }
  return m;
}
aclError acldvppDestroyLutMap(acldvppLutMap* m) { return DestroyDesc(__func__, m, "lutMap"); }
uint32_t acldvppGetLutMapDims(const acldvppLutMap* m) { return m ? 3 : 0; }
aclError acldvppGetLutMapData(const acldvppLutMap* m, uint32_t dim, uint8_t** data, uint32_t* len) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(m, "lutMap"));
    RETURN_IF_ERROR(RequireDesc(data, "data"));
    RETURN_IF_ERROR(RequireDesc(len, "len"));
    if (dim >= 3) return InvalidParam("dim " + std::to_string(dim) + " is outside 0..2");
    *data = const_cast<uint8_t*>(m->map[dim]);
    *len = 256;
    return Status::Ok();
  });
}

// ---- histogram ----
acldvppHist* acldvppCreateHist(void) {
  acldvppHist* h = Create<acldvppHist>();
  if (h != nullptr) std::memset(h->bins, 0, sizeof(h->bins));
  return h;
}
aclError acldvppDestroyHist(acldvppHist* h) { return DestroyDesc(__func__, h, "hist"); }
uint32_t acldvppGetHistDims(acldvppHist* h) { return h ? 3 : 0; }
aclError acldvppGetHistData(acldvppHist* h, uint32_t dim, uint32_t** data, uint16_t* len) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(h, "hist"));
    RETURN_IF_ERROR(RequireDesc(data, "data"));
    RETURN_IF_ERROR(RequireDesc(len, "len"));
    if (dim >= 3) return InvalidParam("dim " + std::to_string(dim) + " is outside 0..2");
    *data = h->bins[dim];
    *len = 256;
    return Status::Ok();
  });
}
uint32_t acldvppGetHistRetCode(acldvppHist* h) { return h ? h->retCode : 0; }
aclError acldvppClearHist(acldvppHist* h) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(h, "hist"));
    std::memset(h->bins, 0, sizeof(h->bins));
    return Status::Ok();
  });
}

// ---- stream description ----
acldvppStreamDesc* acldvppCreateStreamDesc(void) { return Create<acldvppStreamDesc>(); }
aclError acldvppDestroyStreamDesc(acldvppStreamDesc* d) { return DestroyDesc(__func__, d, "streamDesc"); }
aclError acldvppSetStreamDescData(acldvppStreamDesc* d, void* dataDev) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(RequireDesc(d, "streamDesc"));
    RETURN_IF_ERROR(RequireDesc(dataDev, "dataDev"));
    d->data = dataDev;
    return Status::Ok();
  });
}
aclError acldvppSetStreamDescSize(acldvppStreamDesc* d, uint32_t v) {
  return SetField(__func__, d, "streamDesc", [&](acldvppStreamDesc& s) { s.size = v; });
}
aclError acldvppSetStreamDescFormat(acldvppStreamDesc* d, acldvppStreamFormat v) {
  return SetField(__func__, d, "streamDesc", [&](acldvppStreamDesc& s) { s.format = v; });
}
aclError acldvppSetStreamDescTimestamp(acldvppStreamDesc* d, uint64_t v) {
  return SetField(__func__, d, "streamDesc", [&](acldvppStreamDesc& s) { s.timestamp = v; });
}
aclError acldvppSetStreamDescRetCode(acldvppStreamDesc* d, uint32_t v) {
  return SetField(__func__, d, "streamDesc", [&](acldvppStreamDesc& s) { s.retCode = v; });
}
aclError acldvppSetStreamDescEos(acldvppStreamDesc* d, uint8_t v) {
  return SetField(__func__, d, "streamDesc", [&](acldvppStreamDesc& s) { s.eos = v; });
}
void* acldvppGetStreamDescData(const acldvppStreamDesc* d) { return d ? d->data : nullptr; }
uint32_t acldvppGetStreamDescSize(const acldvppStreamDesc* d) { return d ? d->size : 0; }
acldvppStreamFormat acldvppGetStreamDescFormat(const acldvppStreamDesc* d) { return d ? d->format : H265_MAIN_LEVEL; }
uint64_t acldvppGetStreamDescTimestamp(const acldvppStreamDesc* d) { return d ? d->timestamp : 0; }
uint32_t acldvppGetStreamDescRetCode(const acldvppStreamDesc* d) { return d ? d->retCode : 0; }
uint8_t acldvppGetStreamDescEos(const acldvppStreamDesc* d) { return d ? d->eos : 0; }

// ---- memory ----
aclError acldvppMalloc(void** devPtr, size_t size) {
  return Guard(__func__, [&] { return openacl::dvpp::DeviceMalloc(devPtr, size, "acldvppMalloc"); });
}

aclError acldvppFree(void* devPtr) {
  return Guard(__func__, [&] { return openacl::dvpp::DeviceFree(devPtr); });
}

}  // extern "C"
