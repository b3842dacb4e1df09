/* libopenacl_omp_defaults.so: gives libgomp a short spin before its worker threads sleep.
 *
 * libgomp reads OMP_WAIT_POLICY / GOMP_SPINCOUNT once, in its own constructor. Its default
 * (300000 spins, about 3-20 ms) is fine on an idle machine but ruinous on a busy one: every
 * oneDNN primitive ends in a barrier, and a thread that spins while its peer is preempted burns
 * its time slice; ResNet-50 went from ~30 ms (idle) to 340-800 ms under a load of ~10 on 2 cores,
 * against ~100 ms with a short spin, which costs nothing measurable when idle.
 *
 * This library is linked into libascendcl right after libgomp. The dynamic loader runs the
 * constructors of later-listed dependencies first, so this runs before libgomp's constructor.
 * A value the user set (either variable) is kept. If libgomp was already loaded by someone else
 * (e.g. an OpenMP program or another library loaded first), this has no effect. */
#include <stdlib.h>

__attribute__((constructor)) static void openacl_omp_defaults(void) {
  if (getenv("OMP_WAIT_POLICY") || getenv("GOMP_SPINCOUNT")) return;
  const char* spin = getenv("OPENACL_SPINCOUNT");
  setenv("GOMP_SPINCOUNT", spin && spin[0] ? spin : "3000", 0);
}
