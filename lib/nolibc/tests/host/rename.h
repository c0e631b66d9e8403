/*
 * rename.h: force-included (-include) into every file of a nolibc host
 * test, so that the very .c files of the kernel build can be linked next
 * to the host's C library, which the sanitizers and the reference
 * functions need.
 *
 * - Every public nolibc symbol is renamed nl_<name> (ELF would otherwise
 *   let our malloc or memcpy silently replace the host's in the whole
 *   process, sanitizer runtime included).
 * - The header files beside this one (stdio.h, string.h, sys/types.h,
 *   ts/plat/console.h, ...) come first on the include path and forward to
 *   nolibc's own headers (and to the real Tessera contract headers), and
 *   the tests are built with -nostdinc: library and tests see exactly
 *   the declarations the kernel build sees, never the host's.
 * - Tests reach the host's functions through declarations with asm
 *   labels (ref_snprintf is the host's snprintf, see check.h).
 */
#ifndef NOLIBC_TEST_RENAME_H
#define NOLIBC_TEST_RENAME_H

/* string.h, strings.h */
#define memcpy nl_memcpy
#define memmove nl_memmove
#define memset nl_memset
#define memcmp nl_memcmp
#define memchr nl_memchr
#define strlen nl_strlen
#define strnlen nl_strnlen
#define strcmp nl_strcmp
#define strncmp nl_strncmp
#define strcpy nl_strcpy
#define strncpy nl_strncpy
#define strcat nl_strcat
#define strncat nl_strncat
#define strchr nl_strchr
#define strrchr nl_strrchr
#define strstr nl_strstr
#define strpbrk nl_strpbrk
#define strspn nl_strspn
#define strcspn nl_strcspn
#define strtok_r nl_strtok_r
#define strtok nl_strtok
#define strdup nl_strdup
#define strndup nl_strndup
#define strerror nl_strerror
#define strcasecmp nl_strcasecmp
#define strncasecmp nl_strncasecmp

/* ctype.h */
#define isalnum nl_isalnum
#define isalpha nl_isalpha
#define isblank nl_isblank
#define iscntrl nl_iscntrl
#define isdigit nl_isdigit
#define isgraph nl_isgraph
#define islower nl_islower
#define isprint nl_isprint
#define ispunct nl_ispunct
#define isspace nl_isspace
#define isupper nl_isupper
#define isxdigit nl_isxdigit
#define tolower nl_tolower
#define toupper nl_toupper

/* stdio.h */
#define printf nl_printf
#define vprintf nl_vprintf
#define fprintf nl_fprintf
#define vfprintf nl_vfprintf
#define sprintf nl_sprintf
#define vsprintf nl_vsprintf
#define snprintf nl_snprintf
#define vsnprintf nl_vsnprintf
#define fputc nl_fputc
#define putc nl_putc
#define putchar nl_putchar
#define fputs nl_fputs
#define puts nl_puts
#define fwrite nl_fwrite
#define fflush nl_fflush
#define perror nl_perror
#define stdout nl_stdout
#define stderr nl_stderr

/* stdio.h: streams on files and scanning */
#define stdin nl_stdin
#define fopen nl_fopen
#define fdopen nl_fdopen
#define fclose nl_fclose
#define fileno nl_fileno
#define setvbuf nl_setvbuf
#define setbuf nl_setbuf
#define fgetc nl_fgetc
#define getc nl_getc
#define getchar nl_getchar
#define ungetc nl_ungetc
#define fgets nl_fgets
#define fread nl_fread
#define feof nl_feof
#define ferror nl_ferror
#define clearerr nl_clearerr
#define fseek nl_fseek
#define fseeko nl_fseeko
#define ftell nl_ftell
#define ftello nl_ftello
#define rewind nl_rewind
#define fgetpos nl_fgetpos
#define fsetpos nl_fsetpos
#define remove nl_remove
#define rename nl_rename
#define sscanf nl_sscanf
#define vsscanf nl_vsscanf
#define fscanf nl_fscanf
#define vfscanf nl_vfscanf
#define scanf nl_scanf
#define vscanf nl_vscanf

/* fcntl.h, unistd.h, sys/stat.h, dirent.h */
#define open nl_open
#define openat nl_openat
#define creat nl_creat
#define fcntl nl_fcntl
#define close nl_close
#define read nl_read
#define write nl_write
#define pread nl_pread
#define pwrite nl_pwrite
#define lseek nl_lseek
#define dup nl_dup
#define dup2 nl_dup2
#define ftruncate nl_ftruncate
#define truncate nl_truncate
#define fsync nl_fsync
#define fdatasync nl_fdatasync
#define unlink nl_unlink
#define unlinkat nl_unlinkat
#define rmdir nl_rmdir
#define link nl_link
#define linkat nl_linkat
#define symlink nl_symlink
#define symlinkat nl_symlinkat
#define readlink nl_readlink
#define readlinkat nl_readlinkat
#define access nl_access
#define faccessat nl_faccessat
#define getcwd nl_getcwd
#define chdir nl_chdir
#define fchdir nl_fchdir
#define stat nl_stat
#define lstat nl_lstat
#define fstat nl_fstat
#define fstatat nl_fstatat
#define mkdir nl_mkdir
#define mkdirat nl_mkdirat
#define chmod nl_chmod
#define fchmod nl_fchmod
#define opendir nl_opendir
#define fdopendir nl_fdopendir
#define readdir nl_readdir
#define rewinddir nl_rewinddir
#define dirfd nl_dirfd
#define closedir nl_closedir

/* stdlib.h */
#define malloc nl_malloc
#define calloc nl_calloc
#define realloc nl_realloc
#define free nl_free
#define aligned_alloc nl_aligned_alloc
#define memalign nl_memalign
#define posix_memalign nl_posix_memalign
#define strtol nl_strtol
#define strtoll nl_strtoll
#define strtoul nl_strtoul
#define strtoull nl_strtoull
#define strtod nl_strtod
#define strtof nl_strtof
#define atof nl_atof
#define atoi nl_atoi
#define atol nl_atol
#define atoll nl_atoll
#define qsort nl_qsort
#define bsearch nl_bsearch
#define abs nl_abs
#define labs nl_labs
#define llabs nl_llabs
#define div nl_div
#define ldiv nl_ldiv
#define lldiv nl_lldiv
#define rand nl_rand
#define srand nl_srand
#define exit nl_exit
#define _Exit nl__Exit
#define abort nl_abort
#define atexit nl_atexit
#define getenv nl_getenv
#define environ nl_environ

/* errno.h */
#define errno nl_errno

#endif
