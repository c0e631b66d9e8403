/* <ctype.h>: character classes of the "C" locale (ASCII only). */
#ifndef TS_NOLIBC_CTYPE_H
#define TS_NOLIBC_CTYPE_H

/*
 * Each takes an int that is EOF or representable as unsigned char and
 * returns non-zero when the character belongs to the class. Bytes above
 * 127 and EOF belong to no class.
 */
int isalnum(int c);
int isalpha(int c);
int isblank(int c);
int iscntrl(int c);
int isdigit(int c);
int isgraph(int c);
int islower(int c);
int isprint(int c);
int ispunct(int c);
int isspace(int c);
int isupper(int c);
int isxdigit(int c);

/* Case mapping of ASCII letters; any other value is returned unchanged. */
int tolower(int c);
int toupper(int c);

#endif
