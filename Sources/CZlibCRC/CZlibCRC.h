// zlib's crc32 (the zip / gzip CRC-32, with its slicing and SIMD code paths) for NetworkFiles.
#include <zlib.h>
