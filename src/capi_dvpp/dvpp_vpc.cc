// VPC entry points: argument and rule checks at call time (Ascend310 profile, dvpp-api.md §5.8),
// the pixel work as one stream task per call (media/vpc.h), descriptors read at call time.
#include <vector>

#include "capi_dvpp/dvpp_api.h"
#include "media/vpc.h"

using openacl::InvalidParam;
using openacl::Status;
using openacl::StatusCode;
using openacl::dvpp::Guard;
using openacl::dvpp::RequireDesc;
namespace media = openacl::media;

namespace {

constexpr uint32_t kMaxBatchRois = 256;

struct VpcJob {
  media::Picture in;
  media::Picture out;
  media::Roi crop;
  media::Roi paste;
  media::ResizeFilter filter = media::ResizeFilter::kBilinear;
  acldvppPicDesc* out_desc = nullptr;
};

media::ResizeFilter FilterFor(const acldvppResizeConfig* cfg) {
  uint32_t i = cfg ? cfg->interpolation : 0;
  return (i == 2 || i == 4) ? media::ResizeFilter::kNearest : media::ResizeFilter::kBilinear;
}

Status CheckChannel(const acldvppChannelDesc* ch) {
  RETURN_IF_ERROR(RequireDesc(ch, "channelDesc"));
  if (!ch->created) return InvalidParam("channelDesc has no channel (call acldvppCreateChannel first)");
  return Status::Ok();
}

Status CheckPictures(const acldvppPicDesc* in, const acldvppPicDesc* out, const char* in_role,
                     const char* out_role, const char* api) {
  RETURN_IF_ERROR(RequireDesc(in, in_role));
  RETURN_IF_ERROR(RequireDesc(out, out_role));
  RETURN_IF_ERROR(RequireDesc(in->data, (std::string(in_role) + " data").c_str()));
  RETURN_IF_ERROR(RequireDesc(out->data, (std::string(out_role) + " data").c_str()));
  RETURN_IF_ERROR(media::CheckVpcInputPicture(openacl::dvpp::ToPicture(*in), in_role));
  RETURN_IF_ERROR(media::CheckVpcOutputPicture(openacl::dvpp::ToPicture(*out), out_role));
  RETURN_IF_ERROR(openacl::dvpp::CheckDeviceRange(in->data, in->size, (std::string(in_role) + " data").c_str(), api));
  return openacl::dvpp::CheckDeviceRange(out->data, out->size, (std::string(out_role) + " data").c_str(), api);
}

media::Roi Whole(const media::Picture& p) { return media::Roi{0, p.width - 1, 0, p.height - 1}; }

// Builds the job for one (input, output, crop?, paste?) after checking its rules.
Status MakeJob(const acldvppPicDesc* in, acldvppPicDesc* out, const acldvppRoiConfig* crop,
               const acldvppRoiConfig* paste, const acldvppResizeConfig* cfg, const char* in_role,
               const char* out_role, const char* api, VpcJob* job) {
  RETURN_IF_ERROR(CheckPictures(in, out, in_role, out_role, api));
  job->in = openacl::dvpp::ToPicture(*in);
  job->out = openacl::dvpp::ToPicture(*out);
  job->out_desc = out;
  job->filter = FilterFor(cfg);
  job->crop = Whole(job->in);
  if (crop != nullptr) {
    job->crop = openacl::dvpp::ToRoi(*crop);
    RETURN_IF_ERROR(media::CheckCropRoi(job->crop, job->in, out_role));
  }
  job->paste = Whole(job->out);
  if (paste != nullptr) {
    job->paste = openacl::dvpp::ToRoi(*paste);
    RETURN_IF_ERROR(media::CheckPasteRoi(job->paste, job->out, out_role));
  }
  return media::CheckScaleRatio(job->crop.width(), job->crop.height(), job->paste.width(), job->paste.height(),
                                out_role);
}

Status EnqueueJobs(aclrtStream stream, std::vector<VpcJob> jobs, const char* api) {
  return openacl::dvpp::Enqueue(stream, [jobs = std::move(jobs), api]() -> Status {
    Status first;
    for (const VpcJob& j : jobs) {
      Status st = openacl::dvpp::CheckDeviceRange(j.in.data, j.in.size, "input data", api);
      if (st.ok()) st = openacl::dvpp::CheckDeviceRange(j.out.data, j.out.size, "output data", api);
      if (st.ok()) st = media::CropResizePaste(j.in, j.crop, j.out, j.paste, j.filter);
      j.out_desc->retCode = openacl::dvpp::RetCodeFor(st.code());
      if (!st.ok() && first.ok()) first = st;
    }
    return first;
  });
}

aclError Single(const char* api, acldvppChannelDesc* ch, acldvppPicDesc* in, acldvppPicDesc* out,
                const acldvppRoiConfig* crop, bool need_crop, const acldvppRoiConfig* paste, bool need_paste,
                const acldvppResizeConfig* cfg, bool need_cfg, aclrtStream stream) {
  return Guard(api, [&]() -> Status {
    RETURN_IF_ERROR(CheckChannel(ch));
    if (need_crop) RETURN_IF_ERROR(RequireDesc(crop, "cropArea"));
    if (need_paste) RETURN_IF_ERROR(RequireDesc(paste, "pasteArea"));
    if (need_cfg) RETURN_IF_ERROR(RequireDesc(cfg, "resizeConfig"));
    std::vector<VpcJob> jobs(1);
    RETURN_IF_ERROR(MakeJob(in, out, crop, paste, cfg, "inputDesc", "outputDesc", api, &jobs[0]));
    return EnqueueJobs(stream, std::move(jobs), api);
  });
}

aclError Batch(const char* api, acldvppChannelDesc* ch, acldvppBatchPicDesc* src, uint32_t* roiNums, uint32_t size,
               acldvppBatchPicDesc* dst, acldvppRoiConfig* crops[], acldvppRoiConfig* pastes[], bool need_paste,
               const acldvppResizeConfig* cfg, bool need_cfg, aclrtStream stream) {
  return Guard(api, [&]() -> Status {
    RETURN_IF_ERROR(CheckChannel(ch));
    RETURN_IF_ERROR(RequireDesc(src, "srcBatchPicDescs"));
    RETURN_IF_ERROR(RequireDesc(dst, "dstBatchPicDescs"));
    RETURN_IF_ERROR(RequireDesc(roiNums, "roiNums"));
    RETURN_IF_ERROR(RequireDesc(crops, "cropAreas"));
    if (need_paste) RETURN_IF_ERROR(RequireDesc(pastes, "pasteAreas"));
    if (need_cfg) RETURN_IF_ERROR(RequireDesc(cfg, "resizeConfig"));
    if (size == 0 || size > src->pics.size()) {
      return InvalidParam("size " + std::to_string(size) + " must be in 1..the source batch size " +
                          std::to_string(src->pics.size()));
    }
    uint64_t total = 0;
    for (uint32_t i = 0; i < size; ++i) {
      if (roiNums[i] == 0) return InvalidParam("roiNums[" + std::to_string(i) + "] is 0");
      total += roiNums[i];
    }
    if (total > kMaxBatchRois) {
      return InvalidParam("the ROI count " + std::to_string(total) + " (sum of roiNums) exceeds 256");
    }
    if (total > dst->pics.size()) {
      return InvalidParam("the ROI count " + std::to_string(total) + " exceeds the destination batch size " +
                          std::to_string(dst->pics.size()));
    }
    std::vector<VpcJob> jobs(total);
    uint32_t k = 0;
    for (uint32_t i = 0; i < size; ++i) {
      for (uint32_t r = 0; r < roiNums[i]; ++r, ++k) {
        std::string in_role = "source picture " + std::to_string(i);
        std::string out_role = "destination picture " + std::to_string(k);
        if (crops[k] == nullptr) return InvalidParam("cropAreas[" + std::to_string(k) + "] is null");
        if (need_paste && pastes[k] == nullptr) return InvalidParam("pasteAreas[" + std::to_string(k) + "] is null");
        RETURN_IF_ERROR(MakeJob(&src->pics[i], &dst->pics[k], crops[k], need_paste ? pastes[k] : nullptr, cfg,
                                in_role.c_str(), out_role.c_str(), api, &jobs[k]));
      }
    }
    return EnqueueJobs(stream, std::move(jobs), api);
  });
}

}  // namespace

extern "C" {

aclError acldvppVpcResizeAsync(acldvppChannelDesc* ch, acldvppPicDesc* in, acldvppPicDesc* out,
                               acldvppResizeConfig* cfg, aclrtStream stream) {
  return Single(__func__, ch, in, out, nullptr, false, nullptr, false, cfg, true, stream);
}

aclError acldvppVpcCropAsync(acldvppChannelDesc* ch, acldvppPicDesc* in, acldvppPicDesc* out,
                             acldvppRoiConfig* crop, aclrtStream stream) {
  return Single(__func__, ch, in, out, crop, true, nullptr, false, nullptr, false, stream);
}

aclError acldvppVpcCropResizeAsync(acldvppChannelDesc* ch, acldvppPicDesc* in, acldvppPicDesc* out,
                                   acldvppRoiConfig* crop, acldvppResizeConfig* cfg, aclrtStream stream) {
  return Single(__func__, ch, in, out, crop, true, nullptr, false, cfg, true, stream);
}

aclError acldvppVpcCropAndPasteAsync(acldvppChannelDesc* ch, acldvppPicDesc* in, acldvppPicDesc* out,
                                     acldvppRoiConfig* crop, acldvppRoiConfig* paste, aclrtStream stream) {
  return Single(__func__, ch, in, out, crop, true, paste, true, nullptr, false, stream);
}

aclError acldvppVpcCropResizePasteAsync(acldvppChannelDesc* ch, acldvppPicDesc* in, acldvppPicDesc* out,
                                        acldvppRoiConfig* crop, acldvppRoiConfig* paste, acldvppResizeConfig* cfg,
                                        aclrtStream stream) {
  return Single(__func__, ch, in, out, crop, true, paste, true, cfg, true, stream);
}

aclError acldvppVpcBatchCropAsync(acldvppChannelDesc* ch, acldvppBatchPicDesc* src, uint32_t* roiNums,
                                  uint32_t size, acldvppBatchPicDesc* dst, acldvppRoiConfig* crops[],
                                  aclrtStream stream) {
  return Batch(__func__, ch, src, roiNums, size, dst, crops, nullptr, false, nullptr, false, stream);
}

aclError acldvppVpcBatchCropResizeAsync(acldvppChannelDesc* ch, acldvppBatchPicDesc* src, uint32_t* roiNums,
                                        uint32_t size, acldvppBatchPicDesc* dst, acldvppRoiConfig* crops[],
                                        acldvppResizeConfig* cfg, aclrtStream stream) {
  return Batch(__func__, ch, src, roiNums, size, dst, crops, nullptr, false, cfg, true, stream);
}

aclError acldvppVpcBatchCropAndPasteAsync(acldvppChannelDesc* ch, acldvppBatchPicDesc* src, uint32_t* roiNums,
                                          uint32_t size, acldvppBatchPicDesc* dst, acldvppRoiConfig* crops[],
                                          acldvppRoiConfig* pastes[], aclrtStream stream) {
  return Batch(__func__, ch, src, roiNums, size, dst, crops, pastes, true, nullptr, false, stream);
}

aclError acldvppVpcBatchCropResizePasteAsync(acldvppChannelDesc* ch, acldvppBatchPicDesc* src, uint32_t* roiNums,
                                             uint32_t size, acldvppBatchPicDesc* dst, acldvppRoiConfig* crops[],
                                             acldvppRoiConfig* pastes[], acldvppResizeConfig* cfg,
                                             aclrtStream stream) {
  return Batch(__func__, ch, src, roiNums, size, dst, crops, pastes, true, cfg, true, stream);
}

aclError acldvppVpcConvertColorAsync(acldvppChannelDesc* ch, acldvppPicDesc* in, acldvppPicDesc* out,
                                     aclrtStream stream) {
  return Guard(__func__, [&]() -> Status {
    const char* api = "acldvppVpcConvertColorAsync";
    RETURN_IF_ERROR(CheckChannel(ch));
    RETURN_IF_ERROR(RequireDesc(in, "inputDesc"));
    RETURN_IF_ERROR(RequireDesc(out, "outputDesc"));
    media::Picture pin = openacl::dvpp::ToPicture(*in), pout = openacl::dvpp::ToPicture(*out);
    if (pout.width == 0 && pout.height == 0) {
      pout.width = pin.width;
      pout.height = pin.height;
    }
    RETURN_IF_ERROR(media::CheckConvertColor(pin, pout));
    RETURN_IF_ERROR(openacl::dvpp::CheckDeviceRange(pin.data, pin.size, "inputDesc data", api));
    RETURN_IF_ERROR(openacl::dvpp::CheckDeviceRange(pout.data, pout.size, "outputDesc data", api));
    return openacl::dvpp::Enqueue(stream, [=]() -> Status {
      Status st = openacl::dvpp::CheckDeviceRange(pin.data, pin.size, "inputDesc data", api);
      if (st.ok()) st = openacl::dvpp::CheckDeviceRange(pout.data, pout.size, "outputDesc data", api);
      if (st.ok()) st = media::ConvertColor(pin, pout);
      out->retCode = openacl::dvpp::RetCodeFor(st.code());
      if (st.ok()) {
        out->width = pout.width;
        out->height = pout.height;
      }
      return st;
    });
  });
}


}  // extern "C"
