/* <inttypes.h>: printf/scanf format macros for the <stdint.h> types. */
#ifndef TS_FREESTANDING_INTTYPES_H
#define TS_FREESTANDING_INTTYPES_H

#include <stdint.h>

/* Length modifier of int64_t and of intptr_t: "l" on LP64, "ll" otherwise. */
#if __SIZEOF_LONG__ == 8
#define __TS_PRI64 "l"
#else
#define __TS_PRI64 "ll"
#endif
#if __SIZEOF_POINTER__ == __SIZEOF_LONG__
#define __TS_PRIPTR "l"
#else
#define __TS_PRIPTR ""
#endif

#define PRId8 "d"
#define PRId16 "d"
#define PRId32 "d"
#define PRId64 __TS_PRI64 "d"
#define PRIi8 "i"
#define PRIi16 "i"
#define PRIi32 "i"
#define PRIi64 __TS_PRI64 "i"
#define PRIu8 "u"
#define PRIu16 "u"
#define PRIu32 "u"
#define PRIu64 __TS_PRI64 "u"
#define PRIo8 "o"
#define PRIo16 "o"
#define PRIo32 "o"
#define PRIo64 __TS_PRI64 "o"
#define PRIx8 "x"
#define PRIx16 "x"
#define PRIx32 "x"
#define PRIx64 __TS_PRI64 "x"
#define PRIX8 "X"
#define PRIX16 "X"
#define PRIX32 "X"
#define PRIX64 __TS_PRI64 "X"

/* The least types have the exact types' widths; the fast ones vary. */
#define PRIdLEAST8 PRId8
#define PRIdLEAST16 PRId16
#define PRIdLEAST32 PRId32
#define PRIdLEAST64 PRId64
#define PRIuLEAST8 PRIu8
#define PRIuLEAST16 PRIu16
#define PRIuLEAST32 PRIu32
#define PRIuLEAST64 PRIu64
#define PRIxLEAST8 PRIx8
#define PRIxLEAST16 PRIx16
#define PRIxLEAST32 PRIx32
#define PRIxLEAST64 PRIx64
#if __INT_FAST16_WIDTH__ == 64
#define __TS_PRIFAST16 __TS_PRI64
#else
#define __TS_PRIFAST16 ""
#endif
#if __INT_FAST32_WIDTH__ == 64
#define __TS_PRIFAST32 __TS_PRI64
#else
#define __TS_PRIFAST32 ""
#endif
#define PRIdFAST8 PRId8
#define PRIdFAST16 __TS_PRIFAST16 "d"
#define PRIdFAST32 __TS_PRIFAST32 "d"
#define PRIdFAST64 PRId64
#define PRIuFAST8 PRIu8
#define PRIuFAST16 __TS_PRIFAST16 "u"
#define PRIuFAST32 __TS_PRIFAST32 "u"
#define PRIuFAST64 PRIu64
#define PRIxFAST8 PRIx8
#define PRIxFAST16 __TS_PRIFAST16 "x"
#define PRIxFAST32 __TS_PRIFAST32 "x"
#define PRIxFAST64 PRIx64

#define PRIdMAX "jd"
#define PRIiMAX "ji"
#define PRIuMAX "ju"
#define PRIoMAX "jo"
#define PRIxMAX "jx"
#define PRIXMAX "jX"

#define PRIdPTR __TS_PRIPTR "d"
#define PRIiPTR __TS_PRIPTR "i"
#define PRIuPTR __TS_PRIPTR "u"
#define PRIoPTR __TS_PRIPTR "o"
#define PRIxPTR __TS_PRIPTR "x"
#define PRIXPTR __TS_PRIPTR "X"

#endif
