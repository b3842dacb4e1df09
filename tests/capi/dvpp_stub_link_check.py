#!/usr/bin/python3
"""Installs the build into a temporary prefix and builds a tiny C app the way CANN apps are
built: -I$DDK_PATH/runtime/include -L$DDK_PATH/runtime/lib64/stub -lascendcl -lacl_dvpp, then
runs it (LD_LIBRARY_PATH=runtime/lib64): acldvppMalloc + a picture desc + JPEG header parsing.
usage: dvpp_stub_link_check.py --build BUILD"""
import argparse
import os
import subprocess
import sys
import tempfile

APP = r"""
#include <stdio.h>
#include "acl/acl.h"
#include "acl/ops/acl_dvpp.h"
int main(void) {
  void *p = NULL;
  acldvppPicDesc *d;
  if (aclInit(NULL) != ACL_SUCCESS || aclrtSetDevice(0) != ACL_SUCCESS) return 1;
  if (acldvppMalloc(&p, 1000) != ACL_SUCCESS) return 2;
  d = acldvppCreatePicDesc();
  if (d == NULL || acldvppSetPicDescData(d, p) != ACL_SUCCESS) return 3;
  if (acldvppGetPicDescData(d) != p) return 4;
  if (acldvppJpegGetImageInfo(p, 16, NULL, NULL, NULL) != ACL_SUCCESS) return 5;
  acldvppDestroyPicDesc(d);
  if (acldvppFree(p) != ACL_SUCCESS) return 6;
  printf("soc %s\n", aclrtGetSocName());
  aclrtResetDevice(0);
  aclFinalize();
  return 0;
}
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as work:
        prefix = os.path.join(work, "cann")
        subprocess.run(["cmake", "--install", args.build, "--prefix", prefix], check=True,
                       stdout=subprocess.DEVNULL)
        stub = os.path.join(prefix, "runtime", "lib64", "stub")
        for lib in ("libascendcl.so", "libacl_dvpp.so"):
            if not os.path.exists(os.path.join(stub, lib)):
                print(f"FAIL: {lib} missing from {stub}")
                return 1
        src = os.path.join(work, "app.c")
        open(src, "w").write(APP)
        exe = os.path.join(work, "app")
        subprocess.run(["cc", "-std=c99", "-Wall", "-Werror", "-DENABLE_DVPP_INTERFACE",
                        "-I" + os.path.join(prefix, "runtime", "include"), src, "-o", exe,
                        "-L" + stub, "-lascendcl", "-lacl_dvpp"], check=True)
        env = dict(os.environ, LD_LIBRARY_PATH=os.path.join(prefix, "runtime", "lib64"))
        out = subprocess.run([exe], env=env, capture_output=True, text=True)
        print(out.stdout.strip())
        if out.returncode != 0:
            print(f"FAIL: app exited {out.returncode}: {out.stderr[-2000:]}")
            return 1
    print("dvpp_stub_link: 1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
