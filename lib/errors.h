/* Words for the error numbers of abi/errno.h, so that messages say
 * "no such file (ENOENT)" rather than "error 2". */
#ifndef LIB_ERRORS_H
#define LIB_ERRORS_H

/* What err means ("no such file"); "unknown error" for a number not in
 * abi/errno.h. err may be negative, as system calls return it: -2 and 2
 * are both ENOENT. */
const char *error_text(int err);

/* Its name ("ENOENT"), or "E?" for an unknown number; sign as above. */
const char *error_name(int err);

#endif
