// zlib for Swift: inflating gzip files. inflateInit2 is a macro in zlib.h, so it is wrapped in a
// static inline function Swift can call.
#ifndef CLOUDPLAN_CZLIB_SHIM_H
#define CLOUDPLAN_CZLIB_SHIM_H
#include <zlib.h>

/// inflateInit2 accepting gzip and zlib headers (window bits 15 + 32).
static inline int cloudplan_inflate_init_auto(z_streamp stream) {
    return inflateInit2(stream, 15 + 32);
}
#endif
