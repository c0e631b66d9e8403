/* <stddef.h>: basic types and offsetof, from the compiler's predefined macros. */
#ifndef TS_FREESTANDING_STDDEF_H
#define TS_FREESTANDING_STDDEF_H

typedef __SIZE_TYPE__ size_t;
typedef __PTRDIFF_TYPE__ ptrdiff_t;
#ifndef __cplusplus
typedef __WCHAR_TYPE__ wchar_t;
#endif

#if __STDC_VERSION__ >= 201112L
/* The most strictly aligned scalar type (C11). */
typedef struct {
	long long __ll __attribute__((__aligned__(__alignof__(long long))));
	long double __ld __attribute__((__aligned__(__alignof__(long double))));
} max_align_t;
#endif

#undef NULL
#define NULL ((void *)0)

#define offsetof(type, member) __builtin_offsetof(type, member)

#endif
