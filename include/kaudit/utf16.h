/* UTF-16 decoded to UTF-8 as a stream is read (kubectl decodes it so). */
#ifndef KAUDIT_UTF16_H
#define KAUDIT_UTF16_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Code point cp (at most U+10FFFF) as UTF-8 at out: 1 to 4 bytes. */
size_t ka_utf8_put(char *out, uint32_t cp);

/*
 * Decode UTF-16 (big or little endian) bytes in[0..n), after the bytes
 * carried from the last call (carry[0..*ncarry)), into UTF-8 at out
 * (room for 2 * n + 8 bytes). What does not make a whole unit or pair yet
 * is carried to the next call; on the last call (last) it becomes U+FFFD,
 * as does an unpaired surrogate, as Go's decoder makes it. Returns the
 * bytes written.
 */
size_t ka_utf16_decode(bool big, unsigned char carry[4], size_t *ncarry,
		       const unsigned char *in, size_t n, char *out, bool last);

#endif
