/* openacl: the graph-engine error codes live beside the acl headers so that an install of
 * include/acl/ is self-contained; this path mirrors AscendCL's include/ge/ layout. */
#include "../acl/error_codes/ge_error_codes.h"
